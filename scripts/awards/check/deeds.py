"""Deeds within their word limits, and the attestation."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from awards.check.context import Ctx, FieldFinding, field_check, key_of
from awards.check.normal import fullwidth_digits
from awards.read.yamlsrc import Path
from awards.rules.private import forms_of, found_in, haystack, needle, private_values

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
    if key_of(path) in _public_fields(ctx):
        _no_private_values(ctx, path, value)


def _public_fields(ctx: Ctx) -> list[str]:
    site = ctx.rules.extra.get("site.yml") or {}
    fields: list[str] = (site.get("public_fields") or {}).get(ctx.doc.kind, [])
    return fields


def _no_private_values(ctx: Ctx, path: Path, value: str) -> None:
    """Published text must not repeat the record's own private values (caught here, before any build)."""
    text = haystack(_SPACE.sub("", value))
    found = []
    for label, _field, private in private_values(ctx.rules.schemas[ctx.doc.kind], ctx.data):
        if not isinstance(private, str) or not private.strip() or label == "照片":
            continue
        # A number typed in full-width digits is the same number (and the birth-date forms need ASCII).
        private = fullwidth_digits(private) or private
        for kind, forms in _forms(label, private):
            if kind not in found and any(found_in(text, wanted) for wanted in forms):
                found.append(kind)
    if found:
        ctx.emit("private-in-public-text", path, key=key_of(path), what="、".join(found))


@functools.lru_cache(maxsize=256)
def _forms(label: str, value: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    # Memoised, as needles: both public texts of a record look for the same values, in the same order.
    return tuple((kind, tuple({needle(f) for f in forms})) for kind, forms in forms_of(label, value).items())


def attestation_findings(key: str, value: Any) -> list[FieldFinding]:
    """An attestation the notice makes a condition (二（一）, 一（二）): only `true` lets the nominee go."""
    if isinstance(value, bool) and value is not True:
        return [FieldFinding("attestation", {"key": key})]
    return []


@field_check("attestation")
def attestation(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    return attestation_findings(key_of(path), value)
