"""How long `awards validate` takes on the bundled sample: in-process (the checker) and as a command.

Run: `make bench` (or `.venv/bin/python benchmarks/bench_validate.py`). A benchmark, not a test.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

import awards.commands.campaign  # noqa: F401 - registers the stages' meta-schemas
from awards.check.run import validate
from awards.rules.loader import load

ROOT = Path(__file__).resolve().parent.parent
RUNS = 10


def main() -> None:
    today = dt.date(2021, 8, 20)
    rules = load(ROOT)
    validate(ROOT, rules, today)  # warm caches (validators, photo decoders)
    checker = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = validate(ROOT, rules, today)
        checker.append(time.perf_counter() - start)
    command = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "awards.cli", "validate", "--today", "2021-08-20"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        command.append(time.perf_counter() - start)
    print(f"sample campaign: {result.files_checked} files")
    print(f"checker in process: median {statistics.median(checker) * 1000:.0f} ms over {RUNS} runs")
    print(f"whole command (interpreter start included): median {statistics.median(command) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
