"""The registry of rule families (yamllint's `_RULES`): every module whose field checks a record schema
may name in `meta.check`. The names the schemas may use are derived from it, never kept by hand.

Importing this module registers the families' checks (`@field_check`) and, with the rules loader, the
meta-schema of rules/schemas/ that allows exactly those names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from awards.check import (
    campaign,
    dates,
    decisions,
    deeds,
    formal,
    identity,
    names,
    phone,
    photo,
    privacy,
    vocab,
)
from awards.check.context import FIELD_CHECKS, FieldCheck
from awards.core.sink import Sink
from awards.read.load import Submissions
from awards.rules import meta as rules_meta
from awards.rules.loader import Rules

FAMILIES: dict[str, ModuleType] = {
    "dates": dates,  # dates, years of service, publicity periods
    "deeds": deeds,  # 主要事迹 / 简要事迹: word limits, attestation
    "identity": identity,  # 身份证号
    "names": names,  # window and unit names
    "phone": phone,  # phone numbers and e-mail
    "photo": photo,  # the 2-inch photo
    "vocab": vocab,  # education, rank and other vocabularies
}

# Families that check a whole record rather than a field a schema names (run by `perfile`).
RECORD_FAMILIES: dict[str, ModuleType] = {
    "privacy": privacy,  # no published field shows a private value (the matcher the leak scan uses)
}


@dataclass(frozen=True, slots=True)
class CrossRecordRule:
    """A rule across records. It runs after the per-file stage on every record, and `reads` names every
    record field it reads (data or marks): the cached and parallel checks hand it slim documents that
    keep only those fields, so an undeclared field would be silently absent there while present in a
    serial run. `tests/check/test_cross_record_reads.py` fails when a rule reads an undeclared field.
    The decisions file is always handed over whole."""

    name: str
    check: Callable[[Submissions, Rules, dt.date, Sink], None]
    reads: Callable[[Rules], tuple[str, ...]]


def _nothing(rules: Rules) -> tuple[str, ...]:
    return ()


CROSS_RECORD: tuple[CrossRecordRule, ...] = (
    CrossRecordRule("campaign", campaign.check, campaign.reads),  # quotas, ranking, duplicates, contact forms
    CrossRecordRule("decisions", decisions.check, _nothing),  # names records by path only
    CrossRecordRule("formal", formal.check, formal.reads),  # 征求意见 in the formal stage
)


def record_fields(rules: Rules) -> tuple[str, ...]:
    """Every record field some rule across records reads: what a slim document keeps."""
    return tuple(dict.fromkeys(field for rule in CROSS_RECORD for field in rule.reads(rules)))


def check_across(subs: Submissions, rules: Rules, today: dt.date, sink: Sink) -> None:
    for rule in CROSS_RECORD:
        rule.check(subs, rules, today, sink)


def field_checks() -> dict[str, FieldCheck]:
    """Every registered field check by its `meta.check` name."""
    return dict(FIELD_CHECKS)


rules_meta.register("schemas", rules_meta.record_schema(FIELD_CHECKS))
