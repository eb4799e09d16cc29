"""Cache files are written whole or not at all, damaged lines are misses, and a read-only checkout validates."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from awards.check import cache as cache_mod
from awards.check.run import validate
from awards.core import atomic
from awards.core.fingerprint import PACKAGE, sources
from awards.rules.loader import load
from tests.conftest import count_checked_files

TODAY = dt.date(2021, 8, 20)
PERSON = "submissions/taiyuan/individuals/zhang-li.yml"


def test_seal_and_unseal() -> None:
    line = "路径\t[1,2]".encode()
    assert atomic.unseal(atomic.seal(line)) == line
    damaged = bytearray(atomic.seal(line))
    damaged[-2] ^= 1  # one bit of the payload
    assert atomic.unseal(bytes(damaged)) is None
    for garbage in (b"", b"12345678", b"zzzzzzzz\tx", b"[1,2]"):
        assert atomic.unseal(garbage) is None


def test_a_failed_write_leaves_the_old_file_and_no_litter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cache" / "check.jsonl"
    atomic.write_atomic(target, b"old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        atomic.write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["check.jsonl"]


def test_a_line_that_fails_its_checksum_is_the_only_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = repo / ".awards-cache" / "check"
    first = validate(repo, load(repo), TODAY, cache=folder).problems
    path = folder / cache_mod.FILE
    lines = path.read_bytes().split(b"\n")
    # Still JSON and a well-formed entry, saying the record has no problems: only the checksum can tell.
    damaged = [ln.replace(b'"zhang-li"', b'"zhang-lI"') if PERSON.encode() in ln else ln for ln in lines]
    assert damaged != lines
    path.write_bytes(b"\n".join(damaged))
    calls = count_checked_files(monkeypatch)
    assert validate(repo, load(repo), TODAY, cache=folder).problems == first
    assert [c for c in calls if not c.endswith("decisions.yml")] == [PERSON]


def test_a_damaged_header_drops_the_whole_cache(repo: Path) -> None:
    folder = repo / ".awards-cache" / "check"
    first = validate(repo, load(repo), TODAY, cache=folder).problems
    path = folder / cache_mod.FILE
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b'"format":', b'"formaT":', 1))
    assert cache_mod.read_lines(path) == (None, {})
    assert validate(repo, load(repo), TODAY, cache=folder).problems == first


def _command(root: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    cmd = [sys.executable, "-m", "awards.cli", "validate", "--root", str(root), "--today", TODAY.isoformat()]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)


def test_a_read_only_checkout_validates_without_the_cache(repo: Path) -> None:
    expected = _command(repo)
    assert expected.returncode == 0, expected.stderr
    # The cache folder cannot be made (root may write anywhere, so a file stands in its way instead of
    # a permission bit); the check runs as usual and says once, in Chinese, that it kept nothing.
    (repo / ".awards-cache").rename(repo / "old-cache")
    (repo / ".awards-cache").write_text("", encoding="utf-8")
    got = _command(repo)
    assert got.returncode == expected.returncode
    assert got.stdout == expected.stdout
    assert "无法写入检查缓存" in got.stderr and "Traceback" not in got.stderr


def test_saving_into_a_folder_that_vanished_is_not_an_error(repo: Path) -> None:
    folder = repo / ".awards-cache" / "check"
    first = validate(repo, load(repo), TODAY, cache=folder).problems
    (repo / PERSON).write_text((repo / PERSON).read_text(encoding="utf-8") + "# 改\n", encoding="utf-8")
    blocked = repo / "blocked"
    blocked.write_text("", encoding="utf-8")
    assert validate(repo, load(repo), TODAY, cache=blocked / "check").problems == first


def test_the_code_fingerprint_covers_the_whole_package() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in sources()}
    # A change in any stage may change a verdict: the rules across records, the reader, the CLI.
    assert {"check/campaign.py", "check/run.py", "read/yamlsrc.py", "cli.py", "core/atomic.py"} <= names
