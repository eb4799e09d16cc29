"""`.github/rulesets.json`: one branch ruleset per unit, generated from rules/units.yml and committed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from awards.cli import main
from awards.github import rulesets, settings
from awards.rules.loader import load
from tests.github.helpers import REPO, copy_rules


def test_committed_rulesets_are_current() -> None:
    rules = load(REPO)
    expected = rulesets.render(rules, settings.read(rules))
    committed = (REPO / rulesets.PATH).read_text(encoding="utf-8")
    assert committed == expected, "请运行 .venv/bin/awards rulesets --write 并提交 .github/rulesets.json"


def test_each_unit_guards_its_own_branches(tmp_path: Path) -> None:
    copy_rules(tmp_path, None)
    rules = load(tmp_path)
    doc = json.loads(rulesets.render(rules, settings.read(rules)))
    found = doc["rulesets"]
    assert len(found) == len(rules.units)
    for unit, ruleset in zip(rules.units.values(), found, strict=True):
        assert ruleset["target"] == "branch" and ruleset["enforcement"] == "active"
        assert ruleset["conditions"]["ref_name"]["include"] == [f"refs/heads/units/{unit.code}/**"]
        # Pushing, creating and deleting: each unit's branches are closed to the other units.
        assert {r["type"] for r in ruleset["rules"]} == {"creation", "update", "deletion"}
        assert ruleset["bypass_teams"] == [unit.team, rules.reviewers["team"]]
    patterns = [r["conditions"]["ref_name"]["include"][0] for r in found]
    assert len(set(patterns)) == len(patterns)


def test_write_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_rules(tmp_path)
    root = ["--root", str(tmp_path)]
    assert main(["rulesets", "--check", *root]) == 1
    assert "awards rulesets --write" in capsys.readouterr().err
    assert main(["rulesets", "--write", *root]) == 0
    assert main(["rulesets", "--check", *root]) == 0
    units = tmp_path / "rules/units.yml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("city-datong", "city-datong-2"), encoding="utf-8"
    )
    assert main(["rulesets", "--check", *root]) == 1
