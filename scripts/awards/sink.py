"""Turning findings into Problems: the catalogue gives each code its severity and its sentence."""

from __future__ import annotations

import re
from typing import Any

from awards.problems import Mark, Problem
from awards.rules import Check

# Invisible characters that reorder or hide text (bidi overrides, zero-width marks): a value echoed in a
# message is shown with them spelled out, so hostile text cannot disguise what a clerk reads.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _visible(value: Any) -> Any:
    if isinstance(value, str):
        return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return value


class Sink:
    """Collects problems across every file; nothing is printed until the end."""

    def __init__(self, checks: dict[str, Check]) -> None:
        self.checks = checks
        self.problems: list[Problem] = []

    def emit(self, code: str, path: str, mark: Mark, **params: Any) -> None:
        check = self.checks[
            code
        ]  # an unknown code is a programming error: tests keep code and catalogue in step
        message = check.message.format(**{k: _visible(v) for k, v in params.items()})
        self.problems.append(Problem(path, mark.line, mark.col, check.severity, code, message))

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))
