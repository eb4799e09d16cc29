"""The provincial office's decisions (`submissions/decisions.yml`): which records it recommends, in order,
and what followed: the ministry's feedback, the provincial police's opinion, a withdrawal.

The file is reviewer-owned. Each entry names a record by its path under submissions/ without `.yml`
(`Document.record_id`), says 推荐 or 不推荐 and, when recommended, its place in the provincial list;
windows and individuals are ordered separately. After the ministry's 初审 the province records its
feedback (`人社部反馈: 拟推荐 | 未通过` per entry and `人社部反馈日期`), then the 省级公安 opinion
(通知附件4 注2: the province asks for it; a city never writes it) and, after an objection in the 公示, a
withdrawal (`撤销`, R26). The file's shape is `rules/schemas/decisions.yml` (Cerberus, translated by
`rules/verdicts.py`); this module checks what a schema cannot: that the records exist, orders, quotas.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cerberus

from awards.core.sink import Sink, describe
from awards.read.load import DECISIONS, SUBMISSIONS, Document, Submissions, read_document
from awards.rules.kinds import NOMINEES
from awards.rules.loader import Rules
from awards.rules.stages import Clock, Feedback
from awards.rules.verdicts import Verdict, errors, verdict
from awards.rules.workdays import WorkCalendar

LIST_KEY = "决定"
RECORD, VALUE, ORDER, NOTE = "记录", "决定", "排序", "说明"
FEEDBACK, POLICE, WITHDRAWN = "人社部反馈", "省级公安意见", "撤销"
FEEDBACK_DATE = "人社部反馈日期"
RECOMMEND, DECLINE = "推荐", "不推荐"
GOES_ON, STOPPED = "拟推荐", "未通过"
_DIGITS = re.compile(r"^[0-9]{1,6}$")  # an order, never a 5,000-digit number
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Decision:
    index: int  # position in the `决定` list, for marks
    record: str
    value: str
    order: int | None
    line: int
    feedback: str | None = None  # 拟推荐 | 未通过 | None (not fed back yet)
    withdrawn: str | None = None  # the reason, when withdrawn after the 公示 (R26)
    police: str | None = None  # the provincial police's opinion, as the province recorded it


def _order(value: Any) -> int | None:
    """排序 as the reviewer typed it: plain digits (the YAML reader keeps them as text)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _DIGITS.match(value.strip()):
        return int(value.strip())
    return None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read(doc: Document) -> list[Decision]:
    """Every well-formed entry of the file, in file order (malformed ones are the checker's to report)."""
    entries = (doc.data or {}).get(LIST_KEY)
    out = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        record, value = entry.get(RECORD), entry.get(VALUE)
        if isinstance(record, str) and isinstance(value, str):
            mark = doc.mark(LIST_KEY, i)
            police = entry.get(POLICE)
            out.append(
                Decision(
                    i,
                    record.strip(),
                    value.strip(),
                    _order(entry.get(ORDER)),
                    mark.line,
                    _text(entry.get(FEEDBACK)),
                    _text(entry.get(WITHDRAWN)),
                    _text(police.get("意见")) if isinstance(police, dict) else None,
                )
            )
    return out


def decisions_document(subs: Submissions) -> Document | None:
    return next((d for d in subs.documents if d.kind == "decisions"), None)


def feedback(subs: Submissions) -> Feedback | None:
    """The ministry's feedback as recorded: its date and the records that go on (None before it)."""
    return feedback_of(decisions_document(subs))


def feedback_of(doc: Document | None) -> Feedback | None:
    raw = (doc.data or {}).get(FEEDBACK_DATE) if doc is not None else None
    if not isinstance(raw, str) or not _ISO.match(raw.strip()):
        return None
    try:
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None
    assert doc is not None
    goes_on = frozenset(d.record for d in read(doc) if d.value == RECOMMEND and d.feedback == GOES_ON)
    return Feedback(day, goes_on)


def read_file(path: Path, max_bytes: int) -> Document:
    """submissions/decisions.yml read on its own (`awards check-pr` reads the base branch's copy)."""
    doc = Document(f"{SUBMISSIONS}/{DECISIONS}", "decisions", None, "decisions")
    return read_document(path, doc, max_bytes) if path.is_file() else doc


