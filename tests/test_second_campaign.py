"""Proof that the next campaign needs only new data: another province and year, run by the same code.

tests/fixtures/second-campaign/ holds what a campaign decides for itself (campaign.yml, kinds.yml, units,
divisions, holidays, site texts) for a fictional 2022 campaign in 陕西省, with other quotas, word
limits, publicity days, kind names and folders, attachment numbers and units. The files every campaign
shares (check catalogue, record schemas, vocabularies, export headers) come from the project's rules/.
Each test runs the ordinary `awards` commands on it; nothing in the code knows which campaign it is.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from awards.check.run import validate
from awards.cli import main
from awards.rules.loader import load
from tests import photos
from tests.conftest import FIXTURES, REPO

SECOND = FIXTURES / "second-campaign"
PEOPLE = (
    "xian/biaobing/chen-jing",
    "xian/biaobing/liu-qiang",
    "baoji/biaobing/zhao-min",
    "baoji/biaobing/yang-fan",
)
BEFORE_DEADLINES = dt.date(2022, 6, 1)


def second_campaign(root: Path) -> Path:
    shutil.copytree(REPO / "rules", root / "rules", ignore=shutil.ignore_patterns("holidays"))
    shutil.copytree(SECOND / "rules", root / "rules", dirs_exist_ok=True)
    shutil.copytree(SECOND / "submissions", root / "submissions")
    # The site's hand-written pages and MkDocs configuration are the project's, like its code.
    shutil.copytree(REPO / "site", root / "site", ignore=shutil.ignore_patterns("archive", "generated"))
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for record in PEOPLE:
        unit, _, slug = record.split("/")
        photos.make(root / "submissions" / unit / "photos" / f"{slug}.jpg", "good")
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return second_campaign(tmp_path / "shaanxi")


def test_its_rules_are_its_own(root: Path) -> None:
    rules = load(root)
    assert rules.settings.province == "陕西省"
    assert rules.settings.quotas.city == {"window": 1, "individual": 2}
    assert rules.settings.quotas.province_total == {"window": 3, "individual": 4}
    assert rules.settings.word_limits == {"主要事迹": 1500, "简要事迹": 300}
    assert rules.kinds.names == {"window": "人社服务示范窗口", "individual": "人社服务标兵"}
    assert [k.folder for k in rules.kinds.nominees] == ["chuangkou", "biaobing"]
    assert set(rules.holidays) == {2022}


def test_it_validates_clean_before_and_after_its_deadlines(root: Path) -> None:
    rules = load(root)
    for today in (BEFORE_DEADLINES, dt.date(2022, 7, 1)):
        result = validate(root, rules, today)
        assert result.problems == []
        assert result.files_checked == 12  # 8 records and 4 photos


def test_its_own_quotas_kind_names_and_word_limits_are_applied(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = root / "submissions" / "xian" / "chuangkou" / "second.yml"
    text = (root / "submissions" / "xian" / "chuangkou" / "yanta-shebao.yml").read_text(encoding="utf-8")
    text = text.replace("推荐排序: 1", "推荐排序: 2").replace("社会保险服务窗口", "就业服务窗口")
    extra.write_text(text.replace("  该窗口推行", "  " + "很" * 301), encoding="utf-8")
    assert main(["validate", "--root", str(root), "--today", "2022-06-01", "--format", "json"]) == 1
    found = {(p["code"], p["message"]) for p in json.loads(capsys.readouterr().out)["problems"]}
    assert (
        "quota-exceeded",
        "“西安市人力资源和社会保障局”推荐了 2 个人社服务示范窗口，超过名额 1 个。",
    ) in found
    assert (
        "text-too-long",
        "“简要事迹”按 Word、WPS 的字数统计共 331 字，超过 300 字的上限，请删去至少 31 字。",
    ) in found


def test_a_window_of_the_first_campaigns_province_is_refused(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = root / "submissions" / "baoji" / "chuangkou" / "weibin-jiuye.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("陕西省宝鸡市渭滨区", "山西省太原市小店区"),
        encoding="utf-8",
    )
    assert main(["validate", "--root", str(root), "--today", "2022-06-01"]) == 1
    out = capsys.readouterr().out
    assert "[unit-name-province]" in out and "陕西省" in out


def test_new_writes_its_kinds_into_their_folders(root: Path) -> None:
    assert main(["new", "individual", "--unit", "baoji", "--slug", "new-person", "--root", str(root)]) == 0
    written = (root / "submissions" / "baoji" / "biaobing" / "new-person.yml").read_text(encoding="utf-8")
    modeline, title = written.splitlines()[:2]
    assert modeline == "# yaml-language-server: $schema=../../../site/docs/schemas/individual.schema.json"
    assert title.startswith("# 人社服务标兵推荐对象：陕西省人社系统服务示范窗口和服务标兵推荐评选")
    assert "简要事迹：300 字以内" in written


@pytest.mark.slow
def test_it_builds_its_own_site(root: Path) -> None:
    assert main(["build", "--root", str(root), "--today", "2022-06-01"]) == 0
    home = (root / "public" / "index.html").read_text(encoding="utf-8")
    assert "陕西省人社系统服务示范窗口和服务标兵推荐评选" in home
    assert "全省推荐人社服务示范窗口 3 个、人社服务标兵 4 名" in home
    assert "山西" not in home
    rules_page = (root / "public" / "rules" / "index.html").read_text(encoding="utf-8")
    assert "7 个工作日" in rules_page and "主要事迹 1500 字以内" in rules_page
    # The catalogue's summaries are filled from this campaign's settings too.
    assert "每市推荐人社服务示范窗口 1 个、人社服务标兵 2 名，不能超出。" in rules_page
    assert "主要事迹不超过 1500 字，简要事迹不超过 300 字" in rules_page
    guide = (root / "public" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "submissions/&lt;单位代码&gt;/biaobing/&lt;英文短名&gt;.yml" in guide


@pytest.mark.slow
def test_it_exports_its_own_tables_and_checklists(root: Path) -> None:
    out = root / "exports"
    assert main(["export", "--root", str(root), "--today", "2022-06-01", "--out", str(out)]) == 0
    checklist = next((out / "xian").glob("材料清单*.md")).read_text(encoding="utf-8")
    assert "推荐人社服务标兵名额" in checklist and "已推荐 2 个，名额 2 个" in checklist
    assert "推荐工作联系表（附件3，unit.yml）" in checklist
    tables = sorted(p.name for p in (out / "xian").glob("*.xlsx"))
    assert len(tables) == 2
    sheet = load_workbook(next((out / "xian").glob("*.xlsx"))).active
    assert sheet is not None
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert any("陕西省西安市" in c for c in cells)
