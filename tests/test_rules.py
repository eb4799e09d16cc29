"""rules/ is data, checked on load: a broken rules file is a configuration error with its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from awards.rules.loader import RulesError, load
from tests.conftest import REPO, copy_rules


@pytest.fixture
def rules_root(tmp_path: Path) -> Path:
    copy_rules(tmp_path)
    return tmp_path


def errors(root: Path) -> list[str]:
    with pytest.raises(RulesError) as info:
        load(root)
    return [f"{p.path}:{p.line} {p.message}" for p in info.value.problems]


def edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_project_rules_load() -> None:
    rules = load(REPO)
    assert len(rules.units) == 13
    assert sum(len(c.counties) for c in rules.cities.values()) == 117
    assert len(rules.vocab["ethnicity"].values) == 56


def test_wrong_type_in_campaign(rules_root: Path) -> None:
    line = edit(rules_root / "rules" / "campaign.yml", "service_years_min: 3", "service_years_min: 三年")
    assert errors(rules_root) == [
        f"rules/campaign.yml:{line} 规则文件有误：service_years_min：应为整数，实际是“三年”"
    ]


def test_unknown_check_in_a_schema(rules_root: Path) -> None:
    line = edit(rules_root / "rules" / "schemas" / "window.yml", "check: unit_name", "check: unit_nmae")
    (msg,) = errors(rules_root)
    assert msg.startswith(f"rules/schemas/window.yml:{line} 规则文件有误：") and "unit_nmae" in msg


def test_invalid_cerberus_schema(rules_root: Path) -> None:
    edit(rules_root / "rules" / "schemas" / "window.yml", "type: integer", "type: integre")
    (msg,) = errors(rules_root)
    assert "不是有效的 Cerberus 模式" in msg


def test_unknown_rules_file_is_refused(rules_root: Path) -> None:
    (rules_root / "rules" / "extra.yml").write_text("a: 1\n", encoding="utf-8")
    assert errors(rules_root) == ["rules/extra.yml:1 不认识的规则文件（代码中没有它的格式定义）"]


def test_missing_rules_file(rules_root: Path) -> None:
    (rules_root / "rules" / "ranks.yml").unlink()
    assert errors(rules_root) == ["rules/ranks.yml:1 缺少规则文件"]


def test_unit_in_unknown_city(rules_root: Path) -> None:
    edit(rules_root / "rules" / "units.yml", "city: 太原市", "city: 北京市")
    assert errors(rules_root) == ["rules/units.yml:1 未知的市：北京市"]


def test_fingerprint_changes_with_any_rule(rules_root: Path) -> None:
    before = load(rules_root).fingerprint
    edit(rules_root / "rules" / "vocabularies.yml", "values: [男, 女]", "values: [女, 男]")
    assert load(rules_root).fingerprint != before


def test_message_with_an_unknown_placeholder_is_a_rules_error(rules_root: Path) -> None:
    from awards.core.problems import Mark
    from awards.core.sink import Sink

    line = edit(
        rules_root / "rules" / "checks.yml", "message: 缺少必填项“{key}”。", "message: 缺少必填项“{nope}”。"
    )
    rules = load(rules_root)
    with pytest.raises(RulesError) as info:
        Sink(rules.checks).emit("missing-key", "x.yml", Mark(), key="姓名")
    (problem,) = info.value.problems
    assert (problem.path, problem.line) == ("rules/checks.yml", line - 3)
    assert "nope" in problem.message


def test_long_values_are_truncated_when_echoed(rules_root: Path) -> None:
    from awards.core.problems import Mark
    from awards.core.sink import Sink

    sink = Sink(load(rules_root).checks)
    sink.emit("email-format", "x.yml", Mark(), key="邮箱", value="a" * 100_000)
    assert len(sink.problems[0].message) < 200


def test_settings_and_kinds_are_typed(rules_root: Path) -> None:
    rules = load(rules_root)
    assert rules.settings.quotas.city == {"window": 2, "individual": 1}
    assert rules.settings.quotas.province_total == {"window": 12, "individual": 5}
    assert rules.settings.photo.min_width == 413 and rules.settings.photo.ratio_max == 0.78
    assert rules.settings.service_numbers >= {"12333", "12345"}
    assert rules.kinds["individual"].attachment("opinion") == "附件4"
    assert rules.kinds.by_folder("windows") is rules.kinds["window"]
    assert rules.kinds.by_folder("photos") is None


def test_catalogue_summaries_are_filled_from_the_settings(rules_root: Path) -> None:
    edit(rules_root / "rules" / "campaign.yml", "working_days: 5", "working_days: 7")
    assert load(rules_root).checks["publicity-too-short"].summary.startswith("在本单位公示不少于 7 个工作日")


def test_a_summary_naming_an_unknown_setting_is_refused_at_its_line(rules_root: Path) -> None:
    line = edit(
        rules_root / "rules" / "checks.yml", "不少于 {publicity_days} 个", "不少于 {publicity_dayz} 个"
    )
    assert errors(rules_root) == [
        f"rules/checks.yml:{line - 2} 规则文件有误：“publicity-too-short”的 summary 用了评选设置中没有的占位符 'publicity_dayz'"
    ]


def test_a_kind_without_its_quota_is_refused(rules_root: Path) -> None:
    edit(rules_root / "rules" / "kinds.yml", "quota_key: individuals", "quota_key: persons")
    assert errors(rules_root) == [
        "rules/campaign.yml:1 规则文件有误：缺少 quotas.city.persons、quotas.province_total.persons"
        "（rules/kinds.yml 中各类推荐对象的 quota_key）"
    ]


def test_kinds_are_checked_on_load(rules_root: Path) -> None:
    line = edit(rules_root / "rules" / "kinds.yml", "folder: windows", "folder: Windows")
    assert errors(rules_root) == [f"rules/kinds.yml:{line} 规则文件有误：window.folder：“Windows”格式不对"]


def test_units_are_made_when_asked_for_and_behave_as_a_mapping() -> None:
    from awards.rules.loader import Unit, Units

    raw: list[dict[str, Any]] = [
        {"code": "taiyuan", "kind": "city", "name": "太原市", "city": "太原市", "team": "taiyuan"},
        {"code": "sx-shebao", "kind": "province", "name": "省社保中心", "members": ["a"]},
        {"code": "taiyuan", "kind": "city", "name": "太原市人社局", "city": "太原市"},  # the last one wins
    ]
    units = Units(raw)
    assert list(units) == ["taiyuan", "sx-shebao"] and len(units) == 2
    assert "taiyuan" in units and "datong" not in units and None not in units
    assert units["taiyuan"] == Unit("taiyuan", "city", "太原市人社局", "太原市", "", ())
    assert units["sx-shebao"].members == ("a",) and units["sx-shebao"] is units["sx-shebao"]
    with pytest.raises(KeyError):
        units["datong"]
    assert units == {code: units[code] for code in ("taiyuan", "sx-shebao")}
