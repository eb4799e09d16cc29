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
import re
import unicodedata
from collections.abc import Callable, Sequence
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
    offsets: Sequence[int]  # a list or a range: never copied into a tuple (a page has millions)

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


@functools.cache
def _special() -> re.Pattern[str]:
    """Every character `fold` changes or drops, as one character class: found by the regular
    expression engine, so the characters that stay as they are (nearly all of a page) cost nothing.
    Built once, on first use, from the Unicode database of this Python."""
    normal, category, decimal = unicodedata.is_normalized, unicodedata.category, unicodedata.decimal
    chars = [
        c
        for c in map(chr, range(0x80, 0x10000))
        if not normal("NFKC", c)
        or category(c) == "Cf"
        or decimal(c, None) is not None
        or c in _INVISIBLE_MARKS
        or c in _NUMERALS
        or c == _TEN
    ]
    # The basic plane as a bitmap (fast); any character beyond it as one range, folded on its own:
    # a class listing characters from both planes is scanned linearly by `re`, forty times slower.
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "\U00010000-\U0010ffff]")


_NUMERAL_RUN = re.compile(f"[{''.join(_NUMERALS)}{_TEN}]+")


def _segments(text: str, pattern: re.Pattern[str], replace: Callable[[str], str]) -> Folded | None:
    """`text` with each match of `pattern` replaced; every character of a replacement maps to the
    first character of what it replaced. None when nothing matched."""
    out: list[str] = []
    offsets: list[int] = []
    at = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        out.append(text[at:start])
        offsets.extend(range(at, start))
        new = replace(m.group())
        out.append(new)
        if len(new) <= end - start:
            offsets.extend(range(start, start + len(new)))
        else:  # an expansion (㈠ → (一)): the extra characters map to the last one replaced
            offsets.extend([*range(start, end), *[end - 1] * (len(new) - (end - start))])
        at = end
    if at == 0:
        return None
    out.append(text[at:])
    offsets.extend(range(at, len(text)))
    return Folded("".join(out), offsets)


def fold(text: str, numerals: bool = True) -> Folded:
    """`text` as a reader reads it (see the module's description), with the map back to it.

    Without `numerals` the Chinese numerals stay as they are: names are looked for in that reading
    (张一 is not 张1), numbers in the other."""
    folded = _segments(text, _special(), _fold_run) or Folded(text, range(len(text)))
    if not numerals:
        return folded
    again = _segments(folded.text, _NUMERAL_RUN, _numeral_run)
    if again is None:
        return folded
    return Folded(again.text, list(map(folded.offsets.__getitem__, again.offsets)))


def fold_both(text: str) -> tuple[Folded, Folded]:
    """(without numerals, with them): both readings for the price of one (the matcher needs both)."""
    plain = _segments(text, _special(), _fold_run) or Folded(text, range(len(text)))
    again = _segments(plain.text, _NUMERAL_RUN, _numeral_run)
    if again is None:
        return plain, plain
    return plain, Folded(again.text, list(map(plain.offsets.__getitem__, again.offsets)))


def _fold_run(ch: str) -> str:
    """One special character folded (numerals are left to the second pass)."""
    if ch in _NUMERALS or ch == _TEN:
        return ch
    return "" if _is_invisible(ch) else _char(ch)


def is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def is_joiner(ch: str) -> bool:
    return ch in _JOINERS or unicodedata.category(ch) in _DASH_CATEGORIES or ch == "\u2212"


@functools.cache
def _joins() -> re.Pattern[str]:
    """Separators between two digits (see `digits`), as one expression."""
    chars = [c for c in map(chr, range(0x10000)) if c not in "0123456789" and is_joiner(c)]
    return re.compile(f"(?<=[0-9])[{''.join(re.escape(c) for c in chars)}]+(?=[0-9])")


def digits(folded: Folded) -> Folded:
    """The folded text with the separators between two digits dropped: 138—3456~1207 → 13834561207.

    A separator run counts only between digits (both sides), so “第3期 2019年” keeps its space.
    Commas and 、 are not separators: 19,864 人次 is a count, and a list (3、4、5) is several numbers.
    """
    joined = _segments(folded.text, _joins(), lambda _run: "")
    if joined is None:
        return folded
    return Folded(joined.text, list(map(folded.offsets.__getitem__, joined.offsets)))
