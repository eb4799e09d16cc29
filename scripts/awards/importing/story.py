"""事迹 from a Word document (python-docx) into a record, paragraphs kept.

A document with a 简要事迹 heading gives both texts: what follows 简要事迹 until 主要事迹 (or the end)
is the short one, what follows 主要事迹 the long one (a title above the first heading is left out);
without those headings the whole document is 主要事迹. Only the
record's two text blocks are rewritten, so the clerk's own comments and values stay as they were.
"""

from __future__ import annotations

import re
from pathlib import Path

from awards.core.errors import UsageError

BRIEF, MAIN = "简要事迹", "主要事迹"
_HEADING = re.compile(r"^[一二三四五六七八九十\d、.．\s（()）]*(简要事迹|主要事迹)(材料)?[:：]?\s*$")


def paragraphs(path: Path) -> list[str]:
    import docx  # python-docx; only this subcommand pays for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, ValueError, KeyError, OSError):
        raise UsageError(
            f"无法读取 {path.name}：只能导入 Word 的 .docx 文件；.doc 或 WPS 文档请先“另存为”.docx。"
        ) from None
    return [p.text.strip() for p in document.paragraphs]


def split(paras: list[str]) -> dict[str, str]:
    """{简要事迹?: …, 主要事迹: …}, each a text whose paragraphs are separated by a blank line."""
    parts: dict[str, list[str]] = {}
    headed = any(_HEADING.match(t) for t in paras)
    current = "" if headed else MAIN  # before the first heading: the document's title, not 事迹
    for text in paras:
        heading = _HEADING.match(text)
        if heading:
            current = heading.group(1)
            parts.setdefault(current, [])
            continue
        if text:
            parts.setdefault(current, []).append(text)
    return {name: "\n\n".join(lines) for name, lines in parts.items() if lines and name}


def _is_key(line: str) -> bool:
    return bool(line) and not line[0].isspace() and not line.startswith("#")


def replace(text: str, name: str, value: str) -> str:
    """The record's text with the top-level `name` set to a literal block holding `value`."""
    lines = text.split("\n")
    body = [f"  {line}".rstrip() for line in value.split("\n")]
    new = [f"{name}: |", *body]
    start = next((i for i, ln in enumerate(lines) if re.match(rf"^{name}\s*:", ln)), None)
    if start is None:
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join([*lines, *new]) + "\n"
    end = start + 1
    while end < len(lines) and not _is_key(lines[end]) and not lines[end].startswith("#"):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # blank lines before the next key stay
        end -= 1
    return "\n".join([*lines[:start], *new, *lines[end:]])
