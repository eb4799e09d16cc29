"""`awards validate`: check every record and report every problem at once."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from awards.core.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from awards.core.repo import cache_dir, find_root

if TYPE_CHECKING:
    from awards.check.early import Early


def run(args: argparse.Namespace) -> int:
    # Before anything heavy is imported: the folders and git's status, which grow with the campaign,
    # get under way on the other core while this process starts up (`check.early`).
    from awards.check.early import Early

    root = find_root(Path.cwd(), args.root)
    cache = writable(cache_dir(root, args.no_cache, "check"))
    early = Early(root, cache) if cache is not None else None
    try:
        return _run(args, cache, early)
    finally:
        if early is not None:
            early.close()


def _run(args: argparse.Namespace, cache: Path | None, early: Early | None) -> int:
    from awards.check.quick import validate_quickly
    from awards.check.run import validate
    from awards.commands.campaign import open_campaign, today
    from awards.core import reporter
    from awards.core.progress import Progress

    root, rules = open_campaign(args)
    progress = Progress()
    try:
        if cache is not None:  # what git says changed, else the cached check of everything
            problems, files = validate_quickly(root, rules, today(args), cache, progress.records, early)
        else:
            result = validate(root, rules, today(args), progress=progress.records)
            problems, files = result.problems, result.files_checked
    finally:
        progress.close()
    rendered = reporter.render(args.format, problems, files)
    if args.output:
        try:
            args.output.write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"无法写入报告文件 {args.output}：{exc.strerror or exc}") from None
    else:
        sys.stdout.write(rendered)
    sys.stderr.write(reporter.summary(problems, files) + "\n")
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK


def writable(folder: Path | None) -> Path | None:
    """The cache folder if this run can keep its verdicts there; a read-only checkout still validates,
    every file afresh, and says so once."""
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
    else:
        if os.access(folder, os.W_OK):
            return folder
        reason = "没有写权限"
    sys.stderr.write(f"提示：无法写入检查缓存 {folder}（{reason}），本次不使用缓存，逐个文件检查。\n")
    return None
