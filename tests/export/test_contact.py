"""附件7 评选工作联系表: every city, its contact from unit.yml, missing forms flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from awards.export import contact
from awards.export.common import Context
from tests.export.support import assert_fonts_embedded, check_golden, pdf_text, sheet

A7 = "附件7-评选工作联系表"
COLUMNS = ["序号", "单位", "联系人", "职务", "办公电话", "手机", "电子邮箱", "备注"]


def test_workbook(exported: Path) -> None:
    ws = sheet(exported / "全省" / f"{A7}.xlsx")
    assert ws["A2"].value == "全国人社系统优质服务窗口和优质服务先进个人评选工作联系表"
    assert [c.value for c in ws[4]] == COLUMNS
    rows = [[c.value for c in ws[r]] for r in range(5, ws.max_row + 1)]
    # The 11 cities owe the form; the provincial offices sent nothing and are not listed.
    assert len(rows) == 11
    assert rows[0] == [1, "太原市人力资源和社会保障局", "郭晓燕", "人事科科长", "0351-4225318", "13903511826",
                       "rsk.taiyuan@example.org", None]  # fmt: skip
    assert rows[1][:3] == [2, "大同市人力资源和社会保障局", "杜宏伟"]
    assert rows[2] == [
        3,
        "朔州市人力资源和社会保障局",
        None,
        None,
        None,
        None,
        None,
        "未报送联系表（8月13日截止）",
    ]
    assert ws.cell(row=5, column=5).data_type == "s"


def test_each_city_gets_its_own_form(exported: Path) -> None:
    """附件7 is what each city sends (通知五): its own row, under its own stamp."""
    ws = sheet(exported / "taiyuan" / f"{A7}.xlsx")
    assert [c.value for c in ws[4]] == COLUMNS
    assert [c.value for c in ws[5]][:3] == [
        1,
        "太原市人力资源和社会保障局",
        "郭晓燕",
    ]
    assert ws.cell(row=6, column=1).value != 2  # one row only
    assert ws["A3"].value == "推荐单位（盖章）：太原市人力资源和社会保障局"
    assert not (exported / "sx-shebao" / f"{A7}.xlsx").exists()  # provincial offices are not asked for it


def test_provincial_office_listed_once_it_sends_a_form(ctx: Context) -> None:
    names = [r["单位"] for r in contact.rows(ctx)]
    assert "山西省社会保险中心" not in names
    assert names[:2] == ["太原市人力资源和社会保障局", "大同市人力资源和社会保障局"]


@pytest.mark.slow
def test_pdf(exported: Path) -> None:
    path = exported / "全省" / f"{A7}.pdf"
    found = pdf_text(path)
    for value in ("评选工作联系表", "郭晓燕", "0351-4225318", "未报送联系表", *COLUMNS):
        assert value in found
    assert_fonts_embedded(path)


def test_html_golden(ctx: Context) -> None:
    from awards.export import summary_tables

    check_golden("附件7-全省.html", summary_tables.html(contact.table(ctx)))
