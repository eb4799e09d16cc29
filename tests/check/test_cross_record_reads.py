"""Every rule across records declares the record fields it reads (`families.CROSS_RECORD`), and reads no other.

The cached and parallel checks hand these rules slim documents holding only the declared fields; a rule
reading an undeclared one would find it in a serial run and silently miss it locally. So: run each
rule on whole documents that note every field read, and compare with its declaration; and check that
slim and whole documents give the same findings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from awards.check import families
from awards.check.perfile import slim
from awards.check.run import check_serially
from awards.core.problems import Problem
from awards.core.sink import Sink
from awards.read.load import Document, Submissions
from awards.read.yamlsrc import Positions
from awards.rules.loader import Rules, load
from tests.conftest import FIXTURES

TODAY = dt.date(2021, 8, 20)
CASES = (
    "kitchen-sink",
    "duplicate-window",
    "duplicate-person",
    "quota-exceeded",
    "grassroots-window",
    "ranking-duplicate",
    "ranking-out-of-range",
    "opinions-missing",
)


class Noting(dict[Any, Any]):
    """A mapping that notes the top-level field of every key asked for ("*" when walked whole)."""

    def __init__(self, data: dict[Any, Any], seen: set[str]) -> None:
        super().__init__(data)
        self.seen = seen

    def _note(self, key: Any) -> None:
        if isinstance(key, tuple):
            if key:
                self.seen.add(str(key[0]))
        else:
            self.seen.add(str(key))

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return super().__contains__(key)

    def __iter__(self) -> Any:
        self.seen.add("*")
        return super().__iter__()

    def keys(self) -> Any:
        self.seen.add("*")
        return super().keys()

    def items(self) -> Any:
        self.seen.add("*")
        return super().items()

    def values(self) -> Any:
        self.seen.add("*")
        return super().values()


@pytest.fixture
def campaign(repo: Path) -> tuple[Path, Rules, Submissions]:
    """Records that make every rule across records speak, in the formal stage (征求意见 read too)."""
    for case in CASES:
        src = FIXTURES / "invalid" / case / "submissions"
        if src.is_dir():
            shutil.copytree(src, repo / "submissions", dirs_exist_ok=True)
    # The opinions-missing case's decisions.yml (copied last) records the ministry's feedback before TODAY,
    # so the formal stage has begun and the formal rule reads 征求意见 too.
    assert "人社部反馈日期: 2021-08-01" in (repo / "submissions" / "decisions.yml").read_text(
        encoding="utf-8"
    )
    rules = load(repo)
    return repo, rules, check_serially(repo, rules, TODAY).submissions


def _noting(subs: Submissions, seen: set[str]) -> Submissions:
    docs = []
    for doc in subs.documents:
        if doc.kind == "decisions":  # handed over whole, in every path
            docs.append(doc)
            continue
        positions = Positions(Noting(doc.positions.values, seen), Noting(doc.positions.keys, seen))
        data = Noting(doc.data, seen) if doc.data is not None else None
        docs.append(dataclasses.replace(doc, data=data, positions=positions))
    return Submissions(docs, subs.photos, subs.misplaced)


def _reads(rule: families.CrossRecordRule, subs: Submissions, rules: Rules) -> tuple[set[str], list[Problem]]:
    seen: set[str] = set()
    sink = Sink(rules.checks)
    rule.check(_noting(subs, seen), rules, TODAY, sink)
    return seen, sink.sorted()


@pytest.mark.parametrize("rule", families.CROSS_RECORD, ids=lambda r: r.name)
def test_each_rule_reads_only_the_fields_it_declares(
    rule: families.CrossRecordRule, campaign: tuple[Path, Rules, Submissions]
) -> None:
    _, rules, subs = campaign
    seen, problems = _reads(rule, subs, rules)
    undeclared = seen - set(rule.reads(rules))
    assert not undeclared, f"{rule.name} reads {sorted(undeclared)} without declaring them"
    if rule.reads(rules):
        assert seen, "the fixture must make the rule read something, or this test proves nothing"
        assert problems, "the fixture must make the rule speak"


@pytest.mark.parametrize("rule", families.CROSS_RECORD, ids=lambda r: r.name)
def test_slim_and_whole_documents_give_the_same_findings(
    rule: families.CrossRecordRule, campaign: tuple[Path, Rules, Submissions]
) -> None:
    _, rules, subs = campaign
    fields = families.record_fields(rules)
    slimmed = Submissions([slim(d, False, fields) for d in subs.documents], subs.photos, subs.misplaced)
    whole, thin = Sink(rules.checks), Sink(rules.checks)
    rule.check(subs, rules, TODAY, whole)
    rule.check(slimmed, rules, TODAY, thin)
    assert thin.sorted() == whole.sorted()


def test_an_undeclared_read_is_caught(campaign: tuple[Path, Rules, Submissions]) -> None:
    """The test above can fail: a rule reading 性别 while declaring only 推荐排序 is found out."""
    _, rules, subs = campaign

    def sexes(subs: Submissions, rules: Rules, today: dt.date, sink: Sink) -> None:
        for doc in subs.records("individual"):
            assert doc.data is not None
            doc.data.get("性别")
            doc.mark("推荐排序")

    rogue = families.CrossRecordRule("rogue", sexes, lambda rules: ("推荐排序",))
    seen, _ = _reads(rogue, subs, rules)
    assert seen - set(rogue.reads(rules)) == {"性别"}


def test_slim_documents_keep_exactly_the_declared_fields(campaign: tuple[Path, Rules, Submissions]) -> None:
    _, rules, subs = campaign
    fields = families.record_fields(rules)
    assert {"推荐排序", "征求意见", *(k.key_field for k in rules.kinds.nominees)} <= set(fields)
    for doc in subs.documents:
        if doc.kind == "decisions" or doc.data is None:
            continue
        thin: Document = slim(doc, False, fields)
        assert thin.data is not None
        assert set(thin.data) == set(doc.data) & set(fields)
