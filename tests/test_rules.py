"""rules/ is data, checked on load: a broken rules file is a configuration error with its line."""

from __future__ import annotations

from pathlib import Path

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
