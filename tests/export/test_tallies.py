"""全省推荐情况统计.xlsx: the reviewers' counts by unit, kind and each vocabulary field, read back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from awards.export import tallies
from awards.export.common import Context


def test_counts_add_up_to_the_records(ctx: Context) -> None:
    by_kind = tallies.sheets(ctx)["按单位和类别"]
    windows = len(ctx.records("window"))
    individuals = len(ctx.records("individual"))
    assert by_kind.loc[tallies.TOTAL, "优质服务窗口"] == windows
    assert by_kind.loc[tallies.TOTAL, "优质服务先进个人"] == individuals
    assert by_kind.loc[tallies.TOTAL, tallies.TOTAL] == windows + individuals
    # Every vocabulary field is counted over the records that have it, and adds up the same way.
    sheets = tallies.sheets(ctx)
    assert sheets["按性别"].loc[tallies.TOTAL, tallies.TOTAL] == individuals
    assert sheets["按窗口级别"].loc[tallies.TOTAL, tallies.TOTAL] == windows
    units = [u.name for u in ctx.rules.units.values()]
    shown = [u for u in by_kind.index if u != tallies.TOTAL]
    assert shown == sorted(shown, key=units.index)  # rules/units.yml order


def test_an_alias_counts_as_its_canonical_value_and_a_stray_value_is_marked(ctx: Context) -> None:
    doc = ctx.records("individual")[0]
    assert isinstance(doc.data, dict)
    saved = doc.data["民族"]
    row = len(ctx.records("window"))  # windows come first, then the individuals in order
    try:
        doc.data["民族"] = "汉"
        assert tallies.frame(ctx).loc[row, "民族"] == "汉族"
        doc.data["民族"] = "地球人"
        assert tallies.frame(ctx).loc[row, "民族"] == tallies.IRREGULAR
    finally:
        doc.data["民族"] = saved


def test_the_workbook_is_written_with_the_province_exports(exported: Path, ctx: Context) -> None:
    path = exported / "全省" / tallies.FILE
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "按单位和类别"
    assert {"按性别", "按民族", "按窗口级别"} <= set(book.sheetnames)
    back = pd.read_excel(path, sheet_name="按单位和类别", index_col=0, engine="openpyxl")
    assert back.loc[tallies.TOTAL, tallies.TOTAL] == len(ctx.records("window")) + len(
        ctx.records("individual")
    )
