"""Structure of one record (Cerberus), then the field checks its schema's `meta` asks for."""

from __future__ import annotations

import difflib
import re
from typing import Any

import cerberus

from awards.check.context import FIELD_CHECKS, Ctx, key_of
from awards.check.surely_valid import Check, mapping_check
from awards.check.vocab import check_vocab
from awards.core.sink import describe
from awards.read.yamlsrc import Path, fullwidth_key
from awards.rules.verdicts import errors, verdict

_INT = re.compile(r"^[+-]?[0-9]{1,9}$")  # an order or a count; 5,000 digits is a typo, not a number


def _with_defaults(schema: dict[str, Any]) -> dict[str, Any]:
    """Required text may not be blank unless the schema says `empty: true`."""
    out = {}
    for name, rule in schema.items():
        rule = dict(rule)
        if rule.get("type") == "string" and "empty" not in rule:
            rule["empty"] = False
        if isinstance(rule.get("schema"), dict):
            rule["schema"] = _with_defaults(rule["schema"])
        out[name] = rule
    return out


# One validator per schema, built once: building one is far dearer than validating with it. Beside
# it, the quick checker read from the same schema (`check.surely_valid`; None: the schema has a rule
# it does not read, and every record goes to Cerberus).
_VALIDATORS: dict[tuple[str, str], tuple[cerberus.Validator, Check | None]] = {}


def _validators(ctx: Ctx) -> tuple[cerberus.Validator, Check | None]:
    key = (ctx.doc.kind, ctx.rules.fingerprint)
    found = _VALIDATORS.get(key)
    if found is None:
        schema = _with_defaults(ctx.rules.schemas[ctx.doc.kind])
        found = (cerberus.Validator(schema, allow_unknown=False), mapping_check(schema))
        _VALIDATORS[key] = found
    return found


def _coerce(data: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Numbers from the digits the user typed, for fields the schema declares as integers only."""
    out = {}
    for name, value in data.items():
        rule = schema.get(name)
        if isinstance(rule, dict):
            if rule.get("type") == "integer" and isinstance(value, bool):
                # Cerberus counts True as an integer (bool is an int in Python); a clerk's `true` is not 1.
                value = "true" if value else "false"
            elif rule.get("type") == "integer" and isinstance(value, str) and _INT.match(value.strip()):
                value = int(value)
            elif isinstance(value, str) and not value.strip():
                value = ""
            elif isinstance(value, dict) and isinstance(rule.get("schema"), dict):
                value = _coerce(value, rule["schema"])
        out[name] = value
    return out


def _schema_at(schema: dict[str, Any], path: Path) -> dict[str, Any]:
    for part in path:
        schema = schema.get(str(part), {}).get("schema", {})
    return schema


def _report(ctx: Ctx, v: cerberus.Validator, schema: dict[str, Any]) -> set[Path]:
    """Turn Cerberus' errors into findings; return the paths that had one (their field checks are skipped)."""
    bad: set[Path] = set()
    for e in errors(v):
        found = verdict(e)
        path: Path = found.path
        bad.add(path)
        key = key_of(path)
        if found.code == "missing-key":
            ctx.sink.emit("missing-key", ctx.doc.path, ctx.doc.key_mark(*path[:-1]), key=key)
        elif found.code == "unknown-key":
            known = [k for k in _schema_at(schema, path[:-1]) if k not in _parent(ctx, path)]
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
            ctx.sink.emit(
                "unknown-key",
                ctx.doc.path,
                ctx.doc.key_mark(*path),
                case="close" if close else "other",
                key=key,
                close=close[0] if close else "",
            )
        elif found.code in ("empty-value", "value-too-small", "value-too-long"):
            ctx.emit(found.code, path, key=key, **found.params)
        else:
            fw = fullwidth_key(found.value) if isinstance(found.value, str) else None
            if fw is not None:
                ctx.emit("yaml-fullwidth-colon", path, key=fw)
                continue
            if found.code == "wrong-type":
                expected, actual = found.params["expected"], found.params["actual"]
                if expected == "“true”或“false”" and found.value in {"yes", "no", "是", "否"}:
                    expected = "“true”（表示“是”）或“false”（表示“否”）"
            else:
                expected, actual = "规定的格式", describe(found.value)
            ctx.emit("wrong-type", path, key=key, expected=expected, actual=actual)
    return bad


def _parent(ctx: Ctx, path: Path) -> dict[str, Any]:
    node: Any = ctx.data
    for part in path[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


def check_record(ctx: Ctx) -> None:
    schema = ctx.rules.schemas[ctx.doc.kind]
    data = _coerce(ctx.data, schema)
    ctx.doc.data = data
    v, surely_valid = _validators(ctx)
    # Cerberus only when the quick checker is not sure: it decides, and words, every finding.
    valid = (surely_valid is not None and surely_valid(data)) or v.validate(data, normalize=False)
    bad = set() if valid else _report(ctx, v, schema)
    _run_field_checks(ctx, schema, data, (), bad)


def _run_field_checks(
    ctx: Ctx, schema: dict[str, Any], data: dict[str, Any], base: Path, bad: set[Path]
) -> None:
    for name, rule in schema.items():
        path = (*base, name)
        if path in bad or not isinstance(rule, dict):
            continue
        value = data.get(name)
        meta = rule.get("meta") or {}
        if isinstance(value, dict) and isinstance(rule.get("schema"), dict):
            _run_field_checks(ctx, rule["schema"], value, path, bad)
        if "vocab" in meta and isinstance(value, str):
            check_vocab(ctx, path, value, ctx.rules.vocab[meta["vocab"]])
        check = meta.get("check")
        if check is not None and (value is not None or name not in data):
            # Absent optional fields still reach their check: some become required as the clock moves.
            for found in FIELD_CHECKS[check](ctx, path, value, meta) or ():
                ctx.emit(found.code, (*path, *found.at), case=found.case, **found.params)
