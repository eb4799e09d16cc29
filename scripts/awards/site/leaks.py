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
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from awards.load import Document
from awards.private import forms_of, private_values

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


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def views(name: str, data: bytes) -> list[str]:
    """The texts a reader (or a search engine) could get out of one file."""
    if name.endswith(".gz"):
        return views(name[:-3], gzip.decompress(data))
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
    untagged = _TAG.sub("", text)
    return [text, untagged, _SPACE.sub("", untagged)]


def scan(out_dir: Path, found: list[Secret]) -> list[Leak]:
    """Every (file, secret) pair where a form of the secret appears in the file."""
    leaks: list[Leak] = []
    compact = [(s, tuple({_SPACE.sub("", f) for f in s.forms})) for s in found]
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(out_dir).as_posix()
        texts = views(rel, path.read_bytes())
        binary = len(texts) == 1
        for secret, forms in compact:
            if binary:
                hit = any(f.encode("utf-8").decode("latin-1") in texts[0] for f in secret.forms)
            else:
                hit = any(f in t for t in texts[:2] for f in secret.forms) or any(
                    f in texts[2] for f in forms
                )
            if hit:
                leaks.append(Leak(rel, secret.label, secret.source))
    return leaks
