"""Privacy: no published field of a record may show a private value (the validate half of the one model).

Every field the site publishes (rules/site.yml `public_fields`) is read by the same matcher the build's
leak scan reads every output file with (`awards.rules.matcher`), so a city sees the problem in its pull
request and the build never refuses what `validate` passed. Looked for: the record's own private values
(its ID number and the birth date in it, its phones, e-mail, photo, the 征求意见 signers) in any
spelling, and anybody's ID number, mobile or landline.
"""

from __future__ import annotations

from typing import Any

from awards.check.context import Ctx
from awards.rules.matcher import GENERIC, Matcher
from awards.rules.private import SiteRules, published_numbers, record_secrets, site_rules

# The typed site rules of the last rules/site.yml checked with: made once, not once per record.
_LAST: tuple[Any, SiteRules] | None = None


def _site(rules: Any) -> SiteRules:
    global _LAST
    site = rules.extra.get("site.yml")
    if _LAST is None or _LAST[0] is not site:
        _LAST = (site, site_rules(rules))
    return _LAST[1]


def public_fields(ctx: Ctx) -> list[str]:
    if "site.yml" not in ctx.rules.extra:
        return []  # a campaign without a site publishes nothing
    return list(_site(ctx.rules).public_fields.get(ctx.doc.kind, ()))


def exempt(ctx: Ctx) -> frozenset[str]:
    """The office's phones and the rules' examples: printed by the campaign itself, nobody's secret."""
    return published_numbers(ctx.rules)


def check(ctx: Ctx) -> None:
    fields = public_fields(ctx)
    schema = ctx.rules.schemas.get(ctx.doc.kind)
    if not fields or schema is None:
        return
    policy = _site(ctx.rules).privacy
    matcher = Matcher(record_secrets(schema, ctx.data, ctx.doc.path, policy), exempt(ctx))
    for key in fields:
        value = ctx.data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            continue
        own: list[str] = []
        others: list[str] = []
        first: dict[str, int] = {}
        for found in matcher.find(value):
            whose = others if found.source is GENERIC else own
            if found.label not in whose:
                whose.append(found.label)
            first.setdefault("own" if whose is own else "other", found.start + 1)
        if own:
            ctx.emit("private-in-public-text", (key,), key=key, what="、".join(own), at=first["own"])
        if others:
            ctx.emit(
                "private-number-in-public-text", (key,), key=key, what="、".join(others), at=first["other"]
            )
