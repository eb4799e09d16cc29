"""What counts as private in a record: the privacy policy of rules/site.yml, typed.

rules/site.yml says which fields are private (by the `meta.check` the schemas give them), whose
signatures are, and which findings stop the 公示 whatever the record's fate; this module reads that
into a frozen `Policy` and walks a record for its private values. Shared by the checker (published
fields must not show them) and by the leak scan (no output file may). Light on purpose: the validate
path imports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from awards.read.fold import digits, fold
from awards.rules import matcher
from awards.rules.matcher import Secret

ID_CHECK = "id_number"  # its value also gives the birth date (GB 11643)
PHONE_CHECKS = frozenset({"phone", "mobile", "landline"})
PHOTO_CHECK = "photo"


@dataclass(frozen=True, slots=True)
class Policy:
    """rules/site.yml `privacy`."""

    private_checks: Mapping[str, str]  # meta.check -> what the value is called in messages
    signatures_check: str  # the meta.check of the 征求意见 mapping
    signer: str  # the field in each of its parts that holds a signer's name
    signer_label: str
    blocking_codes: frozenset[str]  # findings that stop the 公示 whatever the record's fate


@dataclass(frozen=True, slots=True)
class SiteRules:
    """The typed part of rules/site.yml that privacy depends on."""

    public_fields: Mapping[str, tuple[str, ...]]
    privacy: Policy


def site_rules_of(site: Mapping[str, Any]) -> SiteRules:
    """rules/site.yml (checked against its meta-schema already) as frozen, typed values."""
    p = site["privacy"]
    policy = Policy(
        private_checks={str(k): str(v) for k, v in p["private_checks"].items()},
        signatures_check=str(p["signatures"]["check"]),
        signer=str(p["signatures"]["signer"]),
        signer_label=str(p["signatures"]["label"]),
        blocking_codes=frozenset(map(str, p["blocking_codes"])),
    )
    fields = {str(k): tuple(map(str, v)) for k, v in site["public_fields"].items()}
    return SiteRules(fields, policy)


def site_rules(rules: Any) -> SiteRules:
    """The typed site rules of a loaded campaign (`Rules.extra["site.yml"]`)."""
    site = rules.extra.get("site.yml")
    if not isinstance(site, Mapping):
        raise LookupError("rules/site.yml 缺失：隐私规则和公开字段白名单在其中")
    return site_rules_of(site)


# One step of a schema's walk: (field, check, label, holds signatures, the steps inside it).
_Step = tuple[str, str, str, bool, "tuple[_Step, ...]"]
_PLANS: dict[tuple[int, Any], tuple[dict[str, Any], tuple[_Step, ...]]] = {}


def _plan(schema: dict[str, Any], policy: Policy) -> tuple[_Step, ...]:
    """The fields of `schema` that are private, hold signatures or hold such fields: worked out once
    per schema and policy (every record of a kind walks the same schema)."""
    # By the policy's content (each loading of the rules types it anew) and the schema's identity.
    key = (
        id(schema),
        (tuple(sorted(policy.private_checks.items())), policy.signatures_check, policy.signer_label),
    )
    known = _PLANS.get(key)
    if known is not None and known[0] is schema:
        return known[1]
    steps: list[_Step] = []
    for name, rule in schema.items():
        if not isinstance(rule, dict):
            continue
        check = str((rule.get("meta") or {}).get("check"))
        inner = _plan(rule["schema"], policy) if isinstance(rule.get("schema"), dict) else ()
        private = check in policy.private_checks
        signatures = not private and check == policy.signatures_check
        if private or signatures or inner:
            label = policy.private_checks[check] if private else policy.signer_label
            steps.append((name, check if private or signatures else "", label, signatures, inner))
    if len(_PLANS) > 64:  # rules loaded again and again (tests): forget the old ones
        _PLANS.clear()
    _PLANS[key] = (schema, tuple(steps))  # the schema kept alive, so its id is not reused
    return tuple(steps)


def private_values(
    schema: dict[str, Any], data: Any, policy: Policy, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, str, str, Any]]:
    """(check, label, field path, value) for every private value in `data`, as the schema marks them."""
    yield from _walk(_plan(schema, policy), data, policy, path)


def _walk(
    steps: tuple[_Step, ...], data: Any, policy: Policy, path: tuple[str, ...]
) -> Iterator[tuple[str, str, str, Any]]:
    if not isinstance(data, dict):
        return
    for name, check, label, signatures, inner in steps:
        if name not in data:
            continue
        value, here = data[name], (*path, name)
        if signatures:
            if isinstance(value, dict):
                for part, opinion in value.items():
                    if isinstance(opinion, dict):
                        yield check, label, f"{'.'.join(here)}.{part}", opinion.get(policy.signer)
        elif check:
            yield check, label, ".".join(here), value
        if inner:
            yield from _walk(inner, value, policy, here)


def record_secrets(schema: dict[str, Any], data: Any, source: str, policy: Policy) -> list[Secret]:
    """The matcher's secrets for one record: each private value the schema marks, in its own terms."""
    out: list[Secret] = []
    for check, label, _path, value in private_values(schema, data, policy):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # an unquoted number in YAML is still the number
        if not isinstance(value, str) or not value.strip():
            continue
        if check == ID_CHECK:
            out += matcher.id_secrets(value, source)
        elif check in PHONE_CHECKS:
            out += matcher.phone_secrets(label, value, source)
        elif check == PHOTO_CHECK:
            name = value.strip().replace("\\", "/").rsplit("/", 1)[-1]
            out += matcher.text_secret(label, name, source)
        else:
            out += matcher.text_secret(label, value, source, name=check == policy.signatures_check)
    return out


