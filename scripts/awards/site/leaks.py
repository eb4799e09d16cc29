"""The leak scan: after every build, read every output file and fail if any private value appears.

Which values are private comes from the record schemas (every field whose `meta.check` marks it as an
ID number, a phone, an e-mail, a photo or the 征求意见 signatures) plus the birth date inside each ID
number. Each value is looked for in the forms people write it in (0351-7236418, 03517236418,
1985年3月12日, 19850312…), in every file of the built site: HTML, the search index (JSON, segmented
with zero-width spaces by jieba), the sitemap (also gzipped), and the text of every PDF. Before the
publicity the nominees' names are private too.

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
from awards.rules.private import forms_of, normalise, private_values
from awards.site.finder import Finder

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_TEXT_SUFFIXES = {".html", ".htm", ".xml", ".txt", ".css", ".js", ".svg", ".md", ".map"}


@dataclass(frozen=True, slots=True)
class Secret:
    label: str  # what kind of value, in Chinese
    source: str  # the record it comes from
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Leak:
    file: str
    label: str
    source: str

    def message(self) -> str:
        return f"{self.file} 含有 {self.source} 的{self.label}（不得公开）"


def secrets(docs: list[Document], schemas: dict[str, dict[str, Any]], names: bool) -> list[Secret]:
    """Every private value of every record; with `names`, the nominees' names as well."""
    out: list[Secret] = []
    for doc in docs:
        schema = schemas.get(doc.kind)
        if schema is None:
            continue
        for label, _path, value in private_values(schema, doc.data):
            if not isinstance(value, str) or not value.strip():
                continue
            if label == "照片":
                out.append(Secret(label, doc.path, (value.strip(), Path(value.strip()).name)))
                continue
            for kind, forms in forms_of(label, value).items():
                out.append(Secret(kind, doc.path, tuple(sorted(forms))))
        if names and doc.kind in {"window", "individual"}:
            field = "窗口名称" if doc.kind == "window" else "姓名"
            name = (doc.data or {}).get(field)
            if isinstance(name, str) and name.strip():
                out.append(Secret("名称（公示开始前不得公开）", doc.path, (name.strip(),)))
    return [s for s in out if s.forms]


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
    are blanked out of them first."""
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
    text = _ZERO_WIDTH.sub("", html.unescape(text))
    for value in ignore:
        text = text.replace(value, "〔标识〕")
    untagged = _TAG.sub("", text)
    compact = _SPACE.sub("", untagged)
    # Full-width digits, 138.3456.1207 and the like: the same folding the checker applies to 简要事迹.
    return [text, untagged, compact, normalise(compact)]


def scan(
    out_dir: Path,
    found: list[Secret],
    progress: Callable[[int, int], None] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> list[Leak]:
    """Every (file, secret) pair where a form of the secret appears in the file.

    All forms are looked for in one pass per text (`finder.Finder`): asking `form in text` for each of
    some 150,000 forms of 10,000 records over a 20 MB site would never finish.
    """
    compact = [tuple({_SPACE.sub("", f) for f in s.forms}) for s in found]
    folded = [tuple({normalise(_SPACE.sub("", f)) for f in s.forms}) for s in found]
    as_bytes = [tuple(f.encode("utf-8").decode("latin-1") for f in s.forms) for s in found]
    plain_finder = _finder([s.forms for s in found])
    compact_finder = _finder(compact)
    folded_finder = _finder(folded)
    bytes_finder = _finder(as_bytes)
    leaks: list[Leak] = []
    files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    for n, path in enumerate(files, 1):
        if progress is not None:
            progress(n, len(files))
        rel = path.relative_to(out_dir).as_posix()
        texts = views(rel, path.read_bytes(), ignore)
        if len(texts) == 1:  # binary: the values' bytes as they are
            hit = bytes_finder[0].found(texts[0])
            hits = {i for form in hit for i in bytes_finder[1][form]}
        else:
            hit = plain_finder[0].found(texts[0]) | plain_finder[0].found(texts[1])
            hits = {i for form in hit for i in plain_finder[1][form]}
            hits |= {i for form in compact_finder[0].found(texts[2]) for i in compact_finder[1][form]}
            hits |= {i for form in folded_finder[0].found(texts[3]) for i in folded_finder[1][form]}
        leaks += [Leak(rel, found[i].label, found[i].source) for i in sorted(hits)]
    return leaks


def _finder(forms: list[tuple[str, ...]]) -> tuple[Finder, dict[str, list[int]]]:
    """One finder for all the forms, and which secrets (by index) each form belongs to."""
    owners: dict[str, list[int]] = {}
    for i, secret_forms in enumerate(forms):
        for form in secret_forms:
            owners.setdefault(form, []).append(i)
    return Finder(set(owners)), owners
