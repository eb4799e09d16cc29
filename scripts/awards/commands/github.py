"""The `awards` subcommands of the GitHub stage: check-pr, pr-records, codeowners, rulesets, ci-summary,
pr-comment, pr-preview."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from awards.check import decisions
from awards.commands.campaign import open_campaign, today
from awards.core import reporter
from awards.core.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from awards.core.repo import find_root
from awards.github import (
    codeowners,
    comment,
    event,
    git,
    permissions,
    preview,
    pushes,
    reports,
    rulesets,
    settings,
    summary,
)
from awards.read.load import DECISIONS, SUBMISSIONS, Document, max_bytes
from awards.rules.loader import Rules, RulesError, load
from awards.rules.stages import Clock

Handler = Callable[[argparse.Namespace], int]


def _on_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _revisions(args: argparse.Namespace) -> tuple[str, str, event.Event | None]:
    """--base/--head, else the pull request or merge group of the workflow run."""
    ev = event.current()
    base = args.base or (ev.base if ev else None)
    head = args.head or (ev.head if ev else None)
    if not base or not head:
        raise UsageError("请用 --base 和 --head 指定要比较的两个版本（在合并请求的检查中会自动读取）。")
    return base, head, ev


def _changes(root: Path, base: str, head: str) -> list[git.Change]:
    try:
        return git.changes(root, base, head)
    except git.GitError as exc:
        raise UsageError(f"无法比较 {base}...{head}：{exc}") from None


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")


def _actors(args: argparse.Namespace, ev: event.Event | None) -> list[str]:
    """--actor (repeatable), else the event's author and sender: every one of them is judged."""
    if args.actor:
        found: list[str] = []
        for login in args.actor:
            if login.casefold() not in {f.casefold() for f in found}:
                found.append(login)
        return found
    return ev.actors if ev else []


def _pushed(root: Path, record: Path | None, head: str, changes: list[git.Change]) -> dict[str, dt.date]:
    """The day each touched unit's folder was pushed as it is at `head`, from the forge's push record."""
    if record is None:
        return {}
    recorded = pushes.read(record)
    units = {u for c in changes for p in c.touched if (u := reports.unit_folder(p))}
    days = {u: pushes.pushed_on(root, recorded, head, u) for u in sorted(units)}
    return {u: d for u, d in days.items() if d is not None}


def _base_decisions(root: Path, base: str, rules: Rules) -> Document | None:
    """The base's submissions/decisions.yml (the ministry's feedback), or None when it has none."""
    with tempfile.TemporaryDirectory(prefix="awards-decisions-") as tmp:
        try:
            git.export_tree(root, base, f"{SUBMISSIONS}/{DECISIONS}", Path(tmp))
        except git.GitError:
            return None  # no decisions on the base yet: no feedback, no formal stage
        return decisions.read_file(Path(tmp) / SUBMISSIONS / DECISIONS, max_bytes(rules))


