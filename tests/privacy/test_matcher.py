"""The matcher on its own: the secrets a record gives it, evasions it still finds, ordinary text it
leaves alone (the cases of the former forms-based finder, kept)."""

from __future__ import annotations

import pytest

from awards.rules import matcher

SOURCE = "submissions/x.yml"


def _labels(text: str, phone: str = "13834561207") -> set[str]:
    secrets = matcher.id_secrets("140121198604120623", SOURCE) + matcher.phone_secrets(
        "联系电话", phone, SOURCE
    )
    return {f.label for f in matcher.Matcher(secrets).find(text) if f.source == SOURCE}


def test_phone_secrets_hold_the_number_and_a_landlines_local_part() -> None:
    values = {s.value for s in matcher.phone_secrets("办公电话", "0351-7236418", SOURCE)}
    assert values == {"03517236418", "7236418"}
    assert {s.value for s in matcher.phone_secrets("联系电话", "138-3456-1207", SOURCE)} == {"13834561207"}


def test_an_id_number_brings_its_birth_date_and_month() -> None:
    secrets = matcher.id_secrets("14012119860412062x", SOURCE)
    assert {(s.label, s.kind, s.value) for s in secrets} == {
        ("身份证号", "number", "14012119860412062X"),
        ("出生日期", "number", "19860412"),
        ("出生日期", "month", "198604"),
    }
    assert matcher.id_secrets("1401211986", SOURCE) == []


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
    assert _labels(text), text


@pytest.mark.parametrize(
    "text", ["2019年4月起在窗口工作", "累计办件 11986045 件", "1986.45万元", "电话区号 0351"]
)
def test_ordinary_text_is_not_accused(text: str) -> None:
    assert _labels(text, phone="0351-7236418") == set(), text


def test_findings_point_into_the_original_text() -> None:
    text = "电话：１３８—３４５６—１２０７。"
    (found,) = matcher.Matcher(matcher.phone_secrets("联系电话", "13834561207", SOURCE)).find(text)
    assert text[found.start : found.end] == "１３８—３４５６—１２０７"
