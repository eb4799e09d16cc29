"""The provincial office's decisions (`submissions/decisions.yml`): which records it recommends, in order.

The file is reviewer-owned. Each entry names a record by its path under submissions/ without `.yml`
(`Document.record_id`), says 推荐 or 不推荐 and, when recommended, its place in the provincial list;
windows and individuals are ordered separately. The public site and the 公示 snapshots read the
recommended lists from here, so this check is what keeps them from naming a record that is not there,
listing more nominees than the province may send, or ordering them ambiguously.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from awards.core.sink import Sink, describe
from awards.read.load import Document, Submissions
from awards.rules.kinds import NOMINEES
from awards.rules.loader import Rules

LIST_KEY = "决定"
RECORD, VALUE, ORDER, NOTE = "记录", "决定", "排序", "说明"
ENTRY_KEYS = (RECORD, VALUE, ORDER, NOTE)
RECOMMEND, DECLINE = "推荐", "不推荐"
_DIGITS = re.compile(r"^[0-9]{1,6}$")  # an order, never a 5,000-digit number


@dataclass(frozen=True, slots=True)
class Decision:
    index: int  # position in the `决定` list, for marks
    record: str
    value: str
    order: int | None
    line: int


def _order(value: Any) -> int | None:
    """排序 as the reviewer typed it: plain digits (the YAML reader keeps them as text)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _DIGITS.match(value.strip()):
        return int(value.strip())
    return None


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
            out.append(Decision(i, record.strip(), value.strip(), _order(entry.get(ORDER)), mark.line))
    return out


def decisions_document(subs: Submissions) -> Document | None:
    return next((d for d in subs.documents if d.kind == "decisions"), None)


def recommended(subs: Submissions) -> dict[str, list[Document]]:
    """The recommended records of each kind in decision order; only meaningful once the check passed."""
    doc = decisions_document(subs)
    by_id = {d.record_id: d for d in subs.documents if d.kind in NOMINEES and d.data is not None}
    out: dict[str, list[Document]] = {kind: [] for kind in NOMINEES}
    if doc is None:
        return out
    picked = []
    for decision in read(doc):
        record = by_id.get(decision.record)
        if decision.value == RECOMMEND and record is not None:
            picked.append((decision.order or 0, decision.index, record))
    for *_place, record in sorted(picked, key=lambda p: (p[0], p[1])):
        out[record.kind].append(record)
    return out


def check(subs: Submissions, rules: Rules, today: dt.date, sink: Sink) -> None:
    doc = decisions_document(subs)
    if doc is None or doc.data is None:
        return  # no decisions yet, or the file could not be read (already reported by the loader)
    if not _structure(doc, sink):
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


def _structure(doc: Document, sink: Sink) -> bool:
    """The shape of the file: `决定:` holding a list of entries with known keys. False if unusable."""
    data = doc.data or {}
    ok = True
    for key in data:
        if key != LIST_KEY:
            sink.emit("unknown-key", doc.path, doc.key_mark(key), case="only", key=key, only=LIST_KEY)
    entries = data.get(LIST_KEY)
    if LIST_KEY not in data:
        sink.emit("missing-key", doc.path, doc.mark(), key=LIST_KEY)
        return False
    if entries is None:
        return True  # an empty list of decisions is a valid state before the office decides
    if not isinstance(entries, list):
        sink.emit(
            "wrong-type",
            doc.path,
            doc.mark(LIST_KEY),
            key=LIST_KEY,
            expected="列表（每条以“- ”开头）",
            actual=describe(entries),
        )
        return False
    for i, entry in enumerate(entries):
        where = (LIST_KEY, i)
        if not isinstance(entry, dict):
            sink.emit(
                "not-a-mapping",
                doc.path,
                doc.mark(*where),
                key=f"决定第 {i + 1} 条",
                actual=describe(entry),
            )
            ok = False
            continue
        for key in entry:
            if key not in ENTRY_KEYS:
                close = difflib.get_close_matches(key, ENTRY_KEYS, n=1)
                case = "close" if close else "other"
                sink.emit(
                    "unknown-key",
                    doc.path,
                    doc.key_mark(*where, key),
                    case=case,
                    key=key,
                    close=close[0] if close else "",
                )
                ok = False
        for key in (RECORD, VALUE):
            value = entry.get(key)
            if key not in entry:
                sink.emit("missing-key", doc.path, doc.mark(*where), key=key)
                ok = False
            elif not isinstance(value, str) or not value.strip():
                sink.emit(
                    "wrong-type",
                    doc.path,
                    doc.mark(*where, key),
                    key=key,
                    expected="文字",
                    actual=describe(value),
                )
                ok = False
        order = entry.get(ORDER)
        if entry.get(VALUE) == RECOMMEND and order is None:
            sink.emit("missing-key", doc.path, doc.mark(*where), key=ORDER)
            ok = False
        elif order is not None and _order(order) is None:
            sink.emit(
                "wrong-type",
                doc.path,
                doc.mark(*where, ORDER),
                key=ORDER,
                expected="整数",
                actual=describe(order),
            )
            ok = False
    return ok


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
