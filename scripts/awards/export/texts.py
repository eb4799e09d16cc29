"""rules/exports.yml, typed: the notice's tables, forms, labels and the materials checklist.

Loaded once per export after the meta-schema (`export/meta.py`) has checked the file, so every exporter
reads attributes of the right type instead of walking a dictionary by string keys (as `rules/settings.py`
does for campaign.yml).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SEQ, WINDOW_YEARS = (
    "#序号",
    "#在窗口工作年限",
)  # computed columns: the row number, years at the reference date


class TextsError(ValueError):
    """exports.yml asks for something the exporters cannot do (an unknown computed column)."""


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    field: str
    width: float
    group: str = (
        ""  # the upper level of a two-level header (附件5: 窗口负责人 over 姓名 / 单位及职务 / 联系电话)
    )


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    column: int  # 0-based first column
    row: int  # 0-based header row
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One of the notice's tables (附件5, 附件6, 附件7) as rules/exports.yml describes it."""

    kind: str
    attachment: str
    title: str
    file: str
    columns: tuple[Column, ...]
    notes: tuple[str, ...]

    @property
    def header_rows(self) -> int:
        return 2 if any(c.group for c in self.columns) else 1

    def header(self) -> tuple[tuple[HeaderCell, ...], ...]:
        """The header as the notice prints it: a group over its columns, the others spanning both rows."""
        if self.header_rows == 1:
            return (tuple(HeaderCell(c.title, i, 0) for i, c in enumerate(self.columns)),)
        top: list[HeaderCell] = []
        below: list[HeaderCell] = []
        i = 0
        while i < len(self.columns):
            column = self.columns[i]
            if not column.group:
                top.append(HeaderCell(column.title, i, 0, rowspan=2))
                i += 1
                continue
            span = 1
            while i + span < len(self.columns) and self.columns[i + span].group == column.group:
                span += 1
            top.append(HeaderCell(column.group, i, 0, colspan=span))
            below += [HeaderCell(self.columns[j].title, j, 1) for j in range(i, i + span)]
            i += span
        return tuple(top), tuple(below)


@dataclass(frozen=True, slots=True)
class Labels:
    stamp: str  # 推荐单位（盖章）：
    fill_date: str  # 填表日期：
    blank_date: str  # 　　　　年　月　日, for the clerk to write
    contact: tuple[str, ...]  # 联系人：, 联系电话：, 传真：
    notes: str  # 注：
    todo: str  # 待填写


@dataclass(frozen=True, slots=True)
class OpinionBlock:
    key: str  # 纪检监察
    label: str  # 纪检监察部门意见


@dataclass(frozen=True, slots=True)
class OpinionForm:
    attachment: str
    title: str
    file: str
    fields: tuple[str, ...]  # 姓名, 单位, 职务
    blocks: tuple[OpinionBlock, ...]
    signer: str
    seal: str
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    addressee: str
    files: Mapping[str, str]  # stage (初审, 正式推荐) -> file name


@dataclass(frozen=True, slots=True)
class DeedPart:
    title: str  # 基本情况和主要事迹
    field: str  # the record's text field
    heading: str  # above the text, or ""


@dataclass(frozen=True, slots=True)
class Deeds:
    folder: str
    main: DeedPart
    brief: DeedPart
    basics: Mapping[str, tuple[str, ...]]  # nominee kind -> fields of the 基本情况
    who: Mapping[str, tuple[str, ...]]  # nominee kind -> name and unit fields under the title
    copies: str

    def part(self, name: str) -> DeedPart:
        return self.main if name == "main" else self.brief


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """A paper-only item of the materials checklist (a person's work: stamps, signed forms, prints)."""

    name: str  # may name {stage_work}, {report_file}, {summaries}, {kind}, {approval}, {count}
    detail: str
    stage: str  # "" for both stages, else 初审 or 正式推荐
    per_kind: bool  # once per nominee kind the unit recommends


@dataclass(frozen=True, slots=True)
class Checklist:
    unit: tuple[ChecklistItem, ...]  # for the unit, when it recommends anyone
    individual: tuple[ChecklistItem, ...]  # for each individual


@dataclass(frozen=True, slots=True)
class Texts:
    labels: Labels
    tables: Mapping[str, TableSpec]  # window, individual, contact
    opinion_form: OpinionForm
    report: Report
    deeds: Deeds
    checklist: Checklist


def _table(kind: str, t: Mapping[str, Any]) -> TableSpec:
    columns = tuple(
        Column(str(c["title"]), str(c["field"]), float(c["width"]), str(c.get("group") or ""))
        for c in t["columns"]
    )
    unknown = [c.field for c in columns if c.field.startswith("#") and c.field not in {SEQ, WINDOW_YEARS}]
    if unknown:
        raise TextsError(f"rules/exports.yml：不认识的列来源 {'、'.join(unknown)}")
    return TableSpec(kind, t["attachment"], t["title"], t["file"], columns, tuple(t["notes"]))


def _items(items: Any) -> tuple[ChecklistItem, ...]:
    return tuple(
        ChecklistItem(
            str(i["name"]),
            str(i.get("detail") or ""),
            str(i.get("stage") or ""),
            bool(i.get("per_kind", False)),
        )
        for i in items or ()
    )


def from_data(d: Mapping[str, Any]) -> Texts:
    """Texts from rules/exports.yml as its meta-schema has already checked it."""
    lab, form, rep, deeds = d["labels"], d["opinion_form"], d["report"], d["deeds"]
    checklist = d.get("checklist") or {}

    def part(p: Mapping[str, Any]) -> DeedPart:
        return DeedPart(str(p["title"]), str(p["field"]), str(p.get("heading") or ""))

    return Texts(
        labels=Labels(
            lab["stamp"],
            lab["fill_date"],
            lab["blank_date"],
            tuple(lab["contact"]),
            lab["notes"],
            lab["todo"],
        ),
        tables={kind: _table(kind, t) for kind, t in d["tables"].items()},
        opinion_form=OpinionForm(
            form["attachment"],
            form["title"],
            form["file"],
            tuple(form["fields"]),
            tuple(OpinionBlock(str(b["key"]), str(b["label"])) for b in form["blocks"]),
            form["signer"],
            form["seal"],
            tuple(form["notes"]),
        ),
        report=Report(rep["addressee"], dict(rep["file"])),
        deeds=Deeds(
            deeds["folder"],
            part(deeds["main"]),
            part(deeds["brief"]),
            {k: tuple(v) for k, v in deeds["basics"].items()},
            {k: tuple(v) for k, v in deeds["who"].items()},
            deeds["copies"],
        ),
        checklist=Checklist(_items(checklist.get("unit")), _items(checklist.get("individual"))),
    )
