"""Commented record templates, generated from the schemas: `awards new` and the 提交指南 page."""

from __future__ import annotations

from typing import Any

from awards.rules.loader import Rules

_TEXT_CHECKS = {"text"}


def _describe(rules: Rules, name: str, rule: dict[str, Any]) -> str:
    meta = rule.get("meta") or {}
    parts = [name]
    if rule.get("required") is False:
        parts.append("（选填）")
    if meta.get("help"):
        parts.append("：" + str(meta["help"]))
    vocab = rules.vocab.get(meta.get("vocab", ""))
    if vocab is not None:
        shown = vocab.values if len(vocab.values) <= 12 else (*vocab.values[:6], "……")
        parts.append("。可选：" + "、".join(shown))
    if meta.get("check") == "text":
        limit = rules.settings.word_limits.get(name)
        parts.append(
            f"：{limit} 字以内（按 Word、WPS 的字数统计，空格和换行不计），从下一行起缩进两个空格书写"
            if limit
            else ""
        )
    elif meta.get("check") == "attestation" and "填 true" not in str(meta.get("help", "")):
        parts.append("（确认后填 true）")  # unless the rules' own help says so already
    return "".join(parts)


def _lines(rules: Rules, schema: dict[str, Any], indent: str, first_rank: int) -> list[str]:
    out = []
    for name, rule in schema.items():
        meta = rule.get("meta") or {}
        out.append(f"{indent}# {_describe(rules, name, rule)}")
        if rule.get("type") == "dict" and isinstance(rule.get("schema"), dict):
            if rule.get("required") is False:
                out.append(f"{indent}{name}:")
                continue
            out.append(f"{indent}{name}:")
            out += _lines(rules, rule["schema"], indent + "  ", first_rank)
        elif meta.get("check") in _TEXT_CHECKS:
            out.append(f"{indent}{name}: |")
            out.append(f"{indent}  ")
        elif name == "推荐排序":
            out.append(f"{indent}{name}: {first_rank}")
        else:
            out.append(f"{indent}{name}:")
    return out


def is_text(rule: dict[str, Any]) -> bool:
    """A long text written as a literal block (事迹)."""
    return (rule.get("meta") or {}).get("check") in _TEXT_CHECKS


describe = _describe  # the field's help line, shared with `awards import`


def render(rules: Rules, kind: str, rank: int = 1, schema: str | None = None) -> str:
    """The blank record; `schema` (a JSON Schema's address) adds the editor's modeline as its first line,
    so VS Code and github.dev with the YAML extension complete keys and values as the clerk types."""
    modeline = [] if schema is None else [f"# yaml-language-server: $schema={schema}"]
    header = [
        *modeline,
        f"# {rules.kinds[kind].title}：{rules.settings.title}（{rules.settings.document_number}）",
        "# 填写方法：在每个冒号“:”后面空一格再填写；# 开头的行是说明，可以保留。",
        "# 身份证号、电话、日期直接填写即可（不用加引号）；日期写成 2015-03 或 2015年3月。",
        "# 填好后运行 awards validate 检查，或提交后看检查结果。",
        "",
    ]
    return "\n".join([*header, *_lines(rules, rules.schemas[kind], "", rank)]) + "\n"
