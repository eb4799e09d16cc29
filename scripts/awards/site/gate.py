"""Which checker errors stop the 公示 from being published, and which only need fixing before 报送.

Refusing to publish on any error at all let one late city (`quota-short-late`) or one missing 征求意见
of a nominee the province did not recommend hold back the whole 公示 and leave a stale site online.
An error now stops the build only where it touches what is published:

- an error in a record that will be published: one recommended in `submissions/decisions.yml`, once
  the publicity has opened (before it no nominee-specific text is published at all);
- an error in the decisions file itself, which decides what is published;
- a privacy error anywhere (`private-in-public-text`): a private value typed into public text must be
  removed whatever the record's fate, and the leak scan only knows values the schemas mark private.

Every other error is handed back, to be listed as a warning. The leak scan after the build stays the
last gate whatever is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass

from awards.check import decisions
from awards.core.problems import Problem
from awards.read.load import Submissions
from awards.rules.kinds import NOMINEES

PRIVACY_CODES = frozenset({"private-in-public-text", "private-number-in-public-text"})
DEFERRED_TITLE = "以下问题不影响公示，但须在报送前改正"


@dataclass(frozen=True, slots=True)
class Verdict:
    blocking: list[Problem]
    deferred: list[Problem]


def published_paths(subs: Submissions) -> set[str]:
    """The files of every record the decisions recommend, readable or not.

    Matched by record id against all documents, not through `decisions.recommended`: that skips a
    record whose YAML is broken, and its errors would then pass for those of an unlisted record.
    """
    doc = decisions.decisions_document(subs)
    if doc is None:
        return set()
    chosen = {d.record for d in decisions.read(doc) if d.value == decisions.RECOMMEND}
    return {d.path for d in subs.documents if d.kind in NOMINEES and d.record_id in chosen}


def decisions_paths(subs: Submissions) -> set[str]:
    doc = decisions.decisions_document(subs)
    return {doc.path} if doc is not None else set()


def sort(problems: list[Problem], subs: Submissions, published: set[str]) -> Verdict:
    """Split the errors; `published` is empty before the publicity (see `published_paths`)."""
    gated = published | decisions_paths(subs)
    blocking: list[Problem] = []
    deferred: list[Problem] = []
    for p in problems:
        if not p.is_error:
            continue
        (blocking if p.code in PRIVACY_CODES or p.path in gated else deferred).append(p)
    return Verdict(blocking, deferred)


def line(p: Problem) -> str:
    return f"{p.path}:{p.line}:{p.col}: {p.message} [{p.code}]"
