"""Reading the real repository with git: what a pull request changes, and the rules it is judged by.

Everything here reads git *objects* (trees, blobs, modes): nothing of the pull request is checked out,
so no file it adds (a `GNUmakefile`, a `sitecustomize.py`, a `.pth`) can ever be run by the check.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

# git's file modes: a symbolic link, and a submodule (a "gitlink", a commit of another repository).
SYMLINK = "120000"
SUBMODULE = "160000"
ABSENT = "000000"


class GitError(Exception):
    """git could not answer (not a repository, an unknown revision): a usage error for the caller."""


@dataclass(frozen=True, slots=True)
class Change:
    status: str  # git's letter: A added, M modified, D deleted, R renamed, C copied, T type changed
    path: str  # the path after the change (undecodable bytes kept as surrogate escapes, see `readable`)
    old_path: str | None = None  # the path before a rename or copy
    mode: str = "100644"  # the mode after the change (ABSENT when deleted)
    old_mode: str = "100644"

    @property
    def touched(self) -> tuple[str, ...]:
        """Every path this change alters: a rename empties the old place and fills the new one."""
        if self.status == "R" and self.old_path is not None:
            return (self.old_path, self.path)
        return (self.path,)

    @property
    def link(self) -> str | None:
        """ "symlink" or "submodule" if the change leaves one at `path`, else None."""
        return {SYMLINK: "symlink", SUBMODULE: "submodule"}.get(self.mode)


def readable(path: str) -> bool:
    """False for a name that is not valid UTF-8 (decoded with surrogate escapes by `changes`)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: str) -> str:
    """A name for messages: undecodable bytes as \\xNN, the way git itself quotes them."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("找不到 git 程序，请先安装 git。") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} 失败：{detail[-1] if detail else done.returncode}")
    return done.stdout


def merge_base(root: Path, base: str, head: str) -> str:
    return _git(root, "merge-base", base, head).decode("ascii").strip()


def changes(root: Path, base: str, head: str) -> list[Change]:
    """What `head` changes since it left `base` (from their merge base: changes on base meanwhile are not
    the pull request's), with each entry's modes, read from the two trees without touching the disk."""
    since = merge_base(root, base, head)
    # -z: paths verbatim (Chinese, spaces, even bytes that are not UTF-8); -M: a rename is one change with
    # two paths; --raw: the modes, so that symbolic links and submodules are seen as what they are.
    out = _git(root, "diff-tree", "-z", "-r", "-M", "--raw", "--no-ext-diff", since, head, "--")
    fields = out.split(b"\0")
    result = []
    i = 0
    while i < len(fields) and fields[i].startswith(b":"):
        old_mode, mode, _old, _new, status = fields[i][1:].decode("ascii").split(" ")
        letter = status[0]
        paths = [
            f.decode("utf-8", "surrogateescape") for f in fields[i + 1 : i + (3 if letter in "RC" else 2)]
        ]
        if letter in "RC":
            result.append(Change(letter, paths[1], paths[0], mode, old_mode))
        else:
            result.append(Change(letter, paths[0], None, mode, old_mode))
        i += 1 + len(paths)
    return result


def export_tree(root: Path, rev: str, folder: str, target: Path) -> None:
    """Write `folder` as it is at `rev` under `target` (e.g. the base branch's rules/, or the pull
    request's submissions/ as data for the base's checker)."""
    data = _git(root, "archive", "--format=tar", rev, "--", folder)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(target, filter=_plain_files)


def _plain_files(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """Regular files and folders only, with UTF-8 names: a link would make the checker read another
    place, and a name that is not UTF-8 cannot be reported; check-pr refuses both on the file itself, so
    here they are left out and the rest of the records are still checked. The standard "data" filter
    then refuses anything else unsafe (absolute paths, paths leaving `dest`, device files)."""
    if member.issym() or member.islnk() or not readable(member.name):
        return None
    return tarfile.data_filter(member, dest)


def has_path(root: Path, rev: str, folder: str) -> bool:
    return bool(_git(root, "ls-tree", "--name-only", rev, "--", folder).strip())
