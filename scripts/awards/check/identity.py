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

from awards.check.context import Ctx, field_check
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
def id_number(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    if not isinstance(value, str):
        return
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
        ctx.emit("id-number-format", path, case=case, value=value, length=len(number))
        return
    expected = ric.calc_check_digit(number)
    if number[17] != expected:
        ctx.emit("id-number-checksum", path, value=value, expected=expected)
        return
    try:
        ric.get_birth_date(number)
    except ValidationError:
        ctx.emit("id-number-birthdate", path, value=value, digits=number[6:14])
        return
    if not region_known(number[:6]):
        ctx.emit("id-number-region", path, value=value, digits=number[:6])
        return
    gender_field = meta.get("gender_field")
    gender = ctx.sibling(path, gender_field) if gender_field else None
    if gender in ("男", "女") and gender != id_gender(number):
        ctx.emit("id-number-gender", path, id_gender=id_gender(number), gender=gender)
