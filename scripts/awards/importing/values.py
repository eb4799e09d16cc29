"""A cell's value as the record holds it, read from what the clerk typed in Excel or WPS.

The schema's own `meta.check` says what a field is (an ID number, a month, a phone), so a new campaign's
fields are read the same way without code here knowing their names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from awards.core.problems import Mark
from awards.core.sink import Sink

MONTH_CHECKS = frozenset({"service_start", "window_start"})  # 2015-03
DAY_CHECKS = frozenset({"date"})  # 2021-08-02


def _number_text(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _month_from_number(value: float) -> str | None:
    """2015.03 (or 2015.3 once Excel drops the zero) as 2015-03: the way clerks type a month."""
    year = int(value)
    month = round((value - year) * 100)
    return f"{year:04d}-{month:02d}" if 1900 < year < 2100 and 1 <= month <= 12 else None


# A table's yes/no column: what clerks write in Excel and WPS. Anything else is kept as typed, so the
# checker says what a yes/no item needs.
_YES = frozenset({"是", "√", "✓", "true", "TRUE", "True", "确认"})
_NO = frozenset({"否", "×", "false", "FALSE", "False"})


def _boolean(cell: Any) -> Any:
    if isinstance(cell, bool):
        return cell
    text = str(cell).strip()
    return True if text in _YES else False if text in _NO else text


class Reader:
    """Turns cells into record values, reporting through the catalogue at the cell's position."""

    def __init__(self, sink: Sink, path: str) -> None:
        self.sink, self.path = sink, path

    def value(self, field: str, rule: dict[str, Any], cell: Any, mark: Mark) -> Any:
        """The record's value for `cell`, or None to leave the field blank (a finding says why)."""
        check = (rule.get("meta") or {}).get("check")
        if cell is None:
            return None
        if check == "id_number":
            return self._id_number(field, cell, mark)
        if isinstance(cell, dt.datetime | dt.date):
            return cell.strftime("%Y-%m" if check in MONTH_CHECKS else "%Y-%m-%d")
        if rule.get("type") == "integer":
            return self._integer(cell)
        if rule.get("type") == "boolean":
            return _boolean(cell)
        if isinstance(cell, bool):
            return str(cell).lower()
        if isinstance(cell, int | float):
            return self._number(field, check, cell, mark)
        text = str(cell).strip()
        return text.replace("\r\n", "\n") or None

    def _id_number(self, field: str, cell: Any, mark: Mark) -> Any:
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            # Excel keeps 15 significant digits: an 18-digit number has already lost its last ones.
            self.sink.emit("import-id-number", self.path, mark, field=field, shown=f"{float(cell):.5E}")
            return None
        return str(cell).strip().replace("x", "X")

    @staticmethod
    def _integer(cell: Any) -> Any:
        # Kept as typed when it is not a whole number (“6年”), so the checker can say what is wrong.
        if isinstance(cell, int | float) and float(cell).is_integer():
            return int(cell)
        text = str(cell).strip()
        return int(text) if text.isdigit() else text

    def _number(self, field: str, check: str | None, cell: int | float, mark: Mark) -> str:
        if check in MONTH_CHECKS and isinstance(cell, float):
            month = _month_from_number(cell)
            if month is not None:
                self.sink.emit("import-date-number", self.path, mark, field=field, value=cell, read=month)
                return month
        text = _number_text(cell)
        if check == "phone" and not (len(text) == 11 and text.startswith("1")):
            self.sink.emit("import-phone-number", self.path, mark, field=field, value=text)
        return text
