"""`_parse` asks libphonenumber for the number's type only; that must agree with its validity test."""

from __future__ import annotations

import phonenumbers
import pytest

from awards.check.phone import _FIXED_TYPES, _MOBILE_TYPES, _parse

NUMBERS = [
    "13834561207",  # mobile
    "19934561207",
    "12345678901",  # no such mobile range
    "1383456120",  # one digit short
    "03517236418",  # 太原 landline
    "035172364",  # too short
    "03527236418",  # 大同
    "01012345678",  # 北京, 3-digit area code
    "09991234567",  # no such area code
    "4008123123",  # service number, not a landline
    "00442079460000",  # a London number dialled from China
    "0012125550123",  # a New York number dialled from China (+1 is shared by many regions)
]


@pytest.mark.parametrize("digits", NUMBERS)
@pytest.mark.parametrize("types", [_MOBILE_TYPES, _FIXED_TYPES], ids=["mobile", "fixed"])
def test_type_alone_agrees_with_validity(digits: str, types: set[int]) -> None:
    number = phonenumbers.parse(digits, "CN")
    expected = phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in types
    assert (_parse(digits, types) is not None) == expected
