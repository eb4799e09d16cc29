"""Deeds within their word limits, and the attestation."""

from __future__ import annotations

import re
from typing import Any

from awards.check.context import Ctx, field_check, key_of
from awards.read.yamlsrc import Path

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


@field_check("attestation")
def attestation(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    if value is not True and isinstance(value, bool):
        ctx.emit("attestation", path)
