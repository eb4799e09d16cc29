"""The checker, behind one interface: find every file, check each on its own, then the rules across records.

`check_serially` below is the whole of it in one page. `validate` gives the same findings faster when
there are many files or a cache (`check.pool`: worker processes, the check cache with its trusted
stats, the garbage collector paused); the report is sorted by place at the end, so however the
per-file stage ran, the output is the same (`tests/check/test_speed.py`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from awards.check import families
from awards.check.perfile import check_file
from awards.check.result import Progress, Result
from awards.core.sink import Sink
from awards.read.load import Document, Submissions, plan
from awards.rules.loader import Rules
from awards.rules.workdays import WorkCalendar

__all__ = ["Progress", "Result", "check_serially", "validate"]


def validate(
    root: Path,
    rules: Rules,
    today: dt.date,
    *,
    jobs: int | None = None,
    cache: Path | None = None,
    progress: Progress | None = None,
) -> Result:
    """Check everything under submissions/.

    jobs: worker processes for the per-file stage (None: every core, once there are enough files).
    cache: folder of the check cache (see `awards.check.cache`); with it the documents in the result
    are slim, holding only the fields the rules across records read (`families.record_fields`),
    which is all `awards validate` needs. Without it every document's data is whole, as the site and
    the exports need them.
    """
    if jobs == 1 and cache is None:
        return check_serially(root, rules, today, progress)
    from awards.check.pool import check_fast

    return check_fast(root, rules, today, jobs, cache, progress)


def check_serially(root: Path, rules: Rules, today: dt.date, progress: Progress | None = None) -> Result:
    """The reference: one process, no cache, every document whole."""
    found = plan(root, rules)
    sink = Sink(rules.checks)
    for path, finding in found.misplaced:
        sink.emit(finding.code, path, finding.mark, **finding.params)
    calendar = WorkCalendar(rules.holidays)
    documents: list[Document] = []
    per_file = []
    for done, task in enumerate(found.tasks, 1):
        result = check_file(root, rules, today, calendar, task)
        per_file.extend(result.problems)
        documents.append(result.doc)
        if progress is not None:
            progress(done, len(found.tasks))
    sink.problems.extend(per_file)
    subs = Submissions(documents, found.photos, found.misplaced)
    families.check_across(subs, rules, today, sink)
    return Result(subs, sink.sorted(), per_file)
