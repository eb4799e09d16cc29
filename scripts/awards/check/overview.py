"""The reviewers' overview of a checked campaign, one row per unit: as a table, Markdown or JSON.

Used by `awards status` and by the GitHub job summary."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass

from awards.check.run import Result
from awards.core.problems import Problem
from awards.rules.loader import Rules


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    windows: int
    windows_quota: int | None
    individuals: int
    individuals_quota: int | None
    contact_form: bool
    errors: int
    warnings: int


def rows(result: Result, rules: Rules) -> list[Row]:
    quotas = rules.settings.quotas.city
    out = []
    for unit in rules.units.values():
        docs = [d for d in result.submissions.documents if d.unit == unit.code]
        mine: list[Problem] = [p for p in result.problems if p.path.startswith(f"submissions/{unit.code}/")]
        city = unit.kind == "city"
        out.append(
            Row(
                code=unit.code,
                name=unit.name,
                windows=sum(1 for d in docs if d.kind == "window"),
                windows_quota=quotas["window"] if city else None,
                individuals=sum(1 for d in docs if d.kind == "individual"),
                individuals_quota=quotas["individual"] if city else None,
                contact_form=any(d.kind == "unit" for d in docs),
                errors=sum(1 for p in mine if p.is_error),
                warnings=sum(1 for p in mine if not p.is_error),
            )
        )
    return out


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def _cells(r: Row) -> list[str]:
    def quota(n: int, q: int | None) -> str:
        return f"{n}/{q}" if q is not None else f"{n}（不限）"

    return [
        r.code,
        r.name,
        quota(r.windows, r.windows_quota),
        quota(r.individuals, r.individuals_quota),
        "已交" if r.contact_form else "未交",
        str(r.errors),
        str(r.warnings),
    ]


HEADER = ["代码", "单位", "窗口", "个人", "联系表", "错误", "警告"]


def table(rs: list[Row]) -> str:
    cells = [HEADER, *(_cells(r) for r in rs)]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(HEADER))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    total_w = sum(r.windows for r in rs)
    total_i = sum(r.individuals for r in rs)
    lines.append(f"合计：窗口 {total_w} 个，个人 {total_i} 名。")
    return "\n".join(lines) + "\n"


def markdown(rs: list[Row]) -> str:
    out = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(_cells(r)) + " |" for r in rs]
    return "\n".join(out) + "\n"


def as_json(rs: list[Row]) -> str:
    return json.dumps([asdict(r) for r in rs], ensure_ascii=False, indent=2) + "\n"
