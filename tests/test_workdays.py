"""Working days by the official calendar: the library, data from rules/, and years nobody knows."""

from __future__ import annotations

import datetime as dt

import pytest

from awards.rules.loader import HolidayYear
from awards.rules.workdays import UnknownYearError, WorkCalendar

D = dt.date


@pytest.fixture
def library() -> WorkCalendar:
    return WorkCalendar({})


def test_make_up_working_sunday_counts(library: WorkCalendar) -> None:
    # 2021-09-26 is a Sunday worked for 国庆节 (国办发明电〔2020〕27号).
    assert library.count(D(2021, 9, 26), D(2021, 9, 30)) == 5


def test_holidays_do_not_count(library: WorkCalendar) -> None:
    assert library.count(D(2021, 9, 29), D(2021, 10, 11)) == 5  # 9/29, 9/30, 10/8, 10/9 (Sat, worked), 10/11
    # Opening on a holiday: 10/8, 10/9 (Sat, worked), 10/11, 10/12, 10/13.
    assert library.end_of_period(D(2021, 10, 1), 5) == D(2021, 10, 13)


def test_provincial_publicity_over_mid_autumn(library: WorkCalendar) -> None:
    # 9/16 Thu, 9/17 Fri, 9/18 Sat worked, 9/19–21 holiday, 9/22, 9/23.
    assert library.end_of_period(D(2021, 9, 16), 5) == D(2021, 9, 23)


def test_unknown_year_is_an_error_not_a_guess(library: WorkCalendar) -> None:
    with pytest.raises(UnknownYearError) as info:
        library.count(D(2031, 8, 4), D(2031, 8, 8))
    assert info.value.year == 2031


def test_rules_data_supplies_a_year() -> None:
    year = HolidayYear(2031, frozenset({D(2031, 10, 1), D(2031, 10, 2)}), frozenset({D(2031, 9, 27)}))
    cal = WorkCalendar({2031: year})
    assert cal.is_workday(D(2031, 9, 27))  # a Saturday declared a working day
    assert not cal.is_workday(D(2031, 10, 1))  # a Wednesday declared a holiday
    # Fri 9/26, Sat 9/27 (worked), Mon 9/29, Tue 9/30, Fri 10/3; Monday-to-Friday alone would say 6.
    assert cal.count(D(2031, 9, 26), D(2031, 10, 3)) == 5
