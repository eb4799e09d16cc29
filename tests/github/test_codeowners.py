"""`.github/CODEOWNERS` is generated from rules/units.yml; the committed file must be the generated one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from awards.cli import main
from awards.github import codeowners, settings
from awards.rules.loader import load
from tests.github.helpers import REPO, copy_rules


def test_committed_codeowners_is_current() -> None:
    rules = load(REPO)
    expected = codeowners.render(rules, settings.read(rules))
    committed = (REPO / codeowners.PATH).read_text(encoding="utf-8")
    assert committed == expected, "请运行 .venv/bin/awards codeowners --write 并提交 .github/CODEOWNERS"


def test_every_unit_folder_has_its_team_and_the_office(tmp_path: Path) -> None:
    copy_rules(tmp_path, None)
    rules = load(tmp_path)
    text = codeowners.render(rules, settings.read(rules))
    lines = [ln.split() for ln in text.splitlines() if ln and not ln.startswith("#")]
    owners = {ln[0]: ln[1:] for ln in lines}
    office = "@sx-rst-awards/sx-rst-reviewers"
    assert lines[0] == ["*", office]  # first, so every later line overrides it
    for path in ("/rules/", "/.github/", "/submissions/decisions.yml", "/site/", "/mkdocs.yml"):
        assert owners[path] == [office]
    for unit in rules.units.values():
        assert owners[f"/submissions/{unit.code}/"] == [f"@sx-rst-awards/{unit.team}", office]
    assert len(lines) == 7 + len(rules.units)


def test_write_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_rules(tmp_path)
    root = ["--root", str(tmp_path)]
    assert main(["codeowners", "--check", *root]) == 1
    assert "请运行 awards codeowners --write" in capsys.readouterr().err
    assert main(["codeowners", "--write", *root]) == 0
    assert main(["codeowners", "--check", *root]) == 0
    units = tmp_path / "rules/units.yml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("team: city-datong", "team: datong-team"), encoding="utf-8"
    )
    assert main(["codeowners", "--check", *root]) == 1


def test_missing_org_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_rules(tmp_path)
    units = tmp_path / "rules/units.yml"
    without = re.sub(r"^github:\n(?:  .*\n)+", "", units.read_text(encoding="utf-8"), flags=re.MULTILINE)
    units.write_text(without, encoding="utf-8")
    assert main(["codeowners", "--root", str(tmp_path)]) == 2
    assert "缺少 github.org" in capsys.readouterr().err


def test_reopening_an_unknown_unit_is_a_rules_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_rules(tmp_path)
    units = tmp_path / "rules/units.yml"
    units.write_text(
        units.read_text(encoding="utf-8").replace(
            "reopened: []", "reopened:\n  - {unit: dalian, until: 2021-08-30}"
        ),
        encoding="utf-8",
    )
    line = next(i for i, ln in enumerate(units.read_text(encoding="utf-8").splitlines(), 1) if "dalian" in ln)
    assert main(["codeowners", "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"rules/units.yml:{line}:12: error: 规则文件有误：reopened 中的“dalian”不是已登记的单位代码" in err
