"""The build's full check, in a process of its own, and what the build keeps of it.

The full check (`check.run.validate`) holds every document whole: some 800 MB at 50,000 records. The
build needs little of it: the verdict on its errors (`gate`), every record's private values (for the
leak scan), the campaign clock, the counts per unit, the recommended records' public fields, and
before the publicity the public fields of every record (for the statistics). The check runs in a
forked process that sends back only these (`Outcome`) and exits, so all its memory is returned before
WeasyPrint lays out the 公示报样, whose own few hundred MB came on top of it (1.5 GiB at 50,000 records).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from awards.check import decisions
from awards.check.run import Result, validate
from awards.core.progress import Progress
from awards.rules.kinds import NOMINEES
from awards.rules.loader import Rules
from awards.rules.matcher import Secret
from awards.rules.private import site_rules
from awards.rules.stages import Clock
from awards.site import gate, leaks, model
from awards.site.model import Entry, Stage


@dataclass(frozen=True, slots=True)
class Checked:
    secrets: list[Secret]
    clock: Clock
    counts: dict[str, tuple[int, int]]  # unit → (windows, individuals)
    current: dict[str, list[Entry]]  # the recommended records (none before the publicity)
    pool: dict[str, list[Entry]]  # before the publicity: every record, for the statistics
    withdrawn: list[tuple[str, str]]  # after the publicity: (kind name, name) of each one withdrawn


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: gate.Verdict
    facts: Checked
    drawn: bool  # the check's progress line is on the screen (`Progress.close` erases it)


class CheckFailedError(RuntimeError):
    """The check's process ended without an answer (its error is printed above)."""


def run(root: Path, rules: Rules, today: dt.date, stage: Stage, progress: Progress) -> Outcome:
    """The full check as the build needs it, in a forked process (module docstring)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, root, rules, today, stage, progress))
    child.start()
    send.close()
    pid = child.pid
    assert pid is not None
    with contextlib.suppress(OSError):  # the child does the same: whichever comes first
        os.setpgid(pid, pid)
    try:
        outcome: Outcome = receive.recv()
    except EOFError:
        raise CheckFailedError("检查进程意外退出，网站没有生成。") from None
    except BaseException:
        # Ctrl-C, a kill: the check and its workers stop with the build. Its own process group, which
        # a Ctrl-C at the terminal does not reach, so that none of them prints a traceback meanwhile.
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGTERM)
        child.terminate()
        raise
    finally:
        child.join()
        receive.close()
    return outcome


def _child(
    send: Connection, root: Path, rules: Rules, today: dt.date, stage: Stage, progress: Progress
) -> None:
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    with young_garbage_only():
        result = validate(root, rules, today, progress=progress.records)
    # Before the publicity no record is published, so only privacy and decisions errors stop it.
    published = gate.published_paths(result.submissions) if stage is not Stage.BEFORE else set()
    privacy = site_rules(rules).privacy.blocking_codes
    verdict = gate.sort(result.problems, result.submissions, published, privacy)
    outcome = Outcome(verdict, gather(result, rules, today, stage), progress.shown)
    # The build was killed meanwhile (SIGKILL leaves no time to end this process): nobody to answer.
    with contextlib.suppress(BrokenPipeError):
        send.send(outcome)
    send.close()


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
