"""The one privacy matcher: `awards validate` runs it on every published field of every record, and
the build's leak scan runs it on every file it publishes, so the build never refuses what validate
passed.

It reads text as a reader does (`awards.read.fold`) and looks, in one pass each:
- for the secrets it is given (a record's ID number, phones, e-mail, photo, the 征求意见 signers,
  before the publicity the nominees' names): numbers through an Aho–Corasick automaton over the
  digits, each hit counted only as a whole run of digits (a count such as 19,864 人次 or 11986045
  is nobody's birth month); the birth date inside an ID number, as 19860412 anywhere in a run (a
  masked 14010519860412**** still shows it) and as a date in any spelling (1986年4月, 一九八六年四月,
  86年4月, 1986.04, 4/12/1986, 12.04.1986); names only where the Chinese segmenter (jieba) agrees
  that a word starts and ends (高平 inside 高平市 is a place, not the signer 高平);
- for anybody's numbers, whoever they belong to: an 18-digit ID number with a valid GB 11643 check
  digit and birth date (python-stdnum), a mobile number, a landline with its area code (libphonenumber).

A finding names what was found, whose it is (the record's path; None for a number of somebody not
in the records) and where, as offsets into the original text.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import ahocorasick  # type: ignore[import-not-found,unused-ignore]

from awards.read.fold import Folded, digits, fold, fold_both

ID_LABEL = "身份证号"
BIRTH_LABEL = "出生日期"
MOBILE_LABEL = "手机号码"
LANDLINE_LABEL = "电话号码"
# Generic finds are labelled so that the message says the number is somebody's, not whose.
GENERIC = None

_RUN = re.compile(r"[0-9]+[Xx]?")
_SEP = r"\s*[年.\-/—–−‐‑‒―~～·]\s*"
_YEAR_MONTH = re.compile(
    rf"(?<![0-9])(?P<y>(?:19|20)[0-9]{{2}}){_SEP}(?P<m>[0-9]{{1,2}})(?![0-9])"
    rf"(?:\s*月?(?:{_SEP})?(?P<d>[0-9]{{1,2}})(?![0-9]))?"
)
_SHORT_YEAR = re.compile(r"(?<![0-9])(?P<y>[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月")
_DAY_FIRST = re.compile(
    rf"(?<![0-9])(?P<a>[0-9]{{1,2}}){_SEP}(?P<b>[0-9]{{1,2}}){_SEP}(?P<y>(?:19|20)[0-9]{{2}})(?![0-9])"
)
_COMPACT = re.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?:[0-9]{2})?(?![0-9])")
_GENERIC_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_GENERIC_MOBILE = re.compile(r"(?<![0-9])(?:0086|86)?1[3-9][0-9]{9}(?![0-9])")
_GENERIC_LANDLINE = re.compile(r"(?<![0-9])0[1-9][0-9]{8,10}(?![0-9])")
# Each generic number above has ten digits in a row at least: a text without such a run (nearly
# every text) is passed over in one scan instead of three.
_TEN_DIGITS = re.compile(r"[0-9]{10}")


@dataclass(frozen=True, slots=True)
class Secret:
    """One private value of one record. `kind`: number (digits), name (a person), text (as written)."""

    label: str
    source: str
    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Finding:
    label: str
    source: str | None  # the record whose value it is; None: a number of somebody
    start: int
    end: int


def id_secrets(value: str, source: str) -> list[Secret]:
    """An ID number, its birth date (as digits) and its birth month (matched as a date)."""
    text = fold(value).text.strip().upper()
    out = [Secret(ID_LABEL, source, "number", text)] if len(text) >= 15 else []
    if len(text) == 18 and text[:17].isdigit() and text[:17].isascii():
        out.append(Secret(BIRTH_LABEL, source, "number", text[6:14]))
        out.append(Secret(BIRTH_LABEL, source, "month", text[6:12]))
    return out


def phone_secrets(label: str, value: str, source: str) -> list[Secret]:
    """A phone's digits, and a landline's local number on its own (how it often appears in prose)."""
    parts = [p for p in re.split(r"[^0-9]+", fold(value).text) if p]
    out = [Secret(label, source, "number", p) for p in {"".join(parts), *parts[-1:]} if len(p) >= 7]
    return out


def text_secret(label: str, value: str, source: str, name: bool = False) -> list[Secret]:
    text = fold(value.strip(), numerals=False).text
    return [Secret(label, source, "name" if name else "text", text)] if len(text) >= 2 else []


@dataclass
class Matcher:
    secrets: Iterable[Secret]
    exempt: frozenset[str] = frozenset()  # numbers published on purpose (the office's own phone)
    _numbers: Any = field(init=False, repr=False)
    _words: Any = field(init=False, repr=False)
    _months: dict[tuple[int, int], list[Secret]] = field(init=False, repr=False)
    _years: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        numbers: dict[str, list[Secret]] = {}
        words: dict[str, list[Secret]] = {}
        self._months = {}
        for s in self.secrets:
            if s.kind == "number":
                numbers.setdefault(s.value, []).append(s)
            elif s.kind == "month":
                self._months.setdefault((int(s.value[:4]), int(s.value[4:6])), []).append(s)
            else:
                words.setdefault(s.value, []).append(s)
        self._years = frozenset(f"{year % 100:02d}" for year, _month in self._months)
        self._numbers = _automaton(numbers)
        self._words = _automaton(words)
        self.exempt = _exempt_digits(frozenset(self.exempt))

    def find(self, text: str, generic: bool = True) -> list[Finding]:
        """Every private value in `text`, each once per place; without `generic` only the secrets
        (the theme's scripts and fonts are not prose: long digit runs there are nobody's phone)."""
        if not text:
            return []
        words, folded = fold_both(text)
        plain = digits(folded)
        found: list[Finding] = []
        found += self._own_numbers(plain)
        found += self._dates(folded, plain)
        if generic:
            found += self._generic(plain)
        found += self._names(words)
        # A number that is the record's own is reported as such, not a second time as somebody's.
        own = [(f.start, f.end) for f in found if f.source is not GENERIC]
        found = [
            f for f in found if f.source is not GENERIC or not any(s < f.end and f.start < e for s, e in own)
        ]
        unique = {(f.label, f.source, f.start): f for f in found}
        return sorted(unique.values(), key=lambda f: (f.start, f.label, f.source or ""))

    def _own_numbers(self, plain: Folded) -> list[Finding]:
        out: list[Finding] = []
        if self._numbers is None:
            return out
        text = plain.text
        for end, (value, owners) in self._numbers.iter(text):
            start = end - len(value) + 1
            # Seven digits and more (every secret number is): found inside other digits too, so a
            # masked 14010519860412**** or a number glued to the next one is still found. Short
            # numbers (a birth month) are never looked for as digits inside digits (see `_dates`).
            out += [Finding(s.label, s.source, *plain.origin(start, end + 1)) for s in owners]
        return out

    def _dates(self, folded: Folded, plain: Folded) -> list[Finding]:
        if not self._months:
            return []
        # Every date below is found only in a year of an owner's, and shows its last two digits
        # (in `plain` too, which only drops separators between digits): most texts show none.
        if not any(yy in plain.text for yy in self._years):
            return []
        out: list[Finding] = []
        text = folded.text
        for m in _YEAR_MONTH.finditer(text):
            out += self._month(folded, m, int(m["y"]), [int(m["m"])])
        for m in _SHORT_YEAR.finditer(text):
            yy, month = int(m["y"]), int(m["m"])
            for (year, mon), owners in self._months.items():
                if year % 100 == yy and mon == month:
                    out += [Finding(s.label, s.source, *folded.origin(m.start(), m.end())) for s in owners]
        for m in _DAY_FIRST.finditer(text):
            out += self._month(folded, m, int(m["y"]), [int(m["a"]), int(m["b"])])
        for m in _COMPACT.finditer(plain.text):
            out += self._month(plain, m, int(m["y"]), [int(m["m"])])
        return out

    def _month(self, folded: Folded, m: re.Match[str], year: int, months: list[int]) -> list[Finding]:
        owners = [s for month in set(months) for s in self._months.get((year, month), ())]
        return [Finding(s.label, s.source, *folded.origin(m.start(), m.end())) for s in owners]

    def _generic(self, plain: Folded) -> list[Finding]:
        text = plain.text
        out: list[Finding] = []
        if not _TEN_DIGITS.search(text):
            return out
        for m in _GENERIC_ID.finditer(text):
            if m.group() not in self.exempt and _valid_id(m.group()):
                out.append(Finding(ID_LABEL, GENERIC, *plain.origin(m.start(), m.end())))
        for m in _GENERIC_MOBILE.finditer(text):
            if m.group() not in self.exempt:
                out.append(Finding(MOBILE_LABEL, GENERIC, *plain.origin(m.start(), m.end())))
        for m in _GENERIC_LANDLINE.finditer(text):
            if m.group() not in self.exempt and _valid_landline(m.group()):
                out.append(Finding(LANDLINE_LABEL, GENERIC, *plain.origin(m.start(), m.end())))
        return out

    def _names(self, folded: Folded) -> list[Finding]:
        if self._words is None:
            return []
        out: list[Finding] = []
        for end, (value, owners) in self._words.iter(folded.text):
            start = end - len(value) + 1
            for s in owners:
                if s.kind == "name" and not _word_at(folded.text, start, end + 1):
                    continue
                out.append(Finding(s.label, s.source, *folded.origin(start, end + 1)))
        return out


@functools.lru_cache(maxsize=64)
def _exempt_digits(exempt: frozenset[str]) -> frozenset[str]:
    """The exempt numbers as digits: the same campaign-wide set for every record's matcher."""
    return frozenset(digits(fold(e)).text for e in exempt)


