"""Real git repositories and campaign folders for the GitHub-stage tests, built in a temp folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests import photos

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CAMPAIGN = FIXTURES / "campaign"
BIN = Path(sys.executable).parent  # the venv's console scripts: awards, zizmor, check-jsonschema, pre-commit
# The fixture campaign keeps three units, so the unit table and the quota warnings stay short.
UNITS = ("taiyuan", "datong", "sx-shebao")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for subprocesses: no GitHub variables or git settings leak in from outside."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "RUNNER_", "GIT_", "AWARDS_")) and k not in {"CI", "PRE_COMMIT_HOME"}
    }
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", LC_ALL="C.UTF-8", TZ="Asia/Shanghai")
    env.update(extra)
    return env


def copy_rules(root: Path, units: tuple[str, ...] | None = UNITS) -> None:
    shutil.copytree(REPO / "rules", root / "rules")
    if units is None:
        return
    path = root / "rules" / "units.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if "{code:" not in ln or any(f"{{code: {u}," in ln for u in units)]
    path.write_text("".join(kept), encoding="utf-8")


def overlay(src: Path, root: Path) -> None:
    for f in sorted(src.rglob("*")):
        if f.is_file():
            target = root / f.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)


class GitRepo:
    """A repository with a configured user and a fixed clock, so every commit id is reproducible."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tick = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "省推荐评选办")
        self.git("config", "user.email", "reviewers@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        stamp = f"2021-08-{10 + self.tick // 24:02d}T{self.tick % 24:02d}:00:00+08:00"
        env = clean_env(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> str:
        self.tick += 1
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")


def campaign_repo(root: Path) -> tuple[GitRepo, str, str]:
    """The fixture campaign: `main` with the base records, and the branch `taiyuan/tuijian` on which
    the taiyuan clerk adds two records and edits one of datong's. Returns (repo, base, head)."""
    repo = GitRepo(root)
    copy_rules(root)
    overlay(CAMPAIGN / "base", root)
    photos.make(root / "submissions/datong/photos/ma-wen.jpg")  # a real 2-inch blue photo
    base = repo.commit("初始材料")
    repo.git("checkout", "-q", "-b", "taiyuan/tuijian")
    overlay(CAMPAIGN / "head", root)
    head = repo.commit("太原市：推荐窗口和个人")
    return repo, base, head


def event_file(path: Path, base: str, head: str, recorded: str = "pull_request.json") -> Path:
    """A recorded pull_request payload, pointed at this repository's commits.

    pull_request.json: ty-clerk pushes to ty-clerk's pull request. pull_request_pushed_by_datong.json: the
    same pull request, but this push (`sender`) is dt-clerk's, a member of another unit.
    """
    text = (FIXTURES / recorded).read_text(encoding="utf-8")
    text = text.replace("@BASE_SHA@", base).replace("@HEAD_SHA@", head)
    json.loads(text)  # still valid JSON
    path.write_text(text, encoding="utf-8")
    return path
