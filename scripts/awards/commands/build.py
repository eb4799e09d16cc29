"""`awards build` (the public site) and `awards snapshot` (the 公示存档), plugged into `awards.cli`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

STAGE_NAMES = {"before": "公示前", "during": "公示中", "after": "公示期满"}
DEFERRED_SHOWN = 50


def register(sub: Any, common: argparse.ArgumentParser) -> dict[str, Callable[[argparse.Namespace], int]]:
    b = sub.add_parser(
        "build",
        parents=[common],
        help="生成公示网站和公示报样（先检查，有影响公示的错误就不发布）",
        description="按评选时钟生成公示网站（MkDocs），原样发布 site/archive/ 中存档的公示报样"
        "（本期尚未存档时生成预览），最后做泄露扫描。",
    )
    b.add_argument("--output", type=Path, help="网站输出目录（默认：仓库下的 public/）")
    b.add_argument("--no-cache", action="store_true", help="不使用 PDF 缓存，重新排版")
    s = sub.add_parser(
        "snapshot",
        parents=[common],
        help="公示存档：核对 site/archive/，或用 --freeze 存档本期公示",
        description="不加参数：核对 site/archive/ 中每份存档与 manifest.json 的 SHA-256。"
        "--freeze：按已提交的记录生成本期公示的 PDF 报样，存入 site/archive/（之后请提交该文件夹）。",
    )
    s.add_argument("--freeze", action="store_true", help="存档本期公示（公示开始时由省推荐评选办运行）")
    s.add_argument("--replace", action="store_true", help="与 --freeze 同用：覆盖本期已有的存档")
    return {"build": cmd_build, "snapshot": cmd_snapshot}


def _require_site_rules(rules: Any) -> None:
    from awards.core.errors import UsageError

    if "site.yml" not in rules.extra:
        raise UsageError("缺少 rules/site.yml（公示网站的公开字段白名单等），不能生成网站或公示报样。")


def _warn(notes: list[str], deferred: list[Any]) -> None:
    from awards.site.gate import DEFERRED_TITLE, line

    for note in notes:
        sys.stderr.write(f"awards build: 注意：{note}\n")
    if deferred:
        sys.stderr.write(f"awards build: {DEFERRED_TITLE}（{len(deferred)} 个）：\n")
        for p in deferred[:DEFERRED_SHOWN]:
            sys.stderr.write(f"  {line(p)}\n")
        if len(deferred) > DEFERRED_SHOWN:
            sys.stderr.write(
                f"  ……另有 {len(deferred) - DEFERRED_SHOWN} 个，运行 awards validate 查看全部。\n"
            )


def cmd_build(args: argparse.Namespace) -> int:
    from awards.commands.campaign import open_campaign, today
    from awards.core.errors import EXIT_OK, UsageError
    from awards.core.progress import Progress
    from awards.site.build import build

    root, rules = open_campaign(args)
    _require_site_rules(rules)
    output = args.output.resolve() if args.output else None
    if output is not None and (output == root or output in root.parents):
        raise UsageError(f"输出目录“{args.output}”不能是评选仓库本身或它的上级目录。")
    target = output or root / "public"
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        # MkDocs empties its output folder first; never let that be a folder that is not a built site.
        raise UsageError(f"输出目录“{target}”不是空目录，也不是以前生成的网站，不会覆盖。")
    progress = Progress()
    try:  # a refusal (errors that would be published, a broken archive) is rendered by awards.cli
        report = build(root, rules, today(args), output, use_cache=not args.no_cache, progress=progress)
    finally:
        progress.close()
    shown = {k: f"{v:.2f} 秒" for k, v in report.timings.items()}
    sys.stdout.write(
        f"网站已生成：{report.output}（{STAGE_NAMES[report.stage.value]}，{report.pages} 个页面，"
        f"本次写入 {report.written} 个源文件）\n"
    )
    for record in report.archived:
        sys.stdout.write(f"公示存档：{record['file']} SHA-256 {record['sha256']}（原样发布）\n")
    if report.preview is not None:
        snap = report.preview
        cached = "缓存" if snap.render_seconds == 0 else f"排版 {snap.render_seconds:.2f} 秒"
        sys.stdout.write(
            f"公示报样预览（未存档）：{snap.record['file']} SHA-256 {snap.record['sha256']}（{cached}）\n"
        )
    sys.stdout.write("用时：" + "，".join(f"{k} {v}" for k, v in shown.items()) + "\n")
    _warn(report.notes, report.deferred)
    return EXIT_OK


def cmd_snapshot(args: argparse.Namespace) -> int:
    from awards.commands.campaign import open_campaign, today
    from awards.core.errors import EXIT_OK, UsageError
    from awards.site import archive
    from awards.site.freeze import freeze

    root, rules = open_campaign(args)
    _require_site_rules(rules)
    if args.replace and not args.freeze:
        raise UsageError("--replace 只能与 --freeze 同用。")
    folder = archive.ARCHIVE.as_posix()
    frozen = freeze(root, rules, today(args), replace=args.replace) if args.freeze else None
    stored = archive.load(root)
    if frozen is not None:
        r = frozen.record
        if frozen.written:
            sys.stdout.write(f"已存档：{r['period_text']}的公示，来源提交 {r['commit']}\n")
            sys.stdout.write(
                f"请提交：git add {folder} && git commit -m '公示存档：{r['period']['start']}'\n"
            )
        else:
            sys.stdout.write(f"{r['period_text']}的公示已存档，名单没有变化，存档保持不变。\n")
    records = stored.records if stored else []
    if not records:
        sys.stdout.write(f"{folder}/ 中还没有存档。公示开始时运行 awards snapshot --freeze。\n")
    for record in records:
        sys.stdout.write(
            f"{record['file']}  SHA-256 {record['sha256']}  {record['period_text']}，"
            f"存档于 {record.get('frozen_on', '—')}，与清单一致\n"
        )
    return EXIT_OK
