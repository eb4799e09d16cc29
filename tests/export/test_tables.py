"""附件5 / 附件6 汇总表: the workbooks and PDFs read back, the HTML against golden files, provincial order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from awards.export import summary_tables
from awards.export.common import Context, prepare
from awards.rules.loader import load
from tests.export.fixture import FORMULA, ID_MALE, ID_X, TODAY
from tests.export.support import assert_fonts_embedded, check_golden, pdf_text, row_values, sheet, sheet_xml

# The notice's columns, typed here from the notice and not read from rules/exports.yml, so that an
# edit to the rules that breaks the format fails this test.
WINDOW_COLUMNS = [
    "序号", "窗口名称", "窗口性质", "窗口级别", "窗口负责人姓名", "窗口负责人单位及职务",
    "窗口负责人联系电话", "窗口所属单位名称", "备注",
]  # fmt: skip
INDIVIDUAL_COLUMNS = [
    "序号", "姓名", "性别", "民族", "政治面貌", "学历学位", "身份证号", "工作单位", "单位性质",
    "职务", "行政级别", "职称", "到窗口工作时间", "在窗口工作年限", "联系电话", "备注",
]  # fmt: skip
A5 = "附件5-优质服务窗口推荐对象汇总表"
A6 = "附件6-优质服务先进个人推荐对象汇总表"
XIAODIAN = "山西省太原市小店区社会保险服务窗口"
RSJ = "山西省太原市人力资源和社会保障局12333电话咨询服务窗口"
PINGCHENG = "山西省大同市平城区新建南路街道劳动保障服务窗口"
HEADER, FIRST = 4, 5  # 附件6: one header row
FIRST_WINDOW = 6  # 附件5: the notice's two-level header takes rows 4 and 5


def _rows(ws: Any, n: int, first: int = FIRST_WINDOW) -> list[list[Any]]:
    return [[c.value for c in ws[r]] for r in range(first, first + n)]


def flat_header(ws: Any, rows: int) -> list[str]:
    """Each column's header read top-down through merged cells: 窗口负责人 + 姓名 = 窗口负责人姓名."""
    names = []
    for column in range(1, ws.max_column + 1):
        parts = []
        for row in range(HEADER, HEADER + rows):
            owner = next((m for m in ws.merged_cells.ranges if (row, column) in _cells(m)), None)
            value = (
                ws.cell(row=owner.min_row, column=owner.min_col).value
                if owner
                else ws.cell(row, column).value
            )
            if value and value not in parts:
                parts.append(value)
        names.append("".join(parts))
    return names


def _cells(merged: Any) -> set[tuple[int, int]]:
    return {
        (r, c)
        for r in range(merged.min_row, merged.max_row + 1)
        for c in range(merged.min_col, merged.max_col + 1)
    }


@pytest.mark.parametrize("folder", ["taiyuan", "datong", "全省"])
def test_headers_are_the_notice_columns_in_order(exported: Path, folder: str) -> None:
    assert flat_header(sheet(exported / folder / f"{A5}.xlsx"), 2) == WINDOW_COLUMNS
    assert [c.value for c in sheet(exported / folder / f"{A6}.xlsx")[HEADER]] == INDIVIDUAL_COLUMNS


def test_window_header_has_the_notices_two_levels_as_merged_cells(exported: Path) -> None:
    ws = sheet(exported / "taiyuan" / f"{A5}.xlsx")
    header = {str(m) for m in ws.merged_cells.ranges if m.min_row in (HEADER, HEADER + 1)}
    # 窗口负责人 over its three columns; the single-level columns span both header rows.
    assert {"E4:G4", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "I4:I5"} <= header
    assert (ws["E4"].value, ws["E5"].value, ws["F5"].value, ws["G5"].value) == (
        "窗口负责人",
        "姓名",
        "单位及职务",
        "联系电话",
    )
    assert (ws["H4"].value, ws["H5"].value) == ("窗口所属单位", "名称")
    assert ws.print_title_rows == "$4:$5"  # both header rows repeated on every printed page


