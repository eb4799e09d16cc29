"""The forms private values take in running text."""

from __future__ import annotations

from awards.private import birth_forms, forms_of, phone_forms


def test_phone_forms() -> None:
    assert {"0351-7236418", "03517236418", "7236418", "(0351)7236418"} <= phone_forms("0351-7236418")
    assert {"13834561207", "138-3456-1207", "138 3456 1207"} <= phone_forms("13834561207")


def test_birth_forms_to_the_day_and_to_the_month() -> None:
    forms = birth_forms("140121198604120623")
    assert {"1986-04-12", "19860412", "1986年4月12日", "1986年04月12日", "1986.4.12"} <= forms
    assert {"1986年4月", "1986年04月", "1986.04", "1986-04"} <= forms
    assert birth_forms("1401211986") == set()


def test_an_id_number_brings_its_birth_date() -> None:
    found = forms_of("身份证号", " 14012119860412062x ")
    assert found["身份证号"] >= {"14012119860412062x", "14012119860412062X"}
    assert "1986年4月12日" in found["出生日期"]
