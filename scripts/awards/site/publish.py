"""Publishing atomically: the site is built into a staging folder beside the output, scanned there, and
only then put in place by renaming, so `public/` is always the previous scanned site or absent, never
unscanned output — whatever stops the build (a refusal, Ctrl-C, a kill, a crash).

One build at a time per campaign root: a lock file (flock, released by the kernel when the process
dies, however it dies) makes a second build refuse with a message instead of racing the first over
site/docs/ and the output folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from awards.core.errors import ProblemsRefusal

LOCK = Path(".awards-cache") / "build.lock"
_STAGING = ".building-"
_RETIRED = ".retired-"


class BuildBusyError(ProblemsRefusal):
    """Another build holds the lock."""


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the campaign's build lock for the block, or refuse at once if another build holds it."""
    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusyError(
                f"另一个 awards build 正在生成这个评选仓库的网站（锁文件 {LOCK.as_posix()}），"
                "请等它结束后再运行。"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _siblings(out: Path, marker: str) -> list[Path]:
    if not out.parent.is_dir():
        return []
    return sorted(out.parent.glob(f".{out.name}{marker}*"))


def staging(out: Path) -> Path:
    """A fresh, empty staging folder beside `out` (same file system: the rename is atomic). Folders
    left by a build that was killed are removed first (the caller holds the lock: none is in use)."""
    for old in _siblings(out, _STAGING) + _siblings(out, _RETIRED):
        shutil.rmtree(old, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = out.parent / f".{out.name}{_STAGING}{os.getpid()}"
    staged.mkdir()
    return staged


def replace(staged: Path, out: Path) -> None:
    """Put the scanned `staged` site in place of `out`: one rename each, the old site removed after."""
    retired = out.parent / f".{out.name}{_RETIRED}{os.getpid()}"
    if out.exists():
        out.rename(retired)
    staged.rename(out)
    _fsync_dir(out.parent)
    shutil.rmtree(retired, ignore_errors=True)


def discard(staged: Path) -> None:
    """Remove a staging folder that was not published (a refusal, an interruption)."""
    shutil.rmtree(staged, ignore_errors=True)


def _fsync_dir(folder: Path) -> None:
    """Make the renames durable: a power cut must not bring back the unscanned name."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
