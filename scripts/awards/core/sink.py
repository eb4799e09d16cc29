"""Turning findings into Problems: the catalogue gives each code its severity and its sentence."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from awards.core.errors import RulesError
from awards.core.problems import Mark, Problem, Severity

# Invisible characters that reorder or hide text (bidi overrides, zero-width marks): a value echoed in a
# message is shown with them spelled out, so hostile text cannot disguise what a clerk reads.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


@dataclass(frozen=True, slots=True)
class Check:
    """One entry of the catalogue (rules/checks.yml): a stable code, its severity and its sentence."""

    code: str
    severity: Severity
    summary: str
    message: str | Mapping[str, str]  # one sentence, or one per case ({case: sentence})
    notice: str
    line: int = 1  # where the code is defined in rules/checks.yml, for errors in its message


_LONGEST_ECHO = 80  # a value echoed back is for recognising it, not for reading 100,000 characters


def _visible(value: Any) -> Any:
    if isinstance(value, str):
        if len(value) > _LONGEST_ECHO:
            value = value[:_LONGEST_ECHO] + "…"
        return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return value


def describe(value: Any) -> str:
    """What the user wrote, in words a clerk recognises (for “应填……，实际写的是……”)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "一组“项名: 值”"
    if isinstance(value, list):
        return "一个列表（以“- ”开头的几行）"
    if isinstance(value, int):
        return f"数字 {value}"
    text = str(value)
    return f"“{text[:20]}{'…' if len(text) > 20 else ''}”"


class Sink:
    """Collects problems across every file; nothing is printed until the end."""

    def __init__(self, checks: dict[str, Check]) -> None:
        self.checks = checks
        self.problems: list[Problem] = []

    def emit(self, code: str, path: str, mark: Mark, case: str | None = None, **params: Any) -> None:
        """Record a finding; `case` picks the sentence when the catalogue has one per case."""
        check = self.checks[
            code
        ]  # an unknown code is a programming error: tests keep code and catalogue in step
        if isinstance(check.message, str):
            template = check.message
        elif (case or "") in check.message:
            template = check.message[case or ""]
        else:
            raise RulesError(
                [_bad_message(check, f"“{check.code}”的 message 缺少情形 '{case}'（检查程序需要它）")]
            )
        try:
            message = template.format(**{k: _visible(v) for k, v in params.items()})
        except (KeyError, IndexError, ValueError) as exc:
            raise RulesError([_bad_message(check, exc)]) from None
        self.problems.append(Problem(path, mark.line, mark.col, check.severity, code, message))

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))


def _bad_message(check: Check, exc: Exception | str) -> Problem:
    """A catalogue message the check cannot fill: the rules file is wrong (exit 2), at the code's line."""
    detail = exc if isinstance(exc, str) else f"“{check.code}”的 message 用了检查程序不提供的占位符 {exc}"
    return Problem(
        "rules/checks.yml", check.line, 1, Severity.ERROR, "rules-invalid", f"规则文件有误：{detail}"
    )
