"""The leak scan: after every build, read every output file and fail if any private value appears.

It reads with the one privacy matcher (`awards.rules.matcher`) that `awards validate` runs on every
published field, so what validate passed the scan passes too. The secrets are every record's private
values as the schemas mark them (ID number and the birth date in it, phones, e-mail, photo, the 征求意见
signers) and, before the publicity, the nominees' names; the matcher also finds anybody's ID number,
mobile or landline in the site's own text. Every file is read: HTML, the search index (JSON,
segmented with zero-width spaces by jieba), the sitemap (also gzipped), the text of every PDF, and the
bytes of images and fonts.

Findings name the file and the record, never the value: the build log may be read by more people
than the records.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from awards.read.load import Document
from awards.rules import matcher
from awards.rules.loader import Rules
from awards.rules.matcher import Matcher, Secret
from awards.rules.private import record_secrets, site_rules
from awards.site.pdftext import pdf_text, workers

_TAG = re.compile(r"<[^>]*>")
_TEXT_SUFFIXES = {".html", ".htm", ".xml", ".txt", ".css", ".js", ".svg", ".md", ".map"}
# The site's own prose, where anybody's number is looked for; the theme's scripts and styles are not.
_PROSE_SUFFIXES = {".html", ".htm", ".xml", ".txt", ".json", ".md", ".pdf"}
NAMES_LABEL = "名称（公示开始前不得公开）"
UNREADABLE_LABEL = "无法读取的内容，不能确认其中没有个人信息"


@dataclass(frozen=True, slots=True)
class Leak:
    file: str
    label: str
    source: str | None  # the record whose value it is; None: a number of somebody not in the records

    def message(self) -> str:
        if self.label == UNREADABLE_LABEL:
            return f"{self.file} 是{self.label}（文件可能已损坏）"
        whose = f"{self.source} 的" if self.source else "他人的"
        return f"{self.file} 含有 {whose}{self.label}（不得公开）"


def secrets(docs: list[Document], rules: Rules, names: bool) -> list[Secret]:
    """Every private value of every record; with `names`, the nominees' names as well."""
    out: list[Secret] = []
    policy = site_rules(rules).privacy
    for doc in docs:
        schema = rules.schemas.get(doc.kind)
        if schema is None:
            continue
        out += record_secrets(schema, doc.data, doc.path, policy)
        if names and doc.kind in {"window", "individual"}:
            field = "窗口名称" if doc.kind == "window" else "姓名"
            name = (doc.data or {}).get(field)
            if isinstance(name, str) and name.strip():
                out += matcher.text_secret(NAMES_LABEL, name, doc.path, name=doc.kind == "individual")
    return out


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


_IDENTIFIER = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def set_aside(records: Iterable[dict[str, Any]], campaign: dict[str, Any]) -> frozenset[str]:
    """What a build prints on purpose and the scan must not read as anyone's data (`scan(ignore=)`).

    - The SHA-256s and commits of the archive `records` (manifest, page footers): a digit run such as
      196603 turns up in one hash in a few thousand, and the build would fail at random, the more
      often the more people are listed. Only values of exactly that shape, never text from a record.
    - The office's own phone numbers and e-mail (rules/campaign.yml `contact`): never a nominee's
      secret, and their digits must not be read as someone's birth month either.
    """
    hashes = (
        value
        for record in records
        for key in ("sha256", "list_sha256", "commit")
        if isinstance(value := record.get(key), str) and _IDENTIFIER.fullmatch(value)
    )
    contact = campaign.get("contact") or {}
    offices = [*(contact.get("phones") or []), contact.get("email")]
    return frozenset([*hashes, *(v for v in offices if isinstance(v, str) and v.strip())])


class _Number(str):
    """A JSON number as it is written (json.loads hands over the digits of every int and float)."""


def views(name: str, data: bytes, ignore: frozenset[str] = frozenset()) -> list[str]:
    """The texts a reader (or a search engine) could get out of one file; `ignore` (`set_aside`)
    are blanked out of them first. A binary file gives one view: its bytes as latin-1."""
    if name.endswith(".gz"):
        return views(name[:-3], gzip.decompress(data), ignore)
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        text = pdf_text(data)
    elif suffix == ".json":
        raw = data.decode("utf-8", errors="replace")
        try:
            # What a reader of the data gets: every key and string decoded (escapes such as \u200b
            # undone) and every number as written; the raw text between them adds nothing to find.
            text = "\n".join(_strings(json.loads(raw, parse_int=_Number, parse_float=_Number)))
        except (json.JSONDecodeError, RecursionError):
            text = raw
    elif suffix in _TEXT_SUFFIXES:
        text = data.decode("utf-8", errors="replace")
    else:
        # Images, fonts: look for the values' bytes as they are (latin-1 keeps every byte).
        return [data.decode("latin-1")]
    text = html.unescape(text)
    for value in ignore:
        text = text.replace(value, "〔标识〕")
    # Markup can split a value (0351-<b></b>7236418): the text without tags is read too, when it differs.
    return [text, _TAG.sub("", text)] if "<" in text else [text]


Hits = frozenset[tuple[str, str | None]]  # (label, record) of every private value found in one file


