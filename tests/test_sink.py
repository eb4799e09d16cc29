"""The catalogue turns a finding into one whole sentence: one per code, or one per case of a code."""

from __future__ import annotations

import pytest

from awards.core.errors import RulesError
from awards.core.problems import Mark, Problem, Severity
from awards.core.sink import Check, Sink

CASES = Check(
    "ranking",
    Severity.ERROR,
    "排序不重复。",
    {
        "duplicate": "推荐排序 {value} 与 {other} 重复。",
        "out-of-range": "推荐排序 {value} 应为 1 到 {count}。",
    },
    "三（一）2",
    line=7,
)


def test_the_case_picks_the_sentence() -> None:
    sink = Sink({"ranking": CASES})
    sink.emit("ranking", "a.yml", Mark(3, 5), case="out-of-range", value=4, count=2)
    assert sink.problems == [Problem("a.yml", 3, 5, Severity.ERROR, "ranking", "推荐排序 4 应为 1 到 2。")]


def test_a_case_the_catalogue_lacks_is_a_rules_error_at_the_code() -> None:
    with pytest.raises(RulesError) as caught:
        Sink({"ranking": CASES}).emit("ranking", "a.yml", Mark(), case="negative", value=-1)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("rules/checks.yml", 7)
    assert "缺少情形 'negative'" in problem.message


def test_a_placeholder_the_check_does_not_give_is_a_rules_error() -> None:
    with pytest.raises(RulesError) as caught:
        Sink({"ranking": CASES}).emit("ranking", "a.yml", Mark(), case="duplicate", value=1)
    assert "占位符 'other'" in caught.value.problems[0].message