def numbers_in(texts: Iterable[str]) -> frozenset[str]:
    """Every ID, mobile or landline number the matcher finds in `texts` (digits only)."""
    finder = matcher.Matcher(())
    numbers: set[str] = set()
    for text in texts:
        plain = digits(fold(text)).text
        numbers |= {plain[f.start : f.end] for f in finder.find(plain)}
    return frozenset(numbers)


def published_numbers(rules: Any) -> frozenset[str]:
    """Numbers the campaign itself prints: the office's phones, the examples in the schemas and the
    catalogue (rules/), and the maintainers' hand-written pages (site/docs/). Anybody's number is a
    finding, except these: they are the campaign's own, published on purpose. Found once when the
    rules are loaded (`loader.load`) and kept with them in the rules cache, so a one-record check does
    not read the whole of rules/ again."""
    published: frozenset[str] = rules.published_numbers
    return published


def whitelist_problems(data: dict[str, Any], positions: Any, rel: str) -> list[tuple[str, int, int, str]]:
    """(path, line, col, message) for every field rules/site.yml publishes that a schema marks private
    (an ID number, a phone, the 征求意见…) or that holds other fields (窗口负责人: its phone with it).
    The whitelist is what keeps private values off the site: it must not be able to name them."""
    site = data.get("site.yml")
    if not isinstance(site, dict):
        return []
    policy = site_rules_of(site).privacy
    out = []
    for kind, fields in (site.get("public_fields") or {}).items():
        schema = data.get(f"schemas/{kind}.yml")
        if not isinstance(schema, dict) or not isinstance(fields, list):
            continue
        for i, name in enumerate(fields):
            rule = schema.get(name)
            if not isinstance(rule, dict):
                continue
            check = (rule.get("meta") or {}).get("check")
            private = check in policy.private_checks or check == policy.signatures_check
            if private or isinstance(rule.get("schema"), dict):
                mark = positions.value(("public_fields", kind, i))
                what = policy.private_checks.get(str(check), "个人信息")
                message = (
                    f"公开字段白名单不能列出“{name}”：它是不得公开的{what}（或含有这类信息的一组项目）。"
                )
                out.append((rel, mark.line, mark.col, message))
    return out
