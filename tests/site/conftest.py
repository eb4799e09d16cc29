"""The bundled sample campaign, copied into a git repository of its own and built at three clock dates.

Each build costs a few seconds, so each clock date is built once per test session and shared: once as
the sample is (the 公示 not frozen yet: a preview), once after `awards snapshot --freeze`.
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
    "before": dt.date(2021, 10, 11),  # the formal stage: fed back, not yet published
    "during": dt.date(2021, 10, 20),
    "after": dt.date(2021, 10, 27),
}
OPENED = dt.date(2021, 10, 18)  # the first day of the publicity, when a reviewer freezes it
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


def git(root: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def commit_all(root: Path, message: str) -> str:
    """Commit everything; the new HEAD."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-gpg-sign", "-m", message)
    return git(root, "rev-parse", "HEAD")


def _not_generated(folder: str, names: list[str]) -> set[str]:
    # No generated files, no caches, and no frozen archive: each test decides whether its copy has one.
    skip = {"generated", "__pycache__"}
    if Path(folder) == REPO / "site":
        skip.add("archive")
    return skip & set(names)


def copy_sample(target: Path, commit: bool = True) -> Path:
    """The sample campaign and the site sources, as a fresh repository (no generated files, no cache)."""
    target.mkdir(parents=True)
    for name in ("rules", "submissions", "site"):
        shutil.copytree(REPO / name, target / name, ignore=_not_generated)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    if commit:
        git(target, "init", "-q")
        commit_all(target, "sample")
    return target


def run(*args: str) -> tuple[int, str, str]:
    """Any `awards` command through the real entry point: (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(list(args))
    return code, stdout.getvalue(), stderr.getvalue()


def freeze(root: Path, today: dt.date, *extra: str) -> tuple[int, str, str]:
    return run("snapshot", "--freeze", "--root", str(root), "--today", today.isoformat(), *extra)


def run_build(root: Path, out: Path, today: dt.date, *extra: str) -> Build:
    """`awards build` through the real command line entry point, its output kept for the assertions."""
    code, stdout, stderr = run(
        "build", "--root", str(root), "--today", today.isoformat(), "--output", str(out), *extra
    )
    return Build(root, out, code, stdout, stderr)


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample") / "repo")


def _builder(root: Path, outputs: Path) -> Callable[[str], Build]:
    done: dict[str, Build] = {}

    def get(stage: str) -> Build:
        if stage not in done:
            done[stage] = run_build(root, outputs / stage, CLOCKS[stage])
            assert done[stage].code == 0, f"build at {stage} failed:\n{done[stage].stderr}"
        return done[stage]

    return get


@pytest.fixture(scope="session")
def builds(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Build]:
    """`builds("during")`: the sample built at that clock date (once per session), nothing frozen."""
    return _builder(sample, tmp_path_factory.mktemp("public"))


@dataclass(frozen=True)
class Frozen:
    root: Path
    source: str  # the commit the snapshot was rendered from
    stdout: str


@pytest.fixture(scope="session")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    """The sample with its 公示 frozen on the day it opened, and the archive committed."""
    root = copy_sample(tmp_path_factory.mktemp("frozen") / "repo")
    source = git(root, "rev-parse", "HEAD")
    code, stdout, stderr = freeze(root, OPENED)
    assert code == 0, stderr
    commit_all(root, "公示存档")
    return Frozen(root, source, stdout)


@pytest.fixture(scope="session")
def frozen_builds(frozen: Frozen, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Build]:
    """`frozen_builds("during")`: the frozen sample built at that clock date (once per session)."""
    return _builder(frozen.root, tmp_path_factory.mktemp("public-frozen"))
