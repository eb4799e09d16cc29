"""The pull-request check job, "empty virtual environment to report", measured locally (`make bench`).

What the job does after GitHub has checked out the base branch and restored the pip cache:
1. `python -m venv --without-pip .venv` (empty),
2. `pip --python .venv/bin/python install --require-hashes --no-deps -r requirements/build.txt`, then the
   same with `--no-build-isolation -r requirements/check.txt` (from the
   warm pip cache, as on a cache hit; a cold install from the package index is measured once too),
3. fetch-head.sh: the head commit as git objects only,
4. check.sh: check-pr and pr-records (the base's code on the head's records) and the job summary,
on the bundled sample campaign, where a copy of one sample record is the pull request's change.

Prints each phase and the total. A benchmark, not a test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str], cwd: Path, **env: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env={**os.environ, **env})
    return time.perf_counter() - start


def campaign(tmp: Path) -> tuple[Path, str, str, str]:
    """origin: this repository's committed HEAD plus a branch where taiyuan adds a record.
    Returns (origin, its default branch, base commit, head commit)."""
    origin = tmp / "origin"
    subprocess.run(["git", "clone", "-q", "--no-local", str(ROOT), str(origin)], check=True)
    git = ["git", "-C", str(origin), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]

    def out(*args: str) -> str:
        return subprocess.run([*git, *args], capture_output=True, text=True, check=True).stdout.strip()

    branch, base = out("rev-parse", "--abbrev-ref", "HEAD"), out("rev-parse", "HEAD")
    out("checkout", "-q", "-b", "units/taiyuan/bench")
    record = next(
        p for p in sorted((origin / "submissions" / "taiyuan").rglob("*.yml")) if p.name != "unit.yml"
    )
    shutil.copyfile(record, record.with_name("bench-copy.yml"))
    out("add", "-A")
    out("commit", "-q", "-m", "bench")
    head = out("rev-parse", "HEAD")
    out("checkout", "-q", branch)
    return origin, branch, base, head


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="awards-bench-job-") as name:
        tmp = Path(name)
        origin, branch, base, head = campaign(tmp)
        work = tmp / "work"
        subprocess.run(["git", "clone", "-q", "-b", branch, str(origin), str(work)], check=True)
        event = tmp / "event.json"
        event.write_text(
            json.dumps(
                {
                    "action": "synchronize",
                    "pull_request": {
                        "number": 1,
                        "user": {"login": "ty-clerk"},
                        "base": {"sha": base, "ref": branch},
                        "head": {"sha": head, "ref": "units/taiyuan/bench"},
                    },
                    "sender": {"login": "ty-clerk"},
                }
            ),
            encoding="utf-8",
        )
        venv = work / ".venv"
        python = str(venv / "bin" / "python")
        cold_venv = tmp / "cold"
        run([sys.executable, "-P", "-I", "-m", "venv", "--without-pip", str(cold_venv)], tmp)
        pip = [sys.executable, "-P", "-I", "-m", "pip"]
        build = ["--require-hashes", "--no-deps", "-r", str(ROOT / "requirements/build.txt")]
        lock = [
            "--require-hashes",
            "--no-deps",
            "--no-build-isolation",
            "-r",
            str(ROOT / "requirements/check.txt"),
        ]

        def install(target: str, *extra: str) -> float:
            return run([*pip, "--python", target, "install", "-q", *extra, *build], tmp) + run(
                [*pip, "--python", target, "install", "-q", *extra, *lock], tmp
            )

        phases = {
            # As the workflow: a venv without its own pip, filled by the runner's pip (`pip --python`).
            "venv": run([sys.executable, "-P", "-I", "-m", "venv", "--without-pip", str(venv)], work),
            "install (warm pip cache)": install(python),
            "fetch head": run(["bash", ".github/scripts/fetch-head.sh"], work, HEAD_SHA=head),
        }
        cold_python = str(cold_venv / "bin" / "python")
        cold = install(cold_python, "--no-cache-dir")
        out = tmp / "report"
        start = time.perf_counter()
        done = subprocess.run(
            ["bash", ".github/scripts/check.sh"],
            cwd=work,
            capture_output=True,
            text=True,
            env={
                **os.environ,
                "GITHUB_EVENT_NAME": "pull_request_target",
                "GITHUB_EVENT_PATH": str(event),
                "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"),
                "AWARDS_OUT": str(out),
                "AWARDS_TODAY": "2021-08-20",
                "CI": "true",
            },
        )
        phases["check (check-pr, pr-records, summary)"] = time.perf_counter() - start
        if done.returncode not in (0, 1) or not (out / "report.json").exists():
            sys.exit(f"check.sh wrote no report (exit {done.returncode}):\n{done.stderr}")
        for label, seconds in phases.items():
            print(f"{label:40s} {seconds:6.1f} s")
        print(f"{'empty venv to report':40s} {sum(phases.values()):6.1f} s")
        print(f"{'(install with a cold pip cache)':40s} {cold:6.1f} s")


if __name__ == "__main__":
    main()
