"""Running `mkdocs build --strict` on the generated docs, and writing those docs without churn.

MkDocs runs in its own process, from the repository root, exactly as a maintainer would run it by
hand: a warning (a broken link, a page missing from the nav) fails the build, and nothing in this
process (jieba's dictionary, logging) leaks into the next build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG = "mkdocs.yml"
SOURCE_DOCS = Path("site") / "docs"  # hand-written pages and assets, copied as they are
GENERATED = Path("site") / "generated"  # git-ignored: the MkDocs docs folder and the hook's data
DOCS = GENERATED / "docs"
HOOK_DATA = GENERATED / "build.json"  # beside the docs folder, never inside it (it would be published)


@dataclass(frozen=True, slots=True)
class MkdocsResult:
    ok: bool
    output: str


def hand_written(root: Path) -> dict[str, bytes]:
    base = root / SOURCE_DOCS
    if not base.is_dir():
        return {}
    return {
        p.relative_to(base).as_posix(): p.read_bytes()
        for p in sorted(base.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def sync(target: Path, files: dict[str, bytes]) -> int:
    """Make `target` hold exactly `files`; rewrite only what changed. Returns how many were written.

    Files of an earlier build that this one does not produce are deleted: a list generated during
    the publicity must not survive into a build for an earlier clock.
    """
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, data in files.items():
        path = target / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def write_hook_data(root: Path, data: dict[str, Any]) -> None:
    """What `awards.site.hooks` applies to the MkDocs config: site name, nav, URL, search words."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = root / HOOK_DATA
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def build(root: Path, site_dir: Path) -> MkdocsResult:
    env = dict(os.environ)
    # The hook imports awards from the same interpreter; keep its package importable from a checkout.
    scripts = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (scripts, env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "--config-file",
            str(root / CONFIG),
            "--site-dir",
            str(site_dir),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return MkdocsResult(proc.returncode == 0, (proc.stdout + proc.stderr).strip())
