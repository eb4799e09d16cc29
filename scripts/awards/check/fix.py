"""`awards fix`: rewrite the unambiguous normalisations of a record, and nothing else.

Only a scalar's own characters are replaced (its exact source span from the YAML events), so
comments, key order, blank lines, quoting and line endings elsewhere stay byte for byte. What is
rewritten is exactly what `check/normal.py` calls canonical: the checker's `vocab-alias` and
`fullwidth-digits` warnings, and the date spellings (2011.09, 2011年9月 → 2011-09).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from awards.check.normal import canonical_for
from awards.rules.loader import Rules

# A plain scalar may hold these canonical values as they are; anything else is written double-quoted.
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")


@dataclass(frozen=True, slots=True)
class Change:
    line: int  # 1-based, for the report
    key: str
    old: str
    new: str


def _spans(text: str) -> list[tuple[tuple[str, ...], Any]]:
    """(path of keys, scalar event) for every value scalar of the top-level mapping and its mappings."""
    out: list[tuple[tuple[str, ...], Any]] = []
    stack: list[list[Any]] = []  # per open mapping: [path, pending key or None]
    depth_other = 0  # inside a sequence (records have none; left untouched)
    for ev in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(ev, yaml.SequenceStartEvent):
            depth_other += 1
        elif isinstance(ev, yaml.SequenceEndEvent):
            depth_other -= 1
        elif depth_other:
            continue
        elif isinstance(ev, yaml.MappingStartEvent):
            if stack and stack[-1][1] is not None:
                path = (*stack[-1][0], stack[-1][1])
                stack[-1][1] = None
            else:
                path = ()
            stack.append([path, None])
        elif isinstance(ev, yaml.MappingEndEvent):
            stack.pop()
        elif isinstance(ev, yaml.ScalarEvent) and stack:
            if stack[-1][1] is None:
                stack[-1][1] = ev.value
            else:
                out.append(((*stack[-1][0], stack[-1][1]), ev))
                stack[-1][1] = None
    return out


def _meta_at(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    rule: Any = None
    for part in path:
        rule = schema.get(part) if isinstance(schema, dict) else None
        if not isinstance(rule, dict):
            return None
        schema = rule.get("schema") or {}
    meta = rule.get("meta") if isinstance(rule, dict) else None
    return meta if isinstance(meta, dict) else None


def _written(ev: Any, canonical: str) -> str | None:
    """The source text for `canonical` in the scalar's own style, or None when it cannot be kept."""
    if ev.style is None:  # plain
        return canonical if _PLAIN_SAFE.match(canonical) else '"' + canonical + '"'
    if ev.style == "'":
        return "'" + canonical.replace("'", "''") + "'"
    if ev.style == '"' and "\\" not in canonical and '"' not in canonical:
        return '"' + canonical + '"'
    return None  # block scalars: free text, never normalised


def fix_text(text: str, kind: str, rules: Rules) -> tuple[str, list[Change]]:
    """The record with its unambiguous normalisations applied, and what changed. A text that is not
    readable YAML is returned unchanged (the checker reports it)."""
    schema = rules.schemas.get(kind)
    if schema is None:
        return text, []
    try:
        spans = _spans(text)
    except yaml.YAMLError:
        return text, []
    edits: list[tuple[int, int, str, Change]] = []
    for path, ev in spans:
        meta = _meta_at(schema, path)
        if meta is None or ev.start_mark.line != ev.end_mark.line:
            continue
        canonical = canonical_for(meta, ev.value, rules)
        if canonical is None or canonical == ev.value:
            continue
        new = _written(ev, canonical)
        if new is None:
            continue
        start, end = ev.start_mark.index, ev.end_mark.index
        edits.append((start, end, new, Change(ev.start_mark.line + 1, path[-1], ev.value, canonical)))
    for start, end, new, _ in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text, [e[3] for e in sorted(edits, key=lambda e: e[0])]
