"""What `awards validate` starts before it loads anything: the work that grows with the campaign.

The quick path (`check.quick`) must stat every folder under submissions/ (`folders`) and have git stat
every tracked file (`gitstatus`). Both grow with the campaign; the start-up (imports, the rules) does
not. So both start first, each on its own: git in its process, the folders in a forked child that
writes one line to a pipe, while this process imports and loads the rules. With two cores, a
campaign five times larger costs little more. Where there is no `fork` (Windows), the folders are
looked at when asked, in this process, as before.

Light on purpose: nothing here imports YAML, Cerberus or the rules.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from awards.check import folders
from awards.check.gitstatus import Status
from awards.core.atomic import unseal


def judge(root: Path, cache: Path) -> dict[str, Any] | None:
    """The header the folders file was written with and whether no folder changed since; None when
    there is no readable folders file."""
    try:
        text = unseal((cache / folders.FILE).read_bytes())
        data = json.loads(text) if text is not None else None
        if not isinstance(data, dict):
            return None
        known = folders.Folders.from_json(data)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    header = {k: v for k, v in data.items() if k not in ("paths", "stats", "names")}
    return {"header": header, "unchanged": folders.unchanged(root, known)}


class Early:
    """The folders' verdict and git's status, both under way from the moment this is made."""

    def __init__(self, root: Path, cache: Path, fork: bool = True) -> None:
        self.root, self.cache = root, cache
        self._pid: int | None = None
        self._pipe: int | None = None
        self._verdict: dict[str, Any] | None = None
        self._done = False
        if fork and hasattr(os, "fork"):
            self._fork()
        # After the fork: the child must not hold a copy of git's output pipe (git's reader would wait).
        self.status = Status(root, untracked=False)

    def _fork(self) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: judge, write one line, leave without running any of the parent's exits
            code = 1
            try:
                os.close(read)
                data = json.dumps(judge(self.root, self.cache)).encode()
                while data:
                    data = data[os.write(write, data) :]
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._pipe = pid, read

    def folders(self) -> dict[str, Any] | None:
        """{"header": …, "unchanged": bool} as `judge` gives it, or None."""
        if self._done:
            return self._verdict
        self._done = True
        if self._pipe is None:
            self._verdict = judge(self.root, self.cache)
            return self._verdict
        chunks = []
        with contextlib.suppress(OSError):
            while chunk := os.read(self._pipe, 65536):
                chunks.append(chunk)
        self._reap()
        with contextlib.suppress(ValueError, RecursionError):  # the child died: nothing judged
            value = json.loads(b"".join(chunks)) if chunks else None
            self._verdict = value if isinstance(value, dict) else None
        return self._verdict

    def close(self) -> None:
        """Reap the child and git (when the quick path is not taken)."""
        self.status.result()
        self._reap()

    def _reap(self) -> None:
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None
        self._done = True
