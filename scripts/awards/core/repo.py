"""Finding the campaign repository: from the current directory upwards, as git finds its repository."""

from __future__ import annotations

from pathlib import Path

from awards.core.errors import UsageError

MARKER = Path("rules") / "campaign.yml"


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
