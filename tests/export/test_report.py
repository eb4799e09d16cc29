"""推荐工作报告 drafts: facts from the records, working days by the official calendar, marked gaps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from awards.export import report
from awards.export.common import Context, markdown_page, prepare, render
from awards.read.load import Document
from awards.rules.loader import load
from tests.export.fixture import formal_stage
from tests.export.support import assert_fonts_embedded, check_golden, pdf_text

DRAFT = "初审推荐工作报告（草稿）"


def test_first_review_draft(exported: Path) -> None:
    text = (exported / "taiyuan" / f"{DRAFT}.md").read_text(encoding="utf-8")
    assert text.startswith("# 太原市人力资源和社会保障局初审推荐工作报告\n")
    for heading in (
        "一、推荐工作组织情况",
        "二、推荐过程",
        "三、推荐对象在本单位公示情况",
        "四、推荐排序",
        "五、推荐意见",
    ):
        assert f"## {heading}\n" in text
    assert "推荐优质服务窗口2个（名额2个），其中县（区）级及乡镇（街道）、社区服务窗口1个" in text
    assert "| 李佳慧 | 2021年8月2日至8月6日 | 5个 |" in text
    ranking = text.split("## 四、推荐排序")[1]
    assert ranking.index("小店区社会保险服务窗口") < ranking.index("12333电话咨询服务窗口")
    # Organisation, process, publicity, the judgement and the date are left for a person.
    assert text.count("**【待填写：") == 5
    assert "征求意见" not in text


def test_no_draft_for_a_unit_without_records(exported: Path) -> None:
    assert not (exported / "shuozhou" / f"{DRAFT}.md").exists()


def test_publicity_counts_working_days_by_the_official_calendar(ctx: Context) -> None:
    # 2021-09-30 to 10-08 spans the National Day holiday: only 9-30 and 10-08 are working days.
    doc = Document(
        "x.yml", "window", "taiyuan", "x", {"单位公示": {"开始": "2021-09-30", "结束": "2021-10-08"}}
    )
    p = report.publicity(ctx, doc, "某窗口")
    assert (p.period, p.days, p.enough) == ("2021年9月30日至10月8日", 2, False)
    broken = Document(
        "y.yml", "window", "taiyuan", "y", {"单位公示": {"开始": "2021-08-06", "结束": "2021-08-02"}}
    )
    assert report.publicity(ctx, broken, "某窗口").days is None


def test_formal_stage_reports_opinions(fresh: Path) -> None:
    formal_stage(fresh)
    ctx = prepare(fresh, load(fresh), dt.date(2021, 10, 25))
    taiyuan, datong = report.markdown(ctx, "taiyuan"), report.markdown(ctx, "datong")
    assert taiyuan.startswith("# 太原市人力资源和社会保障局正式推荐工作报告\n")
    assert "## 三、推荐对象征求意见情况" in taiyuan and "## 四、在本地区公示情况" in taiyuan
    assert "纪检监察部门意见“同意推荐”（签字人：韩文斌，2021年10月20日）" in taiyuan
    assert "推荐排序" not in taiyuan
    assert "马建军：**【待填写：征求意见表（附件4）尚未记录" in datong


def test_user_text_cannot_inject_markup(ctx: Context) -> None:
    values = report.values(ctx, "taiyuan")
    assert values["windows"]
    evil = Document(
        "z.yml", "window", "taiyuan", "z", {"单位公示": {"开始": "2021-08-02", "结束": "2021-08-06"}}
    )
    text = render(
        "report.md", **{**values, "publicity": [report.publicity(ctx, evil, '<img src="/etc/x">*粗*|')]}
    )
    html = markdown_page("t", text)
    assert "<img" not in html and "<em>" not in html
    assert "&lt;img" in html and "*粗*|" in html


@pytest.mark.slow
def test_pdf(exported: Path) -> None:
    path = exported / "taiyuan" / f"{DRAFT}.pdf"
    found = pdf_text(path)
    for value in ("太原市人力资源和社会保障局初审推荐工作报告", "【待填写：", "李佳慧", "推荐排序"):
        assert value in found
    assert_fonts_embedded(path)


def test_html_golden(ctx: Context) -> None:
    check_golden(
        "report-taiyuan.html", markdown_page(report.title(ctx, "taiyuan"), report.markdown(ctx, "taiyuan"))
    )
