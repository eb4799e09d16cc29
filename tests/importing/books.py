"""Real workbooks and Word documents in the notice's layout, written by openpyxl, xlwt and python-docx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

# 附件6 as the notice prints it (the column titles of rules/exports.yml).
INDIVIDUAL = (
    "序号", "姓名", "性别", "民族", "政治面貌", "学历学位", "身份证号", "工作单位", "单位性质", "职务",
    "行政级别", "职称", "到窗口工作时间", "在窗口工作年限", "联系电话", "备注",
)  # fmt: skip
NOTES = (
    "注： 1. 根据差额推荐要求，请按推荐名额及顺序填写，可根据字数调整行高。",
    "2. 工作单位填报格式：XX（省、市、自治区）XX（市、地、州、盟）XX（县、区、旗）XX窗口。",
    "3. 单位性质选填机关、参公单位、事业单位、企业、其他。",
)
CONTACT = ("联系人：郭敏", "联系电话：0351-4012345", "传真：")

ZHANG_LI: dict[str, Any] = {
    "序号": 1,
    "姓名": "张丽",
    "性别": "女",
    "民族": "汉族",
    "政治面貌": "中共党员",
    "学历学位": "大学本科/学士",
    "身份证号": "140105198805120048",
    "工作单位": "山西省太原市小店区社会保险服务窗口",
    "单位性质": "事业单位",
    "职务": "待遇审核岗经办员",
    "行政级别": "科员",
    "职称": "经济师",
    "到窗口工作时间": dt.datetime(2014, 3, 1),
    "在窗口工作年限": 7,
    "联系电话": "13935112345",
    "备注": None,
}


def individual_sheet(
    path: Path,
    rows: Sequence[dict[str, Any]],
    groups: Mapping[str, Sequence[str]] | None = None,
    singles: Sequence[str] = (),
    stamp: str = "太原市人力资源和社会保障局",
    offset: tuple[int, int] = (0, 0),
    sheet: str = "Sheet1",
) -> Path:
    """附件6: label, merged title, 推荐单位（盖章）/填表日期, the header (two rows when `groups` adds
    merged groups such as 单位公示 over 开始/结束), data rows, 注 and 联系人 lines; all moved by `offset`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    top, left = offset
    titles = [*INDIVIDUAL, *singles]
    group_cols = [(g, m) for g, members in (groups or {}).items() for m in members]
    width = len(titles) + len(group_cols)

    def at(r: int, c: int) -> str:
        return f"{get_column_letter(left + c)}{top + r}"

    ws[at(1, 1)] = "附件6"
    ws[at(2, 1)] = "全国人力资源社会保障系统优质服务先进个人推荐对象汇总表"
    ws.merge_cells(f"{at(2, 1)}:{at(2, width)}")
    ws[at(3, 1)] = f"推荐单位（盖章）：{stamp}"
    ws[at(3, width - 3)] = "填表日期：2021年8月10日"
    two = bool(groups)
    for c, title in enumerate(titles, 1):
        ws[at(4, c)] = title
        if two:
            ws.merge_cells(f"{at(4, c)}:{at(5, c)}")
    c = len(titles) + 1
    for group, members in (groups or {}).items():
        ws[at(4, c)] = group
        ws.merge_cells(f"{at(4, c)}:{at(4, c + len(members) - 1)}")
        for i, member in enumerate(members):
            ws[at(5, c + i)] = member
        c += len(members)
    r = 6 if two else 5
    keys = [*titles, *(f"{g}.{m}" for g, m in group_cols)]
    for row in rows:
        for c, key in enumerate(keys, 1):
            value = row.get(key)
            if value is not None:
                ws[at(r, c)] = value
                if isinstance(value, dt.datetime):
                    ws[at(r, c)].number_format = "yyyy-mm-dd" if "公示" in key else "yyyy-mm"
        r += 1
    for line in (*NOTES, *CONTACT):
        ws[at(r, 1)] = line
        ws.merge_cells(f"{at(r, 1)}:{at(r, width)}")
        r += 1
    wb.save(path)
    return path


def docx(path: Path, paragraphs: Sequence[tuple[str, str]]) -> Path:
    """A Word document; each item is (style, text), style "" for a body paragraph."""
    import docx as python_docx

    document = python_docx.Document()
    for style, text in paragraphs:
        if style:
            document.add_heading(text, level=int(style))
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path
