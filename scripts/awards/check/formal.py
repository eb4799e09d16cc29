"""The formal stage (正式推荐): what the formal package still lacks for the ministry's fed-back nominees.

Checked across records, not per file: which nominees need the formal materials depends on the
province's decisions and the ministry's feedback (`submissions/decisions.yml`), and on the clock.
Missing opinions are warnings, never errors here: the 公示 runs while cities complete their records
(通知三（一）3), so nothing may block it; the package export and its checklist refuse what is missing.
The 省级公安 opinion is the province's to record (附件4 注2), in the decisions file, never in a record.
"""

from __future__ import annotations

import datetime as dt

from awards.check import decisions
from awards.core.sink import Sink
from awards.read.load import Document, Submissions
from awards.rules.loader import Rules

OPINIONS_FIELD = "征求意见"


def reads(rules: Rules) -> tuple[str, ...]:
    """The record fields this rule reads (declared in `check.families`)."""
    return (OPINIONS_FIELD,)


def opinion_blocks(rules: Rules) -> tuple[str, ...]:
    """The opinions a city collects itself (纪检监察, 组织人事), as the record schema names them."""
    return tuple(rules.schemas["individual"][OPINIONS_FIELD].get("schema", {}))


def missing_opinions(doc: Document, rules: Rules) -> list[str]:
    given = (doc.data or {}).get(OPINIONS_FIELD)
    given = given if isinstance(given, dict) else {}
    return [block for block in opinion_blocks(rules) if not given.get(block)]


def check(subs: Submissions, rules: Rules, today: dt.date, sink: Sink) -> None:
    clock = decisions.clock(subs, rules)
    if not clock.formal(today):
        return
    since = clock.feedback_date
    assert since is not None
    deadline = rules.settings.schedule.formal
    for doc in decisions.recommended(subs, formal=True)["individual"]:
        missing = missing_opinions(doc, rules)
        if missing:
            sink.emit(
                "opinions-missing",
                doc.path,
                doc.mark(OPINIONS_FIELD),
                since=since.isoformat(),
                deadline=deadline.isoformat() if deadline else "规定时间",
                missing="、".join(missing),
            )
