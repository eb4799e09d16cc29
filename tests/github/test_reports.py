"""The annotation cap, the size limits and the escaping of the job summary and the comment."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from awards.cli import main
from awards.core import reporter
from awards.core.problems import Problem, Severity
from awards.github import comment, reports, summary
from awards.github.reports import CHECK_PR, VALIDATE, Report
from awards.read import load
from tests.github.helpers import REPO, clean_env, copy_rules


def problem(
    i: int, severity: Severity = Severity.ERROR, code: str = "missing-key", path: str = ""
) -> Problem:
    return Problem(
        path or f"submissions/taiyuan/windows/w{i:05d}.yml", i + 1, 1, severity, code, f"第 {i} 个问题"
    )


def test_annotations_show_what_github_shows_and_count_the_rest() -> None:
    checked = Report(Path("reporter.json"), VALIDATE, 30, [problem(i) for i in range(25)])
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


# Values a city could write into a record, which the checker may quote in a message, or that a hostile
# pull request could put straight into its report: each line below is (value, what the Markdown says).
HOSTILE = [
    (
        "请联系 @ty-clerk 和 @sx-rst-awards/sx-rst-reviewers",
        "请联系 @&#8203;ty-clerk 和 @&#8203;sx-rst-awards/sx-rst-reviewers",
    ),
    ("<details><summary>点开</summary>x</details>", r"\<details\>\<summary\>点开\</summary\>x\</details\>"),
    ("![图](https://evil.example/a.png)", r"\!\[图\]\(https:&#8203;//evil.example/a.png\)"),
    ("[官网](javascript:alert(1))", r"\[官网\]\(javascript:alert\(1\)\)"),
    ("`rm -rf` ```块```", r"\`rm -rf\` \`\`\`块\`\`\`"),
    ("www.evil.example 与 a@b.cn", "www&#8203;.evil.example 与 a@&#8203;b.cn"),
    ("见 #1、org/repo#2、GH-3", r"见 \#&#8203;1、org/repo\#&#8203;2、GH&#8203;-3"),
    ("$x^2$ ~~删~~ **粗** _斜_", r"\$x^2\$ \~\~删\~\~ \*\*粗\*\* \_斜\_"),
    ("<!-- awards-check --> &lt; &#8203;", r"\<\!-- awards-check --\> \&lt; \&\#&#8203;8203;"),
    ("a|b\n| 错误 | 伪造的一行 |", r"a\|b \| 错误 \| 伪造的一行 \|"),
    ("隐\u200b藏\u202e反\u2066向\x00字\ufeff符", "隐藏反向 字符"),
]


@pytest.mark.parametrize(("value", "shown"), HOSTILE)
def test_cell_neutralises_markup_mentions_and_links(value: str, shown: str) -> None:
    assert reports.cell(value) == shown
    inert(shown)


def test_cell_truncates_very_long_values() -> None:
    shown = reports.cell("长" * 10_000)
    assert shown == "长" * (reports.MESSAGE_CHARS - 1) + "…"
    assert reports.cell("@" * 600).count("@") == reports.MESSAGE_CHARS - 1  # cut before escaping
    long_path = "submissions/taiyuan/windows/" + "x" * 1000 + ".yml"
    row = reports.row(Problem(long_path, 1, 1, Severity.ERROR, "missing-key", "m"))
    assert len(row) < reports.PATH_CHARS + 100


def test_hostile_values_in_the_comment_and_the_summary() -> None:
    """Every value echoed from a report: the path, the message and the rule's code."""
    problems = [
        Problem(f"submissions/taiyuan/{value}", i, 1, Severity.ERROR, value, value)
        for i, (value, _) in enumerate(HOSTILE)
    ]
    hostile = Report(Path("reporter.json"), VALIDATE, 1, problems)
    body = comment.body([hostile], "0" * 40)
    text = summary.markdown([hostile], None, summary.annotate([hostile]))
    for markdown in (body, text):
        rows = [ln for ln in markdown.splitlines() if ln.startswith("| 错误 |")]
        assert len(rows) == len(HOSTILE)
        for row in rows:
            cells = re.split(r"(?<!\\)\|", row)[1:-1]  # split on the pipes that are not escaped
            assert len(cells) == 4, row  # no cell broke out of its column
            for shown in cells[1:]:
                inert(shown)
    assert body.count(comment.MARKER) == 1


