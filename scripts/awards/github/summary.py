"""`awards ci-summary`: the annotations and the Chinese job summary of the check step.

The annotation cap is applied here on purpose: GitHub would drop everything past 10 errors and 10
warnings in a step without a word, so we emit exactly what it will show, choose which (permission
problems first, then by file), and say in the summary how many did not make it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from awards.check import overview
from awards.check.run import Result
from awards.core import reporter
from awards.core.problems import Problem
from awards.github.reports import (
    ANNOTATIONS_PER_TYPE,
    CHECK_PR,
    VALIDATE,
    Report,
    by_severity,
    cell,
    counts_line,
    table,
    verdict,
)
from awards.read.load import load
from awards.rules.loader import Rules

# A step's summary may hold 1 MiB; beyond that GitHub discards the whole of it. Keep a margin (UTF-8:
# a Chinese character is 3 bytes, so the budget is counted in bytes below, not characters).
SUMMARY_BYTES = 1000 * 1024


@dataclass(frozen=True)
class Annotations:
    text: str  # workflow commands, one per line
    hidden_errors: int
    hidden_warnings: int


def annotate(reports: list[Report]) -> Annotations:
    # The permission check first: a pull request that may not be merged matters more than any typo.
    ordered = [p for r in reports if r.kind == CHECK_PR for p in r.problems]
    ordered += [p for r in reports if r.kind != CHECK_PR for p in r.problems]
    errors = [p for p in ordered if p.is_error]
    warnings = [p for p in ordered if not p.is_error]
    shown = errors[:ANNOTATIONS_PER_TYPE] + warnings[:ANNOTATIONS_PER_TYPE]
    return Annotations(
        reporter.github(shown),
        max(0, len(errors) - ANNOTATIONS_PER_TYPE),
        max(0, len(warnings) - ANNOTATIONS_PER_TYPE),
    )


def unit_table(rules: Rules | None, problems: list[Problem]) -> str:
    if rules is None:
        return "规则文件有错误，无法统计各单位的报送情况。\n"
    rows = overview.rows(Result(load(rules.root, rules), problems), rules)
    # The rules read here are the pull request's own: its unit names are text like any record's.
    return overview.markdown([replace(r, code=cell(r.code, 64), name=cell(r.name, 100)) for r in rows])


def markdown(reports: list[Report], rules: Rules | None, notes: Annotations) -> str:
    out = [f"## 推荐材料检查：{verdict(reports)}\n\n"]
    out += [counts_line(r) + "\n\n" for r in reports]
    if notes.hidden_errors or notes.hidden_warnings:
        out.append(
            f"> GitHub 每个步骤最多显示 {ANNOTATIONS_PER_TYPE} 个错误标注和 {ANNOTATIONS_PER_TYPE} 个警告标注，"
            f"本次另有 {notes.hidden_errors} 个错误、{notes.hidden_warnings} 个警告没有显示为标注；"
            "完整列表见下表。\n\n"
        )
    validate_problems = [p for r in reports if r.kind == VALIDATE for p in r.problems]
    out.append("### 各单位报送情况\n\n" + unit_table(rules, validate_problems) + "\n")
    # The permission problems first: they decide whether the pull request may be merged at all.
    for r in sorted(reports, key=lambda r: r.kind != CHECK_PR):
        if r.missing or not r.problems:
            continue
        title = "修改权限" if r.kind == CHECK_PR else "全部问题"
        used = len("".join(out).encode("utf-8"))
        # Budget in characters from bytes left: 3 bytes per character at worst.
        body, cut = table(by_severity(r.problems), max(0, (SUMMARY_BYTES - used) // 3 - 200))
        out.append(f"### {title}（{len(r.problems)} 个）\n\n{body}\n")
        if cut:
            out.append(
                f"还有 {cut} 个问题超出作业摘要的篇幅，没有列出；请下载 awards-report 工件查看完整报告。\n\n"
            )
    return "".join(out).rstrip("\n") + "\n"
