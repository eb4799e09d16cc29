"""The formal stage asks the formal materials only of the nominees the ministry fed back, and only warns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from awards.check import decisions
from awards.check.run import validate
from awards.core.problems import Severity
from awards.rules.loader import load

FORMAL = dt.date(2021, 10, 8)
FEEDBACK = "人社部反馈日期: 2021-10-01\n"


def decide(repo: Path, *entries: str, fed_back: bool = True) -> None:
    text = "决定:\n" + "".join(f"  - {{{e}}}\n" for e in entries) + (FEEDBACK if fed_back else "")
    (repo / "submissions" / "decisions.yml").write_text(text, encoding="utf-8")


def missing(repo: Path, today: dt.date = FORMAL) -> list[str]:
    return [p.path for p in validate(repo, load(repo), today).problems if p.code == "opinions-missing"]


def test_only_the_fed_back_nominee_needs_opinions_and_only_as_a_warning(repo: Path) -> None:
    decide(
        repo,
        "记录: taiyuan/individuals/zhang-li, 决定: 推荐, 排序: 1, 人社部反馈: 拟推荐",
        "记录: datong/individuals/ma-wen, 决定: 推荐, 排序: 2, 人社部反馈: 未通过",
    )
    problems = [p for p in validate(repo, load(repo), FORMAL).problems if p.code == "opinions-missing"]
    assert [p.path for p in problems] == ["submissions/taiyuan/individuals/zhang-li.yml"]
    assert problems[0].severity is Severity.WARNING
    # The city collects two opinions; the provincial police's is the province's to ask (附件4 注2).
    assert "纪检监察、组织人事" in problems[0].message and "公安" not in problems[0].message


def test_no_formal_stage_before_the_feedback_is_recorded(repo: Path) -> None:
    decide(repo, "记录: taiyuan/individuals/zhang-li, 决定: 推荐, 排序: 1")
    assert missing(repo) == []


def test_not_before_the_feedback_date(repo: Path) -> None:
    decide(repo, "记录: taiyuan/individuals/zhang-li, 决定: 推荐, 排序: 1, 人社部反馈: 拟推荐")
    assert missing(repo, dt.date(2021, 9, 30)) == []
    assert missing(repo) == ["submissions/taiyuan/individuals/zhang-li.yml"]


def test_the_clock_and_the_formal_lists(repo: Path) -> None:
    decide(
        repo,
        "记录: taiyuan/windows/xiaodian-shebao, 决定: 推荐, 排序: 1, 人社部反馈: 拟推荐",
        "记录: taiyuan/windows/city-12333, 决定: 推荐, 排序: 2, 人社部反馈: 拟推荐, 撤销: 公示期间收到异议，经核实撤销",
        "记录: datong/windows/yunzhou-jiuye, 决定: 推荐, 排序: 3, 人社部反馈: 未通过",
        "记录: taiyuan/individuals/zhang-li, 决定: 推荐, 排序: 1, 人社部反馈: 拟推荐, 省级公安意见: {意见: 同意推荐, 日期: 2021-10-20}",
    )
    rules = load(repo)
    result = validate(repo, rules, FORMAL)
    assert [p for p in result.problems if p.path.endswith("decisions.yml")] == []
    subs = result.submissions
    clock = decisions.clock(subs, rules)
    assert not clock.formal(dt.date(2021, 9, 30)) and clock.formal(FORMAL)
    assert clock.fed_back("taiyuan/windows/xiaodian-shebao")
    assert not clock.fed_back("datong/windows/yunzhou-jiuye")
    every = decisions.recommended(subs)
    formal = decisions.recommended(subs, formal=True)
    assert len(every["window"]) == 3
    # Declined by the ministry, or withdrawn after the 公示 (R26): in no formal list.
    assert [d.record_id for d in formal["window"]] == ["taiyuan/windows/xiaodian-shebao"]
    assert decisions.withdrawn(subs) == {"taiyuan/windows/city-12333": "公示期间收到异议，经核实撤销"}
    assert decisions.police_opinions(subs) == {"taiyuan/individuals/zhang-li": "同意推荐"}


def test_feedback_states_are_checked_by_the_schema(repo: Path) -> None:
    decide(
        repo,
        "记录: taiyuan/windows/xiaodian-shebao, 决定: 推荐, 排序: 1, 人社部反馈: 同意",
        "记录: datong/windows/yunzhou-jiuye, 决定: 不推荐, 人社部反馈: 拟推荐",
        fed_back=False,
    )
    found = [
        (p.code, p.line)
        for p in validate(repo, load(repo), FORMAL).problems
        if p.path == "submissions/decisions.yml"
    ]
    # 同意 is not a feedback; a declined nominee is never fed back; and the feedback needs its date.
    assert found == [("missing-key", 1), ("wrong-type", 2), ("wrong-type", 3)]
