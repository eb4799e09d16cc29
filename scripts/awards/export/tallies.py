"""全省推荐情况统计.xlsx: the province's nominations counted by unit, kind, and each vocabulary field
(窗口级别, 窗口类别, 性别, 民族 …) for the reviewers, who weigh the balance the notice asks for.

pandas does the counting (crosstabs with totals) and writes the workbook; the fields come from the
schemas' `meta.vocab`, so another campaign's fields are counted without code here knowing them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from awards.export.common import PROVINCE_FOLDER, Context, Output, lookup, text
from awards.rules.kinds import NOMINEES

FILE = "全省推荐情况统计.xlsx"
UNIT, KIND, TOTAL = "推荐单位", "类别", "合计"
IRREGULAR = "（不规范写法）"
UNREGISTERED = "（未登记的单位）"


def frame(ctx: Context) -> pd.DataFrame:
    """One row per nomination: its unit, its kind and the canonical value of every vocabulary field."""
    rows: list[dict[str, Any]] = []
    for kind in NOMINEES:
        for doc in ctx.records(kind):
            data = doc.data if isinstance(doc.data, dict) else {}
            # Every cell is a name from rules/ or a count (a folder that is not a unit is not named), so
            # `to_excel` writes nothing a clerk typed: no formula can sneak in (see export/xlsx.py).
            unit = ctx.rules.units.get(doc.unit or "")
            row = {UNIT: unit.name if unit is not None else UNREGISTERED}
            row[KIND] = ctx.rules.kinds[kind].name
            for name, vocab_name in vocab_fields(ctx, kind):
                vocab = ctx.rules.vocab[vocab_name]
                value = text(lookup(data, name))
                value = vocab.aliases.get(value, value)
                row[vocab.label] = value if value in vocab.values else IRREGULAR
            rows.append(row)
    return pd.DataFrame(rows, columns=[UNIT, KIND, *labels(ctx)])


def vocab_fields(ctx: Context, kind: str) -> list[tuple[str, str]]:
    schema = ctx.rules.schemas[kind]
    return [(n, r["meta"]["vocab"]) for n, r in schema.items() if "vocab" in (r.get("meta") or {})]


def labels(ctx: Context) -> list[str]:
    seen = {ctx.rules.vocab[v].label: None for kind in NOMINEES for _, v in vocab_fields(ctx, kind)}
    return list(seen)


def _ordered(table: pd.DataFrame, ctx: Context, columns: list[str]) -> pd.DataFrame:
    """Units in rules/units.yml order and values in the vocabulary's order, totals last."""
    unit_order = [u.name for u in ctx.rules.units.values()]
    index = [u for u in unit_order if u in table.index] + [u for u in table.index if u not in unit_order]
    cols = [c for c in columns if c in table.columns] + [c for c in table.columns if c not in columns]
    return table.reindex(index=index, columns=cols)


def sheets(ctx: Context) -> dict[str, pd.DataFrame]:
    """{sheet name: unit × value counts with 合计 row and column}."""
    df = frame(ctx)
    kinds = [ctx.rules.kinds[k].name for k in NOMINEES]
    out = {"按单位和类别": _crosstab(df, ctx, KIND, kinds)}
    vocabs = {
        ctx.rules.vocab[v].label: ctx.rules.vocab[v] for kind in NOMINEES for _, v in vocab_fields(ctx, kind)
    }
    for label, vocab in vocabs.items():
        present = df[df[label].notna()] if label in df else df.iloc[0:0]
        out[f"按{label}"[:31]] = _crosstab(present, ctx, label, [*vocab.values, IRREGULAR])
    return out


def _crosstab(df: pd.DataFrame, ctx: Context, column: str, order: list[str]) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame({TOTAL: []}, index=pd.Index([], name=UNIT))
    table = pd.crosstab(df[UNIT], df[column])
    table = _ordered(table, ctx, order)
    table[TOTAL] = table.sum(axis=1)
    table.loc[TOTAL] = table.sum(axis=0)
    table.index.name, table.columns.name = UNIT, None
    return table.astype(int)


def export_province(ctx: Context, out: Output) -> str:
    target = out.path(PROVINCE_FOLDER, FILE)
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for name, table in sheets(ctx).items():
            table.to_excel(writer, sheet_name=name)
    total = len(frame(ctx))
    return f"{FILE}（全省）：{total} 个推荐对象，按单位、类别和{'、'.join(labels(ctx))}统计"
