"""The quick structure checker (`check.surely_valid`) never calls a record valid that Cerberus faults.

Held to Cerberus itself, on every record file among the fixtures (valid, variants, every invalid case
with the kitchen-sink), the sample campaign and the second campaign, as read and coerced by the checker,
and on mutations of each: a field missing, of another type, empty, blank, too long, not in the list,
unknown beside it. Also: it is sure of the valid records (or it would save nothing), and a schema with
a rule it does not read gets no quick checker at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cerberus
import pytest
import yaml

from awards.check.fields import _coerce, _with_defaults
from awards.check.surely_valid import Check, mapping_check
from awards.read.load import Document, read_document
from tests.conftest import FIXTURES, REPO

SCHEMAS = REPO / "rules" / "schemas"
KINDS = ("unit", "window", "individual")
SOURCES = (
    FIXTURES / "valid",
    FIXTURES / "valid-variants",
    FIXTURES / "invalid",
    REPO / "submissions",
    FIXTURES / "second-campaign" / "submissions",
)
VALID_SOURCES = (FIXTURES / "valid", FIXTURES / "valid-variants", FIXTURES / "second-campaign")


def _folders() -> dict[str, str]:
    """Record folder -> kind, from both campaigns' kinds.yml."""
    out = {}
    for kinds in (REPO / "rules" / "kinds.yml", FIXTURES / "second-campaign" / "rules" / "kinds.yml"):
        for code, kind in yaml.safe_load(kinds.read_text(encoding="utf-8")).items():
            if "folder" in kind:
                out[kind["folder"]] = code
    return out


