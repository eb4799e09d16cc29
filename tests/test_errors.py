"""One refusal type, rendered once by `awards.cli.main`: the sentence, its details, its findings, its exit code."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from awards import cli
from awards.core.errors import EXIT_PROBLEMS, EXIT_USAGE, ProblemsRefusal, Refusal, RulesError, UsageError
from awards.core.problems import Problem, Severity
from awards.core.repo import NotARepositoryError
from awards.export.common import ExportError
from awards.rules.workdays import UnknownYearError
from awards.site.archive import ArchiveError
from awards.site.build import BuildRefusedError


def test_every_stage_refuses_with_the_one_type() -> None:
    for kind in (UsageError, RulesError, NotARepositoryError, ExportError, UnknownYearError):
        assert issubclass(kind, Refusal) and kind.exit_code == EXIT_USAGE
    for problems_kind in (BuildRefusedError, ArchiveError):
        assert issubclass(problems_kind, ProblemsRefusal) and problems_kind.exit_code == EXIT_PROBLEMS


def test_a_refusal_renders_its_sentence_and_details() -> None:
    refusal = BuildRefusedError("mkdocs build --strict 失败，网站没有生成。", ["第一行", "第二行"])
    assert (
        refusal.render("awards") == "awards: mkdocs build --strict 失败，网站没有生成。\n  第一行\n  第二行\n"
    )


def test_rules_errors_list_their_findings_then_one_sentence() -> None:
    problem = Problem("rules/campaign.yml", 3, 1, Severity.ERROR, "rules-invalid", "规则文件有误：x")
    assert RulesError([problem]).render("awards") == (
        "rules/campaign.yml:3:1: error: 规则文件有误：x [rules-invalid]\nrules/ 中的规则文件有 1 处错误，请先修正。\n"
    )


def test_main_renders_a_refusal_raised_by_any_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def refuse(args: object) -> int:
        raise ArchiveError("存档与清单不符，不能发布。", ["a.pdf：SHA-256 不符"])

    monkeypatch.setitem(cli.COMMANDS, "status", refuse)
    argv: Sequence[str] = ["status", "--root", str(tmp_path)]
    assert cli.main(argv) == EXIT_PROBLEMS
    assert capsys.readouterr().err == "awards: 存档与清单不符，不能发布。\n  a.pdf：SHA-256 不符\n"


def test_a_missing_holiday_year_names_the_year() -> None:
    assert "2030 年" in UnknownYearError(2030).message
