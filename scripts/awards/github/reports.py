"""Reading the JSON reports back (`awards validate --format json`, `awards check-pr --format json`) and
writing them as Markdown for the job summary and the pull-request comment."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awards.problems import Problem, Severity

CHECK_PR = "check-pr"
VALIDATE = "validate"

# GitHub shows at most this many annotations of each type (error, warning, notice) per step and drops the
# rest silently (actions/toolkit docs/problem-matchers.md, "Limitations").
ANNOTATIONS_PER_TYPE = 10


@dataclass
class Report:
    path: Path
    kind: str  # VALIDATE | CHECK_PR
    files_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    changed: list[str] | None = None  # check-pr: every path the pull request touches
    missing: bool = False  # the step that writes it stopped before writing it

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def read(path: Path) -> Report:
    if not path.is_file():
        return Report(path, CHECK_PR if CHECK_PR in path.name else VALIDATE, missing=True)
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    problems = [
        Problem(p["path"], int(p["line"]), int(p["col"]), Severity(p["severity"]), p["code"], p["message"])
        for p in doc.get("problems", [])
    ]
    changed = doc.get("changed")
    return Report(
        path,
        str(doc.get("check", VALIDATE)),
        int(doc.get("files_checked", 0)),
        problems,
        [str(c) for c in changed] if isinstance(changed, list) else None,
    )


def verdict(reports: Iterable[Report]) -> str:
    rs = list(reports)
    if any(r.missing for r in rs):
        return "没有完成"
    if any(r.errors for r in rs):
        return "未通过"
    if any(r.warnings for r in rs):
        return "通过（有警告，请核实）"
    return "通过"


def counts_line(r: Report) -> str:
    if r.missing:
        what = "修改权限检查" if r.kind == CHECK_PR else "推荐材料检查"
        return f"{what}没有完成（{r.path.name} 没有生成），请查看检查日志中的出错信息。"
    if r.kind == CHECK_PR:
        head = f"修改权限：本合并请求改动了 {r.files_checked} 个文件"
        return f"{head}，都在提交人可以修改的范围内。" if not r.errors else f"{head}，{r.errors} 处越权。"
    if not r.problems:
        return f"推荐材料：检查了 {r.files_checked} 个文件，没有发现问题。"
    return f"推荐材料：检查了 {r.files_checked} 个文件，{r.errors} 个错误，{r.warnings} 个警告。"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>()#+!|~&])")


def cell(text: str) -> str:
    """Text from a record, safe in a Markdown table cell: shown literally, never as markup or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
TABLE_HEAD = "| 级别 | 位置 | 说明 | 规则 |\n|---|---|---|---|\n"


def row(p: Problem) -> str:
    return (
        f"| {SEVERITY[p.severity]} | {cell(f'{p.path}:{p.line}:{p.col}')} | {cell(p.message)} | {p.code} |\n"
    )


def table(problems: list[Problem], budget: int) -> tuple[str, int]:
    """A problems table within `budget` characters; returns it and how many rows did not fit."""
    out = TABLE_HEAD
    for i, p in enumerate(problems):
        line = row(p)
        if len(out) + len(line) > budget:
            return out, len(problems) - i
        out += line
    return out, 0


def by_severity(problems: list[Problem]) -> list[Problem]:
    """Errors before warnings, each in report order (by file and position)."""
    return [p for p in problems if p.is_error] + [p for p in problems if not p.is_error]
