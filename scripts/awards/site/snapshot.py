"""公示报样: rendering one publicity as a PDF, and its list as canonical JSON.

The PDF depends on the publicity (title, 文号, period, both lists, 简要事迹), the source commit and
nothing else: not the build time, not the clock inside the publicity. The same commit therefore gives
the same bytes during and after the publicity (WeasyPrint writes no timestamps; the file identifier is
derived from the list). The list itself is also published as canonical JSON, whose SHA-256 is printed
in every page footer, so a printed copy can be matched to the data.

What is rendered here is either frozen into `site/archive/` by `awards snapshot --freeze` (see
`awards.site.archive`) or published as a preview, marked as such in the footer, while the current
publicity has not been frozen yet.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from awards.core import pdf
from awards.rules.kinds import Kinds
from awards.rules.loader import Rules
from awards.site import publicity_tables
from awards.site.escape import esc, paragraphs
from awards.site.model import Entry, Period, Source, site_rules
from awards.site.pages import contact_block

END = "</body></html>"
T = TypeVar("T")
# Laid out in parallel from this many entries on (`part_count`), in this many parts, cut by layout
# work: a row of a list costs about as much as 260 characters of 简要事迹 (measured on the bench campaign).
PARALLEL_FROM = 300
PARTS = 4
ROW_WEIGHT = 260
LIST_KEYS = {"window": "windows", "individual": "individuals"}
UNIT_KEY = "推荐单位"

# A 简要事迹 runs on across a page break like the text of any official document; only its heading and
# "推荐" line stay with its first lines. Keeping each whole on one page (`break-inside: avoid-page`)
# cost a third more pages (838 instead of 634 for 1,500 rows) and a tenth more layout work, as WeasyPrint
# lays out the story that no longer fits once more on the next page.
# One weight only: each weight embeds its own subset of the CJK font (bold alone added ~170 KB to a
# ~330 KB file, and snapshots are committed). Headings stand out by size instead.
CSS = """
h1, h2, h3, th, .period { font-weight: normal; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; }
h3 { font-size: 11.5pt; margin: 8pt 0 2pt; }
.docno, .period { text-align: center; margin: 0 0 4pt; }
.meta { color: #444; margin: 0; }
h3, .meta { break-after: avoid; }
"""


@dataclass(frozen=True, slots=True)
class Snapshot:
    id: str
    pdf: bytes
    listing: bytes
    record: dict[str, Any]  # its manifest entry
    render_seconds: float  # 0 when the PDF came from the cache


def snapshot_id(when: Period) -> str:
    return f"gongshi-{when.start.isoformat()}"


def listing(rules: Rules, when: Period, lists: dict[str, list[Entry]]) -> bytes:
    """The rendered list as canonical JSON: what the footer's SHA-256 is computed over.

    It holds everything the 公示 page shows of a nominee (the recommending unit too), so the page can
    be rebuilt from a frozen snapshot alone (`entries`).
    """
    data: dict[str, Any] = {
        "title": site_rules(rules)["publicity"]["title"],
        "document_number": rules.settings.document_number,
        "period": {"start": when.start.isoformat(), "end": when.end.isoformat()},
    }
    for kind, key in LIST_KEYS.items():
        data[key] = [{**e.as_dict(), UNIT_KEY: e.unit} for e in lists[kind]]
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def entries(listed: bytes, kinds: Kinds) -> dict[str, list[Entry]]:
    """The lists back from a listing written by `listing`."""
    data = json.loads(listed)
    out: dict[str, list[Entry]] = {}
    for kind, key in LIST_KEYS.items():
        out[kind] = []
        for item in data.get(key, []):
            fields = {k: str(v) for k, v in item.items() if k not in ("序号", UNIT_KEY)}
            out[kind].append(
                Entry(
                    kind,
                    int(item["序号"]),
                    str(item.get(UNIT_KEY, "")),
                    tuple(fields.items()),
                    kinds[kind].name_field,
                )
            )
    return out


def _with_year(when: Period) -> str:
    """2021年9月16日至9月23日: `Period.chinese` already names both years when the period spans two."""
    spans = when.start.year != when.end.year
    return when.chinese() if spans else f"{when.start.year}年{when.chinese()}"


def html(rules: Rules, when: Period, lists: dict[str, list[Entry]]) -> str:
    return "".join(_blocks(rules, when, lists)) + END


def parts(rules: Rules, when: Period, lists: dict[str, list[Entry]], count: int) -> list[str]:
    """The document cut into `count` HTML documents of about equal layout work, each starting on a new page.

    Cuts fall between two rows of a list (the table goes on with its header, as on any new page) or
    between two 简要事迹, never inside one, and never right after a heading.
    """
    head, pieces = _pieces(rules, when, lists)
    items: list[list[str | Entry]] = []
    heading = False
    for piece in pieces:
        if heading or (isinstance(piece, str) and piece.startswith("<h2>四")):
            items[-1].append(piece)  # after its heading (or 四, after the last 简要事迹): not cut apart
        else:
            items.append([piece])
        heading = isinstance(piece, str) and piece.endswith("</h2>")
    weights = [sum(ROW_WEIGHT if isinstance(p, Entry) else len(p) for p in item) for item in items]
    return [head + _markup(run) + END for run in _chunks(items, weights, count)]


def _markup(items: list[list[str | Entry]]) -> str:
    """Pieces as HTML: a run of rows of one list as one table."""
    out: list[str] = []
    rows: list[Entry] = []
    for piece in (p for item in items for p in item):
        if isinstance(piece, Entry) and rows and piece.kind != rows[0].kind:
            out.append(publicity_tables.list_table(rows[0].kind, rows))
            rows = []
        if isinstance(piece, Entry):
            rows.append(piece)
            continue
        if rows:
            out.append(publicity_tables.list_table(rows[0].kind, rows))
            rows = []
        out.append(piece)
    if rows:
        out.append(publicity_tables.list_table(rows[0].kind, rows))
    return "".join(out)


def _chunks(items: list[T], weights: list[int], count: int) -> Iterator[list[T]]:
    """`items` cut into `count` runs of about equal weight, in order (deterministic)."""
    total, run, acc, made = sum(weights), [], 0, 0
    for item, weight in zip(items, weights, strict=True):
        run.append(item)
        acc += weight
        if made < count - 1 and acc >= total * (made + 1) / count:
            yield run
            run, made = [], made + 1
    if run:
        yield run


def _pieces(rules: Rules, when: Period, lists: dict[str, list[Entry]]) -> tuple[str, list[str | Entry]]:
    """<head>, then `_blocks` with each list as its rows (`Entry`), the text before it as one piece."""
    head, top, *stories, end = _blocks(rules, when, lists)
    out: list[str | Entry] = []
    for kind in rules.kinds.nominees:
        table = publicity_tables.list_table(kind.code, lists[kind.code])
        before, top = top.split(table, 1)
        out += [before, *lists[kind.code]] if lists[kind.code] else [before + table]
    return head, [*out, top, *stories, end]


def _blocks(rules: Rules, when: Period, lists: dict[str, list[Entry]]) -> list[str]:
    """<head>, the lists up to 三's heading, one block per 简要事迹, then 四 (all but `END`)."""
    texts = site_rules(rules)["publicity"]
    c = rules.settings
    head = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{esc(texts['title'])}</title></head><body>"
    )
    top = [
        f"<h1>{esc(texts['title'])}</h1>",
        f'<p class="docno">{esc(c.issuer)}　依据{esc(c.document_number)}</p>',
        f'<p class="period">公示时间：{esc(_with_year(when))}</p>',
        f"<p>{esc(texts['intro'])}</p>",
    ]
    for number, kind in zip(("一", "二"), rules.kinds.nominees, strict=True):
        top += [
            f"<h2>{number}、{esc(publicity_tables.heading(kind, lists[kind.code]))}</h2>",
            publicity_tables.list_table(kind.code, lists[kind.code]),
        ]
    top.append("<h2>三、简要事迹</h2>")
    stories = [
        f'<section><h3>{esc(e.order)}. {esc(e.name)}</h3><p class="meta">{esc(e.unit)}推荐</p>'
        f"{paragraphs(e.get('简要事迹'))}</section>"
        for e in (e for kind in rules.kinds.nominees for e in lists[kind.code])
    ]
    end = f"<h2>四、异议受理</h2><p>{esc(texts['objection'])}</p>{contact_block(rules)}"
    return [head, "".join(top), *stories, end]


