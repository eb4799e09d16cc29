"""Working days by the official Chinese calendar (statutory holidays and make-up working days).

`chinesecalendar` carries the State Council's yearly schedule. Data in `rules/holidays/<year>.yml`
takes precedence, so a campaign can run in a year the library does not know yet; a year known to
neither raises UnknownYear instead of silently counting Monday to Friday.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from awards.core.errors import UsageError
from awards.rules.loader import HolidayYear

_ONE_DAY = dt.timedelta(days=1)


class UnknownYearError(UsageError):
    """No holiday schedule for a year the campaign counts working days in: a configuration error."""

    def __init__(self, year: int) -> None:
        super().__init__(f"rules/holidays/ 中没有 {year} 年的节假日安排，无法按工作日计算公示期。")
        self.year = year


class WorkCalendar:
    def __init__(self, supplied: dict[int, HolidayYear]) -> None:
        self.supplied = supplied

    def is_workday(self, day: dt.date) -> bool:
        year = self.supplied.get(day.year)
        if year is not None:
            if day in year.workdays:
                return True
            return day.weekday() < 5 and day not in year.holidays
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            raise UnknownYearError(day.year) from None

    def count(self, start: dt.date, end: dt.date) -> int:
        """Working days from start to end, both included."""
        n, day = 0, start
        while day <= end:
            n += self.is_workday(day)
            day += _ONE_DAY
        return n

    def end_of_period(self, start: dt.date, working_days: int) -> dt.date:
        """The last day of a period of `working_days` working days that opens on `start`."""
        if working_days < 1:
            return start
        day, n = start, 0
        while True:
            if self.is_workday(day):
                n += 1
                if n == working_days:
                    return day
            day += _ONE_DAY
