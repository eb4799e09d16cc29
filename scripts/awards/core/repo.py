"""Finding the campaign repository: from the current directory upwards, as git finds its repository."""

from __future__ import annotations

import os
from pathlib import Path

from awards.core.errors import UsageError

MARKER = Path("rules") / "campaign.yml"
SUBMISSIONS = "submissions"  # the records, one folder per unit
# Files the walk of submissions/ passes over (editors' and file managers' leftovers): never a finding.
IGNORED_NAMES = frozenset({".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"})


def cache_dir(root: Path, no_cache: bool, part: str) -> Path | None:
    """Where verdicts are kept between runs, for people and hooks; none in CI (a clean checkout)."""
    if no_cache or os.environ.get("CI") == "true":
        return None
    return root / ".awards-cache" / part


class NotARepositoryError(UsageError):
    """No campaign repository where the command was asked to work (exit 2)."""


def find_root(start: Path, explicit: Path | None = None) -> Path:
    if explicit is not None:
        root = explicit.resolve()
        if not (root / MARKER).is_file():
            raise NotARepositoryError(f"“{explicit}”不是评选仓库：找不到 {MARKER.as_posix()}。")
        return root
    here = start.resolve()
    for candidate in (here, *here.parents):
        if (candidate / MARKER).is_file():
            return candidate
    raise NotARepositoryError(
        f"当前目录及其上级目录中找不到评选仓库（没有 {MARKER.as_posix()}）。"
        "请进入仓库目录后再运行，或用 --root 指定仓库目录。"
    )
