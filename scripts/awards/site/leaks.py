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
import html
import io
import json
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from awards.read.load import Document
from awards.rules import matcher
from awards.rules.matcher import Matcher, Secret
from awards.rules.private import record_secrets

_TAG = re.compile(r"<[^>]*>")
_TEXT_SUFFIXES = {".html", ".htm", ".xml", ".txt", ".css", ".js", ".svg", ".md", ".map"}
# The site's own prose, where anybody's number is looked for; the theme's scripts and styles are not.
_PROSE_SUFFIXES = {".html", ".htm", ".xml", ".txt", ".json", ".md", ".pdf"}
NAMES_LABEL = "名称（公示开始前不得公开）"


@dataclass(frozen=True, slots=True)
class Leak:
    file: str
    label: str
    source: str | None  # the record whose value it is; None: a number of somebody not in the records

    def message(self) -> str:
        whose = f"{self.source} 的" if self.source else "他人的"
        return f"{self.file} 含有 {whose}{self.label}（不得公开）"


def secrets(docs: list[Document], schemas: dict[str, dict[str, Any]], names: bool) -> list[Secret]:
    """Every private value of every record; with `names`, the nominees' names as well."""
    out: list[Secret] = []
    for doc in docs:
        schema = schemas.get(doc.kind)
        if schema is None:
            continue
        out += record_secrets(schema, doc.data, doc.path)
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


# From this many pages on, the text is extracted on every core: pypdf spends ~15 ms a page (it parses
# the fonts' CMaps again for each), which made this the slowest step of a build with a long 公示 list.
PARALLEL_PAGES = 60


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    count = len(reader.pages)
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8)
    if count < PARALLEL_PAGES or workers < 2:
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    step = -(-count // workers)
    spans = [(data, start, min(start + step, count)) for start in range(0, count, step)]
    with ProcessPoolExecutor(len(spans), multiprocessing.get_context("fork")) as pool:
        return "\n".join(pool.map(_pages_text, spans))


def _pages_text(span: tuple[bytes, int, int]) -> str:
    """The text of pages [start, end), joined exactly as the serial loop joins them."""
    from pypdf import PdfReader

    data, start, end = span
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(reader.pages[i].extract_text() or "" for i in range(start, end))


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
            text = raw + "\n" + "\n".join(_strings(json.loads(raw)))
        except json.JSONDecodeError:
            text = raw
    elif suffix in _TEXT_SUFFIXES:
        text = data.decode("utf-8", errors="replace")
    else:
        # Images, fonts: look for the values' bytes as they are (latin-1 keeps every byte).
        return [data.decode("latin-1")]
    text = html.unescape(text)
    for value in ignore:
        text = text.replace(value, "〔标识〕")
    return [text, _TAG.sub("", text)]


def scan(
    out_dir: Path,
    found: list[Secret],
    progress: Callable[[int, int], None] | None = None,
    ignore: frozenset[str] = frozenset(),
    exempt: frozenset[str] = frozenset(),
) -> list[Leak]:
    """Every (file, record, label) where a private value appears in the file, each once.

    One matcher for all the secrets (Aho–Corasick: one pass per text whatever their number);
    `exempt`: the campaign's own published numbers (`private.published_numbers`), as validate has them.
    """
    # A birth month is looked for only in the record's own published fields (by validate, which the
    # build runs first): in a page of many records a month is nobody's, and blaming one would stop
    # the 公示 for a date in another record's story. Whole numbers and names are looked for here.
    finder = Matcher([s for s in found if s.kind != "month"], exempt)
    leaks: list[Leak] = []
    files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    for n, path in enumerate(files, 1):
        if progress is not None:
            progress(n, len(files))
        rel = path.relative_to(out_dir).as_posix()
        texts = views(rel, path.read_bytes(), ignore)
        plain = Path(rel.removesuffix(".gz")).suffix.lower()
        generic = len(texts) > 1 and plain in _PROSE_SUFFIXES
        hits = {(f.label, f.source) for text in texts for f in finder.find(text, generic=generic)}
        leaks += [
            Leak(rel, label, source) for label, source in sorted(hits, key=lambda h: (h[1] or "", h[0]))
        ]
    return leaks
