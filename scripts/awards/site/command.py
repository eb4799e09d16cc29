"""`awards build`: the public site and the 公示 snapshots (plugged into `awards.cli` as an extension)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

STAGE_NAMES = {"before": "公示前", "during": "公示中", "after": "公示期满"}


def register(sub: Any, common: argparse.ArgumentParser) -> dict[str, Callable[[argparse.Namespace], int]]:
    b = sub.add_parser(
        "build",
        parents=[common],
        help="生成公示网站和公示报样 PDF（先检查，有错误不发布）",
        description="按评选时钟生成公示网站（MkDocs）和公示报样 PDF，最后做泄露扫描。",
    )
    b.add_argument("--output", type=Path, help="网站输出目录（默认：仓库下的 public/）")
    b.add_argument("--no-cache", action="store_true", help="不使用 PDF 缓存，重新排版")
    return {"build": cmd_build}


def cmd_build(args: argparse.Namespace) -> int:
    from awards.cli import EXIT_OK, EXIT_PROBLEMS, UsageError, _root_and_rules, _today
    from awards.site.build import BuildRefusedError, build
    from awards.workdays import UnknownYearError

    root, rules = _root_and_rules(args)
    if "site.yml" not in rules.extra:
        raise UsageError("缺少 rules/site.yml（公示网站的公开字段白名单等），不能生成网站。")
    output = args.output.resolve() if args.output else None
    if output is not None and (output == root or output in root.parents):
        raise UsageError(f"输出目录“{args.output}”不能是评选仓库本身或它的上级目录。")
    target = output or root / "public"
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        # MkDocs empties its output folder first; never let that be a folder that is not a built site.
        raise UsageError(f"输出目录“{target}”不是空目录，也不是以前生成的网站，不会覆盖。")
    try:
        report = build(root, rules, _today(args), output, use_cache=not args.no_cache)
    except BuildRefusedError as exc:
        sys.stderr.write(f"awards build: {exc}\n")
        for line in exc.details:
            sys.stderr.write(f"  {line}\n")
        return EXIT_PROBLEMS
    except UnknownYearError as exc:
        raise UsageError(f"rules/holidays/ 中没有 {exc.year} 年的节假日安排，无法计算公示期。") from None
    shown = {k: f"{v:.2f} 秒" for k, v in report.timings.items()}
    sys.stdout.write(
        f"网站已生成：{report.output}（{STAGE_NAMES[report.stage.value]}，{report.pages} 个页面，"
        f"本次写入 {report.written} 个源文件）\n"
    )
    for snap in report.snapshots:
        cached = "（缓存）" if snap.render_seconds == 0 else f"（排版 {snap.render_seconds:.2f} 秒）"
        sys.stdout.write(f"公示报样：{snap.record['file']} SHA-256 {snap.record['sha256']}{cached}\n")
    sys.stdout.write("用时：" + "，".join(f"{k} {v}" for k, v in shown.items()) + "\n")
    return EXIT_OK
