"""The annotation cap, the size limits and the escaping of the job summary and the comment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from awards import report
from awards.cli import main
from awards.github import comment, reports, summary
from awards.github.reports import CHECK_PR, VALIDATE, Report
from awards.problems import Problem, Severity
from tests.github.helpers import copy_rules


def problem(
    i: int, severity: Severity = Severity.ERROR, code: str = "missing-key", path: str = ""
) -> Problem:
    return Problem(
        path or f"submissions/taiyuan/windows/w{i:05d}.yml", i + 1, 1, severity, code, f"第 {i} 个问题"
    )


def test_annotations_show_what_github_shows_and_count_the_rest() -> None:
    checked = Report(Path("report.json"), VALIDATE, 30, [problem(i) for i in range(25)])
    checked.problems += [problem(i, Severity.WARNING) for i in range(12)]
    perms = Report(Path("check-pr.json"), CHECK_PR, 2, [problem(99, code="pr-outside-unit")])
    notes = summary.annotate([checked, perms])
    lines = notes.text.splitlines()
    assert [ln.split("::")[1].split()[0] for ln in lines] == ["error"] * 10 + ["warning"] * 10
    assert "title=pr-outside-unit" in lines[0]  # the permission problem is never the one dropped
    assert (notes.hidden_errors, notes.hidden_warnings) == (16, 2)


def test_cell_shows_record_text_literally() -> None:
    assert (
        reports.cell("a|b <img src=x> **x**\n[y](z) &amp;")
        == r"a\|b \<img src=x\> \*\*x\*\* \[y\]\(z\) \&amp;"
    )


def test_summary_stays_under_one_mebibyte() -> None:
    many = Report(Path("report.json"), VALIDATE, 1, [problem(i) for i in range(30_000)])
    text = summary.markdown([many], None, summary.annotate([many]))
    assert len(text.encode("utf-8")) < 1024 * 1024
    assert "规则文件有错误，无法统计各单位的报送情况。" in text
    assert text.endswith("个问题超出作业摘要的篇幅，没有列出；请下载 awards-report 工件查看完整报告。\n")


def test_comment_stays_under_githubs_limit() -> None:
    many = Report(Path("report.json"), VALIDATE, 1, [problem(i) for i in range(5_000)])
    body = comment.body([many], "0" * 40)
    assert len(body) < 65_536
    assert "个问题超出评论篇幅，没有列出。" in body


def test_missing_report_means_the_check_did_not_finish(tmp_path: Path) -> None:
    missing = reports.read(tmp_path / "report.json")
    assert missing.missing
    assert reports.verdict([missing]) == "没有完成"
    body = comment.body([missing], "abcdef1")
    assert "推荐材料检查没有完成（report.json 没有生成），请查看检查日志中的出错信息。" in body


def test_json_round_trip(tmp_path: Path) -> None:
    problems = [problem(1), problem(2, Severity.WARNING)]
    path = tmp_path / "report.json"
    path.write_text(report.as_json(problems, 5), encoding="utf-8")
    back = reports.read(path)
    assert (back.kind, back.files_checked, back.problems, back.changed) == (VALIDATE, 5, problems, None)


def test_ci_summary_appends_to_the_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_rules(tmp_path)
    (tmp_path / "report.json").write_text(report.as_json([problem(1)], 1), encoding="utf-8")
    step_summary = tmp_path / "summary.md"
    step_summary.write_text("前一步的摘要\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    args = ["ci-summary", "--root", str(tmp_path), "--report", str(tmp_path / "report.json")]
    assert main(args) == 0
    assert capsys.readouterr().out == ""  # not on Actions: no annotations unless asked
    text = step_summary.read_text(encoding="utf-8")
    assert text.startswith("前一步的摘要\n## 推荐材料检查：未通过\n")
    assert main([*args, "--annotations"]) == 0
    assert capsys.readouterr().out.startswith(
        "::error file=submissions/taiyuan/windows/w00001.yml,line=2,col=1,"
    )


def test_pr_comment_needs_a_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    copy_rules(tmp_path)
    assert main(["pr-comment", "--root", str(tmp_path), "--report", "r.json"]) == 2
    assert "请用 --sha 指定评论针对的提交" in capsys.readouterr().err
    assert main(["pr-comment", "--root", str(tmp_path), "--report", "r.json", "--sha", "$(id)"]) == 2


def test_check_pr_json_is_a_report(tmp_path: Path) -> None:
    doc = json.loads(report.as_json([], 0))
    doc.update(check="check-pr", changed=["a"])
    path = tmp_path / "check-pr.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert reports.read(path).changed == ["a"]
