"""The one reporter: problems rendered as text, GitHub workflow annotations, or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

from awards.core.problems import Problem, count

FORMATS = ("text", "github", "json")


def text(problems: Iterable[Problem]) -> str:
    return "".join(f"{p.place}: {p.severity}: {p.message} [{p.code}]\n" for p in problems)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _in_cell(p: Problem) -> str:
    """An annotation has no place for a spreadsheet cell, so the message names it."""
    return p.message if p.cell is None else f"{p.cell}：{p.message}"


def github(problems: Iterable[Problem]) -> str:
    """Workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions"""
    return "".join(
        f"::{p.severity} file={_escape_property(p.path)},line={p.line},col={p.col},"
        f"title={_escape_property(p.code)}::{_escape_data(_in_cell(p))}\n"
        for p in problems
    )


def as_json(problems: list[Problem], files_checked: int) -> str:
    errors, warnings = count(problems)
    doc = {
        "version": 1,
        "files_checked": files_checked,
        "errors": errors,
        "warnings": warnings,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "severity": str(p.severity),
                "code": p.code,
                "message": p.message,
                **({} if p.cell is None else {"cell": p.cell}),
            }
            for p in problems
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render(fmt: str, problems: list[Problem], files_checked: int) -> str:
    if fmt == "json":
        return as_json(problems, files_checked)
    if fmt == "github":
        return github(problems)
    return text(problems)


def summary(problems: list[Problem], files_checked: int) -> str:
    errors, warnings = count(problems)
    if not problems:
        return f"检查了 {files_checked} 个文件，没有发现问题。"
    verdict = "未通过" if errors else "通过（有警告，请核实）"
    return f"检查了 {files_checked} 个文件：{errors} 个错误，{warnings} 个警告。{verdict}"
