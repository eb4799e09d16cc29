"""事迹材料: 基本情况和主要事迹 and 简要事迹 per nominee, .docx read back with python-docx, and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as Word

from awards.export import deeds
from awards.export.common import Context
from tests.export.fixture import DEEDS
from tests.export.support import assert_fonts_embedded, pdf_text

FOLDER = "事迹材料"
MAIN = f"{FOLDER}/优质服务先进个人-li-jia-hui-基本情况和主要事迹"
BRIEF = f"{FOLDER}/优质服务先进个人-li-jia-hui-简要事迹"
WINDOW_MAIN = f"{FOLDER}/优质服务窗口-xiaodian-shebao-基本情况和主要事迹"


def _text(path: Path) -> tuple[str, list[str]]:
    word = Word(str(path))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join(p.text for p in word.paragraphs), cells


def test_every_nominee_has_both_documents_in_both_formats(exported: Path) -> None:
    names = sorted(p.name for p in (exported / "taiyuan" / FOLDER).iterdir())
    assert len(names) == 3 * 2 * 2  # two windows and one individual; two documents; .docx and .pdf
    for stem in (MAIN, BRIEF, WINDOW_MAIN):
        assert (exported / "taiyuan" / f"{stem}.docx").is_file()
        assert (exported / "taiyuan" / f"{stem}.pdf").is_file()


def test_docx_reads_back_with_title_name_unit_and_text(exported: Path) -> None:
    path = exported / "taiyuan" / f"{MAIN}.docx"
    body, cells = _text(path)
    assert body.startswith(
        "优质服务先进个人基本情况和主要事迹\n姓名：李佳慧　工作单位：山西省太原市万柏林区公共就业服务窗口"
    )
    assert DEEDS.strip().split("\n")[0] in body
    assert "姓名" in cells and "政治面貌" in cells and "中共党员" in cells
    # Never the private values: no ID number, no phone in the 基本情况.
    assert "身份证号" not in cells and "联系电话" not in cells
    section = Word(str(path)).sections[0]
    assert section.page_width and section.page_height  # A4, stored in twips
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    brief, cells = _text(exported / "taiyuan" / f"{BRIEF}.docx")
    assert brief.startswith("优质服务先进个人简要事迹\n姓名：李佳慧") and cells == []


def test_window_deeds_name_the_window_and_its_unit(ctx: Context) -> None:
    doc = next(d for d in ctx.result.submissions.records("window") if d.slug == "xiaodian-shebao")
    d = deeds.deed(ctx, doc, "main")
    assert d.title == "优质服务窗口基本情况和主要事迹"
    assert dict(d.who) == {
        "窗口名称": "山西省太原市小店区社会保险服务窗口",
        "窗口所属单位名称": "太原市小店区社会保险中心",
    }


@pytest.mark.slow
def test_pdf_has_the_same_text_and_embedded_fonts(exported: Path) -> None:
    path = exported / "taiyuan" / f"{MAIN}.pdf"
    found = pdf_text(path)
    assert "优质服务先进个人基本情况和主要事迹" in found and "李佳慧" in found and "主要事迹" in found
    assert "第1页" not in found  # no footer added
    assert_fonts_embedded(path)