class Scanner:
    """The leak scan of one build: one matcher for all the secrets (Aho–Corasick: one pass per text
    whatever their number), files read on every core, and files known before MkDocs runs (the 公示
    archive: the PDF and its list) read in the background meanwhile (`start`)."""

    def __init__(
        self, found: list[Secret], ignore: frozenset[str] = frozenset(), exempt: frozenset[str] = frozenset()
    ) -> None:
        # A birth month is looked for only in the record's own published fields (by validate, which
        # the build runs first): in a page of many records a month is nobody's, and blaming one would
        # stop the 公示 for a date in another record's story. Whole numbers and names are looked for here.
        self._finder = Matcher([s for s in found if s.kind != "month"], exempt)
        self._ignore = ignore
        self._early: Future[dict[str, tuple[str, Hits | None]]] | None = None
        self._pool: ProcessPoolExecutor | None = None

    def hits(self, name: str, data: bytes) -> Hits | None:
        """What one file holds, by its name in the site and its bytes; None: it cannot be read."""
        try:
            texts = views(name, data, self._ignore)
        except Exception:
            return None
        generic = Path(name.removesuffix(".gz")).suffix.lower() in _PROSE_SUFFIXES
        return frozenset(
            (f.label, f.source) for text in texts for f in self._finder.find(text, generic=generic)
        )

    def start(self, files: dict[str, bytes]) -> None:
        """Read these files (name in the site → bytes) in the background; `scan` takes their findings
        for a published file of the same name only if its bytes are the same (SHA-256)."""
        if files:
            self._pool = ProcessPoolExecutor(1, _FORK, initializer=_adopt, initargs=(self, files))
            self._early = self._pool.submit(_early_hits)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def scan(self, out_dir: Path, progress: Callable[[int, int], None] | None = None) -> list[Leak]:
        """Every (file, record, label) where a private value appears in a file under `out_dir`, each once."""
        known: dict[str, tuple[str, Hits | None]] = {}
        try:
            known = self._early.result() if self._early is not None else {}
        except Exception:  # the background reading failed: every file is read below
            pass
        finally:
            self.close()
        files = sorted(p for p in out_dir.rglob("*") if p.is_file())
        found: dict[str, Hits | None] = {}
        rest: list[tuple[str, Path]] = []
        for path in files:
            rel = path.relative_to(out_dir).as_posix()
            if rel in known and known[rel][0] == hashlib.sha256(path.read_bytes()).hexdigest():
                found[rel] = known[rel][1]
            else:
                rest.append((rel, path))
        done = len(found)
        for rel, hits in self._read_all(rest):
            found[rel] = hits
            done += 1
            if progress is not None:
                progress(done, len(files))
        leaks: list[Leak] = []
        for path in files:
            rel = path.relative_to(out_dir).as_posix()
            hits = found[rel]
            if hits is None:
                # What cannot be read cannot be shown to hold nothing private: it is not published.
                leaks.append(Leak(rel, UNREADABLE_LABEL, None))
                continue
            leaks += [
                Leak(rel, label, source) for label, source in sorted(hits, key=lambda h: (h[1] or "", h[0]))
            ]
        return leaks

    def _read_all(self, files: list[tuple[str, Path]]) -> Iterator[tuple[str, Hits | None]]:
        size = sum(path.stat().st_size for _, path in files)
        cores = workers()
        if size < PARALLEL_BYTES or cores < 2 or len(files) < 2:
            for rel, path in files:
                yield rel, self.hits(rel, path.read_bytes())
            return
        # Largest first, one file at a time: the cores finish together.
        files = sorted(files, key=lambda f: -f[1].stat().st_size)
        with ProcessPoolExecutor(cores, _FORK, initializer=_adopt, initargs=(self, {})) as pool:
            yield from zip((rel for rel, _ in files), pool.map(_file_hits, files), strict=True)


# From this many bytes to read on, the files are shared out between the cores.
PARALLEL_BYTES = 4 << 20
# fork: the workers inherit the matcher (its automata of every secret) instead of receiving a copy.
_FORK = multiprocessing.get_context("fork")
_WORKER: tuple[Scanner, dict[str, bytes]] | None = None


def _adopt(scanner: Scanner, files: dict[str, bytes]) -> None:
    global _WORKER
    _WORKER = (scanner, files)
    # Ctrl-C is the build's to handle (it stops and discards the staging folder); a worker told too
    # would print its own traceback while waiting for work.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent()


def watch_parent(every: float = 0.5) -> None:
    """Leave when the build is gone: a build killed outright (SIGKILL) cannot shut its pool down, and
    a worker waiting for work would otherwise wait forever."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="awards-watch-parent", daemon=True).start()


def _file_hits(job: tuple[str, Path]) -> Hits | None:
    assert _WORKER is not None
    rel, path = job
    return _WORKER[0].hits(rel, path.read_bytes())


def _early_hits() -> dict[str, tuple[str, Hits | None]]:
    assert _WORKER is not None
    scanner, files = _WORKER
    return {
        name: (hashlib.sha256(data).hexdigest(), scanner.hits(name, data)) for name, data in files.items()
    }


def scan(
    out_dir: Path,
    found: list[Secret],
    progress: Callable[[int, int], None] | None = None,
    ignore: frozenset[str] = frozenset(),
    exempt: frozenset[str] = frozenset(),
) -> list[Leak]:
    """Every (file, record, label) where a private value appears in the file, each once (`Scanner`).

    `exempt`: the campaign's own published numbers (`private.published_numbers`), as validate has them.
    """
    return Scanner(found, ignore, exempt).scan(out_dir, progress)
