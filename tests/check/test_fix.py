"""`awards fix`: only the unambiguous normalisations, in place, everything else byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from awards import cli
from awards.check.fix import fix_text
from awards.check.run import validate
from awards.rules.loader import Rules, load
from tests.conftest import BEFORE_DEADLINES, FIXTURES

VALID = FIXTURES / "valid" / "submissions" / "taiyuan" / "individuals" / "zhang-li.yml"
RECORD = "submissions/taiyuan/individuals/zhang-li.yml"

# (canonical line in the valid fixture, how a clerk wrote it)
WRITTEN = [
    ("民族: 汉族", "民族: 汉  # 户口本上写的是“汉”"),
    ("政治面貌: 中共党员", "政治面貌: '党员'"),
    ("学历学位: 大学本科/学士", "学历学位: 本科/学士"),
    ("单位性质: 事业单位", "单位性质: 事业"),
    ("行政级别: 科员", "行政级别: 管理岗九级"),
    ('参加人社工作时间: "2010-07"', '参加人社工作时间: "2010年7月"'),
    ('到窗口工作时间: "2014-03"', "到窗口工作时间: 2014.3"),
    ('联系电话: "13935112345"', '联系电话: "１３９３５１１２３４５"'),
]
EXPECTED = [
    "民族: 汉族  # 户口本上写的是“汉”",
    "政治面貌: '中共党员'",
    "学历学位: 大学本科/学士",
    "单位性质: 事业单位",
    "行政级别: 九级职员",
    '参加人社工作时间: "2010-07"',
    "到窗口工作时间: 2014-03",
    '联系电话: "13935112345"',
]


@pytest.fixture
def rules(repo: Path) -> Rules:
    return load(repo)


def as_written() -> str:
    text = VALID.read_text(encoding="utf-8")
    for canonical, written in WRITTEN:
        assert canonical in text, canonical
        text = text.replace(canonical, written)
    return "# 张丽的推荐记录（市人社局审核后提交）\n" + text


def test_rewrites_each_alias_and_keeps_every_other_byte(rules: Rules) -> None:
    text = as_written()
    fixed, changes = fix_text(text, "individual", rules)
    assert [c.key for c in changes] == [
        "民族",
        "政治面貌",
        "学历学位",
        "单位性质",
        "行政级别",
        "参加人社工作时间",
        "到窗口工作时间",
        "联系电话",
    ]
    before, after = text.splitlines(keepends=True), fixed.splitlines(keepends=True)
    assert len(before) == len(after)
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert [a.rstrip("\n") for _, a in changed] == EXPECTED
    assert fixed.startswith("# 张丽的推荐记录（市人社局审核后提交）\n")  # comments kept


def test_is_idempotent(rules: Rules) -> None:
    once, _ = fix_text(as_written(), "individual", rules)
    twice, changes = fix_text(once, "individual", rules)
    assert (twice, changes) == (once, [])


def test_keeps_crlf_and_bom(rules: Rules) -> None:
    text = "\ufeff" + as_written().replace("\n", "\r\n")
    fixed, changes = fix_text(text, "individual", rules)
    assert len(changes) == len(WRITTEN)
    assert fixed.startswith("\ufeff#") and fixed.count("\r\n") == text.count("\r\n")
    assert "\n" not in fixed.replace("\r\n", "")


def test_leaves_what_is_not_certain(rules: Rules) -> None:
    # Not an alias (a typo: the checker suggests, a person decides), free text, and unreadable YAML.
    for text in ("民族: 汉人\n", "简要事迹: |\n  汉 党员 本科 2011.09\n", "民族: [汉\n"):
        assert fix_text(text, "individual", rules) == (text, [])


def test_the_fixed_record_has_no_warnings_left(repo: Path) -> None:
    path = repo / RECORD
    path.write_text(as_written(), encoding="utf-8")
    rules = load(repo)
    warned = {p.code for p in validate(repo, rules, BEFORE_DEADLINES).problems if p.path == RECORD}
    assert warned == {"vocab-alias", "fullwidth-digits"}
    path.write_text(fix_text(path.read_text(encoding="utf-8"), "individual", rules)[0], encoding="utf-8")
    assert [p for p in validate(repo, rules, BEFORE_DEADLINES).problems if p.path == RECORD] == []


def test_command_check_then_fix(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / RECORD
    path.write_text(as_written(), encoding="utf-8")
    written = path.read_bytes()
    args = ["fix", "--root", str(repo)]
    assert cli.main([*args, "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- a/{RECORD}\n+++ b/{RECORD}\n")
    assert "\n-民族: 汉  # 户口本上写的是“汉”\n" in out and "\n+民族: 汉族  # 户口本上写的是“汉”\n" in out
    assert path.read_bytes() == written  # --check changes nothing
    assert cli.main([*args, str(path)]) == 0
    assert path.read_text(encoding="utf-8") == fix_text(as_written(), "individual", load(repo))[0]
    capsys.readouterr()
    assert cli.main([*args, "--check", str(path.parent)]) == 0
    assert capsys.readouterr().out == ""


def test_command_refuses_a_path_that_is_not_a_record(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["fix", "--root", str(repo), str(repo / "rules" / "campaign.yml")]) == 2
    assert "不是 submissions/ 下的推荐记录" in capsys.readouterr().err
