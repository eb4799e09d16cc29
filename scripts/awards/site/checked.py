"""What the build keeps of the full check, taken out of it at once so that the rest is freed early.

The full check (`check.run.validate`) hands back every document whole: some 750 MB at 50,000 records.
The build needs little of it: every record's private values (for the leak scan), the campaign clock,
the counts per unit, the recommended records' public fields, and before the publicity the public
fields of every record (for the statistics). Taken out right after the check passed, the documents
are freed before WeasyPrint lays out the 公示报样, whose own few hundred MB came on top of them.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from awards.check import decisions
from awards.check.run import Result
from awards.rules.kinds import NOMINEES
from awards.rules.loader import Rules
from awards.rules.matcher import Secret
from awards.rules.stages import Clock
from awards.site import leaks, model
from awards.site.model import Entry, Stage


@dataclass(frozen=True, slots=True)
class Checked:
    secrets: list[Secret]
    clock: Clock
    counts: dict[str, tuple[int, int]]  # unit → (windows, individuals)
    current: dict[str, list[Entry]]  # the recommended records (none before the publicity)
    pool: dict[str, list[Entry]]  # before the publicity: every record, for the statistics
    withdrawn: list[tuple[str, str]]  # after the publicity: (kind name, name) of each one withdrawn


def gather(result: Result, rules: Rules, today: dt.date, stage: Stage) -> Checked:
    subs = result.submissions
    clock = decisions.clock(subs, rules)
    c: Counter[tuple[str, str]] = Counter(
        (d.unit or "", d.kind) for d in subs.documents if d.kind in NOMINEES
    )
    return Checked(
        secrets=leaks.secrets(model.private_docs(subs), rules, names=stage is Stage.BEFORE),
        clock=clock,
        counts={u: (c[(u, "window")], c[(u, "individual")]) for u in {u for u, _ in c}},
        current=model.recommended(subs, rules, clock.formal(today)) if stage is not Stage.BEFORE else {},
        pool=model.pool(subs, rules) if stage is Stage.BEFORE else {},
        withdrawn=model.withdrawn(subs, rules) if stage is Stage.AFTER else [],
    )


@contextmanager
def young_garbage_only() -> Iterator[None]:
    """No full collections while the check runs (the younger generations are collected as usual).

    The build's process only receives the workers' results, which all live until `gather`: each full
    collection traversed all of them again and found nothing (at 50,000 records, 13 of them took ~10 s
    of its time, while it was the one the workers waited for). The forked workers inherit the setting:
    the garbage of each file they check dies young and is still collected.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)