def _css(source: Source, digest: str, preview: bool) -> str:
    # Three short lines: a 64-digit hash beside a 40-digit commit does not fit the width of A4.
    # The text goes into the page rule because margin boxes cannot show body content.
    mark = "预览，未存档　" if preview else ""
    footer = f"{mark}来源提交：{source.label()}\\A名单 SHA-256：{digest}"
    quoted = footer.replace('"', '\\"')
    return (
        '@page { @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页\\A'
        f'{quoted}"; white-space: pre; font-size: 7pt; line-height: 1.6; }} }}\n' + CSS
    )


def _render(parts: list[str], css: str, identifier: str, cache: Path | None) -> tuple[bytes, float]:
    """The PDF bytes, from the cache when this exact document was rendered before (rendering is slow)."""
    # The version from the package metadata: importing WeasyPrint costs a third of a second.
    version = importlib.metadata.version("weasyprint")
    texts = (version, pdf.BASE_CSS, css, identifier, *parts)
    key = hashlib.sha256("\0".join(texts).encode()).hexdigest()
    cached = cache / f"{key}.pdf" if cache else None
    if cached is not None and cached.is_file():
        data = cached.read_bytes()
        if data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]:
            return data, 0.0  # else a truncated entry (a build killed while writing it): render again
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="awards-pdf-") as tmp:
        if len(parts) == 1:
            target = Path(tmp) / "snapshot.pdf"
            pdf.render(parts[0], target, base_url=Path(tmp), css=css, identifier=identifier)
            data = target.read_bytes()
        else:
            data = pdf.render_parts(parts, base_url=Path(tmp), css=css, identifier=identifier)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
    return data, time.perf_counter() - start


def part_count(lists: dict[str, list[Entry]]) -> int:
    """How many parts the PDF is laid out in: one for a small 公示 (its bytes are unchanged since frozen),
    `PARTS` from `PARALLEL_FROM` entries on. Fixed by the content, never by the machine, so the same
    lists give the same bytes everywhere."""
    return PARTS if sum(len(v) for v in lists.values()) >= PARALLEL_FROM else 1


def make(
    rules: Rules,
    when: Period,
    lists: dict[str, list[Entry]],
    source: Source,
    cache: Path | None,
    preview: bool = False,
) -> Snapshot:
    """Render the publicity of `when`; a preview is named and marked apart from the frozen one."""
    ident = snapshot_id(when)
    name = f"{ident}-preview" if preview else ident
    listed = listing(rules, when, lists)
    digest = hashlib.sha256(listed).hexdigest()
    css = _css(source, digest, preview) + (pdf.SAMPLE_CSS if rules.settings.sample else "")
    count = part_count(lists)
    document = [html(rules, when, lists)] if count == 1 else parts(rules, when, lists, count)
    data, seconds = _render(document, css, digest[:32], cache)
    record = {
        "id": ident,
        "title": site_rules(rules)["publicity"]["title"],
        "period": {"start": when.start.isoformat(), "end": when.end.isoformat()},
        "period_text": when.chinese(),
        "file": f"{name}.pdf",
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "list_file": f"{name}.json",
        "list_sha256": digest,
        "commit": source.commit,
        "uncommitted_changes": source.dirty,
        "windows": len(lists["window"]),
        "individuals": len(lists["individual"]),
    }
    return Snapshot(ident, data, listed, record, seconds)
