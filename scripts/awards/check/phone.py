"""Phone numbers (mobile, or landline with its area code) and e-mail addresses.

Validity of a number's ranges comes from libphonenumber (`phonenumbers`); we add what a form in
Shanxi needs on top: an area code is mandatory, service hotlines are refused, and a landline's area
code should match the city of the unit that submits it.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumberType

from awards.check.context import Ctx, field_check, key_of
from awards.read.yamlsrc import Path

_SEPARATORS = re.compile(r"[\s\-－—()（）]")
# Deliberately loose: the form needs a deliverable-looking address, not RFC 5322; a stricter parser
# (email-validator) would add a dependency for one field of one form without catching more typos.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
_FIXED_TYPES = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


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


def _check(ctx: Ctx, path: Path, value: Any, allow: str) -> None:
    if not isinstance(value, str):
        return
    key = key_of(path)
    text = value.strip()
    digits = _SEPARATORS.sub("", text).removeprefix("+86")
    if digits in ctx.rules.settings.service_numbers:
        ctx.emit("phone-service-number", path, key=key, value=value)
        return
    kind = {"mobile": "手机号码", "landline": "带区号的座机号码"}.get(allow, "手机号码或带区号的座机号码")
    if not digits.isdigit() or not digits.isascii():
        if digits.isdigit():  # digits, but full-width ones typed with a Chinese input method
            kind += "（请把全角数字改成半角数字）"
        ctx.emit("phone-format", path, key=key, value=value, kind=kind)
        return
    if digits.startswith("1") and allow != "landline":
        if _parse(digits, _MOBILE_TYPES) is None:
            ctx.emit("phone-format", path, key=key, value=value, kind="手机号码（11 位）")
        return
    if digits.startswith("0") and allow != "mobile":
        number = _parse(digits, _FIXED_TYPES)
        if number is None:
            ctx.emit("phone-format", path, key=key, value=value, kind="座机号码（区号-号码）")
            return
        significant = phonenumbers.national_significant_number(number)
        _check_area(
            ctx, path, key, "0" + significant[: phonenumbers.length_of_geographical_area_code(number)]
        )
        return
    if allow != "mobile" and 7 <= len(digits) <= 8:
        ctx.emit("phone-no-area-code", path, key=key, value=value)
        return
    ctx.emit("phone-format", path, key=key, value=value, kind=kind)


def _check_area(ctx: Ctx, path: Path, key: str, area: str) -> None:
    unit = ctx.unit
    city = ctx.rules.cities.get(unit.city or "") if unit is not None else None
    if city is not None and area != city.area_code:
        ctx.emit("phone-area-mismatch", path, key=key, area=area, city=city.name, expected=city.area_code)


@field_check("phone")
def phone(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    _check(ctx, path, value, "any")


@field_check("mobile")
def mobile(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    _check(ctx, path, value, "mobile")


@field_check("landline")
def landline(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    _check(ctx, path, value, "landline")


@field_check("email")
def email(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    if isinstance(value, str) and not _EMAIL.match(value.strip()):
        ctx.emit("email-format", path, key=key_of(path), value=value)
