"""The record's YAML text: imported values where the table had them, the template's commented blanks
(from `awards.rules.template`) for everything the clerk still has to fill in."""

from __future__ import annotations

import json
from typing import Any

import yaml

from awards.rules import template
from awards.rules.loader import Rules


def scalar(value: Any) -> str:
    """A value on one line, quoted only where YAML would read it as something else (IDs, months)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    try:
        plain_ok = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def block(indent: str, name: str, text: str) -> list[str]:
    """A literal block keeping the paragraphs and line breaks as typed."""
    body = [f"{indent}  {line}".rstrip() for line in text.strip("\n").split("\n")]
    return [f"{indent}{name}: |", *body]


def _lines(rules: Rules, schema: dict[str, Any], values: dict[str, Any], indent: str) -> list[str]:
    out = []
    for name, rule in schema.items():
        out.append(f"{indent}# {template.describe(rules, name, rule)}")
        value = values.get(name)
        if rule.get("type") == "dict" and isinstance(rule.get("schema"), dict):
            out.append(f"{indent}{name}:")
            if rule.get("required") is not False or isinstance(value, dict):
                out += _lines(rules, rule["schema"], value if isinstance(value, dict) else {}, indent + "  ")
        elif value is None:
            out += block(indent, name, "") if template.is_text(rule) else [f"{indent}{name}:"]
        elif isinstance(value, str) and ("\n" in value or template.is_text(rule)):
            out += block(indent, name, value)
        else:
            out.append(f"{indent}{name}: {scalar(value)}")
    return out


def record(rules: Rules, kind: str, values: dict[str, Any], schema: str | None = None) -> str:
    head = template.render(rules, kind, schema=schema).split("\n\n", 1)[0]
    return "\n".join([head, "", *_lines(rules, rules.schemas[kind], values, "")]) + "\n"
