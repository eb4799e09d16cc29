"""Dates as Chinese forms write them, read strictly: 2015-03, 2015-03-01, 2015年3月, 2015.03, 2015/3/1.

Anything else is refused rather than guessed (`15.3`, `2015`, `201503`, `2015-13`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_FORMS = (
    re.compile(r"^([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?$"),
    re.compile(r"^([0-9]{4})\.([0-9]{1,2})(?:\.([0-9]{1,2}))?$"),
    re.compile(r"^([0-9]{4})/([0-9]{1,2})(?:/([0-9]{1,2}))?$"),
    re.compile(r"^([0-9]{4})年([0-9]{1,2})月(?:([0-9]{1,2})日)?$"),
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date that may be known only to the month (most 工作时间 fields are)."""

    year: int
    month: int
    day: int | None

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year}-{self.month:02d}"
        return f"{self.year}-{self.month:02d}-{self.day:02d}"


def parse(text: str) -> PartialDate | None:
    """The date the text means, or None when it is not one of the accepted forms or not a real date."""
    text = text.strip()
    for form in _FORMS:
        m = form.match(text)
        if m is None:
            continue
        year, month = int(m.group(1)), int(m.group(2))
        day = int(m.group(3)) if m.group(3) else None
        if not 1900 <= year <= 2100:
            return None
        try:
            dt.date(year, month, day or 1)
        except ValueError:
            return None
        return PartialDate(year, month, day)
    return None


def whole_years(start: dt.date, at: dt.date) -> int:
    """Completed years from `start` to `at` (a birthday-style count)."""
    return at.year - start.year - ((at.month, at.day) < (start.month, start.day))


def years_at(start: PartialDate, at: dt.date) -> int:
    """在窗口工作年限 and the like: whole years from a (possibly month-only) date to the reference date.

    The checker and the exports both call this, so the tables always agree with the check.
    """
    return whole_years(start.first_day(), at)


def chinese(day: dt.date) -> str:
    """`9月16日`: how dates are written in a 公示."""
    return f"{day.month}月{day.day}日"
