"""附件4 优质服务先进个人征求意见表: one A4 PDF per individual, 姓名 / 单位 / 职务 filled in.

The opinions, signers and dates are never printed: the departments write and seal them by hand
(附件4 注1–3), and the 省级公安 opinion is asked by the province itself. What a city recorded is for
the checker and the report, not for the form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from awards.export.common import FORM_CSS, Context, Output, lookup, parse_day, render, text
from awards.read.load import Document


@dataclass(frozen=True, slots=True)
class Block:
    label_lines: tuple[str, ...]  # 纪检 / 监察 / 部门 / 意见, two characters a line as on the form
    opinion: str
    signer: str
    date: str  # `2021 年 10 月 20 日`, or `2021 年　　月　　日` to be filled in by hand


def _date_line(value: Any, year: int) -> str:
    day = parse_day(value)
    if day is None:
        return f"{year} 年　　月　　日"
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def blocks(ctx: Context, data: dict[str, Any]) -> list[Block]:
    form = ctx.texts["opinion_form"]
    year = ctx.reference.year  # the form prints the campaign's year on every date line
    out = []
    for spec in form["blocks"]:
        recorded = lookup(data, f"征求意见.{spec['key']}")
        recorded = recorded if isinstance(recorded, dict) else {}
        label = str(spec["label"])
        out.append(
            Block(
                label_lines=tuple(label[i : i + 2] for i in range(0, len(label), 2)),
                opinion=text(recorded.get("意见")),
                signer=text(recorded.get("签字人")),
                date=_date_line(recorded.get("日期"), year),
            )
        )
    return out


def blank(ctx: Context) -> list[Block]:
    """The blocks as the departments receive them: no opinion, no signer, `2021 年　　月　　日`."""
    return blocks(ctx, {})


def html(ctx: Context, doc: Document) -> str:
    data = doc.data or {}
    form = ctx.texts["opinion_form"]
    # 姓名, 单位, 职务 on the form; the individual's 单位 is the 工作单位 of the record.
    values = (text(data.get("姓名")), text(data.get("工作单位")), text(data.get("职务")))
    return render(
        "opinion.html",
        form=form,
        fields=list(zip(form["fields"], values, strict=True)),
        blocks=blank(ctx),
        notes_label=ctx.texts["labels"]["notes"],
    )


def file_name(ctx: Context, doc: Document) -> str:
    # The slug, not the name: it is unique within the unit and always safe as a file name.
    return f"{ctx.texts['opinion_form']['file']}-{doc.slug}.pdf"


def export_unit(ctx: Context, out: Output, unit: str) -> None:
    for doc in ctx.records("individual", unit):
        out.write_pdf(unit, file_name(ctx, doc), html(ctx, doc), css=FORM_CSS)