def clock(subs: Submissions, rules: Rules) -> Clock:
    """The campaign clock: the planned schedule, the recorded feedback and the publicity's last day."""
    schedule = rules.settings.schedule
    end = None
    if schedule.publicity_start is not None:
        end = WorkCalendar(rules.holidays).end_of_period(
            schedule.publicity_start, rules.settings.publicity_days
        )
    return Clock(schedule, feedback(subs), end)


def recommended(subs: Submissions, formal: bool = False) -> dict[str, list[Document]]:
    """The recommended records of each kind in decision order; only meaningful once the check passed.

    `formal=True` (the formal stage: `Clock.formal(today)`): only those the ministry fed back as 拟推荐
    and not withdrawn since. A withdrawn nominee is never in an export; the site shows it as 已撤销.
    """
    doc = decisions_document(subs)
    by_id = {d.record_id: d for d in subs.documents if d.kind in NOMINEES and d.data is not None}
    out: dict[str, list[Document]] = {kind: [] for kind in NOMINEES}
    if doc is None:
        return out
    picked = []
    for decision in read(doc):
        record = by_id.get(decision.record)
        if decision.value != RECOMMEND or record is None:
            continue
        if formal and (decision.feedback != GOES_ON or decision.withdrawn):
            continue
        picked.append((decision.order or 0, decision.index, record))
    for *_place, record in sorted(picked, key=lambda p: (p[0], p[1])):
        out[record.kind].append(record)
    return out


def withdrawn(subs: Submissions) -> dict[str, str]:
    """Record id -> the reason, for every nominee withdrawn after the 公示 (R26)."""
    doc = decisions_document(subs)
    if doc is None:
        return {}
    return {d.record: d.withdrawn for d in read(doc) if d.withdrawn and d.value == RECOMMEND}


def police_opinions(subs: Submissions) -> dict[str, str]:
    """Record id -> the provincial police's opinion, as the province recorded it."""
    doc = decisions_document(subs)
    return {d.record: d.police for d in read(doc) if d.police} if doc is not None else {}


def check(subs: Submissions, rules: Rules, today: dt.date, sink: Sink) -> None:
    doc = decisions_document(subs)
    if doc is None or doc.data is None:
        return  # no decisions yet, or the file could not be read (already reported by the loader)
    if not _structure(doc, rules, sink):
        return
    records = {d.record_id: d for d in subs.documents if d.kind in NOMINEES}
    first_line: dict[str, int] = {}
    chosen: dict[str, list[Decision]] = defaultdict(list)
    for decision in read(doc):
        where = (LIST_KEY, decision.index)
        if decision.record in first_line:
            sink.emit(
                "decision-duplicate",
                doc.path,
                doc.mark(*where, RECORD),
                record=decision.record,
                first_line=first_line[decision.record],
            )
            continue
        first_line[decision.record] = decision.line
        target = records.get(decision.record)
        if target is None:
            close = difflib.get_close_matches(decision.record, list(records), n=1)
            sink.emit(
                "decision-unknown-record",
                doc.path,
                doc.mark(*where, RECORD),
                record=decision.record,
                suggestion=f"是不是“{close[0]}”？" if close else "",
            )
            continue
        if decision.value not in (RECOMMEND, DECLINE):
            sink.emit("decision-value", doc.path, doc.mark(*where, VALUE), value=decision.value)
            continue
        if decision.value == RECOMMEND:
            chosen[target.kind].append(decision)
    for kind, picked in chosen.items():
        _orders(doc, rules.kinds[kind].name, picked, sink)
        quota = rules.settings.quotas.province_total[kind]
        if len(picked) > quota:
            # Reported once, at the first entry past the quota, so the fix is obvious.
            extra = picked[quota]
            sink.emit(
                "decision-over-quota",
                doc.path,
                doc.mark(LIST_KEY, extra.index, VALUE),
                count=len(picked),
                kind=rules.kinds[kind].name,
                quota=quota,
            )


# One validator per rules fingerprint: building one is far dearer than validating with it.
_VALIDATORS: dict[str, cerberus.Validator] = {}


def _validator(rules: Rules) -> cerberus.Validator:
    v = _VALIDATORS.get(rules.fingerprint)
    if v is None:
        v = _VALIDATORS[rules.fingerprint] = cerberus.Validator(
            rules.file_schemas["decisions"], allow_unknown=False
        )
    return v


