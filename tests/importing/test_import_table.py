"""`awards import 附件6.xlsx --unit …`: real workbooks in the notice's layout become records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import xlwt

from awards import cli
from tests.conftest import BEFORE_DEADLINES
from tests.importing import books

TODAY = ["--today", BEFORE_DEADLINES.isoformat()]
PUBLICITY = {"单位公示": ["开始", "结束"]}
EXTRA = ("参加人社工作时间", "在职工作人员")  # columns beyond the notice's, named like record fields
FULL = books.ZHANG_LI | {
    "参加人社工作时间": "2010-07",
    "在职工作人员": "是",
    "单位公示.开始": dt.datetime(2021, 8, 2),
    "单位公示.结束": dt.datetime(2021, 8, 6),
}


def awards(repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.chdir(repo)
    return cli.main([*args, *TODAY])


@pytest.fixture
def fresh(repo: Path) -> Path:
    """The fixture campaign with 太原's one individual removed: the import brings it back."""
    (repo / "submissions/taiyuan/individuals/zhang-li.yml").unlink()
    return repo


def test_a_filled_table_becomes_a_record_that_the_checker_reads(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = books.individual_sheet(tmp_path / "附件6.xlsx", [FULL], PUBLICITY, EXTRA)
    assert awards(fresh, monkeypatch, "import", str(book), "--unit", "taiyuan") == 0
    record = fresh / "submissions/taiyuan/individuals/zhang-li.yml"
    text = record.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../site/docs/schemas/individual.schema.json\n"
    )
    for line in (
        '身份证号: "140105198805120048"',
        "到窗口工作时间: 2014-03",  # an Excel date, as YYYY-MM
        "在窗口工作年限: 7",
        "照片: photos/zhang-li.jpg",  # the unit's photo named like the record
        "在职工作人员: true",  # 是 in a yes/no column
        '  开始: "2021-08-02"',  # from the merged 单位公示 group over 开始 / 结束
        "简要事迹: |",  # left as the template's blank
    ):
        assert line in text.splitlines(), line
    out = capsys.readouterr()
    # The checker ran on the new record and says only what is left: the two texts.
    assert [ln.split(": error: ")[1] for ln in out.out.splitlines()] == [
        "“简要事迹”不能为空。 [empty-value]",
        "“主要事迹”不能为空。 [empty-value]",
    ]
    assert "已写入 submissions/taiyuan/individuals/zhang-li.yml" in out.err


