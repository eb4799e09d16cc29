"""Hostile or unlucky files under submissions/ are findings, never a crash or a silent skip."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from awards.check.run import validate
from awards.rules.loader import load
from tests.conftest import BEFORE_DEADLINES, build_repo

RECORD = "submissions/taiyuan/windows/xiaodian-shebao.yml"


def _codes(root: Path, **kwargs: Any) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for p in validate(root, load(root), BEFORE_DEADLINES, **kwargs).problems:
        found.setdefault(p.code, set()).add(p.path)
    return found


def test_a_hidden_record_is_reported(tmp_path: Path) -> None:
    build_repo(tmp_path)
    hidden = tmp_path / "submissions" / "taiyuan" / "windows" / ".draft.yml"
    hidden.write_text("窗口名称: 草稿\n", encoding="utf-8")
    (tmp_path / "submissions" / "taiyuan" / ".gitkeep").write_text("", encoding="utf-8")
    codes = _codes(tmp_path)
    assert codes.get("hidden-file") == {"submissions/taiyuan/windows/.draft.yml"}


def test_an_unreadable_record_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_repo(tmp_path)
    target = tmp_path / RECORD
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == target:  # as chmod 000 would, for a user who is not root
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    codes = _codes(tmp_path, jobs=1)
    assert codes.get("file-unreadable") == {RECORD}


def test_an_unreadable_folder_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_repo(tmp_path)
    folder = str(tmp_path / "submissions" / "taiyuan" / "individuals")
    real_scandir = os.scandir

    def refuse(path: Any) -> Any:
        if str(path) == folder:
            raise PermissionError(13, "Permission denied", folder)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    codes = _codes(tmp_path, jobs=1)
    assert codes.get("file-unreadable") == {"submissions/taiyuan/individuals"}


def test_a_huge_record_is_refused_from_its_size_without_reading_it(tmp_path: Path) -> None:
    build_repo(tmp_path)
    huge = tmp_path / "submissions" / "taiyuan" / "windows" / "huge.yml"
    with huge.open("wb") as f:
        f.truncate(3 * 1024**3)  # sparse: 3 GB on paper, nothing on disk
    codes = _codes(tmp_path, jobs=1)
    assert "submissions/taiyuan/windows/huge.yml" in codes.get("file-too-large", set())
