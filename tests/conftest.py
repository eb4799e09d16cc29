"""Shared fixtures: a real campaign repository in a temp folder, built from the fixture files."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import awards.commands.campaign  # noqa: F401 - registers the stages' meta-schemas, as every command does
from awards.check import perfile
from tests import photos

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The fixture campaign: two cities and one provincial unit, each complete and valid.
TEST_UNITS = ("taiyuan", "datong", "sx-shebao")
BEFORE_DEADLINES = dt.date(2021, 8, 10)
PHOTOS = {"submissions/taiyuan/photos/zhang-li.jpg": "good", "submissions/datong/photos/ma-wen.jpg": "good"}


# The test campaign's own data (dates, quotas, units), laid over the project's rules/: editing the live
# campaign does not move what the tests expect.
TEST_RULES = FIXTURES / "rules"


def copy_rules(root: Path, units: tuple[str, ...] = TEST_UNITS) -> None:
    shutil.copytree(REPO / "rules", root / "rules")
    shutil.copytree(TEST_RULES, root / "rules", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    lines = (TEST_RULES / "units.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if "{code:" not in ln or any(f"{{code: {u}," in ln for u in units)]
    (root / "rules" / "units.yml").write_text("".join(kept), encoding="utf-8")


def build_repo(root: Path) -> Path:
    """A valid fixture campaign under `root` (rules copied from the project, records from fixtures/valid)."""
    copy_rules(root)
    shutil.copytree(FIXTURES / "valid" / "submissions", root / "submissions")
    for rel, variant in PHOTOS.items():
        photos.make(root / rel, variant)
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_repo(tmp_path / "campaign")


@pytest.fixture
def write(repo: Path) -> Callable[[str, str], Path]:
    """Write a text file into the fixture repository."""

    def _write(rel: str, text: str) -> Path:
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def count_checked_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Notes the path of every file the cached check reads again (its per-file check), in order."""
    calls: list[str] = []
    real = perfile.check_file

    def counting(*args: object) -> perfile.FileResult:
        calls.append(args[-1].path)  # type: ignore[attr-defined]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr("awards.check.pool.check_file", counting)
    return calls
