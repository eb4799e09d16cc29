"""Opening a campaign for a command: its repository root, its checked rules and its clock.

Here, above every stage, the stages' own meta-schemas are registered with the rules loader (each
module registers itself when imported) before any rules are loaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from awards.check import families  # noqa: F401 - the field checks a record schema may name
from awards.core.repo import cache_dir as cache_dir  # re-exported: every command keeps its caches there
from awards.core.repo import find_root
from awards.export import meta as _export_meta  # noqa: F401 - rules/exports.yml
from awards.rules.loader import Rules, load
from awards.site import meta as _site_meta  # noqa: F401 - rules/site.yml


def today(args: argparse.Namespace) -> dt.date:
    """The campaign clock: `--today` when given (to see any day of the campaign), else the real date."""
    return getattr(args, "today", None) or dt.date.today()


def open_campaign(args: argparse.Namespace) -> tuple[Path, Rules]:
    """The repository the command works on and its rules, checked (a broken rules file raises RulesError)."""
    root = find_root(Path.cwd(), args.root)
    return root, load(root, cache=cache_dir(root, getattr(args, "no_cache", False), "rules"))