def cmd_check_pr(args: argparse.Namespace) -> int:
    root = find_root(Path.cwd(), args.root)
    base, head, ev = _revisions(args)
    actors = _actors(args, ev)
    if not actors:
        raise UsageError("请用 --actor 指定合并请求的提交人（GitHub 登录名）。")
    changes = _changes(root, base, head)
    # Judge by the base's rules: the pull request must not be able to grant itself new rights.
    with tempfile.TemporaryDirectory(prefix="awards-base-") as tmp:
        try:
            git.export_tree(root, base, "rules", Path(tmp))
        except git.GitError as exc:
            raise UsageError(f"无法读取 {base} 上的 rules/：{exc}") from None
        rules = load(Path(tmp))
        config, day = settings.read(rules), today(args)
        clock = Clock(rules.settings.schedule, decisions.feedback_of(_base_decisions(root, base, rules)))
        pushed = _pushed(root, args.pushes, head, changes)
        # Each change must be within the rights of every actor: the author and whoever pushed.
        found = {
            p
            for login in actors
            for p in permissions.judge(changes, rules, config, login, day, clock, pushed)
        }
        problems = sorted(found)
    paths = permissions.touched(changes)
    if args.format == "json":
        doc: dict[str, Any] = json.loads(reporter.as_json(problems, len(paths)))
        doc.update(
            check=reports.CHECK_PR, actor=actors[0], actors=actors, base=base, head=head, changed=paths
        )
        rendered = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    else:
        rendered = reporter.render(args.format, problems, len(paths))
    _write(rendered, args.output)
    errors = sum(1 for p in problems if p.is_error)
    verdict = f"{errors} 处越权，未通过。" if errors else "都在可以修改的范围内。"
    who = f"“{actors[0]}”的合并请求"
    if len(actors) > 1:
        who += "（本次由" + "、".join(f"“{a}”" for a in actors[1:]) + "推送或打开）"
    sys.stderr.write(f"{who}改动了 {len(paths)} 个文件：{verdict}\n")
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_pr_records(args: argparse.Namespace) -> int:
    """The base's checker and rules on the pull request's submissions/, read from git objects as data.

    Nothing of the pull request is checked out or imported: its records are exported into a campaign
    folder next to the base's rules/, and the base revision's code (this program) validates them.
    """
    from awards.check.run import validate

    root = find_root(Path.cwd(), args.root)
    base, head, _ = _revisions(args)
    with tempfile.TemporaryDirectory(prefix="awards-pr-") as tmp:
        campaign = args.workdir or Path(tmp)
        if campaign.exists() and any(campaign.iterdir()):
            raise UsageError(f"--workdir {campaign} 不是空文件夹。")
        try:
            git.export_tree(root, base, "rules", campaign)
            if git.has_path(root, head, SUBMISSIONS):
                git.export_tree(root, head, SUBMISSIONS, campaign)
        except git.GitError as exc:
            raise UsageError(f"无法读取 {base} 的规则或 {head} 的推荐材料：{exc}") from None
        except tarfile.FilterError as exc:
            raise UsageError(f"合并请求的 submissions/ 中有不安全的路径，无法检查：{exc}") from None
        rules = load(campaign)
        result = validate(campaign, rules, today(args), cache=None)
        if args.preview:
            page = preview.render(campaign, rules, _changes(root, base, head))
            args.preview.mkdir(parents=True, exist_ok=True)
            (args.preview / "index.html").write_text(page, encoding="utf-8")
    _write(reporter.render(args.format, result.problems, result.files_checked), args.output)
    sys.stderr.write(reporter.summary(result.problems, result.files_checked) + "\n")
    return EXIT_PROBLEMS if any(p.is_error for p in result.problems) else EXIT_OK


def _generated(args: argparse.Namespace, command: str, path: str, text: str, root: Path) -> int:
    """Print, --write or --check a file generated from rules/units.yml."""
    target = root / path
    if args.check:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return EXIT_OK
        sys.stderr.write(f"{path} 与 rules/units.yml 不一致，请运行 awards {command} --write 后提交。\n")
        return EXIT_PROBLEMS
    if args.write:
        _write(text, target)
        sys.stderr.write(f"已生成 {path}。\n")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_codeowners(args: argparse.Namespace) -> int:
    root, rules = open_campaign(args)
    try:
        text = codeowners.render(rules, settings.read(rules))
    except codeowners.NoOrgError as exc:
        raise UsageError(str(exc)) from None
    return _generated(args, "codeowners", codeowners.PATH, text, root)


def cmd_rulesets(args: argparse.Namespace) -> int:
    root, rules = open_campaign(args)
    return _generated(args, "rulesets", rulesets.PATH, rulesets.render(rules, settings.read(rules)), root)


def _rules_or_none(args: argparse.Namespace) -> Rules | None:
    try:
        return open_campaign(args)[1]
    except RulesError:
        return None  # the summary says the checker did not finish; the log has the rules errors


def cmd_ci_summary(args: argparse.Namespace) -> int:
    rs = [reports.read(p) for p in args.report]
    notes = summary.annotate(rs)
    annotate = _on_actions() if args.annotations is None else args.annotations
    if annotate:
        sys.stdout.write(notes.text)
    text = summary.markdown(rs, _rules_or_none(args), notes)
    output = args.output or (
        Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None
    )
    if output is None:
        sys.stdout.write(text)
    else:
        # Appended, as GitHub expects: other steps of the job may have written their part already.
        with output.open("a", encoding="utf-8") as f:
            f.write(text)
    return EXIT_OK


def cmd_pr_comment(args: argparse.Namespace) -> int:
    ev = event.current()
    sha = args.sha or (ev.head if ev else None)
    if not sha or not comment.SHA.match(sha):
        raise UsageError("请用 --sha 指定评论针对的提交（完整的十六进制提交号）。")
    _write(comment.body([reports.read(p) for p in args.report], sha), args.output)
    return EXIT_OK


