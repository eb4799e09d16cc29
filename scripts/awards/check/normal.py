"""Unambiguous normalisations: values whose intended canonical form is certain.

The notice asks for values from fixed lists, but a clerk who writes 汉, 党员, 本科 or 管理岗九级 means one
value and only one. The checker accepts such a value with a warning naming the canonical form, and
`awards fix` rewrites it; both read the tables here (aliases in rules/vocabularies.yml and rules/ranks.yml),
so what the warning promises is exactly what the fix does.
"""

from __future__ import annotations

import re
from typing import Any

from awards.read import chinese_dates
from awards.rules.loader import Rules, Vocab

# Full-width digits (and the X of an ID number, the hyphen and plus of a phone number) typed with a
# Chinese input method: the number meant is certain.
_FULLWIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－＋", "0123456789Xx-+")
_HAS_FULLWIDTH = re.compile("[０-９]")
# 学历学位 is `学历/学位`: the level is the text before the first separator.
_LEVEL = re.compile(r"^\s*([^/／、，,\s]+)")

NUMBER_CHECKS = frozenset({"phone", "mobile", "landline", "id_number"})
DATE_CHECKS = frozenset({"date", "service_start", "window_start"})
RANK_CHECKS = frozenset({"admin_rank", "unit_rank"})


def fullwidth_digits(value: str) -> str | None:
    """The number with half-width digits, when it was written with full-width ones."""
    if not _HAS_FULLWIDTH.search(value):
        return None
    return value.translate(_FULLWIDTH)


def vocab_alias(value: str, vocab: Vocab) -> str | None:
    return vocab.aliases.get(value.strip())


def education_alias(value: str, vocab: Vocab) -> str | None:
    """`本科/学士` → `大学本科/学士`: only the level is an alias; the degree and separator are kept."""
    m = _LEVEL.match(value)
    if m is None:
        return None
    canonical = vocab.aliases.get(m.group(1))
    if canonical is None:
        return None
    return value[: m.start(1)] + canonical + value[m.end(1) :]


def rank_alias(value: str, ranks: dict[str, Any]) -> str | None:
    aliases: dict[str, str] = ranks.get("aliases") or {}
    return aliases.get(value.strip())


def date_spelling(value: str) -> str | None:
    """`2011.09`, `2011年9月`, `2011/9/1` → `2011-09`, `2011-09-01`: the form the tables print.

    Every accepted spelling is read the same way by the checker, so the checker does not warn about
    them; `awards fix` only makes the records uniform.
    """
    parsed = chinese_dates.parse(value)
    if parsed is None or str(parsed) == value:
        return None
    return str(parsed)


def canonical_for(meta: dict[str, Any], value: Any, rules: Rules) -> str | None:
    """What `awards fix` writes instead of `value` in a field with this schema `meta`, or None."""
    if not isinstance(value, str):
        return None
    check = meta.get("check")
    if "vocab" in meta:
        return vocab_alias(value, rules.vocab[meta["vocab"]])
    if check == "education":
        return education_alias(value, rules.vocab["education"])
    if check in RANK_CHECKS:
        return rank_alias(value, rules.ranks)
    if check in NUMBER_CHECKS:
        return fullwidth_digits(value)
    if check in DATE_CHECKS:
        return date_spelling(value)
    return None
