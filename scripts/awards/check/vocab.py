"""Values from fixed lists: vocabularies, 学历学位 and 行政级别.

A known alias (汉, 党员, 本科, 管理岗九级) is accepted with a warning naming the canonical form
(`awards fix` rewrites it); only a value that is neither allowed nor a known alias is an error.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from awards.check.context import Ctx, FieldFinding, field_check, key_of
from awards.check.normal import education_alias, rank_alias, vocab_alias
from awards.read.yamlsrc import Path
from awards.rules.loader import Vocab


def suggestion(value: str, vocab: Vocab) -> dict[str, Any]:
    """Which of the catalogue's sentences fits (`case`) and what it needs: the closest allowed value,
    the short list of choices, or nothing to suggest."""
    close = difflib.get_close_matches(value, vocab.values, n=1, cutoff=0.5)
    if close:
        return {"case": "close", "close": close[0]}
    if len(vocab.values) <= 12:
        return {"case": "choices", "choices": "、".join(vocab.values)}
    return {"case": "other"}


def _alias(key: str, value: str, canonical: str) -> FieldFinding:
    return FieldFinding("vocab-alias", {"key": key, "value": value, "canonical": canonical})


def vocab_findings(key: str, value: str, vocab: Vocab) -> list[FieldFinding]:
    """A value of a plain vocabulary (民族, 政治面貌, 性别 …) under the field `key`."""
    if value in vocab.values:
        return []
    canonical = vocab_alias(value, vocab)
    if canonical is not None:
        return [_alias(key, value, canonical)]
    found = suggestion(value, vocab)
    case = found.pop("case")
    return [FieldFinding(vocab.code, {"key": key, "value": value, **found}, case)]


def check_vocab(ctx: Ctx, path: Path, value: str, vocab: Vocab) -> None:
    for found in vocab_findings(key_of(path), value, vocab):
        ctx.emit(found.code, path, case=found.case, **found.params)


_SPLIT = re.compile(r"\s*[/／、，,]\s*|\s+")


def _degree_of(text: str, degrees: list[str]) -> str | None:
    return next((d for d in degrees if text.removesuffix("学位").endswith(d)), None)


def education_findings(value: str, vocab: Vocab, key: str = "学历学位") -> list[FieldFinding]:
    """学历学位 as `学历/学位`: the level from the education vocabulary, then an optional degree."""
    canonical = education_alias(value, vocab)
    if canonical is not None:
        return [_alias(key, value, canonical), *education_findings(canonical, vocab, key)]
    degrees: list[str] = vocab.extra.get("degrees", [])
    minimums: dict[str, str] = vocab.extra.get("degree_min_education", {})
    parts = [p for p in _SPLIT.split(value.strip()) if p]
    level, degree = parts[0], "".join(parts[1:])
    if level not in vocab.values:
        as_degree = _degree_of(level, degrees)
        if as_degree is not None and not degree:
            minimum = minimums.get(as_degree, vocab.values[0])
            return [
                FieldFinding(
                    "education-degree",
                    {"value": value, "minimum": minimum, "degree": as_degree},
                    "only-degree",
                )
            ]
        found = suggestion(level, vocab)
        case = found.pop("case")
        return [FieldFinding(vocab.code, {"key": key, "value": level, **found}, case)]
    if not degree or degree in {"无", "无学位"}:
        return []
    level_of_degree = _degree_of(degree, degrees)
    params = {"value": value, "level": level, "degree": degree}
    if level_of_degree is None:
        return [FieldFinding("education-degree", {**params, "degrees": "、".join(degrees)}, "unknown-degree")]
    if level in vocab.extra.get("no_degree", []):
        return [FieldFinding("education-degree", params, "no-degree")]
    least = minimums.get(level_of_degree)
    # 博士研究生 and 硕士研究生 (GB/T 4658) rank as 研究生.
    tier: dict[str, str] = vocab.extra.get("level_of", {})
    order = [v for v in vocab.values if v not in tier]
    if least is not None and order.index(tier.get(level, level)) > order.index(least):
        return [
            FieldFinding(
                "education-degree", {**params, "minimum": least, "degree": level_of_degree}, "too-low"
            )
        ]
    return []


@field_check("education")
def education(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, str):
        return []
    return education_findings(value, ctx.rules.vocab["education"], key_of(path))


def rank_findings(value: str, ranks: dict[str, Any], key: str = "行政级别") -> list[FieldFinding]:
    """行政级别 of a person: 副厅局级 and above are excluded; 处级 is flagged (一般为科级及以下)."""
    canonical = rank_alias(value, ranks)
    if canonical is not None:
        return [_alias(key, value, canonical), *rank_findings(canonical, ranks, key)]
    tiers = ranks["tiers"]
    if value in tiers["excluded"]:
        return [FieldFinding("rank-excluded", {"value": value})]
    if value in tiers["above_section"]:
        return [FieldFinding("rank-above-section", {"value": value})]
    if value in tiers["section"]:
        return []
    return [_unknown_rank(value, ranks)]


def unit_rank_findings(value: str, ranks: dict[str, Any], key: str) -> list[FieldFinding]:
    """行政级别 of a window's unit: 不评选副厅局级以上单位 (三（二）); 处级 units are ordinary."""
    canonical = rank_alias(value, ranks)
    if canonical is not None:
        return [_alias(key, value, canonical), *unit_rank_findings(canonical, ranks, key)]
    tiers = ranks["tiers"]
    if value in tiers["excluded"]:
        return [FieldFinding("unit-rank-excluded", {"key": key, "value": value})]
    if value in tiers["above_section"] or value in tiers["section"]:
        return []
    return [_unknown_rank(value, ranks)]


def _unknown_rank(value: str, ranks: dict[str, Any]) -> FieldFinding:
    tiers = ranks["tiers"]
    obsolete = (ranks.get("obsolete") or {}).get(value)
    known = [*tiers["section"], *tiers["above_section"], *tiers["excluded"]]
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    case = "obsolete" if obsolete is not None else "close" if close else "other"
    params = {"value": value, "obsolete": obsolete, "close": close[0] if close else ""}
    return FieldFinding(ranks["code"], params, case)


@field_check("admin_rank")
def admin_rank(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, str):
        return []
    return rank_findings(value, ctx.rules.ranks, key_of(path))


@field_check("unit_rank")
def unit_rank(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, str):
        return []
    return unit_rank_findings(value, ctx.rules.ranks, key_of(path))
