"""Dates as Chinese forms write them: accepted forms, refused lookalikes, and whole years."""

from __future__ import annotations

import datetime as dt

import pytest

from awards.read.chinese_dates import PartialDate, chinese, parse, whole_years, years_at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015-03", PartialDate(2015, 3, None)),
        ("2015-3", PartialDate(2015, 3, None)),
        ("2015-03-01", PartialDate(2015, 3, 1)),
        ("2015年3月", PartialDate(2015, 3, None)),
        ("2015年3月1日", PartialDate(2015, 3, 1)),
        ("2015.03", PartialDate(2015, 3, None)),
        ("2015.10", PartialDate(2015, 10, None)),
        ("2015.1", PartialDate(2015, 1, None)),
        ("2015/3/1", PartialDate(2015, 3, 1)),
        (" 2015-03 ", PartialDate(2015, 3, None)),
    ],
)
def test_accepted_forms(text: str, expected: PartialDate) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2015",
        "201503",
        "15.3",
        "2015-13",
        "2015-02-30",
        "2015年3",
        "3/1/2015",
        "２０１５年３月",
        "1899-01",
        "2015-03-01T08:00",
    ],
)
def test_refused_rather_than_guessed(text: str) -> None:
    assert parse(text) is None


def test_whole_years_is_a_birthday_count() -> None:
    ref = dt.date(2021, 8, 23)
    assert whole_years(dt.date(2018, 8, 23), ref) == 3
    assert whole_years(dt.date(2018, 8, 24), ref) == 2
    assert years_at(PartialDate(2018, 8, None), ref) == 3  # a month-only date counts from the 1st
    assert years_at(PartialDate(2018, 9, None), ref) == 2


def test_chinese_rendering() -> None:
    assert chinese(dt.date(2021, 9, 16)) == "9月16日"
    assert str(PartialDate(2015, 3, None)) == "2015-03"
