"""The work `awards validate` starts first (`check.early`): the folders judged in a forked child, git's
status in its own process; the answers are those of the in-process quick path, and the command's
output is that of a fresh serial check."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from awards.check import early, perfile, quick
from awards.check.run import check_serially
from awards.core import reporter
from awards.rules.loader import load

TODAY = dt.date(2021, 8, 20)
PERSON = "submissions/taiyuan/individuals/zhang-li.yml"


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=测试", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


@pytest.fixture
def indexed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A committed campaign, checked once so that the quick path has its index and folders."""
    monkeypatch.setattr(perfile, "SETTLED_NS", -(10**18))  # the fixture has just written every folder
    (repo / ".gitignore").write_text(".awards-cache/\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "初始")
    quick.validate_quickly(repo, load(repo), TODAY, repo / ".awards-cache" / "check")
    return repo


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the child is forked")
def test_the_forked_child_judges_as_this_process_does(indexed: Path) -> None:
    cache = indexed / ".awards-cache" / "check"
    forked = early.Early(indexed, cache)
    assert forked.folders() == early.judge(indexed, cache)
    assert forked.folders() is not None and forked.folders()["unchanged"] is True  # type: ignore[index]
    forked.close()
    shutil.copy(indexed / PERSON, indexed / "submissions/datong/individuals/zhang-li.yml")
    forked = early.Early(indexed, cache)
    verdict = forked.folders()
    forked.close()
    assert verdict is not None and verdict["unchanged"] is False


def test_no_folders_file_is_no_verdict(repo: Path) -> None:
    cache = repo / ".awards-cache" / "check"
    forked = early.Early(repo, cache)
    assert forked.folders() is None
    forked.close()
    (cache / quick.FOLDERS).parent.mkdir(parents=True)
    (cache / quick.FOLDERS).write_bytes(b"not sealed")
    assert early.Early(repo, cache, fork=False).folders() is None


@pytest.mark.parametrize(
    "change",
    ["nothing", "edit", "new file", "commit"],
)
def test_the_command_says_what_a_fresh_check_says(indexed: Path, change: str) -> None:
    if change == "edit":
        path = indexed / PERSON
        path.write_text(path.read_text(encoding="utf-8").replace("零差错", "无差错"), encoding="utf-8")
    elif change == "new file":
        shutil.copy(indexed / PERSON, indexed / "submissions/datong/individuals/zhang-li.yml")
    elif change == "commit":
        _git(indexed, "commit", "-q", "--allow-empty", "-m", "空")
    command = [sys.executable, "-m", "awards.cli", "validate", "--root", str(indexed)]
    done = subprocess.run(
        [*command, "--today", TODAY.isoformat(), "--format", "json"], capture_output=True, check=False
    )
    fresh = check_serially(indexed, load(indexed), TODAY)
    assert done.stdout.decode() == reporter.render("json", fresh.problems, fresh.files_checked)
