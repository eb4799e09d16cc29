"""附件5 优质服务窗口 and 附件6 优质服务先进个人推荐对象汇总表: per unit and for the province, .xlsx and PDF."""

from __future__ import annotations

from typing import Any

from awards.check import decisions as office
from awards.export import xlsx
from awards.export.common import (
    LANDSCAPE_CSS,
    PROVINCE_FOLDER,
    SAMPLE_MARK,
    Context,
    Output,
    Table,
    TableSpec,
    lookup,
    render,
    text,
)
from awards.read.load import Document
from awards.rules.kinds import NOMINEES


def _labels(ctx: Context) -> dict[str, Any]:
    labels: dict[str, Any] = ctx.texts["labels"]
    return labels


def build(
    ctx: Context,
    spec: TableSpec,
    rows: list[dict[str, Any]],
    stamp: str | None,
    contact: tuple[str, str, str] | None,
) -> Table:
    """A table from the records' data, numbered 1, 2, … in the order given.

    `stamp` and `contact` fill the 推荐单位（盖章） and 联系人 lines; None leaves those lines out.
    """
    labels = _labels(ctx)
    cells = tuple(
        tuple(ctx.cell(data, column, seq) for column in spec.columns)
        for seq, data in enumerate(rows, start=1)
    )
    contact_lines = () if contact is None else zip(labels["contact"], contact, strict=True)
    return Table(
        spec=spec,
        stamp="" if stamp is None else labels["stamp"] + stamp,
        # Left for the clerk to write by hand, as on the notice's form: not the day of the export.
        fill_date=labels["fill_date"] + labels["blank_date"],
        rows=cells,
        notes_label=labels["notes"],
        contact_lines=tuple(label + value for label, value in contact_lines),
    )


def unit_contact(ctx: Context, unit: str) -> tuple[str, str, str]:
    """联系人, 联系电话, 传真 from the unit's contact form; unit.yml has no fax, so that line stays blank."""
    form = ctx.unit_form(unit)
    data = form.data if form is not None and form.data is not None else {}
    phones = [text(lookup(data, f"联系人.{key}")) for key in ("办公电话", "手机")]
    return text(lookup(data, "联系人.姓名")), "、".join(p for p in phones if p), ""


def province_contact(ctx: Context) -> tuple[str, str, str]:
    contact = ctx.rules.settings.contact
    return contact.person, "、".join(contact.phones), ""


def unit_table(ctx: Context, kind: str, unit: str) -> Table:
    docs = ctx.records(kind, unit)
    return build(
        ctx, ctx.spec(kind), [_data(d) for d in docs], ctx.rules.units[unit].name, unit_contact(ctx, unit)
    )


def province_records(ctx: Context, kind: str) -> tuple[list[Document], bool]:
    """(records, decided): once submissions/decisions.yml decides on records of this kind, the ones
    it recommends in its order; before that, every record grouped by unit in units.yml order, each
    unit's in 推荐排序 order."""
    order = {code: i for i, code in enumerate(ctx.rules.units)}
    grouped = sorted(ctx.records(kind), key=lambda d: order.get(d.unit or "", len(order)))  # stable
    subs = ctx.result.submissions
    doc = office.decisions_document(subs)
    named = {d.record for d in office.read(doc)} if doc is not None else set()
    if not any(d.record_id in named for d in grouped):
        return grouped, False
    return office.recommended(subs, formal=ctx.formal)[kind], True


def province_table(ctx: Context, kind: str) -> tuple[Table, bool]:
    docs, decided = province_records(ctx, kind)
    issuer = ctx.rules.settings.issuer
    return build(ctx, ctx.spec(kind), [_data(d) for d in docs], issuer, province_contact(ctx)), decided


def _data(doc: Document) -> dict[str, Any]:
    return doc.data if doc.data is not None else {}


def html(table: Table) -> str:
    """The HTML WeasyPrint renders: the same cells as the workbook, column widths in proportion."""
    total = sum(c.width for c in table.spec.columns)
    widths = [f"{100 * c.width / total:.2f}" for c in table.spec.columns]
    return render("table.html", table=table, widths=widths)


def write(ctx: Context, out: Output, folder: str, table: Table) -> None:
    xlsx.write(
        table, out.path(folder, f"{table.spec.file}.xlsx"), ctx.today, SAMPLE_MARK if out.sample else ""
    )
    out.write_pdf(folder, f"{table.spec.file}.pdf", html(table), css=LANDSCAPE_CSS)


def export_unit(ctx: Context, out: Output, unit: str) -> None:
    for kind in NOMINEES:
        if ctx.records(kind, unit):
            write(ctx, out, unit, unit_table(ctx, kind, unit))


def export_province(ctx: Context, out: Output) -> list[str]:
    """Both provincial tables; returns one line per table saying which order it follows."""
    said = []
    for kind in NOMINEES:
        table, decided = province_table(ctx, kind)
        write(ctx, out, PROVINCE_FOLDER, table)
        how = (
            "按省推荐评选办的决定（decisions.yml）排序，只列“推荐”的"
            if decided
            else "按单位分组、单位内按推荐排序"
        )
        said.append(f"{table.spec.attachment}（全省）：{len(table.rows)} 行，{how}")
    return said
