"""身份证号 (GB 11643-1999): length, check character, birth date, region, and the gender digit.

The arithmetic and the region table come from python-stdnum (`stdnum.cn.ric` and its `cn/loc`
database); we only turn its verdicts into sentences a clerk can act on.

For the region we ask only whether the six digits were ever a division code, not `ric.validate`'s
stricter "valid in the birth year": numbers are assigned where and when a person is registered,
so someone born in 1988 can rightly hold 140105 (小店区, created 1997); the strict test would reject them.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from awards.check.context import Ctx, FieldFinding, field_check, key_of
from awards.check.normal import fullwidth_digits
from awards.read.yamlsrc import Path


def id_gender(number: str) -> str:
    return "男" if int(number[16]) % 2 else "女"


def birth_date(number: Any) -> dt.date | None:
    """The birth date inside a well-formed ID number with a correct check character, else None."""
    if not isinstance(number, str) or len(number.strip()) != 18:
        return None
    number = number.strip().upper()
    if not number[:17].isdigit() or not number[:17].isascii() or ric.calc_check_digit(number) != number[17]:
        return None
    try:
        return ric.get_birth_date(number)
    except ValidationError:
        return None


# Memoised: stdnum's lookup walks its whole region table each time (0.1 ms), while a campaign's ID
# numbers share a few hundred county codes.
@functools.lru_cache(maxsize=4096)
def region_known(code: str) -> bool:
    return any("county" in props for _, props in numdb.get("cn/loc").info(code))


@field_check("id_number")
def id_number(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, str):
        return []
    gender_field = meta.get("gender_field")
    return id_number_findings(value, ctx.sibling(path, gender_field) if gender_field else None, key_of(path))


def id_number_findings(value: str, gender: Any = None, key: str = "身份证号") -> list[FieldFinding]:
    """What is wrong with an ID number as written, and with `gender` (性别) beside it.

    Full-width digits are the number meant: a warning (awards fix rewrites them), then the number checked.
    """
    canonical = fullwidth_digits(value)
    if canonical is not None:
        warning = FieldFinding("fullwidth-digits", {"key": key, "value": value, "canonical": canonical})
        return [warning, *id_number_findings(canonical, gender, key)]
    number = value.strip()
    case = None
    if len(number) != 18:
        case = "length"
    elif not number[:17].isdigit() or not number[:17].isascii():
        case = "digits"
    elif number[17] == "x":
        case = "lowercase-x"
    elif not (number[17].isdigit() and number[17].isascii()) and number[17] != "X":
        case = "last"
    if case is not None:
        return [FieldFinding("id-number-format", {"value": value, "length": len(number)}, case)]
    expected = ric.calc_check_digit(number)
    if number[17] != expected:
        return [FieldFinding("id-number-checksum", {"value": value, "expected": expected})]
    try:
        ric.get_birth_date(number)
    except ValidationError:
        return [FieldFinding("id-number-birthdate", {"value": value, "digits": number[6:14]})]
    if not region_known(number[:6]):
        return [FieldFinding("id-number-region", {"value": value, "digits": number[:6]})]
    if gender in ("男", "女") and gender != id_gender(number):
        return [FieldFinding("id-number-gender", {"id_gender": id_gender(number), "gender": gender})]
    return []
