"""Code and catalogue cannot drift: every code the code emits is in rules/checks.yml, every catalogued
rule is exercised by a fixture that breaks it, and every schema `meta.check` names real code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from awards.check import families
from awards.check.context import FIELD_CHECKS
from awards.rules.loader import RulesError, load
from tests.conftest import FIXTURES, REPO

SOURCE = REPO / "scripts" / "awards"
# A code literal as the first argument of emit(...) / Finding(...), or a vocabulary's `code:`.
_EMITTED = re.compile(r"""(?:emit|Finding)\(\s*["']([a-z][a-z0-9-]+)["']""")
# Tested by their own suites rather than by record fixtures (see the named test files).
ELSEWHERE = {
    "file-too-large": "tests/test_yamlsrc.py",
}


def _fixture_codes() -> set[str]:
    codes = set()
    for expected in FIXTURES.rglob("expected.txt"):
        for line in expected.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                codes.add(line.split()[-1])
    return codes


def _tested_by_other_suites() -> set[str]:
    """Codes that the decisions, pull-request and import suites assert on, by name."""
    codes = set()
    for test in (REPO / "tests").rglob("test_*.py"):
        codes |= set(
            re.findall(r"""["']((?:decision|pr|import)-[a-z-]+)["']""", test.read_text(encoding="utf-8"))
        )
    return codes


def test_every_emitted_code_is_catalogued() -> None:
    catalogue = load(REPO).checks
    emitted = set()
    for path in SOURCE.rglob("*.py"):
        emitted |= set(_EMITTED.findall(path.read_text(encoding="utf-8")))
    assert emitted, "the pattern found no emit() calls: it is broken"
    assert emitted - set(catalogue) == set()


def test_every_vocabulary_code_is_catalogued() -> None:
    rules = load(REPO)
    codes = {v.code for v in rules.vocab.values()} | {rules.ranks["code"]}
    assert codes - set(rules.checks) == set()


def test_every_catalogued_rule_has_a_breaking_fixture() -> None:
    catalogue = set(load(REPO).checks)
    covered = _fixture_codes() | set(ELSEWHERE) | _tested_by_other_suites()
    assert catalogue - covered == set()


def test_every_field_check_belongs_to_a_registered_family() -> None:
    # The names a schema may use are derived from the registry: a check outside it could not be named.
    modules = {fn.__module__ for fn in FIELD_CHECKS.values()}
    assert modules == {m.__name__ for m in families.FAMILIES.values()}
    assert set(families.field_checks()) == set(FIELD_CHECKS)


def test_schemas_name_only_registered_checks() -> None:
    rules = load(REPO)

    def named(schema: dict[str, Any]) -> set[str]:
        found = set()
        for rule in schema.values():
            found |= {rule["meta"]["check"]} if "check" in (rule.get("meta") or {}) else set()
            found |= named(rule["schema"]) if isinstance(rule.get("schema"), dict) else set()
        return found

    used = set().union(*(named(s) for s in rules.schemas.values()))
    assert used <= set(FIELD_CHECKS)


def test_a_schema_naming_an_unknown_check_is_refused_at_its_line(tmp_path: Path) -> None:
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    schema = tmp_path / "rules" / "schemas" / "window.yml"
    text = schema.read_text(encoding="utf-8")
    assert "check: unit_name" in text
    schema.write_text(text.replace("check: unit_name", "check: unit_nmae", 1), encoding="utf-8")
    line = 1 + text[: text.index("check: unit_name")].count("\n")
    with pytest.raises(RulesError) as caught:
        load(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("rules/schemas/window.yml", line)
    assert "“unit_nmae”不是允许的值" in problem.message


def test_every_rule_has_a_notice_paragraph_and_one_sentence() -> None:
    for code, check in load(REPO).checks.items():
        assert check.notice, code
        assert check.summary.endswith("。"), code
        assert check.summary.count("。") == 1, code


def test_valid_fixture_folder_exists() -> None:
    assert Path(FIXTURES / "valid" / "submissions").is_dir()


def test_every_vocabulary_has_a_sentence_for_each_kind_of_suggestion() -> None:
    rules = load(REPO)
    for vocab in rules.vocab.values():
        message = rules.checks[vocab.code].message
        assert not isinstance(message, str), vocab.code
        # A known alias is not this code's business: it is the warning `vocab-alias` (check/normal.py).
        assert set(message) == {"close", "choices", "other"}, vocab.code
