"""A finding in a spreadsheet names its cell in every report format; a file finding is unchanged."""

from __future__ import annotations

import json

from awards.core import reporter
from awards.core.problems import Problem, Severity

IN_CELL = Problem("附件6.xlsx", 7, 7, Severity.ERROR, "import-id-number", "身份证号存成了数字。", "Sheet1!G7")
IN_FILE = Problem("submissions/a/windows/b.yml", 3, 5, Severity.WARNING, "phone-format", "电话：有误, 请核对")


def test_text() -> None:
    assert reporter.text([IN_CELL, IN_FILE]) == (
        "附件6.xlsx:Sheet1!G7: error: 身份证号存成了数字。 [import-id-number]\n"
        "submissions/a/windows/b.yml:3:5: warning: 电话：有误, 请核对 [phone-format]\n"
    )


def test_github_names_the_cell_in_the_message() -> None:
    lines = reporter.github([IN_CELL, IN_FILE]).splitlines()
    assert (
        lines[0]
        == "::error file=附件6.xlsx,line=7,col=7,title=import-id-number::Sheet1!G7：身份证号存成了数字。"
    )
    assert lines[1].startswith(
        "::warning file=submissions/a/windows/b.yml,line=3,col=5,title=phone-format::电话"
    )


def test_json_has_the_cell_only_where_there_is_one() -> None:
    doc = json.loads(reporter.as_json([IN_CELL, IN_FILE], 2))
    assert doc["problems"][0]["cell"] == "Sheet1!G7"
    assert "cell" not in doc["problems"][1]


def test_cells_sort_by_row_then_column() -> None:
    later = Problem("附件6.xlsx", 7, 15, Severity.WARNING, "import-phone-number", "…", "Sheet1!O7")
    earlier = Problem("附件6.xlsx", 5, 1, Severity.WARNING, "import-rank", "…", "Sheet1!A5")
    assert sorted([later, IN_CELL, earlier]) == [earlier, IN_CELL, later]
