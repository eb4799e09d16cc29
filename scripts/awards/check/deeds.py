"""Deeds within their word limits, and the attestation."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from awards.check.context import Ctx, FieldFinding, field_check, key_of
from awards.read.yamlsrc import Path

_SPACE = re.compile(r"\s+")


def _wide(ch: str) -> bool:
    """A character Word and WPS count as one 字 on its own: CJK, full-width forms, and the punctuation a
    Chinese input method types (“” ‘’ — … · are East-Asian-ambiguous in Unicode, full width in Chinese)."""
    width = unicodedata.east_asian_width(ch)
    return width in ("W", "F") or (width == "A" and unicodedata.category(ch)[0] in "PS")


@functools.lru_cache(maxsize=1024)
def word_count(text: str) -> int:
    """字数 as Word and WPS count it (rules/campaign.yml, word_limits): each CJK character and full-width
    punctuation mark 1; each run of other non-space characters (a Latin word, a number such as 3.5% or
    2021-08, an English abbreviation) 1; whitespace 0."""
    count = 0
    in_run = False
    for ch in text:
        if ch.isspace():
            in_run = False
        elif _wide(ch):
            count += 1
            in_run = False
        elif not in_run:
            count += 1
            in_run = True
    return count


# The name the exports' checklist knows it by.
char_count = word_count


def text_findings(key: str, value: str, limit: int | None) -> list[FieldFinding]:
    """A deed over its word limit: the count as Word shows it, and how many 字 to cut."""
    n = word_count(value)
    if limit is None or n <= limit:
        return []
    return [FieldFinding("text-too-long", {"key": key, "count": n, "limit": limit, "over": n - limit})]


@field_check("text")
def text(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    if not isinstance(value, str):
        return
    for found in text_findings(key_of(path), value, ctx.rules.settings.word_limits.get(key_of(path))):
        ctx.emit(found.code, path, **found.params)


def attestation_findings(key: str, value: Any) -> list[FieldFinding]:
    """An attestation the notice makes a condition (二（一）, 一（二）): only `true` lets the nominee go."""
    if isinstance(value, bool) and value is not True:
        return [FieldFinding("attestation", {"key": key})]
    return []


@field_check("attestation")
def attestation(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    return attestation_findings(key_of(path), value)