def test_the_table_may_sit_anywhere_on_any_sheet_and_keeps_remarks_as_typed(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        books.ZHANG_LI | {"备注": "2019年获全省人社系统练兵比武\n个人第一名", "在窗口工作年限": "7年"},
        books.ZHANG_LI | {"序号": 2, "身份证号": "14010519900101002x"},  # a second 张丽
        {"序号": 3},  # the form's numbered empty rows are not nominations
        {"序号": 4},
    ]
    book = books.individual_sheet(tmp_path / "a6.xlsx", rows, offset=(3, 2), sheet="推荐汇总")
    assert awards(fresh, monkeypatch, "import", str(book), "--unit", "taiyuan", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "# ---- 将写入 submissions/taiyuan/individuals/zhang-li.yml ----" in out
    assert "# ---- 将写入 submissions/taiyuan/individuals/zhang-li-2.yml ----" in out
    assert out.count("# ---- 将写入") == 2 and "error" not in out
    assert "备注: |\n  2019年获全省人社系统练兵比武\n  个人第一名\n" in out
    assert "在窗口工作年限: 7年\n" in out  # kept as typed: the checker says what is wrong with it
    assert "身份证号: 14010519900101002X\n" in out  # lower-case x made upper
    assert not (fresh / "submissions/taiyuan/individuals").exists() or not list(
        (fresh / "submissions/taiyuan/individuals").glob("*.yml")
    )


def test_a_numeric_id_is_refused_at_its_cell_in_every_format(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = books.individual_sheet(
        tmp_path / "附件6.xlsx", [books.ZHANG_LI | {"身份证号": 140105198805120048}]
    )
    assert awards(fresh, monkeypatch, "import", str(book), "--unit", "taiyuan") == 1
    out = capsys.readouterr()
    assert out.out.startswith(
        "附件6.xlsx:Sheet1!G5: error: “身份证号”在表格里存成了数字（Excel 显示为 1.40105E+17）"
    )
    assert out.out.rstrip().endswith("[import-id-number]")
    assert "没有写入任何记录" in out.err
    assert not list((fresh / "submissions/taiyuan").rglob("zhang-li*.yml"))

    assert awards(fresh, monkeypatch, "import", str(book), "--unit", "taiyuan", "--format", "github") == 1
    annotation = capsys.readouterr().out
    assert annotation.startswith("::error file=附件6.xlsx,line=5,col=7,title=import-id-number::Sheet1!G5：")

    assert awards(fresh, monkeypatch, "import", str(book), "--unit", "taiyuan", "--format", "json") == 1
    (problem,) = json.loads(capsys.readouterr().out)["problems"]
    assert (problem["path"], problem["cell"], problem["line"], problem["col"]) == (
        "附件6.xlsx",
        "Sheet1!G5",
        5,
        7,
    )
    assert problem["code"] == "import-id-number"


def test_numbers_that_lose_what_was_typed_are_flagged_at_their_cells(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    row = books.ZHANG_LI | {"到窗口工作时间": 2014.1, "联系电话": 3514012345, "序号": "一"}
    book = books.individual_sheet(tmp_path / "附件6.xlsx", [row], stamp="大同市人力资源和社会保障局")
    assert awards(fresh, monkeypatch, "import", str(book), "--unit", "taiyuan", "--dry-run") == 0
    out = capsys.readouterr().out
    found = [
        (ln.split(": ")[0], ln.rsplit(" ", 1)[1].strip("[]"))
        for ln in out.splitlines()
        if ": warning: " in ln
    ]
    assert found == [
        ("附件6.xlsx:Sheet1!A3", "import-unit-mismatch"),
        ("附件6.xlsx:Sheet1!A5", "import-rank"),
        ("附件6.xlsx:Sheet1!M5", "import-date-number"),
        ("附件6.xlsx:Sheet1!O5", "import-phone-number"),
    ]
    assert "到窗口工作时间: 2014-10\n" in out  # Excel shows 2014.10 as 2014.1
    assert '联系电话: "3514012345"\n' in out


def test_a_row_without_a_name_and_a_missing_column(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = books.individual_sheet(tmp_path / "附件6.xlsx", [books.ZHANG_LI | {"姓名": None}])
    import openpyxl

    wb = openpyxl.load_workbook(book)
    ws = wb.active
    assert ws is not None and ws["P4"].value == "备注"
    ws["P4"] = None
    wb.save(book)
    assert awards(fresh, monkeypatch, "import", str(book), "--unit", "taiyuan") == 1
    lines = capsys.readouterr().out.splitlines()
    assert [ln.rsplit(" ", 1)[1].strip("[]") for ln in lines] == ["import-missing-column", "import-no-name"]
    assert (
        lines[0]
        == "附件6.xlsx:Sheet1!A4: warning: 表中没有“备注”一列，导入的记录里这一项留空，请逐条补填。 [import-missing-column]"
    )
    assert lines[1].startswith("附件6.xlsx:Sheet1!B5: error: 这一行没有填“姓名”") and lines[1].endswith(
        "[import-no-name]"
    )


def test_existing_records_are_kept_unless_forced(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    record = repo / "submissions/taiyuan/individuals/zhang-li.yml"
    before = record.read_text(encoding="utf-8")
    book = books.individual_sheet(tmp_path / "附件6.xlsx", [FULL], PUBLICITY, EXTRA)
    assert awards(repo, monkeypatch, "import", str(book), "--unit", "taiyuan") == 2
    err = capsys.readouterr().err
    assert "这些记录已存在，没有写入任何文件（确需覆盖请加 --force）" in err
    assert "submissions/taiyuan/individuals/zhang-li.yml" in err
    assert record.read_text(encoding="utf-8") == before
    assert awards(repo, monkeypatch, "import", str(book), "--unit", "taiyuan", "--force") == 0
    assert record.read_text(encoding="utf-8") != before


def test_a_sheet_that_is_neither_table_names_what_it_has(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["编号", "名字", "部门", "电话"])
    ws.append([1, "张丽", "社保", "13935112345"])
    wb.save(tmp_path / "花名册.xlsx")
    assert awards(repo, monkeypatch, "import", str(tmp_path / "花名册.xlsx"), "--unit", "taiyuan") == 2
    err = capsys.readouterr().err
    assert "花名册.xlsx 中没有找到附件5（序号、窗口名称、窗口性质、窗口级别……）、附件6" in err
    assert "工作表“Sheet”的内容：编号、名字、部门、电话" in err


def test_not_a_spreadsheet_and_unknown_unit_are_usage_errors(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "表.csv").write_text("序号,姓名\n", encoding="utf-8")
    assert awards(repo, monkeypatch, "import", str(tmp_path / "表.csv"), "--unit", "taiyuan") == 2
    assert "不是 Excel 表格" in capsys.readouterr().err
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    assert awards(repo, monkeypatch, "import", str(tmp_path / "坏.xlsx"), "--unit", "taiyuan") == 2
    assert "无法读取 坏.xlsx" in capsys.readouterr().err
    assert awards(repo, monkeypatch, "import", str(tmp_path / "坏.xlsx"), "--unit", "nowhere") == 2
    assert "“nowhere”不是已登记的单位代码" in capsys.readouterr().err


def test_window_table_with_its_merged_header_from_an_old_xls(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """附件5 in the binary .xls some offices still send: 窗口负责人 merged over its three columns."""
    book = xlwt.Workbook()
    ws = book.add_sheet("Sheet1")
    ws.write(0, 0, "附件5")
    ws.write_merge(1, 1, 0, 8, "全国人力资源社会保障系统优质服务窗口推荐对象汇总表")
    ws.write(2, 0, "推荐单位（盖章）：太原市人力资源和社会保障局")
    for c, title in enumerate(["序号", "窗口名称", "窗口性质", "窗口级别"]):
        ws.write_merge(3, 4, c, c, title)
    ws.write_merge(3, 3, 4, 6, "窗口负责人")
    for c, title in enumerate(["姓名", "单位及职务", "联系电话"], start=4):
        ws.write(4, c, title)
    ws.write_merge(3, 4, 7, 7, "窗口所属单位名称")
    ws.write_merge(3, 4, 8, 8, "备注")
    row = [3, "山西省太原市迎泽区社会保险服务窗口", "事业单位", "县级", "周敏", "迎泽区社会保险中心主任",
           "0351-4012345", "太原市迎泽区社会保险中心", ""]  # fmt: skip
    for c, value in enumerate(row):
        ws.write(5, c, value)
    ws.write(6, 0, "注： 1. 根据差额推荐要求，请按推荐名额及顺序填写。")
    ws.write(7, 0, "联系人：郭敏")
    book.save(str(tmp_path / "附件5.xls"))
    assert (
        awards(repo, monkeypatch, "import", str(tmp_path / "附件5.xls"), "--unit", "taiyuan", "--dry-run")
        == 0
    )
    out = capsys.readouterr().out
    assert "# ---- 将写入 submissions/taiyuan/windows/ying-ze-qu-she-hui-bao-xian.yml ----" in out
    assert "推荐排序: 3\n" in out
    assert (
        "窗口负责人:\n  # 姓名\n  姓名: 周敏\n  # 单位及职务\n  单位及职务: 迎泽区社会保险中心主任\n" in out
    )
    assert "  联系电话: 0351-4012345\n" in out
    assert "窗口类别:\n" in out  # not in 附件5: a blank for the clerk


def test_an_empty_form_says_so(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = books.individual_sheet(tmp_path / "附件6.xlsx", [{"序号": 1}, {"序号": 2}])
    assert awards(repo, monkeypatch, "import", str(book), "--unit", "taiyuan") == 2
    assert "附件6.xlsx 中工作表“Sheet1”的附件6还没有填写推荐对象" in capsys.readouterr().err
