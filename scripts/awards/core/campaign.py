"""Opening a campaign for a command: its repository root, its checked rules and its clock."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from awards.core.repo import find_root
from awards.rules.loader import Rules, load


def today(args: argparse.Namespace) -> dt.date:
    """The campaign clock: `--today` when given (to see any day of the campaign), else the real date."""
    return getattr(args, "today", None) or dt.date.today()


def cache_dir(root: Path, no_cache: bool, part: str) -> Path | None:
    """Where verdicts are kept between runs, for people and hooks; none in CI (a clean checkout)."""
    if no_cache or os.environ.get("CI") == "true":
        return None
    return root / ".awards-cache" / part


def open_campaign(args: argparse.Namespace) -> tuple[Path, Rules]:
    """The repository the command works on and its rules, checked (a broken rules file raises RulesError)."""
    root = find_root(Path.cwd(), args.root)
    return root, load(root, cache=cache_dir(root, getattr(args, "no_cache", False), "rules"))
