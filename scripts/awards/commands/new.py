"""`awards new`: a commented blank record for a clerk to fill in."""

from __future__ import annotations

import argparse
import sys

from awards.commands.campaign import open_campaign
from awards.core.errors import EXIT_OK, UsageError


def run(args: argparse.Namespace) -> int:
    from awards.read.load import SLUG
    from awards.rules import json_schema, template

    root, rules = open_campaign(args)
    if args.unit not in rules.units:
        raise UsageError(f"“{args.unit}”不是已登记的单位代码；可用的有：{'、'.join(rules.units)}")
    unit_dir = root / "submissions" / args.unit
    kind = rules.kinds[args.kind]
    if not kind.folder:  # the unit's own contact form
        target = unit_dir / "unit.yml"
        rank = 1
    else:
        folder = unit_dir / kind.folder
        existing = sorted(folder.glob("*.yml")) if folder.is_dir() else []
        slug = args.slug or next(
            f"new-{args.kind}-{i}"
            for i in range(1, 1000)
            if not (folder / f"new-{args.kind}-{i}.yml").exists()
        )
        if not SLUG.match(slug):
            raise UsageError(f"文件名“{slug}”只能用小写英文字母、数字和短横线，如 zhang-san")
        target = folder / f"{slug}.yml"
        rank = len(existing) + 1
    if target.exists():
        raise UsageError(f"{target.relative_to(root).as_posix()} 已存在，不会覆盖。请换一个 --slug。")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        template.render(rules, args.kind, rank, json_schema.modeline(root, target, args.kind)),
        encoding="utf-8",
    )
    sys.stdout.write(f"已生成 {target.relative_to(root).as_posix()}，请填写后运行 awards validate 检查。\n")
    return EXIT_OK
