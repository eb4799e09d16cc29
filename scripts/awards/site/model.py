"""What the public may see: the whitelisted fields of the recommended records, and the campaign clock.

Every page and every PDF is built from `Entry` objects only. An `Entry` is made by copying the fields
named in `rules/site.yml` (public_fields) and nothing else, so a new private field added to a schema
can never reach the site by accident.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from awards.check import decisions
from awards.read.chinese_dates import chinese
from awards.read.load import Document, Submissions
from awards.rules.loader import Rules
from awards.rules.workdays import WorkCalendar


class Stage(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date

    def chinese(self) -> str:
        """公示时间：9月16日至9月23日 (the year is added when the period spans two years)."""
        if self.start.year != self.end.year:
            return f"{self.start.year}年{chinese(self.start)}至{self.end.year}年{chinese(self.end)}"
        return f"{chinese(self.start)}至{chinese(self.end)}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One recommended record as the public sees it."""

    kind: str
    order: int
    unit: str  # the recommending unit's name (public: it is who signs the recommendation)
    fields: tuple[tuple[str, str], ...]  # whitelisted (field, text) pairs, in whitelist order
    name_field: str  # the field that names it (rules/kinds.yml): 窗口名称, 姓名

    @property
    def name(self) -> str:
        return self.get(self.name_field)

    def get(self, field: str) -> str:
        return next((value for key, value in self.fields if key == field), "")

    def as_dict(self) -> dict[str, Any]:
        return {"序号": self.order, **dict(self.fields)}


@dataclass(frozen=True, slots=True)
class Source:
    """Where the build came from: the commit, and whether records or rules differ from it."""

    commit: str | None
    dirty: bool

    def label(self) -> str:
        if self.commit is None:
            return "未提交"
        return f"{self.commit}（含未提交的改动）" if self.dirty else self.commit


def site_rules(rules: Rules) -> dict[str, Any]:
    data = rules.extra.get("site.yml")
    if not isinstance(data, dict):
        raise LookupError("rules/site.yml 缺失：公示网站需要公开字段白名单等数据")
    return data


def _text(value: Any) -> str:
    """A field value as plain text; whatever the clerk typed is kept, never interpreted."""
    if value is None:
        return ""
    return str(value).strip()


def project(doc: Document, order: int, rules: Rules) -> Entry:
    allowed: list[str] = site_rules(rules)["public_fields"][doc.kind]
    data = doc.data or {}
    unit = rules.units[doc.unit].name if doc.unit is not None and doc.unit in rules.units else ""
    fields = tuple((f, _text(data.get(f))) for f in allowed)
    return Entry(doc.kind, order, unit, fields, rules.kinds[doc.kind].name_field)


def recommended(subs: Submissions, rules: Rules, formal: bool = False) -> dict[str, list[Entry]]:
    """The publicity lists, in decision order, already reduced to public fields.

    At the formal stage (`formal`) the provincial 公示 is of the ministry's fed-back nominees only
    (通知三（一）3); one withdrawn after the 公示 stays listed, its 公示结果 says so (`withdrawn`)."""
    return {
        kind: [project(doc, i, rules) for i, doc in enumerate(docs, 1)]
        for kind, docs in decisions.recommended(subs, formal=formal, keep_withdrawn=True).items()
    }


def withdrawn(subs: Submissions, rules: Rules) -> list[tuple[str, str]]:
    """(kind name, nominee name) of every nominee withdrawn after the 公示 (R26), in decisions order.

    The reason stays internal: the 公示结果 says only that the recommendation was withdrawn."""
    gone = decisions.withdrawn(subs)
    by_id = {d.record_id: d for d in subs.documents if d.record_id in gone and d.data is not None}
    out = []
    for record in gone:
        doc = by_id.get(record)
        if doc is not None:
            kind = rules.kinds[doc.kind]
            out.append((kind.name, _text((doc.data or {}).get(kind.name_field))))
    return out


def pool(subs: Submissions, rules: Rules) -> dict[str, list[Entry]]:
    """Every submitted record, projected the same way (used only for counts before the publicity)."""
    return {k.code: [project(doc, 0, rules) for doc in subs.records(k.code)] for k in rules.kinds.nominees}


def period(rules: Rules, calendar: WorkCalendar) -> Period | None:
    start = rules.date("publicity", "provincial_start")
    if start is None:
        return None
    days = rules.settings.publicity_days
    # The same function the checker's unit-publicity rule uses, so both agree on what 5 working days are.
    return Period(start, calendar.end_of_period(start, days))


def stage(today: dt.date, when: Period | None) -> Stage:
    if when is None or today < when.start:
        return Stage.BEFORE
    return Stage.DURING if today <= when.end else Stage.AFTER


def source(root: Path) -> Source:
    """`git rev-parse HEAD`, or no commit outside git (the footer then says 未提交)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--verify", "HEAD"], cwd=root, capture_output=True, text=True, check=False
        )
        if head.returncode != 0:
            return Source(None, True)
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", "rules", "submissions"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:  # no git installed
        return Source(None, True)
    return Source(head.stdout.strip(), bool(status.stdout.strip()))


def private_docs(subs: Submissions) -> list[Document]:
    """Every readable document, whose non-public values the leak scan looks for."""
    return [d for d in subs.documents if d.data is not None]
