"""Deeds within their word limits, and the attestation."""

from __future__ import annotations

import functools
import re
from typing import Any

from awards.check.context import Ctx, field_check, key_of
from awards.read.yamlsrc import Path
from awards.rules.private import forms_of, found_in, haystack, needle, private_values

_SPACE = re.compile(r"\s+")


def char_count(text: str) -> int:
    """Characters as the notice counts 字数: every character except whitespace (spaces, line breaks)."""
    return len(_SPACE.sub("", text))


@field_check("text")
def text(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    if not isinstance(value, str):
        return
    limit = ctx.rules.settings.word_limits.get(key_of(path))
    n = char_count(value)
    if limit is not None and n > limit:
        ctx.emit("text-too-long", path, key=key_of(path), count=n, limit=limit, over=n - limit)
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
        for kind, forms in _forms(label, private):
            if kind not in found and any(found_in(text, wanted) for wanted in forms):
                found.append(kind)
    if found:
        ctx.emit("private-in-public-text", path, key=key_of(path), what="、".join(found))


@functools.lru_cache(maxsize=256)
def _forms(label: str, value: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    # Memoised, as needles: both public texts of a record look for the same values, in the same order.
    return tuple((kind, tuple({needle(f) for f in forms})) for kind, forms in forms_of(label, value).items())


@field_check("attestation")
def attestation(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    if value is not True and isinstance(value, bool):
        ctx.emit("attestation", path)
