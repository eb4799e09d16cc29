"""The webhook payload GitHub Actions leaves in `$GITHUB_EVENT_PATH`.

Only plain data is taken from it (revisions, logins, the number); nothing in it is ever executed or
placed in a shell command, because a pull request's fields are written by its author.

Who is judged (`awards check-pr`): the pull request's author *and* the event's `sender`, the user whose
action started this run: for `synchronize` the one who pushed, for `opened`/`reopened` the one who
opened it. Anyone with write access may push to any branch of the repository, so a member of another
unit can push to a city's pull-request branch; judging the author alone would let that push through
under the city's name. `GITHUB_TRIGGERING_ACTOR` is not used: it differs from the sender only when
someone re-runs a run, which checks the same commits again.
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
    sender: str | None = None  # who pushed, opened or reopened: the action that started this run

    @property
    def actors(self) -> list[str]:
        """Everyone whose rights the change must be within: the author, then the sender if different."""
        found: list[str] = []
        for login in (self.author, self.sender):
            if login and login.casefold() not in {f.casefold() for f in found}:
                found.append(login)
        return found


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
        sender = payload.get("sender")
        login = sender.get("login") if isinstance(sender, dict) else None
        return Event(
            "pull_request",
            str(pr["base"]["sha"]),
            str(pr["head"]["sha"]),
            str(pr["user"]["login"]),
            number if isinstance(number, int) else None,
            login if isinstance(login, str) and login else None,
        )
    group = payload.get("merge_group")
    if isinstance(group, dict):
        return Event("merge_group", str(group["base_sha"]), str(group["head_sha"]), None, None)
    return None
