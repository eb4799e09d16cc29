"""Dates, years of service, the unit publicity period and the formal-stage opinions."""

from __future__ import annotations

from typing import Any

from awards.check.context import Ctx, field_check, key_of
from awards.check.identity import birth_date
from awards.read import chinese_dates
from awards.read.chinese_dates import PartialDate
from awards.read.yamlsrc import Path
from awards.rules.workdays import UnknownYearError


def read_date(ctx: Ctx, path: Path, value: Any, need_day: bool = False) -> PartialDate | None:
    """The date, or None after telling the user why it is not one."""
    if not isinstance(value, str):
        return None
    parsed = chinese_dates.parse(value)
    if parsed is None:
        ctx.emit("date-format", path, key=key_of(path), value=value)
    elif need_day and parsed.day is None:
        ctx.emit("date-needs-day", path, key=key_of(path))
        return None
    return parsed


def _not_future(ctx: Ctx, path: Path, parsed: PartialDate) -> bool:
    if parsed.first_day() > ctx.reference:
        ctx.emit(
            "date-future", path, key=key_of(path), value=str(parsed), reference=ctx.reference.isoformat()
        )
        return False
    return True


@field_check("date")
def date(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    read_date(ctx, path, value, need_day=True)


@field_check("service_start")
def service_start(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    """参加人社工作时间: 3 years (inclusive) in the system by the reference date."""
    parsed = read_date(ctx, path, value)
    if parsed is None or not _not_future(ctx, path, parsed):
        return
    years = chinese_dates.whole_years(parsed.first_day(), ctx.reference)
    minimum = ctx.rules.settings.service_years_min
    if years < minimum:
        ctx.emit("service-years", path, reference=ctx.reference.isoformat(), years=years, min=minimum)
    id_field = meta.get("id_field")
    born = birth_date(ctx.sibling(path, id_field)) if id_field else None
    age = ctx.rules.settings.min_working_age
    # Month precision: compare with the first of the month after the birthday month, generously.
    if born is not None and (parsed.year, parsed.month) < (born.year + age, born.month):
        ctx.emit("date-before-working-age", path, key=key_of(path), value=str(parsed), age=age)


@field_check("window_start")
def window_start(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    parsed = read_date(ctx, path, value)
    if parsed is None or not _not_future(ctx, path, parsed):
        return
    since_field = meta.get("since_field")
    other = ctx.sibling(path, since_field) if since_field else None
    since = chinese_dates.parse(other) if isinstance(other, str) else None
    if since is not None and parsed.first_day() < since.first_day():
        ctx.emit(
            "date-order", path, key=key_of(path), value=str(parsed), other_key=since_field, other=str(since)
        )


@field_check("window_years")
def window_years_agree(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        return
    from_field = meta.get("from_field")
    start_text = ctx.sibling(path, from_field) if from_field else None
    start = chinese_dates.parse(start_text) if isinstance(start_text, str) else None
    if start is None:
        return
    expected = chinese_dates.years_at(start, ctx.reference)
    if value != expected:
        ctx.emit(
            "window-years-mismatch",
            path,
            given=value,
            since=str(start),
            reference=ctx.reference.isoformat(),
            expected=expected,
        )


@field_check("unit_publicity")
def unit_publicity(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    """单位公示 {开始, 结束}: at least N working days by the official calendar, over before the deadline."""
    if not isinstance(value, dict):
        return
    start_text, end_text = value.get("开始"), value.get("结束")
    if not isinstance(start_text, str) or not isinstance(end_text, str):
        return
    start, end = chinese_dates.parse(start_text), chinese_dates.parse(end_text)
    if start is None or end is None or start.day is None or end.day is None:
        return  # the `date` check on each end has already said why
    first, last = start.first_day(), end.first_day()
    if last < first:
        ctx.emit("publicity-order", (*path, "结束"), start=str(start), end=str(end))
        return
    minimum = ctx.rules.settings.publicity_days
    try:
        days = ctx.calendar.count(first, last)
        if days < minimum:
            earliest = ctx.calendar.end_of_period(first, minimum)
            ctx.emit(
                "publicity-too-short",
                (*path, "结束"),
                start=str(start),
                end=str(end),
                days=days,
                min=minimum,
                earliest_end=earliest.isoformat(),
            )
    except UnknownYearError as exc:
        ctx.emit("calendar-unknown-year", (*path, "开始"), year=exc.year)
    deadline = ctx.rules.date("deadlines", "first_review")
    if deadline is not None and last > deadline:
        ctx.emit("publicity-late", (*path, "结束"), end=str(end), deadline=deadline.isoformat())


@field_check("opinions")
def opinions(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    """征求意见 is required only in the formal stage and only for forwarded nominees: that depends on the
    province's decisions, so it is checked across records (`check/formal.py`). The blocks inside are
    checked by the schema; this marker also tells the leak scan where the signers are."""
