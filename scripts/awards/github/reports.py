"""Reading the JSON reports back (`awards validate --format json`, `awards check-pr --format json`) and
writing them as Markdown for the job summary and the pull-request comment.

To the comment job the reports are untrusted data (an artifact anyone with write access could replace).
`read` therefore checks their shape and size and never fails on a hostile file (it returns a report that
says it could not be read), masks the ID and phone numbers in every message (`mask`: all of this goes to
GitHub), and every value taken from them reaches Markdown only through `cell`, which shows it literally:
no markup, no HTML, no links, no @-mentions, no references.

This module and `comment` use the standard library only: the comment job runs them with `python3 -I -S`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awards.core.problems import Problem, Severity
from awards.github.mask import mask

CHECK_PR = "check-pr"
VALIDATE = "validate"
KINDS = (VALIDATE, CHECK_PR)
# The records folder (awards.read.load.SUBMISSIONS, which imports PyYAML; a test keeps the two equal).
SUBMISSIONS = "submissions"

# GitHub shows at most this many annotations of each type (error, warning, notice) per step and drops the
# rest silently (actions/toolkit docs/problem-matchers.md, "Limitations").
ANNOTATIONS_PER_TYPE = 10

# Limits on a report read back: far above any real campaign (a few hundred files, a few thousand
# problems), low enough that a hostile report cannot exhaust the comment job.
REPORT_BYTES = 16 * 1024 * 1024
MAX_PROBLEMS = 100_000
MAX_NUMBER = 10_000_000
MAX_STORED = 2_000  # characters kept of any string from a report; `cell` shortens further for display
CODE = re.compile(r"^[a-z][a-z0-9-]{0,63}$")


@dataclass
class Report:
    path: Path
    kind: str  # VALIDATE | CHECK_PR
    files_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    changed: list[str] | None = None  # check-pr: every path the pull request touches
    missing: bool = False  # the step that writes it stopped before writing it
    unreadable: bool = False  # present, but not a report this program wrote (see `read`)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


class _Invalid(Exception):
    pass


def _kind_by_name(path: Path) -> str:
    return CHECK_PR if CHECK_PR in path.name else VALIDATE


def read(path: Path) -> Report:
    """The report at `path`: missing if there is no such file, unreadable if it is not one of ours."""
    if not path.exists() and not path.is_symlink():
        return Report(path, _kind_by_name(path), missing=True)
    try:
        if path.is_symlink() or not path.is_file():
            raise _Invalid
        with path.open("rb") as f:
            data = f.read(REPORT_BYTES + 1)
        if len(data) > REPORT_BYTES:
            raise _Invalid
        return _parse(path, json.loads(data.decode("utf-8")))
    # ValueError covers bad UTF-8, bad JSON and over-long integers; RecursionError, absurd nesting.
    except (_Invalid, OSError, ValueError, RecursionError):
        return Report(path, _kind_by_name(path), unreadable=True)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid
    return value[:MAX_STORED]


def _number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_NUMBER:
        raise _Invalid
    return value


def _problem(item: object) -> Problem:
    if not isinstance(item, dict):
        raise _Invalid
    code = _text(item.get("code"))
    severity = item.get("severity")
    if not CODE.match(code) or severity not in (Severity.ERROR.value, Severity.WARNING.value):
        raise _Invalid
    return Problem(
        _text(item.get("path")),
        _number(item.get("line")),
        _number(item.get("col")),
        Severity(severity),
        code,
        # Everything read back here goes to GitHub (annotations, summary, comment): never a full ID or phone.
        mask(_text(item.get("message"))),
    )


def _list(value: object) -> list[Any]:
    if not isinstance(value, list) or len(value) > MAX_PROBLEMS:
        raise _Invalid
    return value


def _parse(path: Path, doc: object) -> Report:
    if not isinstance(doc, dict):
        raise _Invalid
    kind = doc.get("check", VALIDATE)
    if kind not in KINDS:
        raise _Invalid
    changed = doc.get("changed")
    return Report(
        path,
        str(kind),
        _number(doc.get("files_checked", 0)),
        [_problem(p) for p in _list(doc.get("problems", []))],
        None if changed is None else [_text(c) for c in _list(changed)],
    )


def unit_folder(path: str) -> str | None:
    """The unit code of `submissions/<code>/...`, or None for anything outside a unit folder."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[0] == SUBMISSIONS:
        return parts[1]
    return None


