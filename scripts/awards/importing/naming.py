"""File names for imported records: the person's or window's name in pinyin, unique within the unit."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# A window's name starts with 山西省XX市; the file name only needs what tells the unit's windows apart.
_PREFIX = re.compile(r"^.*?[省市](?=.{2,})")
_SUFFIX = re.compile(r"(服务)?窗口$")
MAX_SYLLABLES = 8


def slug(name: str, window: bool) -> str:
    """wang-wu for 王五; xiao-dian-qu-she-hui-bao-xian for 山西省太原市小店区社会保险服务窗口."""
    text = name.strip()
    if window:
        text = _SUFFIX.sub("", _PREFIX.sub("", _PREFIX.sub("", text)))
    parts = [_NOT_SLUG.sub("", p.lower()) for p in lazy_pinyin(text, style=Style.NORMAL)]
    words = [p for p in parts if p]
    if len(words) > MAX_SYLLABLES:  # a long window name: its initials still tell the windows apart
        return "".join(w[0] for w in words)
    return "-".join(words) or "record"


def unique(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name