def inert(shown: str) -> None:
    """Markdown that GitHub renders as the literal text, with nothing to notify, link or format."""
    # Drop what we insert on purpose (backslash escapes and the zero-width space); nothing special is left.
    bare = re.sub(r"\\.|&#8203;", "", shown)
    assert not set(bare) & set("\\`*_[](){}<>!|~&#$+"), shown
    assert not re.search(r"@(?!&#8203;)", shown), shown  # every @ is followed by the zero-width space
    assert "://" not in shown and "www." not in shown.lower(), shown


def test_summary_stays_under_one_mebibyte() -> None:
    many = Report(Path("reporter.json"), VALIDATE, 1, [problem(i) for i in range(30_000)])
    text = summary.markdown([many], None, summary.annotate([many]))
    assert len(text.encode("utf-8")) < 1024 * 1024
    assert "规则文件有错误，无法统计各单位的报送情况。" in text
    assert text.endswith("个问题超出作业摘要的篇幅，没有列出；请下载 awards-report 工件查看完整报告。\n")


def test_comment_stays_under_githubs_limit() -> None:
    many = Report(Path("reporter.json"), VALIDATE, 1, [problem(i) for i in range(5_000)])
    body = comment.body([many], "0" * 40)
    assert len(body) < 65_536
    assert "个问题超出评论篇幅，没有列出。" in body


def test_missing_report_means_the_check_did_not_finish(tmp_path: Path) -> None:
    missing = reports.read(tmp_path / "reporter.json")
    assert missing.missing
    assert reports.verdict([missing]) == "没有完成"
    body = comment.body([missing], "abcdef1")
    assert "推荐材料检查没有完成（reporter.json 没有生成），请查看检查日志中的出错信息。" in body


def test_json_round_trip(tmp_path: Path) -> None:
    problems = [problem(1), problem(2, Severity.WARNING)]
    path = tmp_path / "reporter.json"
    path.write_text(reporter.as_json(problems, 5), encoding="utf-8")
    back = reports.read(path)
    assert (back.kind, back.files_checked, back.problems, back.changed) == (VALIDATE, 5, problems, None)


