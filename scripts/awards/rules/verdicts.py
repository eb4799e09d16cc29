"""Cerberus' verdicts in Chinese: the one translator for record checks and the rules loader alike.

Read from Cerberus' public error tree (`Validator.document_error_tree`), never its private list. Each
error becomes a `Verdict`: the catalogue code it stands for, the document path it concerns and the
values its sentence needs. The record checker looks the code up in rules/checks.yml; the rules loader,
which cannot rely on the catalogue it is checking, has the sentences below.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import cerberus
from cerberus import errors as cerr

from awards.core.sink import describe

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"

TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "“true”或“false”",
    "dict": "一组“项名: 值”",
    "list": "列表",
}


@dataclass(frozen=True, slots=True)
class Verdict:
    code: str  # missing-key | unknown-key | empty-value | value-too-small | value-too-large | value-too-long | wrong-type
    #            | wrong-format | not-allowed | only-when | other
    path: tuple[Any, ...]
    value: Any
    params: dict[str, Any] = field(default_factory=dict)


def errors(v: cerberus.Validator) -> Iterator[Any]:
    """Every error at a field, depth first; group errors are skipped (their children are in the tree)."""

    def walk(node: Any) -> Iterator[Any]:
        for e in node.errors:
            if not e.is_group_error:
                yield e
        for child in node.descendants.values():
            yield from walk(child)

    return walk(v.document_error_tree)


def _expected(constraint: Any) -> str:
    wanted = [constraint] if isinstance(constraint, str) else list(constraint)
    return "或".join(TYPE_NAMES.get(t, str(t)) for t in wanted)


def verdict(e: Any) -> Verdict:
    path, value, c = tuple(e.document_path), e.value, e.constraint
    if e.code == cerr.REQUIRED_FIELD.code:
        return Verdict("missing-key", path, value)
    if e.code == cerr.UNKNOWN_FIELD.code:
        return Verdict("unknown-key", path, value)
    if e.code in (cerr.EMPTY_NOT_ALLOWED.code, cerr.NOT_NULLABLE.code):
        return Verdict("empty-value", path, value)
    if e.code in (cerr.MIN_VALUE.code, cerr.MIN_LENGTH.code):
        return Verdict("value-too-small", path, value, {"min": c})
    if e.code == cerr.MAX_LENGTH.code:
        size = len(value) if isinstance(value, str | list | dict) else 0
        return Verdict("value-too-long", path, value, {"max": c, "length": size})
    if e.code == cerr.MAX_VALUE.code:
        return Verdict("value-too-large", path, value, {"max": c})
    if e.code == cerr.BAD_TYPE.code:
        return Verdict("wrong-type", path, value, {"expected": _expected(c), "actual": describe(value)})
    if e.code == cerr.REGEX_MISMATCH.code:
        hint = "，日期请写成 2021-08-23" if c == ISO_DATE else ""
        return Verdict("wrong-format", path, value, {"actual": describe(value), "hint": hint})
    if e.code == cerr.UNALLOWED_VALUE.code:
        return Verdict(
            "not-allowed", path, value, {"actual": describe(value), "allowed": "、".join(map(str, c))}
        )
    if e.code == cerr.DEPENDENCIES_FIELD_VALUE.code:
        return Verdict("only-when", path, value, {"when": c})
    return Verdict("other", path, value, {"rule": e.rule})


# For the people who edit rules/ (reviewers, not programmers); the record checker uses the catalogue.
RULES_SENTENCES = {
    "missing-key": "缺少必填项",
    "unknown-key": "不认识的项（拼写错误，或这一版程序不支持）",
    "empty-value": "不能为空",
    "value-too-small": "不能小于 {min}",
    "value-too-large": "不能大于 {max}",
    "value-too-long": "不能超过 {max} 个字或项（实际 {length}）",
    "wrong-type": "应为{expected}，实际是{actual}",
    "wrong-format": "{actual}格式不对{hint}",
    "not-allowed": "{actual}不是允许的值，可选：{allowed}",
    "only-when": "只能在 {when} 时填写",
    "other": "不符合规则格式（{rule}）",
}


def rules_sentence(v: Verdict) -> str:
    return RULES_SENTENCES[v.code].format(**v.params)