@pytest.mark.parametrize("name", [A5, A6])
def test_every_workbook_prints_on_a4_landscape_one_page_wide(exported: Path, name: str) -> None:
    ws = sheet(exported / "全省" / f"{name}.xlsx")
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows


def test_unit_windows_in_recommendation_order(exported: Path) -> None:
    ws = sheet(exported / "taiyuan" / f"{A5}.xlsx")
    rows = _rows(ws, 2)
    assert [r[0] for r in rows] == [1, 2]
    assert [r[1] for r in rows] == [XIAODIAN, RSJ]
    assert ws.cell(row=FIRST_WINDOW + 2, column=1).value.startswith("注：1. 根据差额推荐要求")


def test_title_stamp_date_notes_and_contact_lines(exported: Path) -> None:
    ws = sheet(exported / "taiyuan" / f"{A5}.xlsx")
    assert ws["A1"].value == "附件5"
    assert ws["A2"].value == "全国人力资源社会保障系统优质服务窗口推荐对象汇总表"
    # 填表日期 is the clerk's to write, as on the notice's form: never the day of the export.
    assert row_values(ws, 3) == [
        "推荐单位（盖章）：太原市人力资源和社会保障局",
        "填表日期：　　　　年　月　日",
    ]
    lines = [ws.cell(row=r, column=1).value for r in range(FIRST_WINDOW + 2, ws.max_row + 1)]
    assert lines == [
        "注：1. 根据差额推荐要求，请按推荐名额及顺序填写，可根据字数调整行高。",
        "2. 工作单位填报格式：XX（省、市、自治区）XX（市、地、州、盟）XX（县、区、旗）XX窗口。",
        "3. 单位性质选填机关、参公单位、事业单位、企业、其他。",
        "4. 曾获得过省部级以上称号、人社服务标兵或在练兵比武活动中获得过名次的推荐对象，请在备注栏中注明。",
        None,
        "联系人：郭晓燕",
        "联系电话：0351-4225318、13903511826",
        "传真：",
    ]


def test_ids_phones_and_dates_are_text_exactly_as_recorded(exported: Path) -> None:
    ws = sheet(exported / "全省" / f"{A6}.xlsx")
    col = {c.value: c.column for c in ws[HEADER]}
    expected = [(ID_X, "13834561207", "2015-03", 6), (ID_MALE, "0352-5127650", "2011年9月", 9)]
    for row, (id_number, phone, since, years) in zip((FIRST, FIRST + 1), expected, strict=True):
        for name, value in (("身份证号", id_number), ("联系电话", phone), ("到窗口工作时间", since)):
            cell = ws.cell(row=row, column=col[name])
            assert (cell.value, cell.data_type, cell.number_format) == (value, "s", "@")
        # 在窗口工作年限 is computed at the reference date 2021-08-23, not typed.
        assert ws.cell(row=row, column=col["在窗口工作年限"]).value == years


def test_formula_looking_values_stay_text(exported: Path) -> None:
    path = exported / "taiyuan" / f"{A5}.xlsx"
    ws = sheet(path)
    col = dict(zip(flat_header(ws, 2), range(1, ws.max_column + 1), strict=True))
    formula = ws.cell(row=FIRST_WINDOW, column=col["备注"])
    assert (formula.value, formula.data_type, formula.quotePrefix) == (FORMULA, "s", True)
    for name, value in (
        ("备注", "+2020年全省技能竞赛团体第二名"),
        ("窗口负责人单位及职务", "-信息中心副主任"),
    ):
        cell = ws.cell(row=FIRST_WINDOW + 1, column=col[name])
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)
    assert "<f>" not in sheet_xml(path)


def test_province_grouped_by_unit_in_units_order(exported: Path) -> None:
    ws = sheet(exported / "全省" / f"{A5}.xlsx")
    rows = _rows(ws, 3)
    assert [r[1] for r in rows] == [XIAODIAN, RSJ, PINGCHENG]  # taiyuan precedes datong in units.yml
    assert [r[0] for r in rows] == [1, 2, 3]
    assert row_values(ws, 3)[0] == "推荐单位（盖章）：山西省人力资源和社会保障厅"


