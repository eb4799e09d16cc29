"""The ID-number check on a value alone: no file, no campaign, only what it finds."""

from __future__ import annotations

from awards.check.context import FieldFinding
from awards.check.identity import id_number_findings

VALID = "140105198805120048"  # 小店区, 1988-05-12, a woman (17th digit even)


def test_a_valid_number_matching_the_gender_has_no_findings() -> None:
    assert id_number_findings(VALID, "女") == []
    assert id_number_findings(f" {VALID} ") == []


def test_each_format_case_is_its_own_sentence() -> None:
    assert id_number_findings(VALID[:17]) == [
        FieldFinding("id-number-format", {"value": VALID[:17], "length": 17}, "length")
    ]
    assert id_number_findings("14010519880512O048")[0].case == "digits"
    assert id_number_findings("14010519880512004x")[0].case == "lowercase-x"
    assert id_number_findings("14010519880512004Y")[0].case == "last"


def test_checksum_birth_date_region_and_gender() -> None:
    assert id_number_findings(VALID[:17] + "1") == [
        FieldFinding("id-number-checksum", {"value": VALID[:17] + "1", "expected": "8"})
    ]
    assert id_number_findings(VALID, "男") == [
        FieldFinding("id-number-gender", {"id_gender": "女", "gender": "男"})
    ]
