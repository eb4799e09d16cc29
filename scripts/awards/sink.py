"""Turning findings into Problems: the catalogue gives each code its severity and its sentence."""

from __future__ import annotations

from typing import Any

from awards.problems import Mark, Problem
from awards.rules import Check


class Sink:
    """Collects problems across every file; nothing is printed until the end."""

    def __init__(self, checks: dict[str, Check]) -> None:
        self.checks = checks
        self.problems: list[Problem] = []

    def emit(self, code: str, path: str, mark: Mark, **params: Any) -> None:
        check = self.checks[
            code
        ]  # an unknown code is a programming error: tests keep code and catalogue in step
        message = check.message.format(**params)
        self.problems.append(Problem(path, mark.line, mark.col, check.severity, code, message))

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))
