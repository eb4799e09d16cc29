"""Finding the notice's table on a sheet by its header texts, never by fixed cell positions.

The notice prints 附件5/附件6 as: the 附件 label and the title, the 推荐单位（盖章）/ 填表日期 line, a
header of one row or two (a merged group such as 窗口负责人 over 姓名 / 单位及职务 / 联系电话), the data
rows, then the 注 lines and 联系人 / 联系电话 / 传真. Clerks insert rows, move the table, add columns and
merge cells; all of that is fine as long as the header texts are the notice's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from awards.importing.workbook import Grid

_SPACE = re.compile(r"[\s\u3000*＊:：]+")
MIN_MATCHED = 3  # fewer of the notice's headers than this is not the notice's table


def norm(value: Any) -> str:
    """A header as compared: no spaces, line breaks, asterisks or colons; half-width brackets."""
    return _SPACE.sub("", str(value)).replace("（", "(").replace("）", ")") if value is not None else ""


@dataclass(frozen=True, slots=True)
class Spec:
    """What one kind's table looks like: the notice's column titles, and every header it may import."""

    kind: str
    attachment: str  # 附件6
    titles: tuple[str, ...]  # the notice's headers, in order
    fields: Mapping[str, str]  # normalised header -> record field (dotted for a group's member)


@dataclass(frozen=True, slots=True)
class Located:
    kind: str
    header_row: int  # 0-based, the header's first row
    levels: int  # 1 or 2 header rows
    columns: tuple[tuple[int, str, str], ...]  # (column, field, header as written)
    missing: tuple[str, ...]  # the notice's headers the sheet does not have
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (0-based row, cells) of the data
    stamp: tuple[int, int, str] | None  # (row, column, unit) written after 推荐单位（盖章）：


def _headers(grid: Grid, r: int, levels: int) -> list[str]:
    top = [norm(v) for v in grid[r]]
    if levels == 1:
        return top
    below = grid[r + 1] if r + 1 < len(grid) else []
    sub = [norm(v) for v in below] + [""] * (len(top) - len(below))
    out, group = [], ""
    for t, s in zip(top, sub, strict=False):
        if t:
            group = t if s else ""  # a group title spans the members below it; a lone title spans both rows
        out.append(group + s if s else t)
    return out


def _match(headers: list[str], spec: Spec) -> tuple[int, list[tuple[int, str, str]]]:
    notice = {norm(t) for t in spec.titles}
    columns, score, seen = [], 0, set()
    for c, h in enumerate(headers):
        field = spec.fields.get(h)
        if field is None or field in seen:
            continue
        seen.add(field)
        columns.append((c, field, h))
        score += h in notice
    return score, columns


def _is_end(cells: Sequence[Any], end_labels: Sequence[str]) -> bool:
    first = next((norm(v) for v in cells if v is not None), "")
    return any(first.startswith(label) for label in end_labels)


def locate(
    grid: Grid, specs: Sequence[Spec], stamp_label: str, end_labels: Sequence[str], rank_field: str = ""
) -> Located | None:
    """The best match of any spec on this sheet, or None when no row looks like the notice's header."""
    best: tuple[tuple[int, int], int, int, Spec, list[tuple[int, str, str]]] | None = None
    for r in range(len(grid)):
        for levels in (1, 2):
            headers = _headers(grid, r, levels)
            for spec in specs:
                score, columns = _match(headers, spec)
                # The notice's headers decide; among equals, the reading that finds more columns
                # (a second header row under a merged group such as 单位公示 over 开始/结束).
                rank = (score, len(columns))
                if score >= MIN_MATCHED and (best is None or rank > best[0]):
                    best = (rank, r, levels, spec, columns)
    if best is None:
        return None
    (score, _), r, levels, spec, columns = best
    if score * 2 < len(spec.titles):
        return None
    found = {h for _, _, h in columns}
    missing = tuple(t for t in spec.titles if norm(t) not in found)
    ends = [norm(label) for label in end_labels]
    rows = []
    for i in range(r + levels, len(grid)):
        cells = tuple(grid[i])
        if _is_end(cells, ends):
            break
        # Forms often come with 序号 1…10 printed on empty rows: a number alone is not a nomination.
        if any(cells[c] is not None for c, field, _ in columns if c < len(cells) and field != rank_field):
            rows.append((i, cells))
    return Located(spec.kind, r, levels, tuple(columns), missing, tuple(rows), _stamp(grid[:r], stamp_label))


def _stamp(above: Grid, label: str) -> tuple[int, int, str] | None:
    """The unit written after 推荐单位（盖章）：, in the same cell or the next filled one."""
    key = norm(label)
    for r, row in enumerate(above):
        for c, v in enumerate(row):
            text = norm(v)
            if text.startswith(key):
                rest = text[len(key) :]
                if not rest:
                    rest = next((norm(x) for x in row[c + 1 :] if x is not None), "")
                rest = rest.split("填表日期")[0]
                return (r, c, rest) if rest else None
    return None


def headers_found(grid: Grid) -> list[str]:
    """The texts of the row with most filled cells, for a sheet that is neither table."""
    rows = [[str(v).strip() for v in row if isinstance(v, str) and v.strip()] for row in grid]
    return max(rows, key=len, default=[])
