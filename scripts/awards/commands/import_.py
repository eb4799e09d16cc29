"""`awards import`: a filled 附件5/附件6 (Excel or WPS) into records, or a Word 事迹 into one record.

Only argparse is imported at module level: `awards.cli` imports this module for every command, and the
check path must not load pandas or python-docx.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from awards.core.reporter import FORMATS

if TYPE_CHECKING:
    from awards.core.problems import Problem
    from awards.rules.loader import Rules


def register(sub: Any, common: argparse.ArgumentParser) -> dict[str, Callable[[argparse.Namespace], int]]:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="从填好的附件5/附件6 表格（.xlsx/.xls）生成推荐记录，或从 Word 文档导入事迹",
        description=(
            "awards import 附件6.xlsx --unit taiyuan：表格每一行生成一份记录，表中没有的项留空待填；"
            "awards import 事迹.docx --record 记录.yml：把 Word 文档的事迹填进这份记录。"
        ),
    )
    p.add_argument("file", type=Path, help="附件5/附件6 表格（.xlsx、.xls），或事迹 Word 文档（.docx）")
    p.add_argument("--unit", help="导入到哪个单位（单位代码，如 taiyuan）；导入表格时必填")
    p.add_argument("--record", type=Path, help="导入 Word 事迹时：要填写的记录文件")
    p.add_argument("--dry-run", action="store_true", help="只显示将要写入的内容，不写文件")
    p.add_argument("--force", action="store_true", help="覆盖已存在的同名记录")
    default_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    p.add_argument("--format", choices=FORMATS, default=default_format, help="问题的输出格式")
    return {"import": run}


def run(args: argparse.Namespace) -> int:
    from awards.commands.campaign import open_campaign
    from awards.core.errors import UsageError

    root, rules = open_campaign(args)
    if args.file.suffix.lower() == ".docx":
        if args.record is None:
            raise UsageError(
                "导入 Word 事迹时要用 --record 指明填进哪份记录，如 --record submissions/taiyuan/individuals/wang-wu.yml"
            )
        return _story(args, root, rules)
    if args.unit is None:
        raise UsageError("导入表格时要用 --unit 指明单位代码，如 --unit taiyuan")
    if args.unit not in rules.units:
        raise UsageError(f"“{args.unit}”不是已登记的单位代码；可用的有：{'、'.join(rules.units)}")
    return _table(args, root, rules)


def _table(args: argparse.Namespace, root: Path, rules: Rules) -> int:
    from awards.core.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
    from awards.importing import naming, render, table
    from awards.rules import json_schema

    rows, problems = table.read(args.file, args.file.name, rules, args.unit)
    if any(p.is_error for p in problems):
        _report(args, problems, len(rows), "表格有错误，没有写入任何记录；请改正后重新导入。")
        return EXIT_PROBLEMS
    unit_dir = root / "submissions" / args.unit
    taken: dict[str, set[str]] = {}
    planned: list[tuple[Path, str]] = []
    for row in rows:
        kind = rules.kinds[row.kind]
        folder = unit_dir / kind.folder
        slug = naming.unique(
            naming.slug(str(row.values[kind.name_field]), window=kind.code == "window"),
            taken.setdefault(kind.folder, set()),
        )
        target = folder / f"{slug}.yml"
        _photo(rules, row.kind, row.values, unit_dir, slug)
        planned.append(
            (target, render.record(rules, row.kind, row.values, json_schema.modeline(root, target, row.kind)))
        )
    existing = [t for t, _ in planned if t.exists()]
    if existing and not args.force:
        names = [t.relative_to(root).as_posix() for t in existing]
        raise UsageError("这些记录已存在，没有写入任何文件（确需覆盖请加 --force）：", details=names)
    if args.dry_run:
        for target, text in planned:
            sys.stdout.write(f"# ---- 将写入 {target.relative_to(root).as_posix()} ----\n{text}\n")
        _report(
            args,
            problems,
            len(rows),
            f"（试运行）将从 {args.file.name} 生成 {len(planned)} 份记录，没有写入文件。",
        )
        return EXIT_OK
    for target, text in planned:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        sys.stderr.write(f"已写入 {target.relative_to(root).as_posix()}\n")
    checked = _validate(args, root, rules, [t for t, _ in planned])
    _report(
        args,
        problems + checked,
        len(planned),
        f"从 {args.file.name} 生成了 {len(planned)} 份记录。上面是导入后检查的结果：表中没有的项（事迹、照片、"
        "单位公示等）请在记录中补填，事迹可以用 awards import 事迹.docx --record 记录文件 导入。",
    )
    return EXIT_OK


def _photo(rules: Rules, kind: str, values: dict[str, Any], unit_dir: Path, slug: str) -> None:
    """A photo already in the unit's photos/ under the record's file name is the record's photo."""
    for name, rule in rules.schemas[kind].items():
        if (rule.get("meta") or {}).get("check") == "photo" and not values.get(name):
            found = [p for p in sorted((unit_dir / "photos").glob(f"{slug}.*")) if p.is_file()]
            if found:
                values[name] = f"photos/{found[0].name}"


def _story(args: argparse.Namespace, root: Path, rules: Rules) -> int:
    from awards.core.errors import EXIT_OK, UsageError
    from awards.importing import story

    record = args.record if args.record.is_absolute() else Path.cwd() / args.record
    if not record.is_file():
        raise UsageError(f"找不到记录文件 {args.record}；可以先用 awards new 或 awards import 表格生成。")
    parts = story.split(story.paragraphs(args.file))
    if story.MAIN not in parts:
        raise UsageError(f"{args.file.name} 里没有文字，没有导入。")
    text = record.read_text(encoding="utf-8")
    for name in (story.BRIEF, story.MAIN):
        if name in parts:
            text = story.replace(text, name, parts[name])
    said = "、".join(n for n in (story.BRIEF, story.MAIN) if n in parts)
    if args.dry_run:
        sys.stdout.write(text)
        sys.stderr.write(f"（试运行）将把 {args.file.name} 的{said}写入 {args.record}，没有写入文件。\n")
        return EXIT_OK
    record.write_text(text, encoding="utf-8")
    checked = _validate(args, root, rules, [record.resolve()])
    _report(args, checked, 1, f"已把 {args.file.name} 的{said}写入 {args.record}。")
    return EXIT_OK


def _validate(args: argparse.Namespace, root: Path, rules: Rules, written: list[Path]) -> list[Problem]:
    """`awards validate`'s findings on the records just written (the rest of the repository is not news)."""
    from awards.check.run import validate
    from awards.commands.campaign import today

    paths = set()
    for p in written:
        try:
            paths.add(p.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            continue
    result = validate(root, rules, today(args))
    return [p for p in result.problems if p.path in paths]


def _report(args: argparse.Namespace, problems: list[Problem], count: int, closing: str) -> None:
    from awards.core import reporter

    sys.stdout.write(reporter.render(args.format, problems, count))
    if problems and args.format == "text":
        sys.stderr.write(reporter.summary(problems, count) + "\n")
    sys.stderr.write(closing + "\n")
