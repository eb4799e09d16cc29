"""rules/exports.yml loaded into typed, frozen values; the sample's exports marked 示例 everywhere."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook

from awards.cli import main
from awards.export.common import Context
from awards.export.texts import Texts
from tests.export.fixture import TODAY
from tests.export.support import pdf_text


def test_exports_yml_is_typed_and_frozen(ctx: Context) -> None:
    texts = ctx.texts
    assert isinstance(texts, Texts)
    with pytest.raises(dataclasses.FrozenInstanceError):
        texts.labels = texts.labels  # type: ignore[misc]
    assert [b.key for b in texts.opinion_form.blocks] == ["纪检监察", "组织人事", "省级公安"]
    assert texts.tables["window"].header_rows == 2 and texts.tables["individual"].header_rows == 1
    # The notice prints 附件6 as 先进单位; the table is of individuals, so the title is corrected.
    assert texts.tables["individual"].title.endswith("先进个人推荐对象汇总表")
    assert [i.name for i in texts.checklist.individual] == ["纸质证件照 2 张"]


def test_every_workbook_prints_on_a4_landscape_including_the_tallies(exported: Path) -> None:
    for path in sorted((exported / "全省").glob("*.xlsx")):
        for ws in load_workbook(path).worksheets:
            setup = ws.page_setup
            assert (setup.orientation, int(setup.paperSize or 0), setup.fitToWidth) == ("landscape", 9, 1), (
                path.name
            )
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows, path.name


def test_a_sample_campaign_marks_every_pdf_and_workbook(exported: Path) -> None:
    """The fixture campaign uses the project's rules, which mark the bundled sample (`sample: true`)."""
    out = exported / "taiyuan"
    pdfs, books = sorted(out.rglob("*.pdf")), sorted(out.rglob("*.xlsx"))
    assert len(pdfs) >= 6 and books
    for path in pdfs:
        assert "示例数据" in pdf_text(path), path.name
    for path in books:
        ws = load_workbook(path).active
        assert ws is not None and "示例数据" in (ws.oddHeader.right.text or ""), path.name


@pytest.mark.slow
def test_a_real_campaign_marks_nothing(fresh: Path) -> None:
    campaign = fresh / "rules" / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    assert "\nsample: true\n" in text
    campaign.write_text(text.replace("\nsample: true\n", "\n"), encoding="utf-8")
    assert main(["export", "--root", str(fresh), "--today", TODAY, "--unit", "taiyuan"]) == 0
    out = fresh / "exports" / "taiyuan"
    for path in sorted(out.rglob("*.pdf")):
        assert "示例" not in pdf_text(path), path.name
    for path in sorted(out.rglob("*.xlsx")):
        ws = load_workbook(path).active
        assert ws is not None and not ws.oddHeader.right.text, path.name
