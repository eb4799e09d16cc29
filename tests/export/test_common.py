"""Shared pieces: record lookups, Markdown escaping, the export folder's safety rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from awards.export.common import MARKER, Context, ExportError, Output, lookup, md_escape, parse_day, text


def test_lookup_and_text() -> None:
    data = {"窗口负责人": {"姓名": " 李四 "}, "推荐排序": 2, "承诺": True, "坏": ["列表"]}
    assert text(lookup(data, "窗口负责人.姓名")) == "李四"
    assert text(lookup(data, "窗口负责人.职务")) == ""
    assert text(lookup(data, "推荐排序.姓名")) == ""
    assert (text(data["推荐排序"]), text(data["承诺"]), text(data["坏"])) == ("2", "是", "")


def test_parse_day_needs_a_full_date() -> None:
    assert parse_day("2021-08-02") == dt.date(2021, 8, 2)
    assert parse_day("2021年8月2日") == dt.date(2021, 8, 2)
    assert parse_day("2021-08") is None and parse_day(None) is None


def test_md_escape() -> None:
    assert md_escape("a*b*_c_ [x](y) #1 |") == r"a\*b\*\_c\_ \[x\](y) \#1 \|"
    assert md_escape("<b>&") == "&lt;b&gt;&amp;"
    assert md_escape("两行\n文字") == "两行 文字"


def test_stage_follows_the_campaign_clock(ctx: Context) -> None:
    assert not ctx.formal and ctx.stage == "初审" and ctx.stage_work == "初审推荐"


def test_output_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError):
        Output(tmp_path).prepare(None)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_output_rewrites_its_own_folder(tmp_path: Path) -> None:
    base = tmp_path / "exports"
    out = Output(base)
    out.prepare(None)
    out.write_text("taiyuan", "old.md", "旧")
    out.write_text("datong", "keep.md", "留")
    assert "个人信息" in (base / MARKER).read_text(encoding="utf-8")
    Output(base).prepare(["taiyuan"])  # a partial export clears only its own units
    assert not (base / "taiyuan" / "old.md").exists()
    assert (base / "datong" / "keep.md").exists()
    Output(base).prepare(None)
    assert sorted(p.name for p in base.iterdir()) == [MARKER]
