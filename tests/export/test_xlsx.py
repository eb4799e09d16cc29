"""The workbook writer: text cells, no formulas, print set-up, row heights."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from awards.export.common import Table
from awards.export.texts import Column, TableSpec
from awards.export.xlsx import display_width, lines_needed, write
from tests.export.support import sheet, sheet_xml

SPEC = TableSpec(
    kind="window",
    attachment="附件5",
    title="测试表",
    file="测试表",
    columns=(Column("序号", "#序号", 5), Column("值", "值", 20), Column("备注", "备注", 10)),
    notes=("1. 第一条。", "2. 第二条。"),
)
TRICKY = ["=1+2", "+8613800000000", "-5", "@SUM(A1)", "\t=1", "0012", "14010519900307104X", "2015-03"]


def _table(values: list[str]) -> Table:
    rows = tuple((i, v, "说明") for i, v in enumerate(values, start=1))
    return Table(SPEC, "推荐单位（盖章）：某单位", "填表日期：2021年8月12日", rows, "注：", ("联系人：张三",))


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write(_table(TRICKY), tmp_path / "t.xlsx", dt.date(2021, 8, 12))


def test_every_value_is_a_text_cell_exactly_as_given(book: Path) -> None:
    ws = sheet(book)
    for row, value in enumerate(TRICKY, start=5):
        cell = ws.cell(row=row, column=2)
        assert cell.value == value
        assert cell.data_type == "s"
        assert cell.number_format == "@"


def test_formula_looking_values_are_quoted_and_never_formulas(book: Path) -> None:
    ws = sheet(book)
    quoted = {
        ws.cell(row=r, column=2).value
        for r in range(5, 5 + len(TRICKY))
        if ws.cell(row=r, column=2).quotePrefix
    }
    assert quoted == {"=1+2", "+8613800000000", "-5", "@SUM(A1)", "\t=1"}
    assert "<f>" not in sheet_xml(book) and "<f " not in sheet_xml(book)


def test_layout_lines_and_numbers(book: Path) -> None:
    ws = sheet(book)
    assert ws["A1"].value == "附件5"
    assert ws["A2"].value == "测试表"
    assert ws["A3"].value == "推荐单位（盖章）：某单位"
    assert [c.value for c in ws[4]] == ["序号", "值", "备注"]
    assert ws["A5"].value == 1 and ws["A5"].data_type == "n"
    last = 4 + len(TRICKY)
    assert ws.cell(row=last + 1, column=1).value == "注：1. 第一条。"
    assert ws.cell(row=last + 2, column=1).value == "2. 第二条。"
    assert ws.cell(row=last + 4, column=1).value == "联系人：张三"
    assert "A2:C2" in {str(r) for r in ws.merged_cells.ranges}


def test_print_setup_is_a4_landscape_one_page_wide(book: Path) -> None:
    ws = sheet(book)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
    assert ws.print_title_rows == "$4:$4"
    assert all(ws.cell(row=5, column=c).alignment.wrap_text for c in (1, 2, 3))
    assert [ws.column_dimensions[k].width for k in "ABC"] == [5, 20, 10]


def test_row_height_grows_with_wrapped_text(tmp_path: Path) -> None:
    path = write(_table(["短", "很长的文字" * 20]), tmp_path / "h.xlsx", dt.date(2021, 8, 12))
    ws = sheet(path)
    assert ws.row_dimensions[6].height > 3 * ws.row_dimensions[5].height


def test_widths_count_cjk_double() -> None:
    assert display_width("ab") == 2
    assert display_width("汉字") == 4
    assert display_width("（）") == 4
    assert lines_needed("汉" * 10, 11.5) == 2
    assert lines_needed("一\n二", 10) == 2


@pytest.mark.parametrize("value", ["＝SUM(A1)", "＋1", "\u200b=1+1", "－2", "＠cmd", "=1"])
def test_formula_starts_are_recognised_after_folding(value: str) -> None:
    from awards.export.xlsx import looks_like_formula

    assert looks_like_formula(value)


@pytest.mark.parametrize("value", ["王五", "２０２１年", "1986年4月"])
def test_plain_text_is_not_a_formula(value: str) -> None:
    from awards.export.xlsx import looks_like_formula

    assert not looks_like_formula(value)


def test_a_control_character_is_written_escaped_not_a_crash() -> None:
    from openpyxl import Workbook

    from awards.export.xlsx import set_text

    cell = Workbook().active["A1"]
    set_text(cell, "窗口负责人\x01\x0b\x00")
    assert cell.value == "窗口负责人\\x01\\x0b\\x00"