def _coerced(data: dict[str, Any]) -> dict[str, Any]:
    """排序 typed as digits is a number (the YAML reader keeps every scalar as text)."""
    entries = data.get(LIST_KEY)
    if not isinstance(entries, list):
        return data
    fixed = [
        {**e, ORDER: _order(e[ORDER])} if isinstance(e, dict) and _order(e.get(ORDER)) is not None else e
        for e in entries
    ]
    return {**data, LIST_KEY: fixed}


def _structure(doc: Document, rules: Rules, sink: Sink) -> bool:
    """The shape of the file (rules/schemas/decisions.yml), then 排序 on every 推荐. False if unusable."""
    data = doc.data or {}
    v = _validator(rules)
    ok = bool(v.validate(_coerced(data), normalize=False))
    if not ok:
        schema = rules.file_schemas["decisions"]
        found = [verdict(e) for e in errors(v)]
        # "only when 决定 is 推荐" says nothing new when that 决定 itself is wrong: report the cause once.
        causes = {f.path[:-1] for f in found if f.code != "only-when"}
        for f in found:
            if f.code != "only-when" or f.path[:-1] not in causes:
                _emit(doc, f, schema, sink)
    entries = data.get(LIST_KEY)
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and entry.get(VALUE) == RECOMMEND and entry.get(ORDER) is None:
            sink.emit("missing-key", doc.path, doc.mark(LIST_KEY, i), key=ORDER)
            ok = False
    fed = isinstance(entries, list) and any(isinstance(e, dict) and FEEDBACK in e for e in entries)
    if fed and FEEDBACK_DATE not in data:
        sink.emit("missing-key", doc.path, doc.mark(), key=FEEDBACK_DATE)
        ok = False
    return ok


def _emit(doc: Document, found: Verdict, schema: dict[str, Any], sink: Sink) -> None:
    """One Cerberus verdict as the catalogue's finding, at the line it concerns."""
    path = found.path
    last = path[-1] if path else LIST_KEY
    key = f"{LIST_KEY}第 {last + 1} 条" if isinstance(last, int) else str(last)
    mark = doc.mark(*path)
    if found.code == "missing-key":
        sink.emit("missing-key", doc.path, doc.mark(*path[:-1]), key=key)
    elif found.code == "unknown-key":
        known = _entry_keys(schema) if len(path) == 3 else list(schema)
        close = difflib.get_close_matches(key, known, n=1)
        case = "close" if close else ("only" if len(path) == 1 else "other")
        only = "、".join(schema)
        sink.emit(
            "unknown-key",
            doc.path,
            doc.key_mark(*path),
            case=case,
            key=key,
            close=close[0] if close else "",
            only=only,
        )
    elif found.code == "not-allowed" and last == VALUE:
        sink.emit("decision-value", doc.path, mark, value=found.value)
    elif found.code == "wrong-type" and isinstance(last, int):
        sink.emit("not-a-mapping", doc.path, mark, key=key, actual=describe(found.value))
    else:
        expected = {
            "wrong-type": "列表（每条以“- ”开头）" if path == (LIST_KEY,) else found.params.get("expected"),
            "wrong-format": "日期，如 2021-09-28",
            "not-allowed": f"{found.params.get('allowed')}之一",
            "value-too-small": "不小于 1 的整数",
            "only-when": f"只在{'、'.join(f'{k}为“{v}”' for k, v in dict(found.params.get('when') or {}).items())}时填写",
        }.get(found.code, "规定的格式")
        sink.emit("wrong-type", doc.path, mark, key=key, expected=expected, actual=describe(found.value))


def _entry_keys(schema: dict[str, Any]) -> list[str]:
    return list(schema[LIST_KEY]["schema"]["schema"])


def _orders(doc: Document, kind_name: str, picked: list[Decision], sink: Sink) -> None:
    seen: dict[int, Decision] = {}
    n = len(picked)
    for decision in picked:
        order = decision.order
        assert order is not None  # the structure check demands it for every 推荐
        if order in seen:
            reason = f"与第 {seen[order].line} 行重复"
        elif not 1 <= order <= n:
            reason = f"超出范围：共推荐 {n} 个{kind_name}，排序应为 1 到 {n}"
        else:
            seen[order] = decision
            continue
        sink.emit(
            "decision-order",
            doc.path,
            doc.mark(LIST_KEY, decision.index, ORDER),
            value=order,
            kind=kind_name,
            reason=reason,
        )
