"""The formal stage asks 征求意见 only of the nominees the province forwards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from awards.check.run import validate
from awards.rules.loader import load

FORMAL = dt.date(2021, 10, 8)


def formal_stage(repo: Path) -> None:
    path = repo / "rules" / "campaign.yml"
    text = path.read_text(encoding="utf-8").replace(
        "formal_stage_from: null", "formal_stage_from: 2021-10-01"
    )
    path.write_text(text, encoding="utf-8")


def missing(repo: Path) -> list[str]:
    return [p.path for p in validate(repo, load(repo), FORMAL).problems if p.code == "opinions-missing"]


def test_before_any_decision_every_individual_needs_opinions(repo: Path) -> None:
    formal_stage(repo)
    assert missing(repo) == [
        "submissions/datong/individuals/ma-wen.yml",
        "submissions/taiyuan/individuals/zhang-li.yml",
    ]


def test_a_declined_nominee_needs_none(repo: Path) -> None:
    formal_stage(repo)
    (repo / "submissions" / "decisions.yml").write_text(
        "决定:\n"
        "  - {记录: taiyuan/individuals/zhang-li, 决定: 推荐, 排序: 1}\n"
        "  - {记录: datong/individuals/ma-wen, 决定: 不推荐}\n",
        encoding="utf-8",
    )
    assert missing(repo) == ["submissions/taiyuan/individuals/zhang-li.yml"]


def test_not_before_the_formal_stage(repo: Path) -> None:
    formal_stage(repo)
    problems = validate(repo, load(repo), dt.date(2021, 9, 30)).problems
    assert "opinions-missing" not in {p.code for p in problems}