def verdict(reports: Iterable[Report]) -> str:
    rs = list(reports)
    if any(r.missing or r.unreadable for r in rs):
        return "没有完成"
    if any(r.errors for r in rs):
        return "未通过"
    if any(r.warnings for r in rs):
        return "通过（有警告，请核实）"
    return "通过"


def counts_line(r: Report) -> str:
    if r.missing or r.unreadable:
        what = "修改权限检查" if r.kind == CHECK_PR else "推荐材料检查"
        why = "没有生成" if r.missing else "无法读取，不是检查程序写出的报告"
        return f"{what}没有完成（{cell(r.path.name)} {why}），请查看检查日志中的出错信息。"
    if r.kind == CHECK_PR:
        head = f"修改权限：本合并请求改动了 {r.files_checked} 个文件"
        return f"{head}，都在提交人可以修改的范围内。" if not r.errors else f"{head}，{r.errors} 处越权。"
    if not r.problems:
        return f"推荐材料：检查了 {r.files_checked} 个文件，没有发现问题。"
    return f"推荐材料：检查了 {r.files_checked} 个文件，{r.errors} 个错误，{r.warnings} 个警告。"


# Longest value shown in a cell, in characters; longer ones end in "…" (the artifact has them whole).
MESSAGE_CHARS = 500
PATH_CHARS = 200

# Everything CommonMark/GFM could read as inline markup in a table cell: escapes, code spans, emphasis,
# strikethrough, links and images, raw HTML and autolinks, entities, table pipes, and GitHub's $math$.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>()#+!|~&$])")
# What GitHub turns into a notification or a link even in plain text: @user and @org/team mentions,
# #123 and owner/repo#123 references (they add a cross-reference to that issue), GH-123, bare URLs
# (scheme:// and www.) and e-mail addresses. A zero-width space after the trigger breaks each of them.
_BREAK = re.compile(r"[@#]|:(?=//)|(?i:www)(?=\.)|(?i:gh)(?=-\d)")
ZWSP = "\u200b"
ZWSP_ENTITY = "&#8203;"  # written as an entity, as Dependabot does, so the raw Markdown shows the intent


def _plain(text: str) -> str:
    """One line of visible characters: control characters become spaces; invisible format characters
    (zero-width spaces and joiners, bidirectional overrides) are dropped; runs of white space shrink."""
    kept = []
    for c in text:
        category = unicodedata.category(c)
        if category == "Cc":
            kept.append(" ")
        elif category not in ("Cf", "Cs", "Co"):
            kept.append(c)
    return " ".join("".join(kept).split())


def cell(text: str, limit: int = MESSAGE_CHARS) -> str:
    """Text from a report, safe in Markdown (a table cell or a sentence): shown literally, never as
    markup, HTML, a link, a mention or a reference; at most `limit` characters."""
    text = _plain(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = _BREAK.sub(lambda m: m[0] + ZWSP, text)  # no ZWSP survives _plain: these are the only ones
    return _MD_SPECIAL.sub(r"\\\1", text).replace(ZWSP, ZWSP_ENTITY)


SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
TABLE_HEAD = "| 级别 | 位置 | 说明 | 规则 |\n|---|---|---|---|\n"


def row(p: Problem) -> str:
    return (
        f"| {SEVERITY[p.severity]} | {cell(p.path, PATH_CHARS)}:{p.line}:{p.col} | {cell(p.message)} "
        f"| {cell(p.code, 64)} |\n"
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
