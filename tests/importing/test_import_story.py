"""`awards import 事迹.docx --record …`: a Word document's 事迹 into a record, paragraphs kept; and the
whole way a clerk goes: a filled 附件6.xlsx plus a Word 事迹 give a record that passes `awards validate`."""

from __future__ import annotations

from pathlib import Path

import pytest

from awards import cli
from awards.importing import story
from tests.importing import books
from tests.importing.test_import_table import EXTRA, FULL, PUBLICITY, awards

BRIEF = "该同志扎根窗口七年，累计办理业务3万余件，零差错、零投诉。"
MAIN = ("一、熟悉养老保险政策，群众称她“活字典”。", "二、创新“延时服务”“预约服务”，帮助群众少跑腿。")


def test_from_table_and_word_to_a_record_that_passes(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "submissions/taiyuan/individuals/zhang-li.yml").unlink()
    book = books.individual_sheet(tmp_path / "附件6.xlsx", [FULL], PUBLICITY, EXTRA)
    assert awards(repo, monkeypatch, "import", str(book), "--unit", "taiyuan") == 0
    words = books.docx(
        tmp_path / "张丽事迹.docx",
        [
            ("1", "张丽同志先进事迹材料"),
            ("2", "简要事迹"),
            ("", BRIEF),
            ("2", "主要事迹"),
            ("", MAIN[0]),
            ("", MAIN[1]),
        ],
    )
    record = "submissions/taiyuan/individuals/zhang-li.yml"
    capsys.readouterr()
    assert awards(repo, monkeypatch, "import", str(words), "--record", record) == 0
    out = capsys.readouterr()
    assert out.out == ""  # the checker has nothing left to say about the record
    assert "已把 张丽事迹.docx 的简要事迹、主要事迹写入" in out.err
    text = (repo / record).read_text(encoding="utf-8")
    assert f"简要事迹: |\n  {BRIEF}\n" in text
    assert f"主要事迹: |\n  {MAIN[0]}\n\n  {MAIN[1]}\n" in text  # paragraphs kept
    assert "先进事迹材料" not in text  # the document's title is not 事迹
    assert "# 照片：" in text  # the template's help stays
    assert cli.main(["validate", "--today", "2021-08-10", "--no-cache"]) == 0
    assert "没有发现问题" in capsys.readouterr().err


def test_a_document_without_headings_is_all_main_text_and_comments_survive(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    record = repo / "submissions/taiyuan/individuals/zhang-li.yml"
    before = record.read_text(encoding="utf-8")
    record.write_text("# 我的备忘：照片已交\n" + before, encoding="utf-8")
    words = books.docx(tmp_path / "事迹.docx", [("", MAIN[0]), ("", ""), ("", MAIN[1])])
    assert awards(repo, monkeypatch, "import", str(words), "--record", str(record), "--dry-run") == 0
    shown = capsys.readouterr().out
    assert record.read_text(encoding="utf-8").startswith("# 我的备忘")  # dry run wrote nothing
    assert "该同志熟悉养老保险政策" not in shown  # the old 主要事迹 is replaced
    assert f"主要事迹: |\n  {MAIN[0]}\n\n  {MAIN[1]}\n照片: photos/zhang-li.jpg\n" in shown
    assert "简要事迹: |\n  该同志扎根窗口七年" in shown  # untouched: the document has no 简要事迹
    assert shown.startswith("# 我的备忘：照片已交\n")


def test_word_problems_are_sentences(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "事迹.docx").write_bytes(b"this is a .doc from 2003, renamed")
    record = "submissions/taiyuan/individuals/zhang-li.yml"
    assert awards(repo, monkeypatch, "import", str(tmp_path / "事迹.docx"), "--record", record) == 2
    assert "只能导入 Word 的 .docx 文件" in capsys.readouterr().err
    assert awards(repo, monkeypatch, "import", str(tmp_path / "事迹.docx")) == 2
    assert "要用 --record 指明" in capsys.readouterr().err
    empty = books.docx(tmp_path / "空.docx", [])
    assert awards(repo, monkeypatch, "import", str(empty), "--record", record) == 2
    assert "里没有文字" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("paras", "expected"),
    [
        (
            ["一、简要事迹", "短。", "二、主要事迹：", "长一。", "长二。"],
            {"简要事迹": "短。", "主要事迹": "长一。\n\n长二。"},
        ),
        (["标题", "简要事迹", "短。"], {"简要事迹": "短。"}),
        (["只有正文。", "", "第二段。"], {"主要事迹": "只有正文。\n\n第二段。"}),
    ],
)
def test_split_by_headings(paras: list[str], expected: dict[str, str]) -> None:
    assert story.split(paras) == expected


def test_replace_keeps_what_follows() -> None:
    text = "姓名: 张丽\n主要事迹: |\n  旧的。\n\n  旧的二。\n\n# 照片\n照片: photos/a.jpg\n"
    assert (
        story.replace(text, "主要事迹", "新的。")
        == "姓名: 张丽\n主要事迹: |\n  新的。\n\n# 照片\n照片: photos/a.jpg\n"
    )
    assert story.replace("姓名: 张丽\n", "简要事迹", "短。") == "姓名: 张丽\n简要事迹: |\n  短。\n"
