"""Control characters in values: a finding at their place, never a crash further on.

YAML's double-quoted escapes (\\v, \\0, \\x01, \\e) put characters in a value that no form can print
and that terminals obey (an escape sequence); the bidirectional overrides reorder what a reviewer
sees. Each is reported where it is, escaped in the message (`core.reporter.printable`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from awards.check.context import Ctx
from awards.core.reporter import printable
from awards.read.yamlsrc import Path

_ALLOWED = frozenset("\n\t\r")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _strings(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, i))


def first_control(text: str) -> int | None:
    """The offset of the first control or bidirectional-override character, if any."""
    for i, c in enumerate(text):
        if (unicodedata.category(c) == "Cc" and c not in _ALLOWED) or c in _BIDI:
            return i
    return None


def check(ctx: Ctx) -> None:
    for path, text in _strings(ctx.data):
        at = first_control(text)
        if at is not None:
            key = str(path[-1]) if path else "整个文件"
            ctx.emit("text-control-character", path, key=key, at=at + 1, char=printable(text[at]))
