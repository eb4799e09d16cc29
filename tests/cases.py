"""Data-driven fixture cases: a folder of files laid over the valid fixture campaign, and what it must yield.

A case folder holds files at their repository paths (`submissions/...`), an optional `case.yml`
(`today`, `delete`, `photos` {path: variant}, `replace` {file: [[old, new], ...]}) and `expected.txt`:
one `path:line:col code` per problem, the complete list.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from awards.check.run import validate
from awards.core.problems import Problem
from awards.rules.loader import load
from tests import photos
from tests.conftest import BEFORE_DEADLINES, FIXTURES, build_repo

CONTROL_FILES = {"case.yml", "expected.txt"}


@dataclass
class Case:
    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    def config(self) -> dict[str, object]:
        path = self.folder / "case.yml"
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.is_file() else {}

    def expected(self) -> list[str]:
        path = self.folder / "expected.txt"
        if not path.is_file():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
        return sorted(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))

    def build(self, root: Path) -> dt.date:
        build_repo(root)
        config = self.config()
        for rel in config.get("delete", []) or []:  # type: ignore[attr-defined]
            (root / rel).unlink()
        for src in sorted(self.folder.rglob("*")):
            rel = src.relative_to(self.folder)
            if src.is_file() and rel.as_posix() not in CONTROL_FILES:
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, root / rel)
        for rel, variant in (config.get("photos") or {}).items():  # type: ignore[attr-defined]
            photos.make(root / rel, variant)
        for rel, pairs in (config.get("replace") or {}).items():  # type: ignore[attr-defined]
            path = root / rel
            text = path.read_text(encoding="utf-8")
            for old, new in pairs:
                assert old in text, f"{self.name}: {old!r} not in {rel}"
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")
        today = config.get("today")
        return dt.date.fromisoformat(str(today)) if today else BEFORE_DEADLINES

    def run(self, root: Path) -> list[Problem]:
        today = self.build(root)
        return validate(root, load(root), today).problems


def cases(kind: str) -> list[Case]:
    return [Case(p) for p in sorted((FIXTURES / kind).iterdir()) if p.is_dir()]


def as_lines(problems: list[Problem]) -> list[str]:
    return sorted(f"{p.path}:{p.line}:{p.col} {p.code}" for p in problems)
