"""The editors' JSON Schemas: generated from rules/ and committed, and agreeing with the record checker
on every fixture (valid ones accepted, structurally invalid ones rejected) by the `jsonschema` library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from awards import cli
from awards.commands.schema import COMMAND
from awards.rules import json_schema
from awards.rules.loader import load
from tests.conftest import FIXTURES, REPO, build_repo

# The checker's codes for a record's shape: what a JSON Schema can say too. Content checks (ID checksums,
# dates, unit names, quotas) stay with the checker.
STRUCTURAL = {"missing-key", "unknown-key", "wrong-type", "value-too-small", "empty-value", "attestation"}
# …and the vocabularies that are enums (学历学位 is checked by rule, not by list, so it is not here).
STRUCTURAL |= {
    load(REPO).vocab[rule["meta"]["vocab"]].code
    for schema in load(REPO).schemas.values()
    for rule in schema.values()
    if "vocab" in (rule.get("meta") or {})
}


class Core(yaml.SafeLoader):
    """YAML 1.2's core schema, as the editors' YAML language server reads a file: no timestamps."""


Core.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def kind_of(path: Path) -> str:
    return (
        "unit"
        if path.name == "unit.yml"
        else {"windows": "window", "individuals": "individual"}[path.parent.name]
    )


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, Any]]:
    rules = load(build_repo(Path(__import__("tempfile").mkdtemp()) / "campaign"))
    return {kind: json_schema.generate(rules, kind) for kind in ("window", "individual", "unit")}


def errors(schema: dict[str, Any], path: Path) -> list[str]:
    data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=Core)
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(data)]


def test_committed_schemas_are_generated_from_rules() -> None:
    files = json_schema.render(load(REPO))
    stale = [rel for rel, text in files.items() if (REPO / rel).read_text(encoding="utf-8") != text]
    assert stale == [], f"生成的文件与 rules/ 不一致，请运行 {COMMAND} 后提交：{stale}"


def test_schemas_are_valid_draft_2020_12() -> None:
    for rel in json_schema.render(load(REPO)):
        if rel.endswith(".schema.json"):
            jsonschema.Draft202012Validator.check_schema(json.loads((REPO / rel).read_text(encoding="utf-8")))


def _records(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("submissions/*/**/*.yml")
        if p.parent.name in {"windows", "individuals"} or p.name == "unit.yml"
    )


VALID = [
    *_records(FIXTURES / "valid"),
    *_records(FIXTURES / "valid-variants"),
]


@pytest.mark.parametrize("path", VALID, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_valid_fixture_is_accepted(schemas: dict[str, dict[str, Any]], path: Path) -> None:
    assert errors(schemas[kind_of(path)], path) == []


def _structural() -> list[tuple[Path, set[str]]]:
    cases = []
    for expected in sorted((FIXTURES / "invalid").glob("*/expected.txt")):
        codes: dict[str, set[str]] = {}
        for line in expected.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                where, code = line.split()[0], line.split()[-1]
                codes.setdefault(where.split(":")[0], set()).add(code)
        for rel, found in codes.items():
            path = expected.parent / rel
            # A YAML-level finding (an alias, a tab) means the editor's parser reads another document.
            yaml_level = any(c.startswith(("yaml-", "file-")) for c in found)
            if found & STRUCTURAL and not yaml_level and path.suffix == ".yml" and path.is_file():
                cases.append((path, found & STRUCTURAL))
    return cases


STRUCTURAL_CASES = _structural()


def test_there_are_structural_fixtures() -> None:
    assert len(STRUCTURAL_CASES) >= 4


@pytest.mark.parametrize(
    ("path", "codes"),
    STRUCTURAL_CASES,
    ids=lambda c: str(c.relative_to(FIXTURES)) if isinstance(c, Path) else "",
)
def test_every_structural_invalid_fixture_is_rejected(
    schemas: dict[str, dict[str, Any]], path: Path, codes: set[str]
) -> None:
    assert errors(schemas[kind_of(path)], path), f"{path} ({'、'.join(sorted(codes))}) passed the JSON Schema"


def test_vocabularies_and_help_reach_the_editor(schemas: dict[str, dict[str, Any]]) -> None:
    ethnicity = schemas["individual"]["properties"]["民族"]
    assert "汉族" in ethnicity["enum"]
    # An alias is in the editor's list exactly when the checker lets it pass (a warning, not an error).
    lenient = load(REPO).checks["vocab-ethnicity"].severity == "warning"
    assert ("汉" in ethnicity["enum"]) is lenient
    assert ethnicity["description"].startswith("民族：写全称")
    leader = schemas["window"]["properties"]["窗口负责人"]
    assert (
        leader["required"] == ["姓名", "单位及职务", "联系电话"] and leader["additionalProperties"] is False
    )


def test_schema_command_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = build_repo(tmp_path / "campaign")
    assert cli.main(["schema", "--check", "--root", str(root)]) == 1
    assert COMMAND in capsys.readouterr().err
    assert cli.main(["schema", "--write", "--root", str(root)]) == 0
    assert cli.main(["schema", "--check", "--root", str(root)]) == 0
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert (
        settings["yaml.schemas"]["./site/docs/schemas/individual.schema.json"]
        == "submissions/*/individuals/*.yml"
    )


def test_new_records_name_their_schema(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "campaign")
    assert cli.main(["new", "individual", "--unit", "taiyuan", "--slug", "wang-wu", "--root", str(root)]) == 0
    first = (root / "submissions/taiyuan/individuals/wang-wu.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../site/docs/schemas/individual.schema.json"
    assert (root / "submissions/taiyuan/individuals" / first.split("=", 1)[1]).resolve() == (
        root / "site/docs/schemas/individual.schema.json"
    )


def test_the_second_campaign_gets_its_own_folders_and_its_records_pass(tmp_path: Path) -> None:
    from tests.test_second_campaign import second_campaign

    root = second_campaign(tmp_path / "shaanxi")
    rules = load(root)
    assert cli.main(["schema", "--write", "--root", str(root)]) == 0
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    folder = rules.kinds["individual"].folder
    assert folder != "individuals"
    assert (
        settings["yaml.schemas"]["./site/docs/schemas/individual.schema.json"]
        == f"submissions/*/{folder}/*.yml"
    )
    by_folder = {rules.kinds[k].folder: k for k in ("window", "individual")}
    checked = 0
    for path in sorted((root / "submissions").glob("*/*/*.yml")):
        kind = by_folder[path.parent.name]
        schema = json.loads(
            (root / json_schema.FOLDER / json_schema.file_name(kind)).read_text(encoding="utf-8")
        )
        assert errors(schema, path) == [], path
        checked += 1
    assert checked >= 4


def test_cerberus_rules_a_later_schema_may_use_are_translated() -> None:
    rules = load(REPO)
    rule = {
        "type": "list",
        "schema": {"type": "string", "allowed": ["甲", "乙"], "regex": r"\S+", "maxlength": 4},
    }
    translated = json_schema._property(rules, "项", {"type": "integer", "min": 1, "max": 9})
    assert (translated["minimum"], translated["maximum"]) == (1, 9)
    items = json_schema._property(rules, "项", rule)["items"]
    assert items["enum"] == ["甲", "乙"] and items["pattern"] == r"^(?:\S+)$" and items["maxLength"] == 4
    validator = jsonschema.Draft202012Validator({"type": "array", "items": items})
    assert validator.is_valid(["甲"]) and not validator.is_valid(["丙"])
