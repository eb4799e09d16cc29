"""Reading the real repository with git: what a pull request changes, and the rules it is judged by."""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git could not answer (not a repository, an unknown revision): a usage error for the caller."""


@dataclass(frozen=True, slots=True)
class Change:
    status: str  # git's letter: A added, M modified, D deleted, R renamed, C copied, T type changed
    path: str  # the path after the change
    old_path: str | None = None  # the path before a rename or copy

    @property
    def touched(self) -> tuple[str, ...]:
        """Every path this change alters: a rename empties the old place and fills the new one."""
        if self.status == "R" and self.old_path is not None:
            return (self.old_path, self.path)
        return (self.path,)


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("找不到 git 程序，请先安装 git。") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} 失败：{detail[-1] if detail else done.returncode}")
    return done.stdout


def changes(root: Path, base: str, head: str) -> list[Change]:
    """What `head` changes since it left `base` (three dots: changes on base meanwhile are not the PR's)."""
    # -z: paths verbatim (Chinese or spaces are not quoted); -M: renames are one change with two paths.
    out = _git(root, "diff", "--name-status", "-M", "-z", "--no-ext-diff", f"{base}...{head}", "--")
    fields = out.decode("utf-8").split("\0")
    result = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            result.append(Change(status, fields[i + 2], fields[i + 1]))
            i += 3
        else:
            result.append(Change(status, fields[i + 1]))
            i += 2
    return result


def export_tree(root: Path, rev: str, folder: str, target: Path) -> None:
    """Write `folder` as it is at `rev` under `target` (e.g. the base branch's rules/)."""
    data = _git(root, "archive", "--format=tar", rev, "--", folder)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        # The "data" filter refuses links and paths that leave `target`.
        tar.extractall(target, filter="data")
