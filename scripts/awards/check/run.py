"""The checker: load every file, check every record, then the rules across records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

# Importing the rule families registers their field checks.
from awards.check import campaign, dates, decisions, identity, names, phone, photo, text, vocab  # noqa: F401
from awards.check.context import Ctx
from awards.check.fields import check_record
from awards.load import Submissions, load
from awards.problems import Problem
from awards.rules import Rules
from awards.sink import Sink
from awards.workdays import WorkCalendar


@dataclass
class Result:
    submissions: Submissions
    problems: list[Problem]

    @property
    def files_checked(self) -> int:
        return len(self.submissions.documents) + len(self.submissions.photos)


def validate(root: Path, rules: Rules, today: dt.date) -> Result:
    subs = load(root, rules)
    sink = Sink(rules.checks)
    calendar = WorkCalendar(rules.holidays)
    for path, finding in subs.misplaced:
        sink.emit(finding.code, path, finding.mark, **finding.params)
    for doc in subs.documents:
        for finding in doc.findings:
            sink.emit(finding.code, doc.path, finding.mark, **finding.params)
        if doc.data is not None and doc.kind in rules.schemas:
            check_record(Ctx(doc, rules, today, sink, calendar))
    campaign.check(subs, rules, today, sink)
    decisions.check(subs, rules, today, sink)
    return Result(subs, sink.sorted())
