"""A quick answer to "would Cerberus find nothing wrong with this record?", derived from the same schema.

Cerberus spends about a fifth of a full check's time on records that are valid (almost all of them):
it resolves, queues and dispatches every rule of every field through several layers of calls. For
each schema this module builds, once, a small checker of the rules it fully understands, read from
the very same schema (rules stay data). The checker can only say "surely valid" or "not sure": on
any doubt - any failed rule, a value of an unexpected type, an empty value, a rule it does not know -
the record goes to Cerberus as before, so every finding and message is still Cerberus' own.

Conservative by construction: a schema with any rule outside `_KNOWN` (or a rule written in a form
not read here) has no checker at all, and types are matched exactly (a `true` is not an integer
here, though Cerberus counts it as one). `tests/check/test_surely_valid.py` holds it to Cerberus on
every fixture record and on mutations of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]  # True: Cerberus surely finds nothing wrong with the value

# The rules read here; `meta` is ours and Cerberus ignores it.
_KNOWN = frozenset(
    {
        "type",
        "required",
        "nullable",
        "empty",
        "meta",
        "min",
        "max",
        "minlength",
        "maxlength",
        "allowed",
        "regex",
        "schema",
    }
)
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
    "dict": (dict,),
    "list": (list,),
    "number": (int, float),
}
# Rules Cerberus drops for an empty value when `empty: true` (`Validator._validate_empty`); any other
# rule beside an empty value leaves the checker unsure.
_SKIPPED_WHEN_EMPTY = frozenset(
    {"type", "required", "nullable", "empty", "meta", "minlength", "maxlength", "allowed", "regex"}
)


def mapping_check(schema: Any) -> Check | None:
    """A checker for a document under `schema` (as given to Cerberus, unknown fields not allowed),
    or None when the schema uses anything this module does not read."""
    if not isinstance(schema, dict):
        return None
    checks: dict[str, Check] = {}
    required: list[str] = []
    for name, rule in schema.items():
        check = _rule_check(rule) if isinstance(name, str) and isinstance(rule, dict) else None
        if check is None:
            return None
        checks[name] = check
        if rule.get("required", False) is True:
            required.append(name)
        elif rule.get("required", False) is not False:
            return None

    def check_mapping(value: Any) -> bool:
        if type(value) is not dict:
            return False
        for name in required:
            if name not in value:
                return False
        for name, item in value.items():
            check = checks.get(name) if type(name) is str else None
            if check is None or not check(item):
                return False
        return True

    return check_mapping


def _rule_check(rule: dict[str, Any]) -> Check | None:
    if not rule.keys() <= _KNOWN:
        return None
    kind = rule.get("type")
    types = _TYPES.get(kind) if isinstance(kind, str) else None  # a list of types: not read here
    nullable, empty = rule.get("nullable", False), rule.get("empty")
    if types is None or type(nullable) is not bool or empty not in (None, True, False):
        return None
    tests: list[Check] = []
    for make in (_bounds, _lengths, _allowed, _regex, _nested):
        made = make(rule, types)
        if made is False:
            return None
        if made is not True:
            tests.append(made)
    # An empty value (""): Cerberus skips most rules only when `empty: true`; elsewhere, unsure.
    empty_ok = empty is True and rule.keys() <= _SKIPPED_WHEN_EMPTY

    def check_value(value: Any) -> bool:
        if value is None:
            return nullable
        if type(value) not in types:
            return False
        if types[0] in (str, list, dict) and not value:
            return empty_ok
        for test in tests:  # noqa: SIM110 - a loop, not a generator per value: called for every field
            if not test(value):
                return False
        return True

    return check_value


# Each maker returns a test for its rule, True when the rule is absent, False when it is written in a
# form not read here (the whole schema then goes to Cerberus).
Made = Check | bool


def _number(x: Any) -> bool:
    return type(x) in (int, float)


def _bounds(rule: dict[str, Any], types: tuple[type, ...]) -> Made:
    lo, hi = rule.get("min"), rule.get("max")
    if lo is None and hi is None:
        return True
    if types[0] is not int or not all(b is None or _number(b) for b in (lo, hi)):
        return False
    return lambda v: (lo is None or v >= lo) and (hi is None or v <= hi)


def _lengths(rule: dict[str, Any], types: tuple[type, ...]) -> Made:
    lo, hi = rule.get("minlength"), rule.get("maxlength")
    if lo is None and hi is None:
        return True
    if types[0] not in (str, list, dict) or not all(b is None or type(b) is int for b in (lo, hi)):
        return False
    return lambda v: (lo is None or len(v) >= lo) and (hi is None or len(v) <= hi)


def _allowed(rule: dict[str, Any], types: tuple[type, ...]) -> Made:
    allowed = rule.get("allowed")
    if allowed is None:
        return True
    if types[0] is not str or not isinstance(allowed, list) or not all(type(a) is str for a in allowed):
        return False
    values = frozenset(allowed)
    return lambda v: v in values


def _regex(rule: dict[str, Any], types: tuple[type, ...]) -> Made:
    pattern = rule.get("regex")
    if pattern is None:
        return True
    if types[0] is not str or type(pattern) is not str:
        return False
    # As Cerberus (`Validator._validate_regex`): anchored at the end unless it already is, then `match`.
    try:
        compiled = re.compile(pattern if pattern.endswith("$") else pattern + "$")
    except re.error:
        return False
    return lambda v: compiled.match(v) is not None


def _nested(rule: dict[str, Any], types: tuple[type, ...]) -> Made:
    schema = rule.get("schema")
    if schema is None:
        return True
    if types[0] is dict:
        return mapping_check(schema) or False
    if types[0] is list and isinstance(schema, dict):
        item = _rule_check(schema)
        if item is None:
            return False
        return lambda v: all(item(x) for x in v)
    return False