def cmd_pr_preview(args: argparse.Namespace) -> int:
    root, rules = open_campaign(args)
    base, head, _ = _revisions(args)
    page = preview.render(root, rules, _changes(root, base, head))
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "index.html").write_text(page, encoding="utf-8")
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> dict[str, Handler]:
    default_format = "github" if _on_actions() else "text"

    c = sub.add_parser("check-pr", parents=[common], help="检查合并请求有没有改动无权修改的文件")
    c.add_argument("--base", help="目标分支的版本（默认：从 GitHub 事件读取）")
    c.add_argument("--head", help="合并请求的版本（默认：从 GitHub 事件读取）")
    c.add_argument(
        "--actor",
        action="append",
        help="提交人的 GitHub 登录名，可写多次，每人都要有权修改（默认：合并请求的作者和本次推送的人）",
    )
    c.add_argument(
        "--pushes",
        type=Path,
        help="推送记录（JSON，工作流程从 GitHub 取得）：按各单位改动的推送时间判断是否逾期（默认：按今天）",
    )
    c.add_argument("--format", choices=reporter.FORMATS, default=default_format, help="输出格式")
    c.add_argument("--output", type=Path, help="把报告写入文件（默认：标准输出）")

    o = sub.add_parser("codeowners", parents=[common], help="根据 rules/units.yml 生成 .github/CODEOWNERS")
    mode = o.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="写入 .github/CODEOWNERS（默认：打印）")
    mode.add_argument("--check", action="store_true", help="只检查现有文件是否是最新的")

    u = sub.add_parser(
        "rulesets", parents=[common], help="根据 rules/units.yml 生成各单位分支的规则集 .github/rulesets.json"
    )
    mode = u.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="写入 .github/rulesets.json（默认：打印）")
    mode.add_argument("--check", action="store_true", help="只检查现有文件是否是最新的")

    s = sub.add_parser("ci-summary", parents=[common], help="GitHub 检查的标注和中文作业摘要")
    s.add_argument("--report", type=Path, action="append", required=True, help="JSON 报告（可写多次）")
    s.add_argument(
        "--output", type=Path, help="摘要追加写入的文件（默认：$GITHUB_STEP_SUMMARY，否则标准输出）"
    )
    s.add_argument(
        "--annotations",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="输出 GitHub 标注（默认：在 GitHub Actions 中输出）",
    )

    m = sub.add_parser("pr-comment", parents=[common], help="合并请求的检查评论（Markdown）")
    m.add_argument("--report", type=Path, action="append", required=True, help="JSON 报告（可写多次）")
    m.add_argument("--sha", help="评论针对的提交（默认：合并请求的最新提交）")
    m.add_argument("--output", type=Path, help="写入文件（默认：标准输出）")

    r = sub.add_parser(
        "pr-records", parents=[common], help="用目标分支的程序和规则检查合并请求的推荐材料（不检出合并请求）"
    )
    r.add_argument("--base", help="目标分支的版本，规则取自这里（默认：从 GitHub 事件读取）")
    r.add_argument("--head", help="合并请求的版本，推荐材料取自这里（默认：从 GitHub 事件读取）")
    r.add_argument("--format", choices=reporter.FORMATS, default=default_format, help="输出格式")
    r.add_argument("--output", type=Path, help="把报告写入文件（默认：标准输出）")
    r.add_argument("--preview", type=Path, help="同时生成改动记录的公开内容预览，写入这个文件夹")
    r.add_argument(
        "--workdir",
        type=Path,
        help="把目标分支的规则和合并请求的推荐材料导出到这个空文件夹并保留（默认：临时文件夹）",
    )

    p = sub.add_parser("pr-preview", parents=[common], help="合并请求改动的推荐记录的公开内容预览（HTML）")
    p.add_argument("--base", help="目标分支的版本（默认：从 GitHub 事件读取）")
    p.add_argument("--head", help="合并请求的版本（默认：从 GitHub 事件读取）")
    p.add_argument("--output", type=Path, required=True, help="预览页面写入的文件夹")

    return {
        "check-pr": cmd_check_pr,
        "codeowners": cmd_codeowners,
        "rulesets": cmd_rulesets,
        "ci-summary": cmd_ci_summary,
        "pr-comment": cmd_pr_comment,
        "pr-preview": cmd_pr_preview,
        "pr-records": cmd_pr_records,
    }
