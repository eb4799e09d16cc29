"""Control characters in values: a finding at their place, never a crash further on.

YAML's double-quoted escapes (\\v, \\0, \\x01, \\e) put characters in a value that no form can print
and that terminals obey (an escape sequence); the bidirectional overrides reorder what a reviewer
sees. Each is reported where it is, escaped in the message (`core.reporter.printable`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from awards.check.context import Ctx
from awards.core.reporter import printable
from awards.read.yamlsrc import Path

# Category Cc is exactly U+0000–001F and U+007F–009F (fixed by Unicode's stability policy), less the
# line breaks and tab; then the bidirectional overrides and isolates. One expression instead of a
# category look-up per character: every string of every record is scanned (a third of a full check).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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
    found = _CONTROL.search(text)
    return found.start() if found else None


def check(ctx: Ctx) -> None:
    for path, text in _strings(ctx.data):
        at = first_control(text)
        if at is not None:
            key = str(path[-1]) if path else "整个文件"
            ctx.emit("text-control-character", path, key=key, at=at + 1, char=printable(text[at]))
