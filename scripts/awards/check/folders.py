"""The folders under submissions/ and their stats: how the quick path knows no file came or went.

A file added, removed or renamed changes its folder's mtime, which git's untracked cache relies on
too. A folder's stat is trusted when it is unchanged and was settled when taken (a change in the same
timestamp tick would not show); any other folder is listed again and its names compared, so an editor
that saves by renaming costs one listing, not a full check.

Kept compact because it is read on every quick run and grows with the campaign (66,668 folders at
50,000 records): the paths as one text, the stats as one packed array, the name hashes as one string.
Parsing that is a few C calls instead of one Python list per folder, and each folder is then looked
at with one `lstat` relative to an open submissions/ folder (shorter paths for the kernel to walk).
"""

from __future__ import annotations

import array
import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from awards.core.repo import SUBMISSIONS

FILE = "quick-folders.json"  # in the check cache
_WIDTH = 4  # ino, mtime_ns, ctime_ns, settled (1/0) per folder
_HASH = 32  # hex digits of a folder's names hash


@dataclass(frozen=True, slots=True)
class Folders:
    paths: list[str]  # under submissions/, "" for submissions/ itself
    stats: array.array[int]  # _WIDTH numbers per path
    names: str  # _HASH hex digits per path: what it held (names and types)

    def to_json(self) -> dict[str, Any]:
        return {
            "paths": "\n".join(self.paths),
            "stats": base64.b64encode(self.stats.tobytes()).decode("ascii"),
            "names": self.names,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Folders:
        """Raises ValueError (or KeyError, TypeError) for anything `to_json` did not write."""
        paths = str(data["paths"]).split("\n")
        stats = array.array("q")
        stats.frombytes(base64.b64decode(str(data["stats"]), validate=True))
        names = str(data["names"])
        if len(stats) != _WIDTH * len(paths) or len(names) != _HASH * len(paths):
            raise ValueError("folders: sizes do not agree")
        return cls(paths, stats, names)


def take(root: Path) -> Folders:
    """Every folder the walk of submissions/ enters (hidden ones are skipped, as it skips them)."""
    from awards.check.perfile import settled  # here, not above: the quick run imports this module early

    paths: list[str] = []
    stats = array.array("q")
    names: list[str] = []
    todo = [""]
    for rel in todo:  # grows as it goes: breadth first
        entry = _folder(root, rel)
        if entry is None:
            continue
        st, digest, subfolders = entry
        paths.append(rel)
        stats.extend((st.st_ino, st.st_mtime_ns, st.st_ctime_ns, int(settled(st))))
        names.append(digest)
        todo += subfolders
    return Folders(paths, stats, "".join(names))


def _folder(root: Path, rel: str) -> tuple[os.stat_result, str, list[str]] | None:
    name = f"{root}/{SUBMISSIONS}/{rel}" if rel else f"{root}/{SUBMISSIONS}"
    try:
        st = os.lstat(name)
        with os.scandir(name) as it:
            entries = sorted((e.name, e.is_symlink(), e.is_dir(follow_symlinks=False)) for e in it)
    except OSError:
        return None
    shown = [e for e in entries if not e[0].startswith(".")]
    digest = hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()[:_HASH]
    subfolders = [f"{rel}/{n}" if rel else n for n, link, is_dir in shown if is_dir and not link]
    return st, digest, subfolders


def unchanged(root: Path, known: Folders) -> bool:
    """No file or folder added, removed or renamed under submissions/ since `known` was taken."""
    try:
        top = os.open(f"{root}/{SUBMISSIONS}", os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        stats, lstat = known.stats, os.lstat
        for i, rel in enumerate(known.paths):
            try:
                st = lstat(rel or ".", dir_fd=top)
            except OSError:
                return False
            j = _WIDTH * i
            if (
                stats[j + 3]
                and st.st_ino == stats[j]
                and st.st_mtime_ns == stats[j + 1]
                and st.st_ctime_ns == stats[j + 2]
            ):
                continue
            now = _folder(root, rel)
            if now is None or now[1] != known.names[_HASH * i : _HASH * (i + 1)]:
                return False
        return True
    finally:
        os.close(top)
