"""Text as a reader reads it: the spellings that look different to a program but not to a person.

The privacy matcher (`awards.rules.matcher`) looks for private values in what is published. A clerk,
or someone trying to get past the checker, can write the same phone number or birth month in many
ways: full-width or Arabic-Indic digits, Chinese numerals (with 〇, 零 or the look-alike ○ that input
methods offer for “ling”), dashes of every kind between the digits, invisible characters in between.
`fold` turns all of these into one reading and keeps, for every folded character, the offset of the
character it came from, so a finding can still point at the place in the original text.

What is folded:
- Unicode compatibility forms (NFKC): full-width letters and digits, ligatures, circled numbers;
- every decimal digit of any script (category Nd) to its ASCII digit;
- invisible and format characters dropped by category (Cf: zero-width space and joiners, LRM/RLM,
  the invisible operators U+2061–2064, soft hyphen, U+180E), plus U+034F (a combining mark that
  shows nothing) and the variation selectors;
- runs of Chinese numerals to digits: 一九八六 → 1986, 四 → 4, 十二 → 12, 二十三 → 23;
- separators between two digits (whitespace, every dash, the minus sign, ~ * | · . / _ and the
  brackets around an area code) dropped in `digits`, the view whole numbers are read from.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

# Shown as nothing, but not category Cf: the combining grapheme joiner and the variation selectors.
_INVISIBLE_MARKS = frozenset({"\u034f", *map(chr, range(0xFE00, 0xFE10))})
_NUMERALS = {"〇": 0, "零": 0, "○": 0, "◯": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_NUMERALS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TEN = "十"
# Between two digits these join them into one number (138-3456-1207, 0351 7236418, (0351)7236418).
_JOINERS = frozenset("~*|·._/\\()[]（）【】〔〕＊｜～")
_DASH_CATEGORIES = frozenset({"Pd", "Zs", "Zl", "Zp", "Cc"})


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text, and for each of its characters the offset of the original character."""

    text: str
    offsets: tuple[int, ...]

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the folded span [start, end) came from."""
        if not self.offsets:
            return 0, 0
        first = self.offsets[min(start, len(self.offsets) - 1)]
        last = self.offsets[min(max(end - 1, start), len(self.offsets) - 1)]
        return first, last + 1


@functools.lru_cache(maxsize=1 << 16)
def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or ch in _INVISIBLE_MARKS


@functools.lru_cache(maxsize=1 << 16)
def _char(ch: str) -> str:
    """One character folded on its own: NFKC, then any script's decimal digit to ASCII."""
    if ch.isascii():
        return ch
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if _is_invisible(c):
            continue
        digit = unicodedata.decimal(c, None)
        out.append(str(digit) if digit is not None else c)
    return "".join(out)


def _numeral_run(run: str) -> str:
    """A run of Chinese numerals as digits: digit by digit, except where 十 makes it a number."""
    if _TEN not in run:
        return "".join(str(_NUMERALS[c]) for c in run)
    head, _, tail = run.partition(_TEN)
    if len(head) > 1 or _TEN in tail or len(tail) > 1:
        return run  # not a number a person writes this way (一九十…): left as it is
    tens = _NUMERALS[head] if head else 1
    units = _NUMERALS[tail] if tail else 0
    return str(tens * 10 + units)


def fold(text: str, numerals: bool = True) -> Folded:
    """`text` as a reader reads it (see the module's description), with the map back to it.

    Without `numerals` the Chinese numerals stay as they are: names are looked for in that reading
    (张一 is not 张1), numbers in the other."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii() and ch.isprintable():  # most of a page: nothing to fold
            chars.append(ch)
            offsets.append(i)
            continue
        if _is_invisible(ch):
            continue
        for c in _char(ch):
            chars.append(c)
            offsets.append(i)
    if not numerals:
        return Folded("".join(chars), tuple(offsets))
    return _numerals(chars, offsets)


def _numerals(chars: list[str], offsets: list[int]) -> Folded:
    out: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(chars):
        if chars[i] not in _NUMERALS and chars[i] != _TEN:
            out.append(chars[i])
            where.append(offsets[i])
            i += 1
            continue
        j = i
        while j < len(chars) and (chars[j] in _NUMERALS or chars[j] == _TEN):
            j += 1
        digits = _numeral_run("".join(chars[i:j]))
        span = offsets[i:j]
        for k, c in enumerate(digits):
            out.append(c)
            where.append(span[min(k, len(span) - 1)])
        i = j
    return Folded("".join(out), tuple(where))


def is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def is_joiner(ch: str) -> bool:
    return ch in _JOINERS or unicodedata.category(ch) in _DASH_CATEGORIES or ch == "\u2212"


def digits(folded: Folded) -> Folded:
    """The folded text with the separators between two digits dropped: 138—3456~1207 → 13834561207.

    A separator run counts only between digits (both sides), so “第3期 2019年” keeps its space.
    Commas and 、 are not separators: 19,864 人次 is a count, and a list (3、4、5) is several numbers.
    """
    text, offsets = folded.text, folded.offsets
    keep = [True] * len(text)
    i = 0
    while i < len(text):
        if is_digit(text[i]):
            j = i + 1
            while j < len(text) and is_joiner(text[j]):
                j += 1
            if j > i + 1 and j < len(text) and is_digit(text[j]):
                for k in range(i + 1, j):
                    keep[k] = False
            i = j if j > i + 1 else i + 1
        else:
            i += 1
    return Folded(
        "".join(c for c, k in zip(text, keep, strict=True) if k),
        tuple(o for o, k in zip(offsets, keep, strict=True) if k),
    )
