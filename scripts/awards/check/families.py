"""The registry of rule families (yamllint's `_RULES`): every module whose field checks a record schema
may name in `meta.check`. The names the schemas may use are derived from it, never kept by hand.

Importing this module registers the families' checks (`@field_check`) and, with the rules loader, the
meta-schema of rules/schemas/ that allows exactly those names.
"""

from __future__ import annotations

from types import ModuleType

from awards.check import controls, dates, deeds, identity, names, phone, photo, privacy, vocab
from awards.check.context import FIELD_CHECKS, FieldCheck
from awards.rules import meta as rules_meta

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
    "controls": controls,  # no control characters in any value
    "privacy": privacy,  # no published field shows a private value (the matcher the leak scan uses)
}


def field_checks() -> dict[str, FieldCheck]:
    """Every registered field check by its `meta.check` name."""
    return dict(FIELD_CHECKS)


rules_meta.register("schemas", rules_meta.record_schema(FIELD_CHECKS))
