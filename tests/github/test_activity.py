"""`.github/scripts/pushes.py`: the forge's push record for the pull request's branch, saved as data, run as
the workflow runs it (`python3 -I -S`) against a local stand-in for GitHub's repository-activity API."""

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

from tests.github.helpers import REPO, clean_env

ACTIVITY = [
    {"after": "c" * 40, "timestamp": "2021-08-24T02:00:00Z", "activity_type": "push", "ref": "refs/heads/x"},
    {
        "after": "b" * 40,
        "timestamp": "2021-08-23T16:00:00Z",
        "activity_type": "force_push",
        "ref": "refs/heads/x",
    },
    {
        "after": "0" * 40,
        "timestamp": "2021-08-23T15:50:00Z",
        "activity_type": "branch_deletion",
        "ref": "refs/heads/x",
    },
    {
        "after": "a" * 40,
        "timestamp": "2021-08-23T15:30:00Z",
        "activity_type": "branch_creation",
        "ref": "refs/heads/x",
    },
]


@pytest.fixture
def api() -> Iterator[tuple[list[str], str]]:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            seen.append(self.path)
            if "/missing/" in self.path:
                self.send_error(404)
                return
            raw = json.dumps(ACTIVITY).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield seen, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(url: str, repo: str, out: Path) -> subprocess.CompletedProcess[str]:
    env = clean_env(GITHUB_API_URL=url, GITHUB_REPOSITORY=repo, AWARDS_TOKEN="t")
    script = REPO / ".github/scripts/pushes.py"
    return subprocess.run(
        [sys.executable, "-I", "-S", str(script), "--ref", "units/taiyuan/x", "--output", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )


def test_pushes_force_pushes_and_branch_creations_are_kept(
    api: tuple[list[str], str], tmp_path: Path
) -> None:
    seen, url = api
    done = fetch(url, "sx-rst-awards/awards", tmp_path / "pushes.json")
    assert done.returncode == 0, done.stderr
    saved = json.loads((tmp_path / "pushes.json").read_text(encoding="utf-8"))
    assert [p["after"][0] for p in saved] == ["c", "b", "a"]
    assert seen == [
        "/repos/sx-rst-awards/awards/activity?ref=refs%2Fheads%2Funits%2Ftaiyuan%2Fx&per_page=100"
    ]


def test_a_forge_without_the_record_leaves_an_empty_one(api: tuple[list[str], str], tmp_path: Path) -> None:
    _, url = api
    done = fetch(url, "missing/repo", tmp_path / "pushes.json")
    assert done.returncode == 0
    assert done.stdout.startswith("::notice title=推送记录::")
    assert json.loads((tmp_path / "pushes.json").read_text(encoding="utf-8")) == []
