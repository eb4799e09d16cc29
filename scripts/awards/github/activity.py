"""The forge's record of pushes to the pull request's branch, saved as data for `awards check-pr --pushes`.

GitHub keeps it as the repository activity (`GET /repos/{owner}/{repo}/activity`: each push's, force
push's or branch creation's commit (`after`) and `timestamp`, written by GitHub, not by the person pushing). A forge without that endpoint
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

# What puts a commit on the branch: the first push creates the branch, a force push rewrites it.
PUSHES = {"push", "force_push", "branch_creation"}


def fetch(api: str, repo: str, ref: str, token: str) -> list[dict[str, Any]]:
    """The newest 100 pushes to `ref` (a pull request of this campaign has far fewer). The endpoint pages
    with cursors in the Link header; one page is enough here, so none is followed."""
    query = urllib.parse.urlencode({"ref": ref, "per_page": 100})
    request = urllib.request.Request(f"{api.rstrip('/')}/repos/{repo}/activity?{query}")
    request.add_header("Authorization", f"token {token}")
    request.add_header("Accept", "application/vnd.github+json")
    with urllib.request.urlopen(request, timeout=30) as response:
        items = json.loads(response.read())
    return [
        {"after": i.get("after"), "timestamp": i.get("timestamp")}
        for i in (items if isinstance(items, list) else [])
        if isinstance(i, dict) and i.get("activity_type") in PUSHES
    ]


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
