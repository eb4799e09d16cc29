"""Posting the check comment (`.github/scripts/post-comment.py`) against a local stand-in for the forge's
REST API (the paths GitHub and Forgejo share): edited in place while the verdict holds, a new comment
when it flips, and nobody else's comment is ever touched."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from awards.github.comment import MARKER
from tests.github.helpers import REPO, clean_env

BOT = "github-actions[bot]"


class Forge:
    def __init__(self) -> None:
        self.comments: list[dict[str, Any]] = []
        self.calls: list[tuple[str, str]] = []
        self.next_id = 100


def handler(forge: Forge) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _reply(self, doc: Any, status: int = 200) -> None:
            raw = json.dumps(doc).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def _body(self) -> dict[str, Any]:
            data: dict[str, Any] = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            return data

        def do_GET(self) -> None:
            forge.calls.append(("GET", self.path))
            assert self.headers["Authorization"] == "token t0ken"
            page = int(self.path.rsplit("page=", 1)[1])
            self._reply(forge.comments[(page - 1) * 100 : page * 100])

        def do_POST(self) -> None:
            forge.calls.append(("POST", self.path))
            forge.next_id += 1
            forge.comments.append({"id": forge.next_id, "user": {"login": BOT}, "body": self._body()["body"]})
            self._reply(forge.comments[-1], 201)

        def do_PATCH(self) -> None:
            forge.calls.append(("PATCH", self.path))
            number = int(self.path.rsplit("/", 1)[1])
            found = next(c for c in forge.comments if c["id"] == number)
            found["body"] = self._body()["body"]
            self._reply(found)

    return Handler


@pytest.fixture
def forge() -> Iterator[tuple[Forge, str]]:
    state = Forge()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}/api/v3"
    server.shutdown()
    server.server_close()


def post(tmp_path: Path, url: str, verdict: str, text: str = "") -> subprocess.CompletedProcess[str]:
    body = tmp_path / "comment.md"
    body.write_text(f"{MARKER}\n<!-- awards-verdict: {verdict} -->\n## 检查 {text}\n", encoding="utf-8")
    env = clean_env(GITHUB_API_URL=url, GITHUB_REPOSITORY="sx-rst-awards/awards", AWARDS_TOKEN="t0ken")
    script = REPO / ".github/scripts/post-comment.py"
    return subprocess.run(
        [sys.executable, "-I", "-S", str(script), "--body", str(body), "--number", "7", "--bot", BOT],
        env=env,
        capture_output=True,
        text=True,
    )


def test_edit_while_the_verdict_holds_new_comment_when_it_flips(
    forge: tuple[Forge, str], tmp_path: Path
) -> None:
    state, url = forge
    # Someone quoting our marker in their own comment: never edited.
    state.comments.append(
        {"id": 1, "user": {"login": "ty-clerk"}, "body": f"{MARKER}\n<!-- awards-verdict: fail -->"}
    )
    assert post(tmp_path, url, "fail", "一").returncode == 0
    assert post(tmp_path, url, "fail", "二").returncode == 0
    assert [c["body"].split("## 检查 ")[1] for c in state.comments[1:]] == ["二\n"]
    done = post(tmp_path, url, "pass", "三")
    assert done.returncode == 0 and "评论已发表" in done.stdout
    assert [c["body"].split("## 检查 ")[1] for c in state.comments[1:]] == ["二\n", "三\n"]
    assert post(tmp_path, url, "pass", "四").returncode == 0
    assert [c["body"].split("## 检查 ")[1] for c in state.comments[1:]] == ["二\n", "四\n"]
    assert state.comments[0]["body"].endswith("fail -->")
    assert [m for m, _ in state.calls if m != "GET"] == ["POST", "PATCH", "POST", "PATCH"]
    assert all(p.startswith("/api/v3/repos/sx-rst-awards/awards/issues/") for _, p in state.calls)


def test_a_body_that_is_not_ours_is_refused(forge: tuple[Forge, str], tmp_path: Path) -> None:
    state, url = forge
    body = tmp_path / "comment.md"
    body.write_text("全部通过", encoding="utf-8")
    env = clean_env(GITHUB_API_URL=url, GITHUB_REPOSITORY="o/r", AWARDS_TOKEN="t0ken")
    done = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            str(REPO / ".github/scripts/post-comment.py"),
            "--body",
            str(body),
            "--number",
            "7",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert state.calls == []