@pytest.mark.slow
@pytest.mark.parametrize("name", [A5, A6])
def test_pdf_has_names_labels_and_embedded_fonts(exported: Path, name: str) -> None:
    path = exported / "全省" / f"{name}.pdf"
    found = pdf_text(path)
    for label in ("推荐单位（盖章）", "填表日期", "联系人", "联系电话", "传真", "注："):
        assert label in found
    names = [XIAODIAN, RSJ, PINGCHENG] if name == A5 else ["李佳慧", "马建军", ID_X, ID_MALE]
    for value in names:
        assert value in found
    assert_fonts_embedded(path)


def test_html_golden(ctx: Context) -> None:
    check_golden(
        "附件5-taiyuan.html", summary_tables.html(summary_tables.unit_table(ctx, "window", "taiyuan"))
    )
    check_golden(
        "附件6-taiyuan.html", summary_tables.html(summary_tables.unit_table(ctx, "individual", "taiyuan"))
    )
    check_golden("附件5-全省.html", summary_tables.html(summary_tables.province_table(ctx, "window")[0]))


DECISIONS = """\
决定:
  - {记录: datong/windows/pingcheng-jiedao, 决定: 推荐, 排序: 1}
  - {记录: taiyuan/windows/xiaodian-shebao, 决定: 不推荐}
  - {记录: taiyuan/windows/rsj-12333, 决定: 推荐, 排序: 2}
"""


def test_province_follows_decisions_when_they_exist(fresh: Path) -> None:
    (fresh / "submissions" / "decisions.yml").write_text(DECISIONS, encoding="utf-8")
    ctx = prepare(fresh, load(fresh), dt.date.fromisoformat(TODAY))
    table, decided = summary_tables.province_table(ctx, "window")
    assert decided
    assert [r[1] for r in table.rows] == [PINGCHENG, RSJ]
    assert [r[0] for r in table.rows] == [1, 2]
    assert not [p for p in ctx.result.problems if p.code.startswith("decision-")]  # a valid decisions file
    # No decision names an individual: that table keeps the default grouping.
    people, decided = summary_tables.province_table(ctx, "individual")
    assert not decided and [r[1] for r in people.rows] == ["李佳慧", "马建军"]


def test_province_declining_every_individual_lists_none(fresh: Path) -> None:
    text = "决定:\n  - {记录: taiyuan/individuals/li-jia-hui, 决定: 不推荐}\n"
    (fresh / "submissions" / "decisions.yml").write_text(text, encoding="utf-8")
    ctx = prepare(fresh, load(fresh), dt.date.fromisoformat(TODAY))
    people, decided = summary_tables.province_table(ctx, "individual")
    assert decided and people.rows == ()
    assert not summary_tables.province_table(ctx, "window")[1]


def test_formal_stage_exports_only_the_fed_back_nominees(fresh: Path, tmp_path: Path) -> None:
    """After the ministry's feedback a declined window appears in no table, checklist or report."""
    from awards.commands.export import run
    from awards.export import checklist, report
    from awards.export.common import Output
    from tests.export.fixture import formal_stage

    formal_stage(fresh, declined=("taiyuan/windows/rsj-12333",))
    ctx = prepare(fresh, load(fresh), dt.date(2021, 10, 8))
    assert ctx.formal
    table, decided = summary_tables.province_table(ctx, "window")
    assert decided and [r[1] for r in table.rows] == [XIAODIAN, PINGCHENG]
    assert [r[1] for r in summary_tables.unit_table(ctx, "window", "taiyuan").rows] == [XIAODIAN]
    out = Output(tmp_path / "out")
    run(ctx, out, None, lambda done, total: None)
    ws = sheet(tmp_path / "out" / "taiyuan" / f"{A5}.xlsx")
    assert [r[1] for r in _rows(ws, 1)] == [XIAODIAN]
    assert "注：" in ws.cell(row=FIRST_WINDOW + 1, column=1).value  # no second row
    # Counts agree: the checklist and the report name the one window only.
    items = checklist.markdown(ctx, "taiyuan")
    draft = report.markdown(ctx, "taiyuan")
    for text in (items, draft):
        assert "12333" not in text
