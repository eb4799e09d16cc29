"""Reports never carry a value's control characters or bidirectional overrides as they are."""

from __future__ import annotations

from awards.core.problems import Problem, Severity
from awards.core.reporter import github, printable, text


def _problem(path: str, message: str) -> Problem:
    return Problem(path, 3, 5, Severity.ERROR, "text-control-character", message)


def test_escape_sequences_and_newlines_are_escaped_in_the_text_report() -> None:
    report = text([_problem("submissions/a\nb.yml", "值“\x1b[2J\x00\u202e反”")])
    assert report.count("\n") == 1  # one problem, one line: nothing forges a second
    assert "\x1b" not in report and "\x00" not in report and "\u202e" not in report
    assert "\\x1b[2J\\x00\\u202e反" in report and "a\\x0ab.yml" in report


def test_annotations_are_escaped_too() -> None:
    report = github([_problem("a.yml", "x\x1b]8;;http://evil.example\x07y")])
    assert "\x1b" not in report and "\x07" not in report


def test_plain_chinese_and_full_width_space_are_kept() -> None:
    assert printable("山西省　太原市") == "山西省　太原市"
