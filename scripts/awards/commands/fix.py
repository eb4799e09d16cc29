"""`awards fix [PATH…]`: rewrite the records' unambiguous normalisations and show them as a diff.

Without PATH every record under submissions/ is looked at. `--check` changes nothing and exits 1
when something would change (for CI and pre-commit); otherwise the files are rewritten in place.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from awards.commands.campaign import open_campaign
from awards.core.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from awards.rules.loader import Rules


def _kind(rel: Path, rules: Rules) -> str | None:
    """The record kind of a file by its place under submissions/, or None for anything else."""
    parts = rel.parts
    if len(parts) < 3 or parts[0] != "submissions" or rel.suffix != ".yml" or parts[1] not in rules.units:
        return None
    if len(parts) == 3:
        return "unit" if parts[2] == "unit.yml" else None
    kind = rules.kinds.by_folder(parts[2]) if len(parts) == 4 else None
    return kind.code if kind is not None else None


def _records(root: Path, paths: list[Path], rules: Rules) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    for given in paths or [root / "submissions"]:
        path = (Path.cwd() / given).resolve() if not given.is_absolute() else given.resolve()
        if not path.is_relative_to(root.resolve()):
            raise UsageError(f"“{given}”不在评选仓库 {root} 里")
        if not path.exists():
            raise UsageError(f"“{given}”不存在")
        files = sorted(path.rglob("*.yml")) if path.is_dir() else [path]
        for file in files:
            kind = _kind(file.relative_to(root.resolve()), rules)
            if kind is not None and not file.is_symlink():
                found.append((file, kind))
            elif not path.is_dir() and file.relative_to(root.resolve()).parts[:1] != ("submissions",):
                # Other files under submissions/ (decisions.yml, photos) have nothing to normalise.
                raise UsageError(f"“{given}”不是 submissions/ 下的推荐记录或联系表")
    return found


def run(args: argparse.Namespace) -> int:
    from awards.check.fix import fix_text

    root, rules = open_campaign(args)
    changed = 0
    for file, kind in _records(root, list(args.paths), rules):
        raw = file.read_bytes()
        try:
            text = raw.decode("utf-8")  # a BOM stays a character, CRLF stays CRLF: bytes round-trip
        except UnicodeDecodeError:
            continue  # `awards validate` says why; nothing here is certain enough to rewrite
        fixed, changes = fix_text(text, kind, rules)
        if not changes:
            continue
        changed += 1
        rel = file.relative_to(root.resolve()).as_posix()
        diff = difflib.unified_diff(
            text.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{rel}", f"b/{rel}"
        )
        sys.stdout.write("".join(line if line.endswith("\n") else line + "\n" for line in diff))
        if not args.check:
            file.write_bytes(fixed.encode("utf-8"))
    if changed:
        verb = "需要改写" if args.check else "已改写"
        sys.stderr.write(f"{verb} {changed} 个文件中的非规范写法（见上面的差异）。\n")
    if args.check and changed:
        return EXIT_PROBLEMS
    return EXIT_OK
