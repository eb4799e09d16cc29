"""How long every export of the bundled sample takes, in one process (`awards export` without the CLI).

Run: `.venv/bin/python benchmarks/bench_export.py`. A benchmark, not a test. Output goes to a
temporary folder, so the figure includes writing every .xlsx, .md and PDF but leaves exports/ alone.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import awards.commands.campaign  # noqa: F401 - registers the stages' meta-schemas
from awards.commands.export import run
from awards.export.common import Output, prepare
from awards.rules.loader import load

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def main() -> None:
    today = dt.date(2021, 8, 20)
    rules = load(ROOT)
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(RUNS):
            start = time.perf_counter()
            # The check is part of every export (it orders records and feeds the checklists).
            ctx = prepare(ROOT, rules, today)
            out = Output(Path(tmp) / f"run-{i}")
            run(ctx, out)
            timings.append(time.perf_counter() - start)
        kinds = Counter(p.suffix for p in out.written)
        records = len(ctx.records("window")) + len(ctx.records("individual"))
    print(f"sample campaign: {len(rules.units)} units, {records} records")
    print("files per run: " + ", ".join(f"{n} {suffix}" for suffix, n in sorted(kinds.items())))
    print(f"all exports in one process: median {statistics.median(timings):.1f} s over {RUNS} runs")
    print(f"(first run, fonts and templates cold: {timings[0]:.1f} s)")


if __name__ == "__main__":
    main()
