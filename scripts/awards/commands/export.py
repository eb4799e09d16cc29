"""`awards export`: write every reviewer deliverable into the git-ignored export folder.

Only argparse is imported at module level: `awards.cli` imports this module for every command, and
`awards validate` must not pay for openpyxl, Jinja2 or WeasyPrint.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from awards.export.common import Context, Output

DEFAULT_OUT = "exports"


def register(sub: Any, common: argparse.ArgumentParser) -> dict[str, Callable[[argparse.Namespace], int]]:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="生成汇总表、征求意见表、联系表、推荐工作报告草稿和材料清单（含个人信息，不公开）",
        description=(
            "根据推荐记录生成附件4、5、6、7 和推荐工作报告草稿、材料清单，写入导出文件夹"
            f"（默认为仓库下的 {DEFAULT_OUT}/，不提交到仓库，也不进入公开网站）。"
        ),
    )
    p.add_argument(
        "--out", type=Path, help=f"导出文件夹（默认：仓库下的 {DEFAULT_OUT}/）；每次导出会覆盖其中内容"
    )
    p.add_argument(
        "--unit",
        action="append",
        metavar="CODE",
        help="只导出这个单位（可写多次，如 --unit taiyuan）；不写则导出全部单位和全省汇总",
    )
    return {"export": cmd_export}


def run(
    ctx: Context,
    out: Output,
    units: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Every export for `units` (all units and the provincial ones when None); returns summary lines.

    `progress(done, total)` after each unit: the PDFs rendered so far against the units to do.
    """
    from awards.export import checklist, contact, opinion, report, summary_tables, tallies

    said: list[str] = []
    chosen = checklist.units(ctx) if units is None else units
    out.prepare(None if units is None else chosen)
    for n, unit in enumerate(chosen, 1):
        summary_tables.export_unit(ctx, out, unit)
        opinion.export_unit(ctx, out, unit)
        report.export_unit(ctx, out, unit)
        checklist.export_unit(ctx, out, unit)
        if progress is not None:
            progress(n, len(chosen))
    if units is None:
        said += summary_tables.export_province(ctx, out)
        said.append(contact.export_province(ctx, out))
        said.append(tallies.export_province(ctx, out))
        checklist.export_province(ctx, out)
    return said


def check_out(base: Path) -> None:
    """The exports hold personal data: inside any campaign repository they may only go to its
    git-ignored exports/ folder, never where git, the site build or the checker would pick them up."""
    from awards.core.errors import UsageError
    from awards.core.repo import MARKER as CAMPAIGN_MARKER

    for parent in (base, *base.parents):
        if (parent / CAMPAIGN_MARKER).is_file() and not base.is_relative_to(parent / DEFAULT_OUT):
            raise UsageError(
                f"导出文件夹“{base}”在评选仓库 {parent} 里，但不在 {DEFAULT_OUT}/ 下：导出材料含个人信息，"
                f"在仓库里只能放在已被 git 忽略的 {DEFAULT_OUT}/ 中；要放到别处，请选仓库以外的文件夹。"
            )


def cmd_export(args: argparse.Namespace) -> int:
    from awards.commands.campaign import open_campaign, today
    from awards.core.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
    from awards.core.progress import Progress
    from awards.export.common import Output, prepare

    root, rules = open_campaign(args)
    unknown = [u for u in args.unit or [] if u not in rules.units]
    if unknown:
        raise UsageError(f"“{'、'.join(unknown)}”不是已登记的单位代码；可用的有：{'、'.join(rules.units)}")
    base = (args.out if args.out is not None else root / DEFAULT_OUT).resolve()
    check_out(base)
    progress = Progress()
    try:
        ctx = prepare(root, rules, today(args), progress.records)
        out = Output(base, sample=rules.settings.sample)

        def units_done(done: int, total: int) -> None:
            pdfs = sum(1 for p in out.written if p.suffix == ".pdf")
            progress.count(f"已导出单位（已排版 {pdfs} 个 PDF）", done, total)

        said = run(ctx, out, list(dict.fromkeys(args.unit)) if args.unit else None, units_done)
    finally:
        progress.close()
    shown = base.relative_to(root).as_posix() if base.is_relative_to(root) else str(base)
    for line in said:
        sys.stdout.write(line + "\n")
    sys.stdout.write(
        f"{ctx.stage}阶段：已导出 {len(out.written)} 个文件到 {shown}/。"
        "其中含身份证号、电话等个人信息，只供评选工作使用，不要上传公开网站或提交到仓库。\n"
    )
    mine = tuple(f"submissions/{u}/" for u in args.unit or ())
    errors = [p for p in ctx.result.problems if p.is_error and (not mine or p.path.startswith(mine))]
    if errors:
        sys.stderr.write(
            f"注意：推荐记录中还有 {len(errors)} 处错误，导出的材料可能不完整或不准确；"
            "请运行 awards validate 查看并修改后重新导出。\n"
        )
        return EXIT_PROBLEMS
    return EXIT_OK
