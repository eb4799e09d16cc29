"""What git says changed under submissions/: `git status` in its own process, read when needed.

Light on purpose (no YAML, no rules): `awards validate` starts it before loading anything else
(`check.early`), so git stats every tracked file on the other core while this process starts up.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat as st_mode
import subprocess
from dataclasses import dataclass
from pathlib import Path

from awards.core.repo import IGNORED_NAMES, SUBMISSIONS

# More changed paths than this (a campaign never committed, a large merge): stamping them costs more
# than the quick path saves.
MAX_CHANGED = 500


@dataclass(frozen=True)
class Snapshot:
    head: str
    digests: dict[str, str | None]  # every changed path under submissions/ and its sha256 now


class Status:
    """`git status` under submissions/, started at once and read later: git stats every tracked file
    in its own process while this one looks at the folders (`folders.unchanged`)."""

    def __init__(self, root: Path, untracked: bool = True) -> None:
        # Untracked and ignored files too unless told not to (the quick run learns of new files from
        # its folders instead). Porcelain v2 names the commit too: one git process, not two.
        shown = ["--untracked-files=all", "--ignored=matching"] if untracked else ["--untracked-files=no"]
        self.root = root
        self.process: subprocess.Popen[bytes] | None = None
        self._result: Snapshot | None = None
        self._done = False
        if not (root / ".git").exists():  # the campaign is not the repository's top folder
            return
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        command = ["git", "--no-optional-locks", "-C", str(root), "status", "--porcelain=v2", "--branch"]
        command += ["-z", *shown, "--no-renames", "--", SUBMISSIONS]
        with contextlib.suppress(OSError):
            self.process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env
            )

    def result(self) -> Snapshot | None:
        """The commit and the paths git reports changed, each with its sha256 now; None if git failed."""
        if not self._done:
            self._done = True
            self._result = self._read()
        return self._result

    def _read(self) -> Snapshot | None:
        if self.process is None:
            return None
        try:
            out, _ = self.process.communicate(timeout=60)
        except subprocess.SubprocessError:
            self.process.kill()
            self.process.wait()
            return None
        if self.process.returncode != 0:
            return None
        head, paths = parse_status(out)
        if head is None or paths is None or len(paths) > MAX_CHANGED:
            return None
        digests: dict[str, str | None] = {}
        for path in paths:
            digest = file_digest(self.root, path)
            if isinstance(digest, bool):
                return None
            digests[path] = digest
        return Snapshot(head, digests)


def snapshot(root: Path, untracked: bool = True) -> Snapshot | None:
    return Status(root, untracked).result()


def parse_status(out: bytes) -> tuple[str | None, list[str] | None]:
    """(commit, paths) from `git status --porcelain=v2 --branch -z`; None where it cannot be read."""
    head: str | None = None
    paths: list[str] = []
    for entry in out.split(b"\0"):
        if entry.startswith(b"# branch.oid "):
            oid = entry[13:].decode("ascii", "replace")
            head = oid if oid != "(initial)" else None
            continue
        if not entry or entry.startswith(b"#"):
            continue
        # "1 XY sub mH mI mW hH hI path", "u XY sub m1 m2 m3 mW h1 h2 h3 path", "? path", "! path"
        fields = {b"1": 8, b"u": 10, b"?": 1, b"!": 1}.get(entry[:1])
        parts = entry.split(b" ", fields) if fields is not None else []
        if fields is None or len(parts) != fields + 1:
            return head, None  # renames are off; anything else is not understood
        try:
            path = parts[-1].decode("utf-8")
        except UnicodeDecodeError:
            return head, None
        if path.endswith("/"):  # a folder git did not look into (a nested repository)
            return head, None
        # What the walk of submissions/ skips (hidden and ignored names) cannot change a finding.
        if not any(part.startswith(".") or part in IGNORED_NAMES for part in path.split("/")):
            paths.append(path)
    return head, paths


def file_digest(root: Path, path: str) -> str | bool | None:
    """sha256 of a regular file, None when absent, False for anything else (a link, a folder)."""
    name = f"{root}/{path}"
    try:
        mode = os.lstat(name).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return False
    if not st_mode.S_ISREG(mode):
        return False
    with open(name, "rb") as f:  # noqa: PTH123
        return hashlib.sha256(f.read()).hexdigest()
