"""推荐工作报告 draft per unit (Markdown and PDF): what the records can tell, and marked gaps for the rest.

The notice fixes the report's parts (三（一）2 for 初审, 3 for 正式推荐). Facts the records hold —
counts, ranking, publicity dates and their working days, the recorded opinions — are written out;
organisation, process and the unit's own judgement are left as 【待填写】 markers for a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from awards.export.common import Context, Output, full_date, lookup, markdown_page, parse_day, render, text
from awards.export.opinion import blocks
from awards.read import chinese_dates
from awards.read.load import Document
from awards.rules.workdays import UnknownYearError

# The publicity table: names are long, the working-day column is short.
CSS = "th:nth-child(1) { width: 52%; } th:nth-child(2) { width: 30%; }"


@dataclass(frozen=True, slots=True)
class Publicity:
    name: str
    period: str  # `2021年8月2日至8月6日`, or what was typed when it is not a pair of dates
    days: int | None  # working days, None when they cannot be counted
    enough: bool


@dataclass(frozen=True, slots=True)
class Opinion:
    label: str
    opinion: str
    signer: str
    date: str


def period(start: dt.date, end: dt.date) -> str:
    tail = chinese_dates.chinese(end) if end.year == start.year else full_date(end)
    return f"{full_date(start)}至{tail}"


def publicity(ctx: Context, doc: Document, name: str) -> Publicity:
    value = lookup(doc.data or {}, "单位公示")
    value = value if isinstance(value, dict) else {}
    start, end = parse_day(value.get("开始")), parse_day(value.get("结束"))
    minimum = ctx.rules.settings.publicity_days
    if start is None or end is None or end < start:
        typed = "至".join(t for t in (text(value.get("开始")), text(value.get("结束"))) if t)
        return Publicity(name, typed, None, False)
    try:
        days: int | None = ctx.calendar.count(start, end)
    except UnknownYearError:
        days = None
    return Publicity(name, period(start, end), days, days is not None and days >= minimum)


def opinions(ctx: Context, doc: Document) -> list[Opinion] | None:
    """The three recorded opinions, or None when 征求意见 is not recorded yet."""
    data = doc.data or {}
    if not isinstance(data.get("征求意见"), dict):
        return None
    labels = [b.label for b in ctx.texts.opinion_form.blocks]
    found = blocks(ctx, data)
    return [
        Opinion(label, b.opinion, b.signer, b.date.replace(" ", ""))
        for label, b in zip(labels, found, strict=True)
    ]


def values(ctx: Context, unit: str) -> dict[str, Any]:
    windows = ctx.records("window", unit)
    people = ctx.records("individual", unit)
    the_unit = ctx.rules.units[unit]
    quotas = ctx.rules.settings.quotas
    grassroots = set(quotas.grassroots_levels)
    errors = sum(1 for d in [*windows, *people] for p in ctx.problems(d.path) if p.is_error)
    return {
        "unit": the_unit,
        "code": unit,
        "city": the_unit.kind == "city",
        "formal": ctx.formal,
        "stage_work": ctx.stage_work,
        "today": full_date(ctx.today),
        "campaign": ctx.rules.settings,
        "window": ctx.rules.kinds["window"],
        "person": ctx.rules.kinds["individual"],
        "addressee": ctx.texts.report.addressee,
        "todo": ctx.texts.labels.todo,
        "quota": quotas.city,
        "windows": [text(lookup(d.data or {}, "窗口名称")) for d in windows],
        "grassroots": sum(1 for d in windows if (d.data or {}).get("窗口级别") in grassroots),
        "people": [(text((d.data or {}).get("姓名")), text((d.data or {}).get("工作单位"))) for d in people],
        "publicity": [
            *(publicity(ctx, d, text((d.data or {}).get("窗口名称"))) for d in windows),
            *(publicity(ctx, d, text((d.data or {}).get("姓名"))) for d in people),
        ],
        "min_days": ctx.rules.settings.publicity_days,
        "opinions": [(text((d.data or {}).get("姓名")), opinions(ctx, d)) for d in people],
        "attachments": [
            ctx.spec(kind).title + f"（{ctx.spec(kind).attachment}）"
            for kind, docs in (("window", windows), ("individual", people))
            if docs
        ],
        "errors": errors,
    }


def markdown(ctx: Context, unit: str) -> str:
    return render("report.md", **values(ctx, unit))


def title(ctx: Context, unit: str) -> str:
    return f"{ctx.rules.units[unit].name}{ctx.stage_work}工作报告（草稿）"


def export_unit(ctx: Context, out: Output, unit: str) -> None:
    if not ctx.records("window", unit) and not ctx.records("individual", unit):
        return  # nothing recommended yet: nothing to report on
    name = ctx.texts.report.files[ctx.stage]
    text_md = markdown(ctx, unit)
    out.write_text(unit, f"{name}.md", text_md)
    out.write_pdf(unit, f"{name}.pdf", markdown_page(title(ctx, unit), text_md), CSS)