def test_ci_summary_appends_to_the_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_rules(tmp_path)
    (tmp_path / "reporter.json").write_text(reporter.as_json([problem(1)], 1), encoding="utf-8")
    step_summary = tmp_path / "summary.md"
    step_summary.write_text("前一步的摘要\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    args = ["ci-summary", "--root", str(tmp_path), "--report", str(tmp_path / "reporter.json")]
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
    doc = json.loads(reporter.as_json([], 0))
    doc.update(check="check-pr", changed=["a"])
    path = tmp_path / "check-pr.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert reports.read(path).changed == ["a"]


def write_report(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


GOOD = {"path": "submissions/taiyuan/windows/a.yml", "line": 1, "col": 1, "severity": "error"}
GOOD |= {"code": "missing-key", "message": "缺少项"}


@pytest.mark.parametrize(
    "doc",
    [
        [],
        "report",
        {"check": "<b>x</b>", "problems": []},
        {"problems": {"0": GOOD}},
        {"problems": [GOOD | {"line": "1"}]},
        {"problems": [GOOD | {"line": True}]},
        {"problems": [GOOD | {"col": -1}]},
        {"problems": [GOOD | {"line": 10**12}]},
        {"problems": [GOOD | {"severity": "fatal"}]},
        {"problems": [GOOD | {"code": "x](https://evil.example)"}]},
        {"problems": [GOOD | {"message": ["@ty-clerk"]}]},
        {"problems": [GOOD | {"path": None}]},
        {"problems": [GOOD], "changed": "submissions/taiyuan/"},
        {"problems": [GOOD], "files_checked": "many"},
        {"problems": [GOOD] * (reports.MAX_PROBLEMS + 1)},
    ],
)
def test_a_report_that_is_not_ours_is_unreadable(tmp_path: Path, doc: Any) -> None:
    r = reports.read(write_report(tmp_path / "reporter.json", doc))
    assert r.unreadable and not r.problems
    assert reports.verdict([r]) == "没有完成"
    body = comment.body([r], "0" * 40)
    assert "推荐材料检查没有完成（reporter.json 无法读取，不是检查程序写出的报告）" in body
    assert "@ty" not in body and "evil" not in body


def test_unreadable_files(tmp_path: Path) -> None:
    cases = {
        "bad-utf8.json": b'{"problems": [], "x": "\xff"}',
        "not-json.json": b"<!-- awards-check -->\n## \xe9\x80\x9a\xe8\xbf\x87",
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "huge-int.json": b'{"files_checked": ' + b"9" * 5000 + b"}",
        "big.json": b" " * (reports.REPORT_BYTES + 1) + b"{}",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert reports.read(tmp_path / name).unreadable, name
    (tmp_path / "link.json").symlink_to(write_report(tmp_path / "real.json", {"problems": []}))
    assert reports.read(tmp_path / "link.json").unreadable
    (tmp_path / "dir.json").mkdir()
    assert reports.read(tmp_path / "dir.json").unreadable
    assert reports.read(tmp_path / "real.json") == Report(tmp_path / "real.json", VALIDATE)


def test_long_strings_are_cut_on_reading(tmp_path: Path) -> None:
    r = reports.read(write_report(tmp_path / "r.json", {"problems": [GOOD | {"message": "长" * 100_000}]}))
    assert len(r.problems[0].message) == reports.MAX_STORED


def test_the_comment_script_on_a_hostile_report(tmp_path: Path) -> None:
    """What the comment job runs (`python3 -I -S .github/scripts/comment.py`: the standard library
    only), on a report a malicious pull request wrote: the values are shown, inert."""
    value, _ = HOSTILE[0]
    doc = {"check": "validate", "files_checked": 1, "problems": [GOOD | {"message": value + HOSTILE[2][0]}]}
    write_report(tmp_path / "reporter.json", doc)
    (tmp_path / "check-pr.json").write_text("<!-- awards-check -->\n全部通过 @ty-clerk", encoding="utf-8")
    reports_args = ["--report", str(tmp_path / "reporter.json"), "--report", str(tmp_path / "check-pr.json")]
    output = ["--sha", "a" * 40, "--output", str(tmp_path / "comment.md")]
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(REPO / ".github/scripts/comment.py"), *reports_args, *output],
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    body = (tmp_path / "comment.md").read_text(encoding="utf-8")
    assert body.startswith(
        comment.MARKER + "\n<!-- awards-verdict: incomplete -->\n## 推荐材料检查：没有完成\n"
    )
    assert "修改权限检查没有完成（check-pr.json 无法读取，不是检查程序写出的报告）" in body
    assert "全部通过" not in body
    assert "请联系 @&#8203;ty-clerk 和 @&#8203;sx-rst-awards/sx-rst-reviewers\\!\\[图\\]" in body
    assert body.count(comment.MARKER) == 1


def test_reports_and_comment_need_nothing_but_the_standard_library() -> None:
    """The comment job has no virtual environment: importing these with -S (no site-packages) works."""
    code = "import sys; sys.path.insert(0, 'scripts'); import awards.github.comment; print(*sys.modules)"
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code], cwd=REPO, env=clean_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    ours = {m for m in done.stdout.split() if m.startswith("awards")}
    assert ours == {
        "awards",
        "awards.github",
        "awards.github.comment",
        "awards.github.mask",
        "awards.github.reports",
        "awards.core",
        "awards.core.problems",
    }


def test_the_records_folder_is_the_loaders() -> None:
    assert reports.SUBMISSIONS == load.SUBMISSIONS
    assert reports.unit_folder("submissions/taiyuan/windows/a.yml") == "taiyuan"
    assert reports.unit_folder("submissions/decisions.yml") is None
