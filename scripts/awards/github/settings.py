"""The GitHub side of `rules/units.yml`: the organisation, and the units a reviewer reopened.

`awards.rules.loader.load` checks these keys against the meta-schema but keeps only the units and reviewers, so
this module reads the (already validated) file once more for the two top-level keys it owns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from awards.core.problems import Mark, Problem, Severity
from awards.read import yamlsrc
from awards.rules.loader import Rules, RulesError

UNITS_FILE = "rules/units.yml"


@dataclass(frozen=True, slots=True)
class Reopening:
    unit: str
    until: dt.date  # the last day (inclusive) on which the unit may change its records again
    reason: str


@dataclass(frozen=True, slots=True)
class Settings:
    org: str | None
    reopened: tuple[Reopening, ...]
    bots: tuple[str, ...] = ()  # e.g. dependabot[bot]: may propose changes outside submissions/

    def reopened_on(self, unit: str, today: dt.date) -> Reopening | None:
        return next((r for r in self.reopened if r.unit == unit and today <= r.until), None)


def _invalid(mark: Mark, message: str) -> RulesError:
    return RulesError([Problem(UNITS_FILE, mark.line, mark.col, Severity.ERROR, "rules-invalid", message)])


def _one_place_each(doc: dict[str, Any], positions: yamlsrc.Positions) -> None:
    """A login belongs to one unit, or to the reviewers, never to two: otherwise which unit's folder a
    clerk may change would depend on the order of rules/units.yml."""
    seen: dict[str, str] = {}
    places: list[tuple[str, yamlsrc.Path, list[Any]]] = [
        ("审核人员", ("reviewers", "members"), list((doc.get("reviewers") or {}).get("members") or []))
    ]
    for i, unit in enumerate(doc.get("units") or []):
        places.append((f"单位“{unit.get('code')}”", ("units", i, "members"), list(unit.get("members") or [])))
    for where, key, members in places:
        for j, login in enumerate(members):
            folded = str(login).casefold()
            if folded in seen and seen[folded] != where:
                raise _invalid(
                    positions.value((*key, j)),
                    f"规则文件有误：登录名“{login}”同时登记在{seen[folded]}和{where}，每个登录名只能属于一处",
                )
            seen.setdefault(folded, where)


def read(rules: Rules) -> Settings:
    """The GitHub settings of the campaign whose rules were loaded from `rules.root`."""
    path = rules.root / UNITS_FILE
    doc, positions = _parse(path)
    _one_place_each(doc, positions)
    github = doc.get("github") or {}
    reopened = []
    for i, item in enumerate(doc.get("reopened") or []):
        unit = str(item["unit"])
        if unit not in rules.units:
            mark = positions.value(("reopened", i, "unit"))
            raise RulesError(
                [
                    Problem(
                        UNITS_FILE,
                        mark.line,
                        mark.col,
                        Severity.ERROR,
                        "rules-invalid",
                        f"规则文件有误：reopened 中的“{unit}”不是已登记的单位代码",
                    )
                ]
            )
        reopened.append(Reopening(unit, dt.date.fromisoformat(item["until"]), str(item.get("reason") or "")))
    org = github.get("org")
    bots = tuple(str(b) for b in github.get("bots") or ())
    return Settings(str(org) if org else None, tuple(reopened), bots)


def _parse(path: Path) -> tuple[dict[str, Any], yamlsrc.Positions]:
    text, _ = yamlsrc.decode(path.read_bytes(), 4 * 1024 * 1024)
    node, _ = yamlsrc.parse(text or "")
    if node is None:  # cannot happen after rules.load() succeeded on the same file
        return {}, yamlsrc.Positions()
    data, positions = yamlsrc.to_python(node, numbers=True)
    return (data if isinstance(data, dict) else {}), positions
