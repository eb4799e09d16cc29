"""Stage 2, one file at a time: read it, check its record on its own.

The result depends only on the file's bytes, the rules, the checker's code and what `Deps` records
(the clock if a check read it, the photo), so it can be computed in another process or taken from the
cache. Rules across records (quotas, duplicates, decisions) run afterwards in the parent, on slim
documents that keep only what those rules read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awards.check import privacy
from awards.check.context import Ctx, Deps
from awards.check.fields import check_record
from awards.core.problems import Problem
from awards.core.sink import Sink
from awards.read.load import Document, Task, max_bytes, read_document
from awards.read.yamlsrc import Positions
from awards.rules.loader import Rules
from awards.rules.workdays import WorkCalendar

# A stat is remembered for a file only once it has not changed for this long: a later change within
# the file system's timestamp granularity could otherwise leave size and times as they were (git's
# "racily clean" problem), and the cache would trust stale bytes.
SETTLED_NS = 2_000_000_000
StatKey = tuple[int, int, int, int, int]


@dataclass(slots=True)
class FileResult:
    doc: Document
    problems: list[Problem]
    deps: Deps = field(default_factory=Deps)
    digest: str = ""  # sha256 of the bytes that were checked
    stat: StatKey | None = None  # their stat, when it may be trusted later (see SETTLED_NS)
    entry: list[Any] | None = None  # the check cache's entry, when the result was made from one


def stat_key(st: os.stat_result) -> StatKey:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def settled(st: os.stat_result) -> bool:
    return settled_key(stat_key(st))


def settled_key(key: StatKey | list[int]) -> bool:
    """Unchanged for SETTLED_NS (by mtime and ctime, the kernel's time of the last change)."""
    return max(key[3], key[4]) < time.time_ns() - SETTLED_NS


def hash_and_stat(name: str) -> tuple[str, list[int] | None]:
    """sha256 of a file's bytes, and its stat when that may be trusted next time instead of reading
    the file: unchanged around the read, and settled (as git trusts its index)."""
    before = list(stat_key(os.stat(name)))  # noqa: PTH116 - strings: called per photo
    with open(name, "rb") as f:  # noqa: PTH123
        value = hashlib.sha256(f.read()).hexdigest()
    trusted = settled_key(before) and list(stat_key(os.stat(name))) == before  # noqa: PTH116
    return value, before if trusted else None


def check_file(root: Path, rules: Rules, today: dt.date, calendar: WorkCalendar, task: Task) -> FileResult:
    abspath = root / task.path
    before = abspath.stat()
    raw = abspath.read_bytes()
    after = abspath.stat()
    doc = read_document(abspath, task.document(), max_bytes(rules), raw)
    # Keyed by the bytes that were checked (not what is on disk by now): an edit mid-run is not hidden.
    doc.digest = hashlib.sha256(raw).hexdigest()
    sink = Sink(rules.checks)
    for finding in doc.findings:
        sink.emit(finding.code, doc.path, finding.mark, **finding.params)
    deps = Deps(hasher=hash_and_stat)
    if doc.data is not None and doc.kind in rules.schemas:
        ctx = Ctx(doc, rules, today, sink, calendar, deps)
        check_record(ctx)
        privacy.check(ctx)
    trusted = stat_key(before) == stat_key(after) and settled(after)
    return FileResult(doc, sink.problems, deps, doc.digest, stat_key(after) if trusted else None)


def slim(doc: Document, keep_data: bool, fields: tuple[str, ...]) -> Document:
    """The document as the rules across records need it: the marks of the fields they read
    (`families.record_fields`), and those fields' data unless the data is kept whole."""
    if doc.kind == "decisions":
        return doc  # the decisions file is read whole by its own check
    paths = [(), *((f,) for f in fields)]
    pos = Positions(
        {p: doc.positions.values[p] for p in paths if p in doc.positions.values},
        {p: doc.positions.keys[p] for p in paths if p in doc.positions.keys},
    )
    data = doc.data
    if data is not None and not keep_data:
        data = {k: data[k] for k in fields if k in data}
    return Document(doc.path, doc.kind, doc.unit, doc.slug, data, pos, [], doc.digest)
