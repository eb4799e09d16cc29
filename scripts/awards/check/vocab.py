"""Values from fixed lists: vocabularies, 学历学位 and 行政级别. Aliases are suggested, never substituted."""

from __future__ import annotations

import difflib
import re
from typing import Any

from awards.check.context import Ctx, field_check, key_of
from awards.read.yamlsrc import Path
from awards.rules.loader import Vocab


def suggestion(value: str, vocab: Vocab) -> dict[str, Any]:
    """Which of the catalogue's sentences fits (`case`) and what it needs: the canonical spelling of a
    known alias, the closest allowed value, the short list of choices, or nothing to suggest."""
    canonical = vocab.aliases.get(value)
    if canonical is not None:
        return {"case": "alias", "canonical": canonical}
    close = difflib.get_close_matches(value, vocab.values, n=1, cutoff=0.5)
    if close:
        return {"case": "close", "close": close[0]}
    if len(vocab.values) <= 12:
        return {"case": "choices", "choices": "、".join(vocab.values)}
    return {"case": "other"}


def check_vocab(ctx: Ctx, path: Path, value: str, vocab: Vocab) -> None:
    if value not in vocab.values:
        ctx.emit(vocab.code, path, key=key_of(path), value=value, **suggestion(value, vocab))


_SPLIT = re.compile(r"\s*[/／、，,]\s*|\s+")


@field_check("education")
def education(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    """学历学位 as `学历/学位`: the level from the education vocabulary, then an optional degree."""
    if not isinstance(value, str):
        return
    vocab = ctx.rules.vocab["education"]
    degrees: list[str] = vocab.extra.get("degrees", [])
    parts = [p for p in _SPLIT.split(value.strip()) if p]
    level, degree = parts[0], "".join(parts[1:])
    if level not in vocab.values:
        as_degree = next((d for d in degrees if level.removesuffix("学位").endswith(d)), None)
        if as_degree is not None and not degree:
            minimum = vocab.extra.get("degree_min_education", {}).get(as_degree, vocab.values[0])
            reason = f"学历不能只写学位，请写成“{minimum}/{as_degree}”这样的“学历/学位”"
            ctx.emit("education-degree", path, value=value, reason=reason)
        else:
            ctx.emit(vocab.code, path, key=key_of(path), value=level, **suggestion(level, vocab))
        return
    if not degree or degree in {"无", "无学位"}:
        return
    level_of_degree = next((d for d in degrees if degree.removesuffix("学位").endswith(d)), None)
    if level_of_degree is None:
        ctx.emit(
            "education-degree", path, value=value, reason=f"学位“{degree}”应以 {'、'.join(degrees)} 结尾"
        )
    elif level in vocab.extra.get("no_degree", []):
        ctx.emit("education-degree", path, value=value, reason=f"{level}没有学位，请只写“{level}”")
    else:
        minimum = vocab.extra.get("degree_min_education", {}).get(level_of_degree)
        if minimum is not None and vocab.values.index(level) > vocab.values.index(minimum):
            ctx.emit(
                "education-degree", path, value=value, reason=f"{level_of_degree}学位要求学历至少为{minimum}"
            )


@field_check("admin_rank")
def admin_rank(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    """行政级别: 副厅局级 and above are excluded; 处级 is flagged (the notice says 一般为科级及以下)."""
    if not isinstance(value, str):
        return
    ranks = ctx.rules.ranks
    tiers = ranks["tiers"]
    if value in tiers["excluded"]:
        ctx.emit("rank-excluded", path, value=value)
    elif value in tiers["above_section"]:
        ctx.emit("rank-above-section", path, value=value)
    elif value not in tiers["section"]:
        obsolete = (ranks.get("obsolete") or {}).get(value)
        known = [*tiers["section"], *tiers["above_section"], *tiers["excluded"]]
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
        case = "obsolete" if obsolete is not None else "close" if close else "other"
        ctx.emit(
            ranks["code"], path, case=case, value=value, obsolete=obsolete, close=close[0] if close else ""
        )
