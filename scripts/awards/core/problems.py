"""Problems: the one currency every check stage pays in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One finding, pointing at a file position. Ordered by place so reports are stable.

    A finding in a spreadsheet (`awards import`) also names its `cell` as the clerk sees it in Excel,
    `Sheet1!G7`; its line and column are then the cell's row and column numbers, so ordering still holds.
    """

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    cell: str | None = None

    @property
    def place(self) -> str:
        """Where, as every reporter prints it: `path:line:col`, or `file.xlsx:Sheet1!G7` for a cell."""
        if self.cell is not None:
            return f"{self.path}:{self.cell}"
        return f"{self.path}:{self.line}:{self.col}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based position in a source file."""

    line: int = 1
    col: int = 1


def count(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors
