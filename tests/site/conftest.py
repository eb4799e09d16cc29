"""The bundled sample campaign, copied into a git repository of its own and built at three clock dates.

Each build costs a few seconds, so each clock date is built once per test session and shared.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from awards.cli import main

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CLOCKS = {
    "before": dt.date(2021, 9, 10),
    "during": dt.date(2021, 9, 20),  # a holiday inside the publicity: still during
    "after": dt.date(2021, 9, 30),
}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}


@dataclass(frozen=True)
class Build:
    root: Path
    out: Path
    code: int
    stdout: str
    stderr: str

    def text(self, rel: str) -> str:
        return (self.out / rel).read_text(encoding="utf-8")

    def all_text(self) -> str:
        """Every text file of the site, concatenated (theme assets included)."""
        parts = []
        for p in sorted(self.out.rglob("*")):
            if p.is_file() and p.suffix in {".html", ".json", ".xml", ".js", ".css", ".svg"}:
                parts.append(p.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(parts)


def copy_sample(target: Path, commit: bool = True) -> Path:
    """The sample campaign and the site sources, as a fresh repository (no generated files, no cache)."""
    target.mkdir(parents=True)
    for name in ("rules", "submissions", "site"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("generated", "__pycache__"))
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    if commit:
        env = {**os.environ, **GIT_ENV}
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-gpg-sign", "-m", "sample"]):
            subprocess.run(["git", *args], cwd=target, env=env, check=True, capture_output=True)
    return target


def run_build(root: Path, out: Path, today: dt.date, *extra: str) -> Build:
    """`awards build` through the real command line entry point, its output kept for the assertions."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(
            ["build", "--root", str(root), "--today", today.isoformat(), "--output", str(out), *extra]
        )
    return Build(root, out, code, stdout.getvalue(), stderr.getvalue())


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample") / "repo")


@pytest.fixture(scope="session")
def builds(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Build]:
    """`builds("during")`: the sample built at that clock date (once per session)."""
    done: dict[str, Build] = {}
    outputs = tmp_path_factory.mktemp("public")

    def get(stage: str) -> Build:
        if stage not in done:
            done[stage] = run_build(sample, outputs / stage, CLOCKS[stage])
            assert done[stage].code == 0, f"sample build at {stage} failed:\n{done[stage].stderr}"
        return done[stage]

    return get
