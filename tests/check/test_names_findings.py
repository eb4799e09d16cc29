"""The unit-name check on a string and the campaign's divisions, without a record file."""

from __future__ import annotations

import pytest

from awards.check.context import FieldFinding
from awards.check.names import unit_name_findings
from awards.rules.loader import Rules, load
from tests.conftest import REPO


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load(REPO)


def test_a_full_name_in_the_units_city_is_clean(rules: Rules) -> None:
    assert (
        unit_name_findings(
            "山西省太原市小店区社会保险服务窗口", "窗口名称", rules, rules.cities["太原市"], "县级"
        )
        == []
    )


def test_each_mistake_is_one_finding(rules: Rules) -> None:
    taiyuan = rules.cities["太原市"]

    def codes(name: str, level: str = "市级") -> list[tuple[str, str | None]]:
        return [(f.code, f.case) for f in unit_name_findings(name, "窗口名称", rules, taiyuan, level)]

    assert codes("太原市小店区社会保险服务窗口") == [("unit-name-province", None)]
    assert codes("山西省大同市平城区社会保险服务窗口") == [("unit-name-city", "other-city")]
    assert codes("山西省太原小店区社会保险服务窗口") == [("unit-name-city", "short-name")]
    assert codes("山西省太原市平城区社会保险服务窗口") == [("unit-name-county", "other-city")]
    assert codes("山西省太原市万柏区社会保险服务窗口") == [("unit-name-county-unknown", None)]
    assert codes("山西省太原市社会保险服务窗口", "县级") == [("unit-name-county", "grassroots")]
    assert codes("山西省太原市小店区社会保险服务中心") == [("unit-name-suffix", None)]


def test_a_provincial_unit_only_needs_the_province_and_the_suffix(rules: Rules) -> None:
    assert unit_name_findings("山西省社会保险中心养老保险服务窗口", "窗口名称", rules, None) == []
    assert unit_name_findings("山西省社会保险中心", "窗口名称", rules, None) == [
        FieldFinding("unit-name-suffix", {"key": "窗口名称"})
    ]
