"""Posting the check comment through the forge's REST API: GitHub's, or Forgejo's/Gitea's, whose issue
comment endpoints have the same paths and JSON fields (`/repos/{owner}/{repo}/issues/{n}/comments`,
`/repos/{owner}/{repo}/issues/comments/{id}`), so one small client serves both deployments.

Standard library only (`python3 -I -S .github/scripts/post-comment.py`): the job that holds the write
token installs nothing. Conda-forge's pattern: the one comment of this check is edited in place while the
verdict stays the same; when it flips (pass to fail or back), a new comment is posted, so the people
watching the pull request are notified, and the old one stays as history.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from awards.github.comment import MARKER, VERDICT

COMMENT_CHARS = 65_536
PAGES = 20  # 100 comments a page: far more than a pull request of this campaign has


class Api:
    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        # "token" is accepted by GitHub and by Forgejo/Gitea alike.
        request.add_header("Authorization", f"token {self.token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
        return json.loads(raw) if raw else None


def _ours(comment: Any, bot: str | None) -> bool:
    if not isinstance(comment, dict) or not str(comment.get("body") or "").startswith(MARKER):
        return False
    user = comment.get("user")
    login = user.get("login") if isinstance(user, dict) else None
    return bot is None or login == bot


def post(api: Api, repo: str, number: int, body: str, bot: str | None) -> str:
    """Edit our latest comment if its verdict is the same, else add one. Returns "edited" or "created"."""
    mine: list[dict[str, Any]] = []
    for page in range(1, PAGES + 1):
        found = api.call("GET", f"/repos/{repo}/issues/{number}/comments?per_page=100&page={page}")
        if not isinstance(found, list):
            break
        mine += [c for c in found if _ours(c, bot)]
        if len(found) < 100:
            break
    new = VERDICT.search(body)
    last = mine[-1] if mine else None
    old = VERDICT.search(str(last.get("body"))) if last else None
    if last is not None and old is not None and new is not None and old[1] == new[1]:
        api.call("PATCH", f"/repos/{repo}/issues/comments/{int(last['id'])}", {"body": body})
        return "edited"
    api.call("POST", f"/repos/{repo}/issues/{number}/comments", {"body": body})
    return "created"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="post-comment.py", description="发表或更新检查评论")
    parser.add_argument("--body", type=Path, required=True, help="评论内容（comment.py 写出的文件）")
    parser.add_argument("--number", type=int, required=True, help="合并请求编号")
    parser.add_argument("--bot", help="只认这个账号发的评论（GitHub：github-actions[bot]）")
    args = parser.parse_args(argv)
    body = args.body.read_text(encoding="utf-8")
    if not body.startswith(MARKER) or len(body) > COMMENT_CHARS:
        sys.stderr.write("post-comment.py: 评论内容不是检查程序生成的。\n")
        return 2
    api = Api(os.environ["GITHUB_API_URL"], os.environ["AWARDS_TOKEN"])
    done = post(api, os.environ["GITHUB_REPOSITORY"], args.number, body, args.bot or None)
    sys.stdout.write(f"评论已{'更新' if done == 'edited' else '发表'}。\n")
    return 0
