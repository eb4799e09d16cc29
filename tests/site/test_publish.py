"""Publishing is atomic: a build stopped at any point (a refusal, Ctrl-C, a kill) leaves the previous
scanned site or none, never unscanned output; a second build on the same root refuses while one runs."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from awards.check.run import validate
from awards.rules.loader import load
from awards.rules.private import published_numbers
from awards.site import leaks, publish
from tests.site.conftest import CLOCKS, copy_sample, run_build

AWARDS = [sys.executable, "-m", "awards.cli"]


def _scanned_clean(root: Path, out: Path) -> bool:
    """The site at `out` is complete (it has its home page) and passes the leak scan as it stands."""
    rules = load(root)
    subs = validate(root, rules, CLOCKS["during"]).submissions
    secrets = leaks.secrets([d for d in subs.documents if d.data is not None], rules, names=True)
    found = leaks.scan(out, secrets, exempt=published_numbers(rules))
    assert found == [], [leak.message() for leak in found]
    return (out / "index.html").is_file()


@pytest.mark.slow
def test_a_killed_build_never_leaves_unscanned_output(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo", commit=False)
    out = tmp_path / "public"
    started = time.monotonic()
    first = run_build(root, out, CLOCKS["before"])
    whole = time.monotonic() - started
    assert first.code == 0, first.stderr
    rng = random.Random(12)  # a fixed seed: the same points in every run
    for i, sig in enumerate((signal.SIGINT, signal.SIGKILL, signal.SIGINT, signal.SIGKILL)):
        args = ["build", "--root", str(root), "--today", CLOCKS["before"].isoformat(), "--output", str(out)]
        proc = subprocess.Popen([*AWARDS, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.2, whole))
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=120)
        assert b"Traceback" not in stderr, (i, stderr.decode())
        # Either the previous site (the kill came before the rename) or the new one: both scanned.
        assert not out.exists() or _scanned_clean(root, out), (i, sig)
    assert _scanned_clean(root, out)


def test_a_second_build_on_the_same_root_refuses(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo", commit=False)
    with publish.locked(root):
        build = run_build(root, tmp_path / "out", CLOCKS["before"])
    assert build.code == 1
    assert "另一个 awards build 正在生成" in build.stderr and "Traceback" not in build.stderr
    assert not (tmp_path / "out").exists()


def test_staging_replaces_in_one_rename_and_clears_leftovers(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    leftover = tmp_path / ".public.building-99999"  # a build that was killed
    leftover.mkdir()
    staged = publish.staging(out)
    assert not leftover.exists() and staged.parent == out.parent
    (staged / "index.html").write_text("new", encoding="utf-8")
    publish.replace(staged, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]
