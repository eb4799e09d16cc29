"""When a unit's change reached the repository: the time of the push, not of the check run.

A clerk who pushed before midnight on the deadline day is on time, even when the check runs again later
(a re-run, a change of the base branch, a click on "Update branch", a reviewer's edit). Commit dates
cannot tell this (the author sets them), and the run's own clock moves on. What can is the forge's record
of pushes (GitHub's repository activity: which commit was pushed to which branch, when), saved by the
workflow as data (`pushes.json`, written by `.github/scripts/pushes.py`).

A unit's change was pushed at the first push whose commit already had the unit's folder exactly as the
pull request's head has it (the same git tree). Merging the base branch in ("Update branch") or a
re-run leaves that folder's tree unchanged, so the time stays that of the clerk's push; any new edit of
the unit's files makes a new tree, pushed at a new time.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from awards.github.git import GitError, _git
from awards.read.load import SUBMISSIONS

PUSHES_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Push:
    commit: str
    at: dt.datetime  # timezone-aware


def read(path: Path) -> list[Push]:
    """The recorded pushes, oldest first; an unreadable or foreign file counts as no record at all."""
    try:
        raw = path.read_bytes()[:PUSHES_BYTES]
        doc = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return []
    found = []
    for item in doc if isinstance(doc, list) else []:
        if not isinstance(item, dict):
            continue
        commit, stamp = item.get("after"), item.get("timestamp")
        if not isinstance(commit, str) or not isinstance(stamp, str):
            continue
        try:
            at = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            continue
        if at.tzinfo is not None and all(c in "0123456789abcdef" for c in commit) and len(commit) >= 40:
            found.append(Push(commit, at))
    return sorted(found, key=lambda p: p.at)


def _tree(root: Path, commit: str, unit: str) -> str | None:
    try:
        return _git(root, "rev-parse", "--verify", "-q", f"{commit}:{SUBMISSIONS}/{unit}").decode().strip()
    except GitError:
        return None  # no such folder then, or a commit this clone does not have (force-pushed away)


def pushed_on(root: Path, pushes: list[Push], head: str, unit: str) -> dt.date | None:
    """The day (in the runner's time zone: Beijing time in the workflows) the unit's folder as it is at
    `head` was first pushed, or None when no recorded push has it (then the caller uses today)."""
    wanted = _tree(root, head, unit)
    for push in pushes:
        if _tree(root, push.commit, unit) == wanted:
            return push.at.astimezone().date()
    return None
