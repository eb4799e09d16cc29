"""Materials checklists: present, missing, to fix and to do by hand, for the current stage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from awards.export import checklist
from awards.export.common import Context, markdown_page, prepare
from awards.rules.loader import load
from tests.export.fixture import TODAY, formal_stage
from tests.export.support import assert_fonts_embedded, check_golden, pdf_text


def _items(ctx: Context, unit: str) -> dict[tuple[str, str], checklist.Item]:
    return {(s.title, i.name): i for s in checklist.sections(ctx, unit) for i in s.items}


def test_complete_unit_before_the_formal_stage(ctx: Context) -> None:
    items = _items(ctx, "taiyuan")
    person = "个人：李佳慧"
    assert items[(person, "证件照（2 寸蓝底彩色，电子版）")].status == checklist.READY
    assert items[(person, "征求意见表（附件4）")].status == checklist.LATER
    assert items[(person, "本单位公示（不少于 5 个工作日）")].detail == "2021年8月2日至8月6日，5 个工作日"
    assert items[("本单位材料", "推荐优质服务窗口名额")].status == checklist.READY
    assert items[("本单位材料", "初审推荐工作报告")].status == checklist.MANUAL
    assert checklist.counts(checklist.sections(ctx, "taiyuan"))[checklist.MISSING] == 0


def test_short_unit_and_unsent_forms(ctx: Context) -> None:
    items = _items(ctx, "datong")
    assert items[("本单位材料", "推荐优质服务窗口名额")].detail == "已推荐 1 个，名额 2 个"
    assert items[("本单位材料", "推荐优质服务窗口名额")].status == checklist.MISSING
    shuozhou = _items(ctx, "shuozhou")
    assert shuozhou[("本单位材料", "评选工作联系表（附件7，unit.yml）")].status == checklist.MISSING


def test_missing_photo_and_long_deeds(fresh: Path) -> None:
    (fresh / "submissions" / "taiyuan" / "photos" / "li-jia-hui.jpg").unlink()
    record = fresh / "submissions" / "taiyuan" / "windows" / "rsj-12333.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("简要事迹: 在窗口", "简要事迹: " + "长" * 520 + "在窗口"),
        encoding="utf-8",
    )
    ctx = prepare(fresh, load(fresh), dt.date.fromisoformat(TODAY))
    items = _items(ctx, "taiyuan")
    assert items[("个人：李佳慧", "证件照（2 寸蓝底彩色，电子版）")].status == checklist.MISSING
    deeds = items[("窗口：山西省太原市人力资源和社会保障局12333电话咨询服务窗口", "简要事迹（500 字以内）")]
    assert deeds.status == checklist.FIX and "超出" in deeds.detail
    # Each problem is counted once: the photo is not also a "基本情况" error.
    assert items[("个人：李佳慧", "基本情况各项（awards validate）")].status == checklist.READY


def test_formal_stage_asks_for_opinions_and_paper_forms(fresh: Path) -> None:
    formal_stage(fresh)
    ctx = prepare(fresh, load(fresh), dt.date(2021, 10, 25))
    assert checklist.file_name(ctx) == "材料清单（正式推荐）"
    assert _items(ctx, "taiyuan")[("个人：李佳慧", "征求意见表（附件4）")].status == checklist.READY
    datong = _items(ctx, "datong")
    assert datong[("个人：马建军", "征求意见表（附件4）")].status == checklist.MISSING
    assert datong[("本单位材料", "优质服务先进个人推荐审批表（附件3）")].status == checklist.MANUAL
    assert datong[("个人：马建军", "纸质证件照 2 张")].status == checklist.MANUAL


def test_which_units_get_a_checklist(ctx: Context, exported: Path) -> None:
    units = checklist.units(ctx)
    assert "taiyuan" in units and "shuozhou" in units and "sx-shebao" not in units
    summary = (exported / "全省" / "材料清单（初审）汇总.md").read_text(encoding="utf-8")
    assert "| 太原市人力资源和社会保障局 | 2 | 1 | 0 | 0 |" in summary
    assert "山西省社会保险中心" not in summary


@pytest.mark.slow
def test_pdf(exported: Path) -> None:
    path = exported / "datong" / "材料清单（初审）.pdf"
    found = pdf_text(path)
    for value in ("大同市人力资源和社会保障局材料清单（初审）", "马建军", "已推荐1个，名额2个"):
        assert value in found
    assert_fonts_embedded(path)


def test_html_golden(ctx: Context) -> None:
    check_golden("checklist-datong.html", markdown_page("材料清单", checklist.markdown(ctx, "datong")))


def test_every_attestation_the_schema_asks_for_is_listed_when_unconfirmed(fresh: Path) -> None:
    window = fresh / "submissions" / "taiyuan" / "windows" / "rsj-12333.yml"
    text = window.read_text(encoding="utf-8")
    assert "无作风问题承诺: true" in text
    window.write_text(text.replace("无作风问题承诺: true", "无作风问题承诺: false"), encoding="utf-8")
    person = fresh / "submissions" / "taiyuan" / "individuals" / "li-jia-hui.yml"
    text = person.read_text(encoding="utf-8")
    assert "在职工作人员: true" in text
    person.write_text(text.replace("在职工作人员: true", "在职工作人员: false"), encoding="utf-8")
    items = _items(prepare(fresh, load(fresh), dt.date.fromisoformat(TODAY)), "taiyuan")
    window_title = "窗口：山西省太原市人力资源和社会保障局12333电话咨询服务窗口"
    assert items[(window_title, "无作风问题承诺")].status == checklist.MISSING
    assert (window_title, "无违法违纪承诺") not in items  # confirmed: nothing to do
    assert items[("个人：李佳慧", "在职工作人员")].status == checklist.MISSING
