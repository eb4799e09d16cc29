"""The forge's record of pushes to the pull request's branch, saved as data for `awards check-pr --pushes`.

GitHub keeps it as the repository activity (`GET /repos/{owner}/{repo}/activity`, activity_type=push:
each push's commit and time, written by GitHub, not by the person pushing). A forge without that endpoint
(Forgejo, Gitea) gets an empty record, and check-pr falls back to the day of the run; see
site/docs/maintainers.md. Standard library only: run as `python3 -I -S .github/scripts/pushes.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PAGES = 5


def fetch(api: str, repo: str, ref: str, token: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    query = urllib.parse.urlencode({"ref": ref, "activity_type": "push", "per_page": 100})
    for page in range(1, PAGES + 1):
        request = urllib.request.Request(f"{api.rstrip('/')}/repos/{repo}/activity?{query}&page={page}")
        request.add_header("Authorization", f"token {token}")
        request.add_header("Accept", "application/vnd.github+json")
        with urllib.request.urlopen(request, timeout=30) as response:
            items = json.loads(response.read())
        if not isinstance(items, list):
            break
        found += [
            {"after": i.get("after"), "timestamp": i.get("timestamp")} for i in items if isinstance(i, dict)
        ]
        if len(items) < 100:
            break
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pushes.py", description="取得合并请求分支的推送记录")
    parser.add_argument("--ref", required=True, help="合并请求的分支名（不含 refs/heads/）")
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        found = fetch(
            os.environ["GITHUB_API_URL"],
            os.environ["GITHUB_REPOSITORY"],
            f"refs/heads/{args.ref}",
            os.environ["AWARDS_TOKEN"],
        )
    except (OSError, ValueError, KeyError, urllib.error.URLError) as exc:
        # Not fatal: without the record, lateness is judged by the day of the run, as before.
        sys.stdout.write(f"::notice title=推送记录::没能取得推送记录，逾期按今天判断：{exc}\n")
        found = []
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return 0
