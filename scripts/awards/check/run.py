"""The checker: find every file, check each on its own (both cores, or the cache), then the rules across records.

The findings are the same however the per-file stage ran (serially, in worker processes or from the
cache): each file's findings depend on that file alone, and the report is sorted by place at the end.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Importing the rule families registers their field checks.
from awards.check import campaign, dates, decisions, deeds, formal, identity, names, phone, photo, vocab  # noqa: F401
from awards.check.perfile import FileResult, check_file, slim
from awards.core.problems import Mark, Problem
from awards.core.sink import Sink
from awards.read.load import Document, Submissions, Task, plan
from awards.rules.loader import Rules
from awards.rules.workdays import WorkCalendar

# Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 400
CHUNK = 250
Progress = Callable[[int, int], None]  # (files done, files in all)


@dataclass
class Result:
    submissions: Submissions
    problems: list[Problem]

    @property
    def files_checked(self) -> int:
        return len(self.submissions.documents) + len(self.submissions.photos)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


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
    are slim, holding only the fields the rules across records read, which is all `awards validate`
    needs. Without it every document is returned whole, as the site and the exports need them.

    The cyclic garbage collector is off for the run, except while many files are checked afresh: a
    warm check of 10,000 records builds some 200,000 small objects (tasks, documents, marks, findings)
    that all live to the end, and the collector traversed them again and again, finding nothing; that
    took as long as the rest of the run. Reference counting frees everything as usual meanwhile.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _validate(root, rules, today, jobs, cache, progress, collecting)
    finally:
        if collecting:
            gc.enable()


def _validate(
    root: Path,
    rules: Rules,
    today: dt.date,
    jobs: int | None,
    cache: Path | None,
    progress: Progress | None,
    collecting: bool,
) -> Result:
    found = plan(root, rules)
    sink = Sink(rules.checks)
    for path, finding in found.misplaced:
        sink.emit(finding.code, path, finding.mark, **finding.params)
    store = None
    if cache is not None:
        from awards.check.cache import CheckCache

        store = CheckCache(cache, rules, today)
        store.walked(root, found)
    results: list[FileResult | None] = [None] * len(found.tasks)
    todo: list[int] = []
    for i, task in enumerate(found.tasks):
        hit = store.get(root, task) if store is not None and task.kind != "decisions" else None
        if hit is None:
            todo.append(i)
        else:
            results[i] = hit
    total, done = len(found.tasks), len(found.tasks) - len(todo)
    workers = jobs if jobs is not None else (default_jobs() if len(todo) >= PARALLEL_MIN_FILES else 1)
    if collecting and len(todo) >= PARALLEL_MIN_FILES:
        gc.enable()  # a full check: the garbage of parsing and checking each file is collected as usual
    # With the cache the result holds slim documents (from the cache, and so from the fresh checks too).
    for i, result in _check_all(root, rules, today, [found.tasks[i] for i in todo], workers, store is None):
        results[todo[i]] = result
        if store is not None and result.doc.kind != "decisions":
            store.put(found.tasks[todo[i]], result)
        done += 1
        if progress is not None:
            progress(done, total)
    gc.disable()
    documents: list[Document] = []
    for done_result in results:
        assert done_result is not None
        sink.problems.extend(done_result.problems)
        documents.append(done_result.doc)
    subs = Submissions(documents, found.photos, found.misplaced)
    campaign.check(subs, rules, today, sink)
    decisions.check(subs, rules, today, sink)
    formal.check(subs, rules, today, sink)
    if store is not None:
        store.save()
    return Result(subs, sink.sorted())


def _check_all(
    root: Path, rules: Rules, today: dt.date, tasks: list[Task], workers: int, keep_data: bool
) -> Iterator[tuple[int, FileResult]]:
    """(index in `tasks`, result) for every task, in order."""
    calendar = WorkCalendar(rules.holidays)
    if workers <= 1 or len(tasks) < 2:
        for i, task in enumerate(tasks):
            result = check_file(root, rules, today, calendar, task)
            if not keep_data:
                result.doc = slim(result.doc, keep_data)
            yield i, result
        return
    from awards.check.cache import result_of

    chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    marks: dict[tuple[int, int], Mark] = {}
    # fork: the workers inherit the loaded rules, validators and imports instead of rebuilding them.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, context, initializer=_init, initargs=(root, rules, today, keep_data)
    ) as pool:
        start = 0
        for chunk, shipped in zip(chunks, pool.map(_check_chunk, chunks), strict=True):
            for j, item in enumerate(shipped):
                if isinstance(item, FileResult):
                    yield start + j, item
                    continue
                entry, stats = item
                result = result_of(chunk[j], entry, marks)
                result.deps.stats = stats
                yield start + j, result
            start += len(shipped)


_WORKER: tuple[Path, Rules, dt.date, WorkCalendar, bool] | None = None


def _init(root: Path, rules: Rules, today: dt.date, keep_data: bool) -> None:
    global _WORKER
    _WORKER = (root, rules, today, WorkCalendar(rules.holidays), keep_data)
    # Everything inherited from the parent (rules, validators, imports) lives as long as the worker:
    # out of the collector's sight, full collections no longer traverse it (5% of a full check).
    gc.freeze()


# A result whole (the site and exports; the decisions file), or as the check cache's entry and the
# photo stats to remember: plain lists cost the worker and the parent a fraction of pickling objects.
Shipped = FileResult | tuple[list[Any], dict[str, list[Any]]]


def _check_chunk(tasks: list[Task]) -> list[Shipped]:
    from awards.check.cache import entry_of

    assert _WORKER is not None
    root, rules, today, calendar, keep_data = _WORKER
    out: list[Shipped] = []
    for task in tasks:
        result = check_file(root, rules, today, calendar, task)
        if keep_data or result.doc.kind == "decisions":
            # Only what the parent needs crosses the pipe: positions of the fields the cross-record
            # rules mark, and the data (whole for the site and exports, slim for a plain check).
            result.doc = slim(result.doc, keep_data)
            out.append(result)
        else:
            out.append((entry_of(result), result.deps.stats))
    return out
