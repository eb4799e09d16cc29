"""`awards status`: the reviewers' overview, one row per unit."""

from __future__ import annotations

import argparse
import sys

from awards.check import overview
from awards.commands.campaign import open_campaign, today
from awards.core.errors import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from awards.check.run import validate

    root, rules = open_campaign(args)
    result = validate(root, rules, today(args))
    render = {"text": overview.table, "markdown": overview.markdown, "json": overview.as_json}[args.format]
    sys.stdout.write(render(overview.rows(result, rules)))
    return EXIT_OK