def _schema(kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = yaml.safe_load((SCHEMAS / f"{kind}.yml").read_text(encoding="utf-8"))
    return schema


def _records() -> Iterator[tuple[Path, str, dict[str, Any]]]:
    """(file, kind, data as the checker hands it to Cerberus) for every readable record file."""
    folders = _folders()
    for source in SOURCES:
        for path in sorted(source.rglob("*.yml")):
            kind = "unit" if path.name == "unit.yml" else folders.get(path.parent.name)
            if kind is None:
                continue
            doc = read_document(path, Document(str(path), kind, None, path.stem), 10**7)
            if doc.data is not None:
                yield path, kind, _coerce(doc.data, _schema(kind))


RECORDS = list(_records())
CHECKERS: dict[str, tuple[cerberus.Validator, Check]] = {}
for _kind in KINDS:
    _full = _with_defaults(_schema(_kind))
    _check = mapping_check(_full)
    assert _check is not None, _kind
    CHECKERS[_kind] = (cerberus.Validator(_full, allow_unknown=False), _check)


def _agrees(kind: str, data: dict[Any, Any]) -> bool:
    """False only when the quick checker calls valid what Cerberus faults."""
    validator, quick = CHECKERS[kind]
    return not quick(data) or validator.validate(data, normalize=False)


def test_there_are_records_of_every_kind() -> None:
    kinds = {kind for _, kind, _ in RECORDS}
    assert kinds == set(KINDS)
    assert len(RECORDS) > 100


@pytest.mark.parametrize(
    ("path", "kind", "data"), RECORDS, ids=[str(p.relative_to(REPO)) for p, _, _ in RECORDS]
)
def test_never_valid_where_cerberus_finds_an_error(path: Path, kind: str, data: dict[str, Any]) -> None:
    assert _agrees(kind, data), path


def test_sure_of_every_record_cerberus_passes_among_the_valid_fixtures() -> None:
    checked = 0
    for path, kind, data in RECORDS:
        if any(path.is_relative_to(s) for s in VALID_SOURCES):
            validator, quick = CHECKERS[kind]
            assert quick(data) == validator.validate(data, normalize=False), path
            checked += 1
    assert checked >= 15


def test_not_sure_of_the_invalid_fixtures_cerberus_faults() -> None:
    faulted = [(p, k, d) for p, k, d in RECORDS if not CHECKERS[k][0].validate(d, normalize=False)]
    assert len(faulted) >= 5
    assert not [p for p, k, d in faulted if CHECKERS[k][1](d)]


# Values a clerk might write in place of another: every type, empty and blank, very long, a date (as a
# YAML reader other than ours would give), not in any list.
REPLACEMENTS: tuple[Any, ...] = (
    None,
    "",
    "x" * 200,
    "不在任何词表中的值",
    "2021-08-02",
    0,
    -1,
    7,
    1.5,
    True,
    False,
    [],
    ["a"],
    {},
    {"未知项": 1},
    dt.date(2021, 8, 2),
)


def _mutations(data: dict[Any, Any], schema: dict[str, Any]) -> Iterator[tuple[str, dict[Any, Any]]]:
    yield "unknown field", {**data, "未知项": "x"}
    yield "unknown non-text key", {**data, 1: "x"}
    for name in schema:
        rest = {k: v for k, v in data.items() if k != name}
        yield f"{name} missing", rest
        for value in REPLACEMENTS:
            yield f"{name} = {value!r}", {**data, name: value}
        nested = schema[name].get("schema")
        if isinstance(nested, dict) and isinstance(data.get(name), dict):
            for what, inner in _mutations(data[name], nested):
                yield f"{name}: {what}", {**data, name: inner}


def _valid_records() -> list[tuple[Path, str, dict[str, Any]]]:
    return [(p, k, d) for p, k, d in RECORDS if CHECKERS[k][1](d)]


@pytest.mark.parametrize("kind", KINDS)
def test_mutations_of_valid_records(kind: str) -> None:
    schema = _schema(kind)
    records = [(p, d) for p, k, d in _valid_records() if k == kind]
    assert records
    tried = refused = 0
    # Every mutation of two records of each kind from each source (Cerberus on all is slow).
    seen: dict[tuple[Path, str], int] = {}
    for path, data in records:
        source = next(s for s in SOURCES if path.is_relative_to(s))
        if seen.setdefault((source, kind), 0) >= 2:
            continue
        seen[(source, kind)] += 1
        for what, mutated in _mutations(data, schema):
            tried += 1
            refused += not CHECKERS[kind][1](mutated)
            assert _agrees(kind, mutated), f"{path}: {what}"
    assert tried > 500
    assert refused > tried // 2  # most mutations break a rule, and the quick checker is not sure of them


def test_targeted_mutations_are_not_sure() -> None:
    _, _, unit = next((p, k, d) for p, k, d in _valid_records() if k == "unit")
    _, _, window = next((p, k, d) for p, k, d in _valid_records() if k == "window")
    quick_unit, quick_window = CHECKERS["unit"][1], CHECKERS["window"][1]
    assert quick_unit(unit) and quick_window(window)
    assert not quick_unit({k: v for k, v in unit.items() if k != "单位"})  # missing required
    assert not quick_unit({**unit, "单位": 3})  # wrong type
    assert not quick_unit({**unit, "联系人": {**unit["联系人"], "手机": None}})  # null not allowed
    assert not quick_unit({**unit, "联系人": {**unit["联系人"], "传真": "x"}})  # unknown nested field
    assert not quick_unit({**unit, "外号": "x"})  # unknown field
    assert not quick_window({**window, "窗口名称": "窗" * 61})  # too long (maxlength 60)
    assert not quick_window({**window, "推荐排序": 0})  # below min 1
    assert not quick_window({**window, "推荐排序": True})  # Cerberus counts it an integer; not sure here
    assert not quick_window({**window, "窗口类别": ""})  # empty, not allowed by default


def test_rules_the_checker_reads_as_cerberus_does() -> None:
    schema = {
        "code": {"type": "string", "regex": r"\d{3}"},
        "kind": {"type": "string", "allowed": ["a", "b"], "nullable": True},
        "note": {"type": "string", "empty": True, "maxlength": 3},
        "items": {"type": "list", "schema": {"type": "integer", "min": 1, "max": 5}},
    }
    quick = mapping_check(schema)
    assert quick is not None
    validator = cerberus.Validator(schema, allow_unknown=False)
    cases: list[dict[str, Any]] = [
        {"code": "123"},
        {"code": "1234"},  # the regex is anchored at the end as Cerberus anchors it
        {"code": "12a"},
        {"kind": "a"},
        {"kind": "c"},
        {"kind": None},
        {"note": ""},
        {"note": "abcd"},
        {"items": [1, 5]},
        {"items": [0]},
        {"items": [6]},
        {"items": ["1"]},
        {"items": []},
    ]
    for doc in cases:
        valid = validator.validate(doc, normalize=False)
        assert not quick(doc) or valid, doc
        if not valid:
            assert not quick(doc), doc
    assert (
        quick({"code": "123"}) and quick({"kind": None}) and quick({"note": ""}) and quick({"items": [1, 5]})
    )


@pytest.mark.parametrize(
    "rule",
    [
        {"type": "string", "dependencies": {"x": "y"}},  # a rule it does not read
        {"type": "string", "coerce": "int"},
        {"type": "string", "check_with": "x"},
        {"type": ["string", "integer"]},  # a list of types
        {"required": True},  # no type
        {"type": "datetime"},
        {"type": "string", "min": 1},  # a bound on text
        {"type": "integer", "allowed": [1, 2]},  # allowed numbers
        {"type": "string", "regex": "("},  # a broken pattern
        {"type": "string", "required": "yes"},
        {"type": "dict", "schema": {"a": {"type": "string", "excludes": "b"}}},
    ],
)
def test_a_rule_it_does_not_read_leaves_the_schema_to_cerberus(rule: dict[str, Any]) -> None:
    assert mapping_check({"ok": {"type": "string"}, "field": rule}) is None


def test_the_decisions_schema_is_left_to_cerberus() -> None:
    assert mapping_check(_schema("decisions")) is None  # `dependencies` in its list items
