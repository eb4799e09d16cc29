"""The fast path of `check.run.validate`: the per-file stage on both cores and from the check cache.

Same findings as `run.check_serially`, by construction: each file's findings depend on that file alone
(and what `Deps` records), whichever process computed them or whether they came from the cache.

The cyclic garbage collector is off for the run, except while many files are checked afresh: a warm
check of 10,000 records builds some 200,000 small objects (tasks, documents, marks, findings) that all
live to the end, and the collector traversed them again and again, finding nothing; that took as long
as the rest of the run. Reference counting frees everything as usual meanwhile.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from awards.check import families
from awards.check.cache import CheckCache, entry_from, entry_of, entry_text, result_of
from awards.check.perfile import FileResult, check_file, slim
from awards.check.result import Progress, Result
from awards.core.problems import Mark
from awards.core.sink import Sink
from awards.read.load import Document, Submissions, Task, plan
from awards.rules.loader import Rules
from awards.rules.workdays import WorkCalendar

# Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 400
CHUNK = 250


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def check_fast(
    root: Path, rules: Rules, today: dt.date, jobs: int | None, cache: Path | None, progress: Progress | None
) -> Result:
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
    fields = families.record_fields(rules)
    store = None
    if cache is not None:
        store = CheckCache(cache, rules, today, fields)
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
    # A full check: the garbage of parsing and checking each file is collected as usual, where the files
    # are checked. In the workers (see `_init`), not here: this process only gathers their results,
    # which live to the end and hold no cycles, and collecting re-traversed them some 700 times (a
    # second of the parent's time at 10,000 records, while both cores are busy with the workers).
    collect = collecting and len(todo) >= PARALLEL_MIN_FILES
    if collect and workers <= 1:
        gc.enable()
    # With the cache the result holds slim documents (from the cache, and so from the fresh checks too).
    tasks = [found.tasks[i] for i in todo]
    for i, result, text in _check_all(root, rules, today, tasks, workers, store is None, fields, collect):
        results[todo[i]] = result
        if store is not None and result.doc.kind != "decisions":
            store.put(found.tasks[todo[i]], result, text)
        done += 1
        if progress is not None:
            progress(done, total)
    gc.disable()
    documents: list[Document] = []
    start = len(sink.problems)
    for done_result in results:
        assert done_result is not None
        sink.problems.extend(done_result.problems)
        documents.append(done_result.doc)
    per_file = sink.problems[start:]
    subs = Submissions(documents, found.photos, found.misplaced)
    families.check_across(subs, rules, today, sink)
    if store is not None:
        store.save()
    return Result(subs, sink.sorted(), per_file)


def _check_all(
    root: Path,
    rules: Rules,
    today: dt.date,
    tasks: list[Task],
    workers: int,
    keep_data: bool,
    fields: tuple[str, ...],
    collect: bool,
) -> Iterator[tuple[int, FileResult, str | None]]:
    """(index in `tasks`, result, its cache entry as text when a worker made it) for every task, in order."""
    calendar = WorkCalendar(rules.holidays)
    if workers <= 1 or len(tasks) < 2:
        for i, task in enumerate(tasks):
            result = check_file(root, rules, today, calendar, task)
            if not keep_data:
                result.doc = slim(result.doc, keep_data, fields)
            yield i, result, None
        return
    chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    marks: dict[tuple[int, int], Mark] = {}
    # fork: the workers inherit the loaded rules, validators and imports instead of rebuilding them.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, context, initializer=_init, initargs=(root, rules, today, keep_data, fields, collect)
    ) as pool:
        start = 0
        for chunk, shipped in zip(chunks, pool.map(_check_chunk, chunks), strict=True):
            for j, item in enumerate(shipped):
                if isinstance(item, FileResult):
                    yield start + j, item, None
                    continue
                stats, text = item
                result = result_of(chunk[j], entry_from(text), marks)
                result.deps.stats = stats
                yield start + j, result, text
            start += len(shipped)


_WORKER: tuple[Path, Rules, dt.date, WorkCalendar, bool, tuple[str, ...]] | None = None


def _init(
    root: Path, rules: Rules, today: dt.date, keep_data: bool, fields: tuple[str, ...], collect: bool
) -> None:
    global _WORKER
    _WORKER = (root, rules, today, WorkCalendar(rules.holidays), keep_data, fields)
    # Everything inherited from the parent (rules, validators, imports) lives as long as the worker:
    # out of the collector's sight, full collections no longer traverse it (5% of a full check).
    gc.freeze()
    if collect:
        gc.enable()


# A result whole (the site and exports; the decisions file), or as the photo stats to remember and the
# check cache's entry as the cache file holds it: the parent reads the entry back from that text, as
# a warm run does. One string costs the worker and the parent a fraction of pickling the entry's
# lists and dicts (and shipping them beside the text, as before, cost both).
Shipped = FileResult | tuple[dict[str, list[Any]], str]


def _check_chunk(tasks: list[Task]) -> list[Shipped]:
    assert _WORKER is not None
    root, rules, today, calendar, keep_data, fields = _WORKER
    out: list[Shipped] = []
    for task in tasks:
        result = check_file(root, rules, today, calendar, task)
        if keep_data or result.doc.kind == "decisions":
            # Only what the parent needs crosses the pipe: positions of the fields the cross-record
            # rules mark, and the data (whole for the site and exports, slim for a plain check).
            result.doc = slim(result.doc, keep_data, fields)
            out.append(result)
        else:
            out.append((result.deps.stats, entry_text(entry_of(result, fields))))
    return out
