"""`awards pr-comment`: the body of the one sticky comment on a pull request.

Built only from the check's JSON reports. Those are written by the pull request's own code, so the
comment job never takes Markdown from the check: it checks out the *base* revision and runs this module
from there (`.github/scripts/comment.py`, `python3 -I -S`: the standard library only, nothing installed),
reading the reports as untrusted data (`reports.read`, `reports.cell`). The commit it names comes from the
event, never from the reports. The hidden marker lets that job find its own earlier comment and edit it
instead of adding another one; the commit tells the reader which push the comment is about.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from awards.core.problems import Problem
from awards.github.reports import (
    CHECK_PR,
    Report,
    by_severity,
    cell,
    counts_line,
    read,
    table,
    unit_folder,
    verdict,
)

MARKER = "<!-- awards-check -->"
# GitHub refuses comment bodies over 65,536 characters.
COMMENT_CHARS = 60_000
# A commit id: hexadecimal only (the event gives the full 40 or 64 digits; by hand, 7 are enough).
SHA = re.compile(r"^[0-9a-f]{7,64}$")


def _relevant(reports: list[Report]) -> tuple[list[Problem], list[Problem], bool]:
    """(problems in what this pull request touches, the rest, whether the diff was known).

    A file the pull request changes, and any file of a unit whose folder it touches (the quota and
    ranking problems sit on the unit's other files), is relevant; without a diff everything is.
    """
    changed = next((r.changed for r in reports if r.kind == CHECK_PR and r.changed is not None), None)
    problems = [p for r in reports for p in r.problems]
    if changed is None:
        return problems, [], False
    paths = set(changed)
    units = {u for u in map(unit_folder, changed) if u}
    # The permission problems first: they decide whether the pull request may be merged at all.
    mine = [
        p
        for r in sorted(reports, key=lambda r: r.kind != CHECK_PR)
        for p in r.problems
        if r.kind == CHECK_PR or p.path in paths or unit_folder(p.path) in units
    ]
    chosen = set(map(id, mine))
    return mine, [p for p in problems if id(p) not in chosen], True


# The verdict in a hidden line, so that the job posting the comment can tell a flip (pass to fail or back)
# from an update of the same verdict: a flip gets a new comment, which notifies, and the old one stays.
VERDICT = re.compile(r"^<!-- awards-verdict: (pass|fail|incomplete) -->$", re.M)
# A run's page on GitHub or Forgejo: https://host/owner/repo/actions/runs/123 (the event and environment
# give it; checked anyway, because it is put in the comment as a link).
RUN_URL = re.compile(r"^https://[A-Za-z0-9.:-]+(/[A-Za-z0-9._-]+){2}/actions/runs/[0-9]+(/attempts/[0-9]+)?$")


def verdict_key(reports: list[Report]) -> str:
    shown = verdict(reports)
    return {"没有完成": "incomplete", "未通过": "fail"}.get(shown, "pass")


def _by_file(problems: list[Problem], budget: int) -> tuple[str, int]:
    """One small table per file (the clerk fixes one file at a time), permission problems first."""
    files: dict[str, list[Problem]] = {}
    for p in problems:
        files.setdefault(p.path, []).append(p)
    out, left = "", len(problems)
    for path, found in files.items():
        head = f"#### {cell(path, 200)}\n\n"
        rows, cut = table(by_severity(found), budget - len(out) - len(head))
        if cut == len(found):
            break
        out += head + rows + "\n"
        left -= len(found) - cut
        if cut:
            break
    return out, left


def _next_steps(reports: list[Report]) -> list[str]:
    if any(r.missing or r.unreadable for r in reports):
        return [
            "检查没有完成：请打开上面的运行记录查看出错信息；如是网络等临时故障，请审核人员重新运行检查。"
        ]
    steps = []
    if any(r.errors for r in reports if r.kind == CHECK_PR):
        steps.append("撤销对本单位文件夹以外文件的改动（或请省推荐评选办的审核人员来改），推送到同一分支。")
    if any(r.errors for r in reports if r.kind != CHECK_PR):
        steps.append(
            "按下面各文件的问题逐个修改，推送到同一分支；检查会自动重新运行，本评论随之更新。"
            "在自己电脑上运行 awards validate 可以看到完整内容（这里已隐去身份证号和电话号码的中间几位）。"
        )
    if not steps and any(r.warnings for r in reports):
        steps.append("逐条核实警告：确实无误的可以不改，审核人员审核时会看到这些警告。")
    if not steps:
        steps.append("不需要再做什么：等待审核人员审核即可。")
    return steps


def body(reports: list[Report], sha: str, run_url: str | None = None) -> str:
    if not SHA.match(sha):
        raise ValueError(f"not a commit id: {sha!r}")
    if run_url is not None and not RUN_URL.match(run_url):
        raise ValueError(f"not a run URL: {run_url!r}")
    where = f"（[检查运行记录]({run_url})）" if run_url else ""
    out = [
        MARKER,
        f"<!-- awards-verdict: {verdict_key(reports)} -->",
        f"## 推荐材料检查：{verdict(reports)}",
        "",
        f"本评论针对提交 {sha}{where}，每次推送后自动更新；结果由通过变为未通过或反过来时，另发一条新评论。",
        "",
        *(counts_line(r) for r in reports),
        "",
        "### 下一步",
        "",
        *(f"- {step}" for step in _next_steps(reports)),
        "",
    ]
    mine, others, scoped = _relevant(reports)
    text = "\n".join(out) + "\n"
    if mine:
        title = "本次修改涉及的问题" if scoped else "全部问题"
        rows, cut = _by_file(mine, COMMENT_CHARS - len(text) - 1000)
        text += f"### {title}（{len(mine)} 个，按文件）\n\n{rows}"
        if cut:
            text += f"还有 {cut} 个问题超出评论篇幅，没有列出。\n\n"
    if others:
        errors = sum(1 for p in others if p.is_error)
        text += (
            f"本次修改以外的文件还有 {errors} 个错误、{len(others) - errors} 个警告，见检查的作业摘要。\n\n"
        )
    text += "完整结果见本次检查的作业摘要（Summary）和 awards-report 工件。\n"
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """The comment job's entry point (`.github/scripts/comment.py`): no `awards` install needed."""
    parser = argparse.ArgumentParser(prog="comment.py", description="合并请求的检查评论（Markdown）")
    parser.add_argument("--report", type=Path, action="append", required=True, help="JSON 报告（可写多次）")
    parser.add_argument("--sha", required=True, help="评论针对的提交（十六进制提交号，取自事件）")
    parser.add_argument("--output", type=Path, required=True, help="评论写入的文件")
    parser.add_argument("--run-url", help="本次检查运行的网址（评论里的链接）")
    args = parser.parse_args(argv)
    if not SHA.match(args.sha):
        sys.stderr.write("comment.py: --sha 不是十六进制的提交号。\n")
        return 2
    if args.run_url is not None and not RUN_URL.match(args.run_url):
        sys.stderr.write("comment.py: --run-url 不是检查运行的网址。\n")
        return 2
    text = body([read(p) for p in args.report], args.sha, args.run_url)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
