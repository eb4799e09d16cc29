"""The control-character check's one expression against the Unicode database it stands for."""

from __future__ import annotations

import sys
import unicodedata

from awards.check.controls import first_control

_ALLOWED = "\n\t\r"
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_every_control_and_override_is_found_and_nothing_else() -> None:
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        control = (unicodedata.category(ch) == "Cc" and ch not in _ALLOWED) or ch in _BIDI
        assert first_control("ab" + ch + "\x01") == (2 if control else 3), hex(code)


def test_the_first_of_several_is_reported() -> None:
    assert first_control("正常文字\u202e反转\x1b") == 4
    assert first_control("多行\n文字\t制表\r") is None
