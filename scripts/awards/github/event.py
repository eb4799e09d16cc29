"""The webhook payload GitHub Actions leaves in `$GITHUB_EVENT_PATH`.

Only plain data is taken from it (revisions, the author's login, the number); nothing in it is ever
executed or placed in a shell command, because a pull request's fields are written by its author.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Event:
    name: str  # "pull_request" | "merge_group"
    base: str
    head: str
    author: str | None  # the pull request's author; a merge group has none
    number: int | None


def current() -> Event | None:
    """The pull request or merge group this workflow run is about, or None (push, schedule, local run)."""
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path or not Path(path).is_file():
        return None
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    return parse(payload) if isinstance(payload, dict) else None


def parse(payload: dict[str, Any]) -> Event | None:
    pr = payload.get("pull_request")
    if isinstance(pr, dict):
        number = pr.get("number")
        return Event(
            "pull_request",
            str(pr["base"]["sha"]),
            str(pr["head"]["sha"]),
            str(pr["user"]["login"]),
            number if isinstance(number, int) else None,
        )
    group = payload.get("merge_group")
    if isinstance(group, dict):
        return Event("merge_group", str(group["base_sha"]), str(group["head_sha"]), None, None)
    return None
