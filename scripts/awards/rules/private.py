"""What counts as private in a record, and the forms a private value takes in running text.

Shared by the checker (public text fields must not repeat private values: they are published) and
by the site's leak scan (no private value may reach any output file). Light on purpose: the
validate path imports it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from awards.read.fold import digits, fold
from awards.rules import matcher
from awards.rules.matcher import Secret

# Field checks (schema `meta.check`) whose values are never public.
PRIVATE_CHECKS = {
    "id_number": "身份证号",
    "phone": "联系电话",
    "mobile": "手机号码",
    "landline": "办公电话",
    "email": "电子邮箱",
    "photo": "照片",
}
OPINIONS_CHECK = "opinions"
SIGNER = "签字人"
PHONE_LABELS = frozenset({"联系电话", "手机号码", "办公电话"})


def phone_forms(value: str) -> set[str]:
    digits = re.sub(r"\D", "", value)
    forms = {value.strip(), digits}
    if len(digits) == 11 and digits.startswith("1"):
        forms |= {f"{digits[:3]}-{digits[3:7]}-{digits[7:]}", f"{digits[:3]} {digits[3:7]} {digits[7:]}"}
    parts = re.split(r"[-\s－—]+", value.strip())
    if digits.startswith("0") and len(parts) == 2 and len(parts[1]) >= 7:
        area, local = parts
        # The local number alone is what a leak in running text most often looks like.
        forms |= {local, f"{area} {local}", f"({area}){local}", f"（{area}）{local}"}
    return {f for f in forms if len(re.sub(r"\D", "", f)) >= 7}


def birth_forms(id_number: str) -> set[str]:
    """The birth date inside a resident ID number, as a person would write it, to the day or the month.

    A 公示 traditionally says “1986年4月出生”; the public must never see it, so the month counts too.
    """
    digits = id_number.strip()
    if len(digits) != 18 or not digits[:17].isdigit():
        return set()
    y, m, d = digits[6:10], int(digits[10:12]), int(digits[12:14])
    return {
        f"{y}-{m:02d}-{d:02d}",
        f"{y}-{m}-{d}",
        f"{y}{m:02d}{d:02d}",
        f"{y}年{m}月{d}日",
        f"{y}年{m:02d}月{d:02d}日",
        f"{y}.{m:02d}.{d:02d}",
        f"{y}.{m}.{d}",
        f"{y}/{m:02d}/{d:02d}",
        f"{y}/{m}/{d}",
        f"{y}年{m}月",
        f"{y}年{m:02d}月",
        f"{y}.{m:02d}",
        f"{y}-{m:02d}",
        f"{y}/{m:02d}",
        f"{y}.{m}",
        f"{y}-{m}",
        f"{y}/{m}",
        f"{_numerals(y)}年{_MONTHS[m]}月",
    }


_DIGIT_NAMES = dict(zip("0123456789", "〇一二三四五六七八九", strict=True))
_MONTHS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def _numerals(year: str) -> str:
    """一九八六: how a year is sometimes written out in formal Chinese prose."""
    return "".join(_DIGIT_NAMES[d] for d in year)


# Zero-width characters, and separators that people (or an evader) put between digits.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\s\-.·/_,，、]+(?=\d)")


def normalise(text: str) -> str:
    """Text as compared for private values: full-width folded (NFKC), invisible characters and the
    separators between digits removed, so 138.3456.1207, １３８３４５６１２０７ and 138-34561207 all read
    13834561207."""
    return _BETWEEN_DIGITS.sub("", _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text)))


_DIGIT_RUN = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Haystack:
    """Normalised text, and its maximal digit runs: a short number must be one of them to count."""

    text: str
    runs: frozenset[str]


def haystack(text: str) -> Haystack:
    folded = normalise(text)
    return Haystack(folded, frozenset(_DIGIT_RUN.findall(folded)))


def needle(form: str) -> str:
    """A form as it is looked for: normalised the same way as the text."""
    # Most forms are plain ASCII digits, which normalising leaves as they are.
    return form if form.isascii() and form.isdigit() else normalise(form)


def found_in(hay: Haystack, wanted: str) -> bool:
    """Whether a form, passed through `needle`, occurs in the text.

    A short number (a birth month: 198604, 19864) counts only as a whole run of digits: 198604 inside
    11986045 件 is nobody's birth month. From seven digits on (a local number, a birth date) it is
    found inside other digits too, so a masked 14010519860412**** still shows the birth date. The leak
    scan after the build is stricter still (any digits, `site.finder`).
    """
    if not wanted:
        return False
    if wanted.isdigit() and len(wanted) < 7:
        return wanted in hay.runs
    return wanted in hay.text


def private_values(
    schema: dict[str, Any], data: Any, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, str, Any]]:
    """(label, field path, value) for every private value in `data`, as the schema marks them."""
    if not isinstance(data, dict):
        return
    for name, rule in schema.items():
        if not isinstance(rule, dict) or name not in data:
            continue
        value, here = data[name], (*path, name)
        check = (rule.get("meta") or {}).get("check")
        if check in PRIVATE_CHECKS:
            yield PRIVATE_CHECKS[check], ".".join(here), value
        elif check == OPINIONS_CHECK and isinstance(value, dict):
            for part, opinion in value.items():
                if isinstance(opinion, dict):
                    yield "征求意见签字人", f"{'.'.join(here)}.{part}", opinion.get(SIGNER)
        if isinstance(rule.get("schema"), dict):
            yield from private_values(rule["schema"], value, here)


def forms_of(label: str, value: str) -> dict[str, set[str]]:
    """{label: forms} for one private value; an ID number also yields its birth date."""
    text = value.strip()
    if label == "身份证号":
        return {label: {text, text.upper(), text.lower()}, "出生日期": birth_forms(text)}
    if label in PHONE_LABELS:
        return {label: phone_forms(text)}
    return {label: {text}}


def record_secrets(schema: dict[str, Any], data: Any, source: str) -> list[Secret]:
    """The matcher's secrets for one record: each private value the schema marks, in its own terms."""
    out: list[Secret] = []
    for label, _path, value in private_values(schema, data):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # an unquoted number in YAML is still the number
        if not isinstance(value, str) or not value.strip():
            continue
        if label == "身份证号":
            out += matcher.id_secrets(value, source)
        elif label in PHONE_LABELS:
            out += matcher.phone_secrets(label, value, source)
        elif label == "照片":
            name = value.strip().replace("\\", "/").rsplit("/", 1)[-1]
            out += matcher.text_secret(label, name, source)
        else:
            out += matcher.text_secret(label, value, source, name=label.endswith(SIGNER))
    return out


_PUBLISHED: dict[str, frozenset[str]] = {}


def published_numbers(root: FsPath) -> frozenset[str]:
    """Numbers the campaign itself prints: the office's phones, the examples in the schemas and the
    catalogue (rules/), and the maintainers' hand-written pages (site/docs/). Anybody's number is a
    finding, except these: they are the campaign's own, published on purpose."""
    key = str(root)
    if key not in _PUBLISHED:
        texts = []
        for folder, pattern in (("rules", "*.yml"), ("site/docs", "*.md")):
            for path in sorted((root / folder).rglob(pattern)):
                try:
                    texts.append(path.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    continue
        finder = matcher.Matcher(())
        numbers = set()
        for text in texts:
            plain = digits(fold(text)).text
            numbers |= {plain[f.start : f.end] for f in finder.find(plain)}
        _PUBLISHED[key] = frozenset(numbers)
    return _PUBLISHED[key]
