"""The formal stage (正式推荐): 征求意见 (附件4) for every nominee the province forwards.

Checked across records, not per file: which nominees need opinions depends on the province's
decisions (a nominee it declined needs none), and on the campaign clock.
"""

from __future__ import annotations

import datetime as dt

from awards.check import decisions
from awards.core.sink import Sink
from awards.read.load import Submissions
from awards.rules.loader import Rules

OPINIONS_FIELD = "征求意见"


def reads(rules: Rules) -> tuple[str, ...]:
    """The record fields this rule reads (declared in `check.families`)."""
    return (OPINIONS_FIELD,)


def check(subs: Submissions, rules: Rules, today: dt.date, sink: Sink) -> None:
    since = rules.date("formal_stage_from")
    if since is None or today < since:
        return
    # Before the province has recommended anyone, every submitted individual is still a candidate.
    people = decisions.recommended(subs)["individual"] or subs.records("individual")
    blocks = "、".join(rules.schemas["individual"][OPINIONS_FIELD].get("schema", {}))
    for doc in people:
        if (doc.data or {}).get(OPINIONS_FIELD) is None:
            sink.emit(
                "opinions-missing",
                doc.path,
                doc.mark(OPINIONS_FIELD),
                since=since.isoformat(),
                missing=blocks,
            )
