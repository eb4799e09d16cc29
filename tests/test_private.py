"""The forms private values take in running text."""

from __future__ import annotations

import pytest

from awards.rules.private import birth_forms, forms_of, found_in, haystack, needle, normalise, phone_forms


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


@pytest.mark.parametrize(
    "text",
    [
        "身份证１４０１２１１９８６０４１２０６２３",
        "手机 １３８３４５６１２０７",
        "手机 138-34561207",
        "手机 138.3456.1207",
        "手机 138\u200b3456\u200b1207",
        "1986.4出生",
        "1986-4出生",
        "一九八六年四月出生",
        "1986年04月出生",
        "身份证号：14012119860412****",  # masked at the end: the birth date still shows
        "手机 138 3456 1207 转 8",
    ],
)
def test_evasions_are_still_found(text: str) -> None:
    forms = forms_of("身份证号", "140121198604120623") | forms_of("联系电话", "13834561207")
    flat = [form for group in forms.values() for form in group]
    assert any(found_in(haystack(text), needle(form)) for form in flat)


@pytest.mark.parametrize(
    "text", ["2019年4月起在窗口工作", "累计办件 11986045 件", "1986.45万元", "电话区号 0351"]
)
def test_ordinary_text_is_not_accused(text: str) -> None:
    forms = forms_of("身份证号", "140121198604120623") | forms_of("联系电话", "0351-7236418")
    flat = [form for group in forms.values() for form in group]
    assert not any(found_in(haystack(text), needle(form)) for form in flat)


def test_normalise_folds_width_and_separators_between_digits() -> None:
    assert normalise("手机 １３８.３４５６\u200b-1207。") == "手机 13834561207。"
    assert haystack("办件 198604 件，电话 0351").runs == frozenset({"198604", "0351"})
