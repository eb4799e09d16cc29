"""Dates, years of service, the unit publicity period and the formal-stage opinions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from awards.check.context import Ctx, FieldFinding, field_check, key_of
from awards.check.identity import birth_date
from awards.read import chinese_dates
from awards.read.chinese_dates import PartialDate
from awards.read.yamlsrc import Path
from awards.rules.workdays import UnknownYearError, WorkCalendar

# The notice counts 3 years "(含)" without naming the day they are counted to; the campaign picks the
# first-review deadline. Someone this close to the line qualifies by some reasonable reading: warn.
_NEAR_MONTHS = 3


def date_findings(
    key: str, value: str, need_day: bool = False
) -> tuple[PartialDate | None, list[FieldFinding]]:
    """The date (None when it is not one), and why it is not one or not precise enough."""
    parsed = chinese_dates.parse(value)
    if parsed is None:
        return None, [FieldFinding("date-format", {"key": key, "value": value})]
    if need_day and parsed.day is None:
        return None, [FieldFinding("date-needs-day", {"key": key})]
    return parsed, []


def _past_date(key: str, value: str, reference: dt.date) -> tuple[PartialDate | None, list[FieldFinding]]:
    """A date no later than the reference date (None, with the reason, when it is not one)."""
    parsed, found = date_findings(key, value)
    if parsed is not None and parsed.first_day() > reference:
        params = {"key": key, "value": str(parsed), "reference": reference.isoformat()}
        return None, [FieldFinding("date-future", params)]
    return parsed, found


@field_check("date")
def date(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    return date_findings(key_of(path), value, need_day=True)[1] if isinstance(value, str) else []


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def service_findings(
    key: str, value: str, reference: dt.date, minimum: int, born: dt.date | None = None, age: int = 16
) -> list[FieldFinding]:
    """参加人社工作时间: {minimum} years (inclusive) in the system by the reference date."""
    parsed, found = _past_date(key, value, reference)
    if parsed is None:
        return found
    years = chinese_dates.whole_years(parsed.first_day(), reference)
    params = {"reference": reference.isoformat(), "years": years, "min": minimum}
    if years < minimum:
        line = dt.date(parsed.year + minimum, parsed.month, 1)
        near = line <= _months_later(reference, _NEAR_MONTHS)
        found.append(
            FieldFinding("service-years-near", {**params, "line": line.isoformat(), "months": _NEAR_MONTHS})
            if near
            else FieldFinding("service-years", params)
        )
    # Month precision: compare with the first of the month after the birthday month, generously.
    if born is not None and (parsed.year, parsed.month) < (born.year + age, born.month):
        found.append(FieldFinding("date-before-working-age", {"key": key, "value": str(parsed), "age": age}))
    return found


@field_check("service_start")
def service_start(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, str):
        return []
    id_field = meta.get("id_field")
    born = birth_date(ctx.sibling(path, id_field)) if id_field else None
    settings = ctx.rules.settings
    return service_findings(
        key_of(path), value, ctx.reference, settings.service_years_min, born, settings.min_working_age
    )


def window_start_findings(
    key: str, value: str, reference: dt.date, since_key: str | None = None, since_text: Any = None
) -> list[FieldFinding]:
    parsed, found = _past_date(key, value, reference)
    if parsed is None:
        return found
    since = chinese_dates.parse(since_text) if isinstance(since_text, str) else None
    if since is not None and parsed.first_day() < since.first_day():
        params = {"key": key, "value": str(parsed), "other_key": since_key, "other": str(since)}
        return [FieldFinding("date-order", params)]
    return []


@field_check("window_start")
def window_start(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, str):
        return []
    since_field = meta.get("since_field")
    other = ctx.sibling(path, since_field) if since_field else None
    return window_start_findings(key_of(path), value, ctx.reference, since_field, other)


def window_years_findings(given: int, start_text: Any, reference: dt.date) -> list[FieldFinding]:
    """在窗口工作年限: whole years to the reference date, or the difference of the years (2011-09 → 2021:
    10), as many clerks count; warn only when the figure is neither."""
    start = chinese_dates.parse(start_text) if isinstance(start_text, str) else None
    if start is None:
        return []
    whole = chinese_dates.years_at(start, reference)
    difference = reference.year - start.year
    if given in (whole, difference):
        return []
    params = {"given": given, "since": str(start), "reference": reference.isoformat()}
    return [FieldFinding("window-years-mismatch", {**params, "expected": whole, "difference": difference})]


@field_check("window_years")
def window_years_agree(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, int) or isinstance(value, bool):
        return []
    from_field = meta.get("from_field")
    start_text = ctx.sibling(path, from_field) if from_field else None
    return window_years_findings(value, start_text, ctx.reference)


def publicity_findings(
    value: dict[str, Any], calendar: WorkCalendar, minimum: int, deadline: dt.date | None
) -> list[FieldFinding]:
    """单位公示 {开始, 结束}: at least `minimum` working days by the official calendar, over by `deadline`."""
    start_text, end_text = value.get("开始"), value.get("结束")
    if not isinstance(start_text, str) or not isinstance(end_text, str):
        return []
    start, end = chinese_dates.parse(start_text), chinese_dates.parse(end_text)
    if start is None or end is None or start.day is None or end.day is None:
        return []  # the `date` check on each end has already said why
    first, last = start.first_day(), end.first_day()
    span = {"start": str(start), "end": str(end)}
    if last < first:
        return [FieldFinding("publicity-order", span, at=("结束",))]
    found = []
    try:
        days = calendar.count(first, last)
        if days < minimum:
            earliest = calendar.end_of_period(first, minimum).isoformat()
            params = {**span, "days": days, "min": minimum, "earliest_end": earliest}
            found.append(FieldFinding("publicity-too-short", params, at=("结束",)))
    except UnknownYearError as exc:
        found.append(FieldFinding("calendar-unknown-year", {"year": exc.year}, at=("开始",)))
    if deadline is not None and last > deadline:
        params = {"end": str(end), "deadline": deadline.isoformat()}
        found.append(FieldFinding("publicity-late", params, at=("结束",)))
    return found


@field_check("unit_publicity")
def unit_publicity(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, dict):
        return []
    deadline = ctx.rules.date("deadlines", "first_review")
    return publicity_findings(value, ctx.calendar, ctx.rules.settings.publicity_days, deadline)


@field_check("opinions")
def opinions(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    """征求意见 is required only in the formal stage and only for forwarded nominees: that depends on the
    province's decisions, so it is checked across records (`check/formal.py`). The blocks inside are
    checked by the schema; this marker also tells the leak scan where the signers are."""
