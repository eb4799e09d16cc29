"""A workbook's 附件5/附件6 rows as records: values read, problems at their cells, file names chosen."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from awards.core.errors import UsageError
from awards.core.problems import Mark, Problem
from awards.core.sink import Sink
from awards.importing import sheet, workbook
from awards.importing.values import Reader
from awards.rules.kinds import NOMINEES
from awards.rules.loader import Rules

RANK = "推荐排序"  # the record's order; the tables' 序号


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    place: str  # Sheet1!A7
    values: dict[str, Any]


def _leaves(schema: dict[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    for name, rule in schema.items():
        if rule.get("type") == "dict" and isinstance(rule.get("schema"), dict):
            yield from _leaves(rule["schema"], (*prefix, name))
        else:
            yield (*prefix, name), rule


def specs(rules: Rules) -> list[sheet.Spec]:
    """The notice's columns (rules/exports.yml) and, beyond them, any column named like a record field
    (参加人社工作时间, 单位公示 over 开始/结束 …), so a clerk may carry more of the record in the table."""
    texts = rules.extra.get("exports.yml")
    if texts is None:
        raise UsageError("缺少 rules/exports.yml（附件5、6 的表头），无法识别要导入的表格。")
    out = []
    for kind in NOMINEES:
        table = texts["tables"][kind]
        fields: dict[str, str] = {}
        for path, _ in _leaves(rules.schemas[kind]):
            fields.setdefault(sheet.norm("".join(path)), ".".join(path))
            fields.setdefault(sheet.norm(".".join(path)), ".".join(path))
        for column in table["columns"]:
            field = column["field"]
            fields[sheet.norm(column["title"])] = RANK if field == "#序号" else field.lstrip("#")
        titles = tuple(c["title"] for c in table["columns"])
        out.append(sheet.Spec(kind, table["attachment"], titles, fields))
    return out


def _rule(schema: dict[str, Any], dotted: str) -> dict[str, Any]:
    *groups, last = dotted.split(".")
    for g in groups:
        schema = schema[g]["schema"]
    rule: dict[str, Any] = schema[last]
    return rule


def _put(values: dict[str, Any], dotted: str, value: Any) -> None:
    *groups, last = dotted.split(".")
    for g in groups:
        values = values.setdefault(g, {})
    values[last] = value


def _cell(sheet_name: str, p: Problem) -> Problem:
    return dataclasses.replace(p, cell=f"{sheet_name}!{get_column_letter(p.col)}{p.line}")


def read(path: Path, display: str, rules: Rules, unit: str) -> tuple[list[Row], list[Problem]]:
    """Every recognised table's rows in `path`; the problems point at cells of `display` (the file name)."""
    texts = rules.extra.get("exports.yml") or {}
    labels = texts.get("labels", {})
    ends = [labels.get("notes", "注："), *labels.get("contact", []), "填表说明"]
    kinds = specs(rules)
    grids = workbook.read(path)
    rows: list[Row] = []
    problems: list[Problem] = []
    seen: dict[str, list[str]] = {}
    tables = []
    for name, grid in grids.items():
        found = sheet.locate(grid, kinds, labels.get("stamp", "推荐单位（盖章）："), ends, RANK)
        if found is None:
            seen[name] = sheet.headers_found(grid)
            continue
        tables.append(f"工作表“{name}”的{next(s.attachment for s in kinds if s.kind == found.kind)}")
        sink = Sink(rules.checks)
        rows += _rows(rules, unit, found, name, Reader(sink, display), sink)
        problems += [_cell(name, p) for p in sink.sorted()]
    if not tables:
        raise UsageError(_not_a_table(display, kinds, seen))
    if not rows and not any(p.is_error for p in problems):
        raise UsageError(
            f"{display} 中{'、'.join(tables)}还没有填写推荐对象（表头下面没有数据行），没有导入。"
        )
    return rows, problems


def _rows(rules: Rules, unit: str, found: sheet.Located, name: str, reader: Reader, sink: Sink) -> list[Row]:
    display = reader.path
    schema = rules.schemas[found.kind]
    header = Mark(found.header_row + 1, 1)
    for title in found.missing:
        sink.emit("import-missing-column", display, header, title=title)
    if found.stamp is not None:
        r, c, written = found.stamp
        expected = rules.units[unit].name
        if sheet.norm(expected) not in written and written not in sheet.norm(expected):
            sink.emit("import-unit-mismatch", display, Mark(r + 1, c + 1), found=written, unit=expected)
    name_field = rules.kinds[found.kind].name_field
    out = []
    for seq, (r, cells) in enumerate(found.rows, start=1):
        values: dict[str, Any] = {}
        for c, field, _ in found.columns:
            cell = cells[c] if c < len(cells) else None
            value = reader.value(field, _rule(schema, field), cell, Mark(r + 1, c + 1))
            if value is not None:
                _put(values, field, value)
        rank_col = next((c for c, f, _ in found.columns if f == RANK), 0)
        if not isinstance(values.get(RANK), int):
            if values.get(RANK) is not None:
                sink.emit("import-rank", display, Mark(r + 1, rank_col + 1), value=values[RANK], rank=seq)
            values[RANK] = seq
        if not values.get(name_field):
            name_col = next((c for c, f, _ in found.columns if f == name_field), 0)
            sink.emit("import-no-name", display, Mark(r + 1, name_col + 1), field=name_field)
            continue
        out.append(Row(found.kind, f"{name}!A{r + 1}", values))
    return out


def _not_a_table(display: str, kinds: list[sheet.Spec], seen: dict[str, list[str]]) -> str:
    wanted = "、".join(f"{s.attachment}（{'、'.join(s.titles[:4])}……）" for s in kinds)
    lines = [f"{display} 中没有找到{wanted}的表头。"]
    for name, headers in seen.items():
        shown = "、".join(headers[:12]) if headers else "（空白）"
        lines.append(f"工作表“{name}”的内容：{shown}")
    lines.append("请使用通知所附表格的表头（可以增加行、调整位置，表头文字不要改动）。")
    return "\n".join(lines)
