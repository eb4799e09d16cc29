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

# Shown as nothing, but not category Cf: the combining grapheme joiner and the variation selectors.
_INVISIBLE_MARKS = frozenset({"\u034f", *map(chr, range(0xFE00, 0xFE10))})
_NUMERALS = {"〇": 0, "零": 0, "○": 0, "◯": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_NUMERALS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TEN = "十"
# Between two digits these join them into one number (138-3456-1207, 0351 7236418, (0351)7236418).
_JOINERS = frozenset("~*|·._/\\()[]（）【】〔〕＊｜～")
_DASH_CATEGORIES = frozenset({"Pd", "Zs", "Zl", "Zp", "Cc"})


class Folded:
    """Folded text, and for each of its characters the offset of the original character.

    The text is made at once, by the regular expression engine; the offsets only when first asked
    for (`origin`, a finding's place): nearly every text has no finding, and building a list of ints
    per character was most of the privacy check's time.
    """

    __slots__ = ("_make", "_offsets", "text")

    def __init__(self, text: str, offsets: Sequence[int] | Callable[[], Sequence[int]]) -> None:
        self.text = text
        # a list or a range: never copied into a tuple (a page has millions)
        self._offsets: Sequence[int] | None = None if callable(offsets) else offsets
        self._make: Callable[[], Sequence[int]] | None = offsets if callable(offsets) else None

    @property
    def offsets(self) -> Sequence[int]:
        if self._offsets is None:
            assert self._make is not None
            self._offsets, self._make = self._make(), None
        return self._offsets

    def __repr__(self) -> str:
        return f"Folded({self.text!r})"

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the folded span [start, end) came from."""
        offsets = self.offsets
        if not offsets:
            return 0, 0
        first = offsets[min(start, len(offsets) - 1)]
        last = offsets[min(max(end - 1, start), len(offsets) - 1)]
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


@functools.lru_cache(maxsize=1 << 12)
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
    Built once, on first use, from the Unicode database of this Python. The Chinese numerals are
    not in it: they stay as they are in this reading (the second pass reads them)."""
    normal, category, decimal = unicodedata.is_normalized, unicodedata.category, unicodedata.decimal
    chars = [
        c
        for c in map(chr, range(0x80, 0x10000))
        if (
            not normal("NFKC", c)
            or category(c) == "Cf"
            or decimal(c, None) is not None
            or c in _INVISIBLE_MARKS
        )
        and c not in _NUMERALS
        and c != _TEN
    ]
    # The basic plane as a bitmap (fast); any character beyond it as one range, folded on its own:
    # a class listing characters from both planes is scanned linearly by `re`, forty times slower.
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "\U00010000-\U0010ffff]")


_NUMERAL_RUN = re.compile(f"[{''.join(_NUMERALS)}{_TEN}]+")


def _mapping(text: str, pattern: re.Pattern[str], replace: Callable[[str], str]) -> list[int] | None:
    """For `text` with each match of `pattern` replaced, the offset in `text` of each character:
    every character of a replacement maps to the first character of what it replaced. None when
    nothing matched."""
    offsets: list[int] = []
    at = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        offsets.extend(range(at, start))
        new = replace(m.group())
        if len(new) <= end - start:
            offsets.extend(range(start, start + len(new)))
        else:  # an expansion (㈠ → (一)): the extra characters map to the last one replaced
            offsets.extend([*range(start, end), *[end - 1] * (len(new) - (end - start))])
        at = end
    if at == 0:
        return None
    offsets.extend(range(at, len(text)))
    return offsets


def _then(first: Folded, text: str, pattern: re.Pattern[str], replace: Callable[[str], str]) -> Folded:
    """`first` read again (`text`: its text with `pattern`'s matches replaced), mapped back through
    both steps when asked."""

    def offsets() -> list[int]:
        again = _mapping(first.text, pattern, replace)
        assert again is not None
        return list(map(first.offsets.__getitem__, again))

    return Folded(text, offsets)


def _plain(text: str) -> Folded:
    """The first pass: compatibility forms, digits of any script, invisible characters dropped."""
    if text.isascii():
        return Folded(text, range(len(text)))
    changed, count = _special().subn(_fold_match, text)
    if not count:
        return Folded(text, range(len(text)))

    def offsets() -> list[int]:
        mapped = _mapping(text, _special(), _fold_run)
        assert mapped is not None
        return mapped

    return Folded(changed, offsets)


def _numbers(plain: Folded) -> Folded:
    """The second pass: runs of Chinese numerals as digits; `plain` itself when there are none."""
    changed, count = _NUMERAL_RUN.subn(_numeral_match, plain.text)
    return _then(plain, changed, _NUMERAL_RUN, _numeral_run) if count else plain


def fold(text: str, numerals: bool = True) -> Folded:
    """`text` as a reader reads it (see the module's description), with the map back to it.

    Without `numerals` the Chinese numerals stay as they are: names are looked for in that reading
    (张一 is not 张1), numbers in the other."""
    plain = _plain(text)
    return _numbers(plain) if numerals else plain


def fold_both(text: str) -> tuple[Folded, Folded]:
    """(without numerals, with them): both readings for the price of one (the matcher needs both)."""
    plain = _plain(text)
    return plain, _numbers(plain)


@functools.lru_cache(maxsize=1 << 16)
def _fold_run(ch: str) -> str:
    """One special character folded (numerals are left to the second pass)."""
    if ch in _NUMERALS or ch == _TEN:
        return ch
    return "" if _is_invisible(ch) else _char(ch)


def _fold_match(m: re.Match[str]) -> str:
    return _fold_run(m.group())


def _numeral_match(m: re.Match[str]) -> str:
    return _numeral_run(m.group())


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
    joined, count = _joins().subn("", folded.text)
    return _then(folded, joined, _joins(), _no_joiner) if count else folded


def _no_joiner(_run: str) -> str:
    return ""