def _automaton(table: dict[str, list[Secret]]) -> Any:
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, owners in table.items():
        automaton.add_word(key, (key, owners))
    automaton.make_automaton()
    return automaton


def _valid_id(number: str) -> bool:
    """GB 11643: the check digit and a real birth date. The region is not asked: stdnum's table of
    regions is not the one a citizen's old ID was issued under, and a leak is a leak either way."""
    from stdnum.cn import ric  # type: ignore[import-untyped,unused-ignore]

    number = number.upper()
    try:
        ric.get_birth_date(number)
    except Exception:  # stdnum raises its own types for odd input; invalid is the answer
        return False
    return bool(number[-1] == ric.calc_check_digit(number))


def _valid_landline(number: str) -> bool:
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, "CN")
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(parsed)
    fixed = {phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
    return phonenumbers.is_valid_number(parsed) and kind in fixed


# How far around a name the segmenter looks: enough context for it to see the word the name is in.
_CONTEXT = 12


def _word_at(text: str, start: int, end: int) -> bool:
    """Whether jieba cuts the text at both ends of [start, end): a name, not part of a longer word."""
    left = max(0, start - _CONTEXT)
    window = text[left : end + _CONTEXT]
    cuts = {0}
    at = 0
    for _word, _begin, stop in _tokenize(window):
        cuts.add(stop)
        at = stop
    cuts.add(at)
    return (start - left) in cuts and (end - left) in cuts


def _tokenize(text: str) -> list[tuple[str, int, int]]:
    import jieba  # type: ignore[import-untyped,unused-ignore]

    jieba.setLogLevel(logging.WARNING)
    return list(jieba.tokenize(text, HMM=True))


def birth_month(id_number: str) -> dt.date | None:
    """The first of the birth month inside an ID number, when it has one (for tests and messages)."""
    text = fold(id_number).text.strip()
    try:
        return dt.date(int(text[6:10]), int(text[10:12]), 1)
    except (ValueError, IndexError):
        return None
