"""公示报样: the publicity as a PDF anyone can verify, plus the manifest that lists every snapshot.

The PDF depends on the publicity (title, 文号, period, both lists, 简要事迹), the source commit and
nothing else: not the build time, not the clock inside the publicity. The same commit therefore gives
the same bytes during and after the publicity (WeasyPrint writes no timestamps; the file identifier is
derived from the list). The list itself is also published as canonical JSON, whose SHA-256 is printed
in every page footer, so a printed copy can be matched to the data.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from awards import pdf
from awards.rules import Rules
from awards.site.model import Entry, Period, Source, site_rules
from awards.site.pages import PERSON_COLUMNS, WINDOW_COLUMNS, contact_block
from awards.site.text import esc, paragraphs, table

# The footer text is written into the page rule (see `_css`): margin boxes cannot show body content.
CSS = """
h1 { font-size: 16pt; text-align: center; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 12pt 0 4pt; }
h3 { font-size: 11pt; margin: 8pt 0 2pt; }
.docno, .period { text-align: center; margin: 0 0 4pt; }
.period { font-weight: bold; }
.meta { color: #444; margin: 0; }
section { break-inside: avoid-page; }
"""


@dataclass(frozen=True, slots=True)
class Snapshot:
    id: str
    pdf: bytes
    listing: bytes
    record: dict[str, Any]  # its manifest entry
    render_seconds: float  # 0 when the PDF came from the cache


def listing(rules: Rules, when: Period, lists: dict[str, list[Entry]]) -> bytes:
    """The rendered list as canonical JSON: what the footer's SHA-256 is computed over."""
    data = {
        "title": site_rules(rules)["publicity"]["title"],
        "document_number": rules.campaign["document_number"],
        "period": {"start": when.start.isoformat(), "end": when.end.isoformat()},
        "windows": [e.as_dict() for e in lists["window"]],
        "individuals": [e.as_dict() for e in lists["individual"]],
    }
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _year_period(when: Period) -> str:
    return f"{when.start.year}年{when.chinese()}"


def html(rules: Rules, when: Period, lists: dict[str, list[Entry]]) -> str:
    texts = site_rules(rules)["publicity"]
    c = rules.campaign
    windows, people = lists["window"], lists["individual"]
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{esc(texts['title'])}</title></head><body>",
        f"<h1>{esc(texts['title'])}</h1>",
        f'<p class="docno">{esc(c["issuer"])}　依据{esc(c["document_number"])}</p>',
        f'<p class="period">公示时间：{esc(_year_period(when))}</p>',
        f"<p>{esc(texts['intro'])}</p>",
        f"<h2>一、优质服务窗口（{len(windows)} 个）</h2>",
        table(
            ("序号", *(n for n, _ in WINDOW_COLUMNS)),
            [(e.order, *(e.get(n) for n, _ in WINDOW_COLUMNS)) for e in windows],
            widths=(7, *(round(w * 0.93) for _, w in WINDOW_COLUMNS)),
        ),
        f"<h2>二、优质服务先进个人（{len(people)} 名）</h2>",
        table(
            ("序号", *(n for n, _ in PERSON_COLUMNS)),
            [(e.order, *(e.get(n) for n, _ in PERSON_COLUMNS)) for e in people],
            widths=(7, *(round(w * 0.93) for _, w in PERSON_COLUMNS)),
        ),
        "<h2>三、简要事迹</h2>",
    ]
    for e in windows + people:
        parts.append(
            f'<section><h3>{esc(e.order)}. {esc(e.name)}</h3><p class="meta">{esc(e.unit)}推荐</p>'
            f"{paragraphs(e.get('简要事迹'))}</section>"
        )
    parts += [
        "<h2>四、异议受理</h2>",
        f"<p>{esc(texts['objection'])}</p>",
        contact_block(rules),
        "</body></html>",
    ]
    return "".join(parts)


def _css(source: Source, digest: str) -> str:
    # Three short lines: a 64-digit hash beside a 40-digit commit does not fit the width of A4.
    footer = f"来源提交：{source.label()}\\A名单 SHA-256：{digest}"
    quoted = footer.replace('"', '\\"')
    return (
        '@page { @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页\\A'
        f'{quoted}"; white-space: pre; font-size: 7pt; line-height: 1.6; }} }}\n' + CSS
    )


def _render(document: str, css: str, identifier: str, cache: Path | None) -> tuple[bytes, float]:
    """The PDF bytes, from the cache when this exact document was rendered before (rendering is slow)."""
    # The version from the package metadata: importing WeasyPrint costs a third of a second.
    version = importlib.metadata.version("weasyprint")
    key = hashlib.sha256("\0".join((version, pdf.BASE_CSS, css, identifier, document)).encode()).hexdigest()
    cached = cache / f"{key}.pdf" if cache else None
    if cached is not None and cached.is_file():
        return cached.read_bytes(), 0.0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="awards-pdf-") as tmp:
        target = Path(tmp) / "snapshot.pdf"
        pdf.render(document, target, base_url=Path(tmp), css=css, identifier=identifier)
        data = target.read_bytes()
    if cached is not None:
        cached.write_bytes(data)
    return data, time.perf_counter() - start


def make(
    rules: Rules,
    when: Period,
    lists: dict[str, list[Entry]],
    source: Source,
    cache: Path | None,
) -> Snapshot:
    ident = f"gongshi-{when.start.isoformat()}"
    listed = listing(rules, when, lists)
    digest = hashlib.sha256(listed).hexdigest()
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    document = html(rules, when, lists)
    data, seconds = _render(document, _css(source, digest), digest[:32], cache)
    record = {
        "id": ident,
        "title": site_rules(rules)["publicity"]["title"],
        "period": {"start": when.start.isoformat(), "end": when.end.isoformat()},
        "period_text": when.chinese(),
        "file": f"{ident}.pdf",
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "list_file": f"{ident}.json",
        "list_sha256": digest,
        "commit": source.commit,
        "uncommitted_changes": source.dirty,
        "windows": len(lists["window"]),
        "individuals": len(lists["individual"]),
    }
    return Snapshot(ident, data, listed, record, seconds)


def manifest(rules: Rules, snapshots: list[Snapshot]) -> bytes:
    data = {
        "campaign": rules.campaign["title"],
        "document_number": rules.campaign["document_number"],
        "issuer": rules.campaign["issuer"],
        "snapshots": [s.record for s in snapshots],
    }
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
