"""`awards pr-comment`: the body of the one sticky comment on a pull request.

Built only from the check's JSON reports, so the job that posts it needs neither the code nor a
checkout. The hidden marker lets that job find its own earlier comment and edit it instead of adding
another one; the commit it names tells the reader which push the comment is about.
"""

from __future__ import annotations

from awards.github.permissions import unit_folder
from awards.github.reports import CHECK_PR, Report, by_severity, counts_line, table, verdict
from awards.problems import Problem

MARKER = "<!-- awards-check -->"
# GitHub refuses comment bodies over 65,536 characters.
COMMENT_CHARS = 60_000


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


def body(reports: list[Report], sha: str) -> str:
    out = [
        MARKER,
        f"## 推荐材料检查：{verdict(reports)}",
        "",
        f"本评论针对提交 {sha}，每次推送后自动更新（只保留这一条评论）。",
        "",
        *(counts_line(r) for r in reports),
        "",
    ]
    mine, others, scoped = _relevant(reports)
    text = "\n".join(out) + "\n"
    if mine:
        title = "本次修改涉及的问题" if scoped else "全部问题"
        rows, cut = table(by_severity(mine), COMMENT_CHARS - len(text) - 1000)
        text += f"### {title}（{len(mine)} 个）\n\n{rows}\n"
        if cut:
            text += f"还有 {cut} 个问题超出评论篇幅，没有列出。\n\n"
    if others:
        errors = sum(1 for p in others if p.is_error)
        text += (
            f"本次修改以外的文件还有 {errors} 个错误、{len(others) - errors} 个警告，见检查的作业摘要。\n\n"
        )
    text += "完整结果见本次检查的作业摘要（Summary）和 awards-report 工件。\n"
    return text
