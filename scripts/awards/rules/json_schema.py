"""JSON Schemas for editors, generated from the campaign's Cerberus schemas (rules/schemas/).

VS Code and github.dev with the YAML extension read `# yaml-language-server: $schema=…` and then complete
keys and values, show each field's help on hover and mark structural mistakes as the clerk types. The
record checker stays the authority; these schemas say the same about shape (keys, types, vocabularies),
and a test runs every fixture through both so the two languages cannot drift.

The checker reads a plain YAML scalar as the text typed (an unquoted ID number is 18 characters, not a
number), while an editor's YAML 1.2 parser makes it a number: so text fields accept numbers here too.
The schemas carry no `examples`: they are published, and an example may be a real nominee's value (a
window's name), which the site's leak scan rightly refuses before the publicity.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from awards.core.problems import Severity
from awards.rules import template
from awards.rules.loader import SCHEMA_KINDS, Rules

FOLDER = "site/docs/schemas"  # committed; MkDocs publishes it with the site at /schemas/
SETTINGS = ".vscode/settings.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT: list[str] = ["string", "number"]
# Cerberus rules with a JSON Schema keyword of the same meaning.
_SAME = {"min": "minimum", "max": "maximum", "minlength": "minLength", "maxlength": "maxLength"}


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def modeline(root: Path, record: Path, kind: str) -> str:
    """The schema's address as the record's modeline names it: relative, so it works in any clone."""
    target = root / FOLDER / file_name(kind)
    return Path(os.path.relpath(target, record.parent)).as_posix()


def _property(rules: Rules, name: str, rule: dict[str, Any]) -> dict[str, Any]:
    meta = rule.get("meta") or {}
    out: dict[str, Any] = {"description": template.describe(rules, name, rule)}
    kind = rule.get("type")
    if kind == "dict" and isinstance(rule.get("schema"), dict):
        out |= _object(rules, rule["schema"])
    elif kind == "list":
        out["type"] = "array"
        if isinstance(rule.get("schema"), dict):
            out["items"] = _property(rules, name, rule["schema"])
    elif kind == "integer":
        out["type"] = "integer"
    elif kind == "boolean":
        out["type"] = "boolean"
        if meta.get("check") == "attestation":
            out["const"] = True  # an attestation is only ever confirmed
    else:
        out["type"] = list(_TEXT)
        if not rule.get("empty", False):
            out["minLength"] = 1
        vocab = rules.vocab.get(meta.get("vocab", ""))
        if vocab is not None:
            # An alias is allowed exactly when the checker lets it pass (its code is a warning).
            check = rules.checks.get(vocab.code)
            lenient = check is not None and check.severity is Severity.WARNING
            out["enum"] = [*vocab.values, *(vocab.aliases if lenient else ())]
    for cerberus, json_name in _SAME.items():
        if cerberus in rule:
            out[json_name] = rule[cerberus]
    if "regex" in rule:  # Cerberus matches the whole value; JSON Schema's pattern searches
        out["pattern"] = f"^(?:{rule['regex']})$"
    if "allowed" in rule:
        out["enum"] = list(rule["allowed"])
    if rule.get("nullable"):
        types = out.get("type", "object")
        out["type"] = [*(types if isinstance(types, list) else [types]), "null"]
        if "enum" in out:
            out["enum"].append(None)
    return out


def _object(rules: Rules, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _property(rules, name, rule) for name, rule in schema.items()},
        "required": [name for name, rule in schema.items() if rule.get("required")],
        "additionalProperties": False,
    }


def generate(rules: Rules, kind: str) -> dict[str, Any]:
    title = rules.kinds[kind].title
    return {
        "$schema": DRAFT,
        "$id": f"{file_name(kind)}",
        "title": f"{title}（{rules.settings.title}）",
        "description": f"{rules.kinds[kind].where}：由 rules/schemas/{kind}.yml 生成（awards schema --write），请勿手改。",
        **_object(rules, rules.schemas[kind]),
    }


def _dump(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def editor_settings(rules: Rules) -> dict[str, Any]:
    """.vscode/settings.json: which records each schema is for, for records without a modeline."""
    globs = {
        kind: f"submissions/*/{rules.kinds[kind].folder}/*.yml"
        if rules.kinds[kind].folder
        else "submissions/*/unit.yml"
        for kind in SCHEMA_KINDS
        if kind in rules.schemas
    }
    return {
        "yaml.schemas": {f"./{FOLDER}/{file_name(kind)}": glob for kind, glob in globs.items()},
        "files.encoding": "utf8",
    }


def render(rules: Rules) -> dict[str, str]:
    """{path relative to the repository: file text}: a schema per record kind and the editor settings."""
    files = {
        f"{FOLDER}/{file_name(kind)}": _dump(generate(rules, kind))
        for kind in SCHEMA_KINDS
        if kind in rules.schemas
    }
    files[SETTINGS] = _dump(editor_settings(rules))
    return files
