"""`awards schema`: write (or check) the editors' JSON Schemas generated from rules/schemas/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

COMMAND = "awards schema --write"


def register(sub: Any, common: argparse.ArgumentParser) -> dict[str, Callable[[argparse.Namespace], int]]:
    p = sub.add_parser(
        "schema",
        parents=[common],
        help="生成编辑器用的 JSON Schema（site/docs/schemas/）和 .vscode/settings.json",
        description="由 rules/schemas/ 生成各类记录的 JSON Schema，编辑器据此补全项名和可选值、提示填写说明。",
    )
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--write", action="store_true", help="写入（覆盖）生成的文件")
    how.add_argument(
        "--check", action="store_true", help="只检查已提交的文件是否与规则一致，不一致时退出码为 1"
    )
    return {"schema": run}


def run(args: argparse.Namespace) -> int:
    from awards.commands.campaign import open_campaign
    from awards.core.errors import EXIT_OK, EXIT_PROBLEMS
    from awards.rules import json_schema

    root, rules = open_campaign(args)
    files = json_schema.render(rules)
    stale = [
        rel
        for rel, text in files.items()
        if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != text
    ]
    if args.check:
        if stale:
            sys.stderr.write(
                f"awards: 这些生成的文件与 rules/ 不一致，请运行 {COMMAND} 后提交：\n"
                + "".join(f"  {rel}\n" for rel in stale)
            )
            return EXIT_PROBLEMS
        sys.stderr.write(f"{len(files)} 个生成的文件与 rules/ 一致。\n")
        return EXIT_OK
    for rel in stale:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(files[rel], encoding="utf-8")
        sys.stderr.write(f"已写入 {rel}\n")
    if not stale:
        sys.stderr.write("生成的文件已是最新，没有改动。\n")
    return EXIT_OK
