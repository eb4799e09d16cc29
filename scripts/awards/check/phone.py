"""Phone numbers (mobile, or landline with its area code) and e-mail addresses.

Validity of a number's ranges comes from libphonenumber (`phonenumbers`); we add what a form in
Shanxi needs on top: an area code is mandatory, service hotlines are refused, and a landline's area
code should match the city of the unit that submits it.

A field may hold several numbers (the notice's own contact line gives two) separated by 、 ， / ; or
spaces, and a landline may carry an extension (转 8012, -8012, ext 8012): each number is checked.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumberType

from awards.check.context import Ctx, FieldFinding, field_check, key_of
from awards.check.normal import fullwidth_digits
from awards.read.yamlsrc import Path

_SEPARATORS = re.compile(r"[\s\-－—()（）]")
_BETWEEN = re.compile(r"\s*[、，,/／;；]\s*|\s+或\s*")
# An extension after a landline: 转 8012, 转8012, ext. 8012, x8012, 分机 8012, or a trailing -8012.
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x)\s*[0-9]{1,6}$|(?<=[0-9]{7})\s*[-—]\s*[0-9]{1,6}$", re.I)
_LANDLINE_HEAD = re.compile(r"^\(?0[0-9]{2,3}\)?[\s\-－—]?[0-9]{7,8}")
# Deliberately loose: the form needs a deliverable-looking address, not RFC 5322; a stricter parser
# (email-validator) would add a dependency for one field of one form without catching more typos.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
_FIXED_TYPES = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


@dataclass(frozen=True, slots=True)
class Area:
    """The city whose area code a landline should carry (the submitting unit's)."""

    city: str
    code: str


def _parse(digits: str, types: set[int]) -> phonenumbers.PhoneNumber | None:
    """The number if libphonenumber knows it as a valid number of one of `types`."""
    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return None
    # number_type is UNKNOWN for an invalid number (and `types` never holds UNKNOWN), so it answers
    # is_valid_number's question too, at half the cost.
    if phonenumbers.number_type(number) in types:
        return number
    return None


# libphonenumber's verdicts, memoised by the digits: it parses and formats in Python (a millisecond a
# number, the dearest field check), and a campaign writes the same office numbers in many records.
@functools.lru_cache(maxsize=1 << 14)
def _mobile(digits: str) -> bool:
    return _parse(digits, _MOBILE_TYPES) is not None


@functools.lru_cache(maxsize=1 << 14)
def _area_code(digits: str) -> str | None:
    """A valid landline's area code with its 0, else None."""
    number = _parse(digits, _FIXED_TYPES)
    if number is None:
        return None
    significant = phonenumbers.national_significant_number(number)
    return "0" + significant[: phonenumbers.length_of_geographical_area_code(number)]


def _digits(text: str) -> str:
    return _SEPARATORS.sub("", text).removeprefix("+86")


def split_numbers(value: str) -> list[str]:
    """The numbers written in one field, each as written (extension included)."""
    parts = [p.strip() for p in _BETWEEN.split(value.strip()) if p.strip()]
    out: list[str] = []
    for part in parts:
        pieces = part.split()
        # Spaces inside one number (0351 7676040, 138 0000 0000) or between two: two when each piece
        # is a number of its own.
        if len(pieces) > 1 and all(len(_digits(_EXTENSION.sub("", p))) >= 10 for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return out


def number_findings(
    value: str, allow: str, key: str, service: frozenset[str] | set[str], area: Area | None
) -> list[FieldFinding]:
    """What is wrong with one field of phone numbers; `allow` is "mobile", "landline" or "any"."""
    canonical = fullwidth_digits(value)
    if canonical is not None:
        warning = FieldFinding("fullwidth-digits", {"key": key, "value": value, "canonical": canonical})
        return [warning, *number_findings(canonical, allow, key, service, area)]
    numbers = split_numbers(value) or [value]
    return [f for one in numbers for f in _one_number(one, allow, key, service, area)]


def _one_number(
    text: str, allow: str, key: str, service: frozenset[str] | set[str], area: Area | None
) -> list[FieldFinding]:
    params = {"key": key, "value": text}
    bare = text
    if allow != "mobile" and _LANDLINE_HEAD.match(text.strip()):
        bare = _EXTENSION.sub("", text)
    digits = _digits(bare)
    if digits in service:
        return [FieldFinding("phone-service-number", params)]
    if not digits.isdigit() or not digits.isascii():
        return [FieldFinding("phone-format", params, allow)]
    if digits.startswith("1") and allow != "landline":
        return [] if _mobile(digits) else [FieldFinding("phone-format", params, "mobile-length")]
    if digits.startswith("0") and allow != "mobile":
        code = _area_code(digits)
        if code is None:
            return [FieldFinding("phone-format", params, "landline-parts")]
        if area is not None and code != area.code:
            return [
                FieldFinding(
                    "phone-area-mismatch",
                    {"key": key, "area": code, "city": area.city, "expected": area.code},
                )
            ]
        return []
    if allow != "mobile" and 7 <= len(digits) <= 8:
        return [FieldFinding("phone-no-area-code", params)]
    return [FieldFinding("phone-format", params, allow)]


def _check(ctx: Ctx, path: Path, value: Any, allow: str) -> list[FieldFinding]:
    if not isinstance(value, str):
        return []
    unit = ctx.unit
    city = ctx.rules.cities.get(unit.city or "") if unit is not None else None
    area = Area(city.name, city.area_code) if city is not None else None
    return number_findings(value, allow, key_of(path), ctx.rules.settings.service_numbers, area)


@field_check("phone")
def phone(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    return _check(ctx, path, value, "any")


@field_check("mobile")
def mobile(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    return _check(ctx, path, value, "mobile")


@field_check("landline")
def landline(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    return _check(ctx, path, value, "landline")


def email_findings(value: str, key: str) -> list[FieldFinding]:
    if _EMAIL.match(value.strip()):
        return []
    return [FieldFinding("email-format", {"key": key, "value": value})]


@field_check("email")
def email(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    return email_findings(value, key_of(path)) if isinstance(value, str) else []
