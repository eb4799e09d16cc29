"""附件4 征求意见表: one PDF per individual, blank where the departments write and seal."""

from __future__ import annotations

from pathlib import Path

import pytest

from awards.export import opinion
from awards.export.common import Context
from awards.read.load import Document
from tests.export.support import assert_fonts_embedded, check_golden, pdf_text

FORM = "附件4-优质服务先进个人征求意见表"


def _doc(ctx: Context, slug: str) -> Document:
    return next(d for d in ctx.result.submissions.records("individual") if d.slug == slug)


def test_one_pdf_per_individual(exported: Path) -> None:
    assert [p.name for p in (exported / "taiyuan").glob("附件4-*.pdf")] == [f"{FORM}-li-jia-hui.pdf"]
    assert [p.name for p in (exported / "datong").glob("附件4-*.pdf")] == [f"{FORM}-ma-jian-jun.pdf"]


@pytest.mark.slow
def test_the_form_is_blank_where_the_departments_write(exported: Path) -> None:
    """姓名 / 单位 / 职务 filled in; opinions, signers and dates never printed, even when recorded (注1–3)."""
    path = exported / "taiyuan" / f"{FORM}-li-jia-hui.pdf"
    found = pdf_text(path)
    assert "全国人力资源社会保障系统优质服务先进个人征求意见表" in found
    for value in ("李佳慧", "山西省太原市万柏林区公共就业服务窗口", "就业服务窗口负责人"):
        assert value in found
    for recorded in ("韩文斌", "冯丽君", "同意推荐", "10月20日"):
        assert recorded not in found
    assert found.count("2021年月日") == 3  # the form's year, the month and day left blank
    for part in ("纪检", "监察", "组织", "人事", "省级", "公安", "（盖章）"):
        assert part in found
    assert "此表不得由推荐对象本人负责联系填写" in found
    assert_fonts_embedded(path)


def test_blocks(ctx: Context) -> None:
    recorded = opinion.blocks(
        ctx, {"征求意见": {"纪检监察": {"意见": "同意", "签字人": "甲", "日期": "2021-10-20"}}}
    )
    assert [b.label_lines for b in recorded] == [("纪检", "监察", "部门", "意见"), ("组织", "人事", "部门", "意见"),
                                                 ("省级", "公安", "部门", "意见")]  # fmt: skip
    assert (recorded[0].opinion, recorded[0].signer, recorded[0].date) == (
        "同意",
        "甲",
        "2021 年 10 月 20 日",
    )
    assert (recorded[1].opinion, recorded[1].signer, recorded[1].date) == ("", "", "2021 年　　月　　日")


def test_html_golden(ctx: Context) -> None:
    for slug in ("li-jia-hui", "ma-jian-jun"):
        check_golden(f"附件4-{slug}.html", opinion.html(ctx, _doc(ctx, slug)))
