"""附件7 评选工作联系表: one per city (what it sends, 通知五), and the province's roll-up, from `unit.yml`.

Every city owes the form; a provincial office appears in the roll-up once it has sent one. A city that
has not sent it yet keeps its row, blank but for the 备注, so the office can see whom to call.
"""

from __future__ import annotations

from typing import Any

from awards.export import summary_tables
from awards.export.common import PROVINCE_FOLDER, Context, Output, Table


def rows(ctx: Context, only: str | None = None) -> list[dict[str, Any]]:
    deadline = ctx.rules.settings.schedule.contact_form
    missing = "未报送联系表" + (f"（{deadline.month}月{deadline.day}日截止）" if deadline else "")
    out: list[dict[str, Any]] = []
    for unit in ctx.rules.units.values():
        if only is not None and unit.code != only:
            continue
        form = ctx.unit_form(unit.code)
        if form is not None and form.data is not None:
            out.append({**form.data, "单位": form.data.get("单位") or unit.name, "备注": ""})
        elif unit.kind == "city":
            out.append({"单位": unit.name, "备注": missing})
    return out


def table(ctx: Context) -> Table:
    return summary_tables.build(ctx, ctx.spec("contact"), rows(ctx), None, None)


def export_unit(ctx: Context, out: Output, unit: str) -> None:
    """The city's own 附件7, with its stamp line: what it sends to the province."""
    if ctx.rules.units[unit].kind != "city":
        return  # 通知五 asks the form of the cities only
    t = summary_tables.build(ctx, ctx.spec("contact"), rows(ctx, unit), ctx.rules.units[unit].name, None)
    summary_tables.write(ctx, out, unit, t)


def export_province(ctx: Context, out: Output) -> str:
    t = table(ctx)
    summary_tables.write(ctx, out, PROVINCE_FOLDER, t)
    return f"{t.spec.attachment}（全省）：{len(t.rows)} 个单位"
