"""Rules across records: quotas, grassroots windows, ranking, duplicates, the contact form."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from awards.check import decisions
from awards.core.problems import Mark
from awards.core.sink import Sink
from awards.read.fold import fold
from awards.read.load import Document, Submissions
from awards.rules.kinds import NOMINEES
from awards.rules.loader import Rules

RANK, LEVEL = "推荐排序", "窗口级别"


def reads(rules: Rules) -> tuple[str, ...]:
    """Every record field the rules below read (declared in `check.families`; a test holds them to it)."""
    keys = (kind.key_field for kind in rules.kinds.nominees if kind.key_field)
    photos = (_photo_field(rules, kind.code) for kind in rules.kinds.nominees)
    return (RANK, LEVEL, *keys, *(f for f in photos if f))


def check(subs: Submissions, rules: Rules, today: dt.date, sink: Sink) -> None:
    by_unit: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for doc in subs.documents:
        # Unreadable records still count towards the quota: the file is there, only its content is broken.
        if doc.kind in NOMINEES and doc.unit is not None and doc.unit in rules.units:
            by_unit[(doc.unit, doc.kind)].append(doc)
    for docs in by_unit.values():
        _ranking(docs, sink)
    _quotas(subs, rules, today, sink, by_unit)
    person, window = rules.kinds["individual"], rules.kinds["window"]
    _duplicates(
        subs.records(person.code), person.key_field, "duplicate-person", sink, lambda v: v.strip().upper()
    )
    _duplicates(subs.records(window.code), window.key_field, "duplicate-window", sink, _window_key)
    _contact_forms(subs, rules, today, sink)
    _formal_photos(subs, rules, today, sink)


def _window_key(name: str) -> str:
    """A window's name as a reader reads it: a zero-width space, a full-width letter or a space
    cannot make the same window look like another (read.fold)."""
    return "".join(fold(name, numerals=False).text.split())


def _ranking(docs: list[Document], sink: Sink) -> None:
    seen: dict[int, Document] = {}
    n = len(docs)
    for doc in sorted(docs, key=lambda d: d.path):
        rank = doc.rank
        if rank is None:
            continue
        if rank in seen:
            sink.emit(
                "ranking", doc.path, doc.mark(RANK), case="duplicate", value=rank, other=seen[rank].path
            )
        elif rank > n:
            sink.emit("ranking", doc.path, doc.mark(RANK), case="out-of-range", value=rank, count=n)
        else:
            seen[rank] = doc


def _quotas(
    subs: Submissions,
    rules: Rules,
    today: dt.date,
    sink: Sink,
    by_unit: dict[tuple[str, str], list[Document]],
) -> None:
    deadline = rules.date("deadlines", "first_review")
    late = deadline is not None and today > deadline
    for unit in rules.units.values():
        if unit.kind != "city":
            continue
        for kind in rules.kinds.nominees:
            docs = sorted(by_unit.get((unit.code, kind.code), []), key=lambda d: (d.rank or 0, d.path))
            quota = rules.settings.quotas.city[kind.code]
            params: dict[str, Any] = {"unit": unit.name, "kind": kind.name, "quota": quota}
            if len(docs) > quota:
                for doc in docs[quota:]:
                    sink.emit("quota-exceeded", doc.path, doc.mark(RANK), count=len(docs), **params)
            elif len(docs) < quota:
                where = f"submissions/{unit.code}/unit.yml"
                sink.emit(
                    "quota-short-late" if late else "quota-short",
                    where,
                    Mark(),
                    count=len(docs),
                    deadline=deadline.isoformat() if deadline else "",
                    **params,
                )
            if kind.code == "window":
                _grassroots(docs, unit.name, quota, late, rules, sink)


def _grassroots(
    docs: list[Document], unit_name: str, quota: int, late: bool, rules: Rules, sink: Sink
) -> None:
    levels = rules.settings.quotas.grassroots_levels
    minimum = rules.settings.quotas.grassroots_min
    found = sum(1 for d in docs if (d.data or {}).get(LEVEL) in levels)
    unknown = sum(1 for d in docs if d.data is None)  # unreadable: no accusation we cannot back
    if docs and found + unknown < minimum and (len(docs) >= quota or late):
        last = docs[-1]
        sink.emit("grassroots-window", last.path, last.mark(LEVEL), unit=unit_name, min=minimum)


def _duplicates(docs: list[Document], field: str, code: str, sink: Sink, norm: Any) -> None:
    first: dict[str, Document] = {}
    for doc in sorted(docs, key=lambda d: d.path):
        value = (doc.data or {}).get(field)
        if not isinstance(value, str) or not value.strip():
            continue
        key = norm(value)
        if key in first:
            sink.emit(code, doc.path, doc.mark(field), other=first[key].path)
        else:
            first[key] = doc


def _contact_forms(subs: Submissions, rules: Rules, today: dt.date, sink: Sink) -> None:
    present = {d.unit for d in subs.documents if d.kind == "unit"}
    deadline = rules.date("deadlines", "contact_form")
    late = deadline is not None and today > deadline
    for unit in rules.units.values():
        # 通知五 asks the form of the cities (各市) only; a provincial office may send one, never must.
        if unit.code in present or unit.kind != "city":
            continue
        path = f"submissions/{unit.code}/unit.yml"
        sink.emit(
            "contact-form-late" if late else "contact-form-missing",
            path,
            Mark(),
            unit=unit.name,
            file=path,
            deadline=deadline.isoformat() if deadline else "",
        )


def _photo_field(rules: Rules, kind: str) -> str | None:
    """The field whose schema asks for the photo check (照片), if this kind has one."""
    schema = rules.schemas.get(kind) or {}
    return next((k for k, r in schema.items() if ((r or {}).get("meta") or {}).get("check") == "photo"), None)


def _formal_photos(subs: Submissions, rules: Rules, today: dt.date, sink: Sink) -> None:
    """The notice asks for photos with the formal materials only (三（一）3), so a photo is asked of the
    ministry's fed-back individuals once the feedback is in; a warning, as the 公示 must not wait for it
    (the formal package's export and checklist insist)."""
    clock = decisions.clock(subs, rules)
    if not clock.formal(today):
        return
    since = clock.feedback_date
    deadline = rules.settings.schedule.formal
    for kind, docs in decisions.recommended(subs, formal=True).items():
        field = _photo_field(rules, kind)
        if field is None:
            continue
        for doc in docs:
            value = (doc.data or {}).get(field)
            if isinstance(value, str) and value.strip():
                continue  # given: the per-file photo check says whether it is usable
            sink.emit(
                "photo-required",
                doc.path,
                doc.mark(field) if field in (doc.data or {}) else doc.mark(),
                key=field,
                since=since.isoformat() if since else "",
                deadline=deadline.isoformat() if deadline else "规定时间",
                folder=f"submissions/{doc.unit}/photos/",
            )
