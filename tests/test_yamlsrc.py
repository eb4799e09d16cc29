"""The YAML reader on every kind of bad input: a finding with a position, never an exception."""

from __future__ import annotations

import pytest

from awards.core.problems import Mark
from awards.read import yamlsrc


def findings(text: str) -> list[tuple[str, int, int]]:
    _, found = yamlsrc.parse(text)
    return [(f.code, f.mark.line, f.mark.col) for f in found]


def test_values_are_what_the_user_typed() -> None:
    root, found = yamlsrc.parse(
        "身份证号: 140105198805120048\n电话: 03517676040\n时间: 2015.10\n性别: no\n年限: 7\n空: \n是: true\n"
    )
    assert found == [] and root is not None
    data, _ = yamlsrc.to_python(root)
    assert data == {
        "身份证号": "140105198805120048",
        "电话": "03517676040",
        "时间": "2015.10",
        "性别": "no",
        "年限": "7",
        "空": None,
        "是": True,
    }


def test_quoted_true_stays_text() -> None:
    root, _ = yamlsrc.parse('a: "true"\nb: ""\n')
    assert root is not None
    assert yamlsrc.to_python(root)[0] == {"a": "true", "b": ""}


def test_positions_survive_crlf_and_bom() -> None:
    text, found = yamlsrc.decode(b"\xef\xbb\xbfa: 1\r\nb:\r\n  c: x\r\n", 1024)
    assert found == [] and text is not None
    root, _ = yamlsrc.parse(text)
    assert root is not None
    _, pos = yamlsrc.to_python(root)
    assert pos.value(("b", "c")) == Mark(3, 6)
    assert pos.key(("b", "c")) == Mark(3, 3)


@pytest.mark.parametrize(
    ("raw", "code", "line", "col"),
    [
        ("名称: 太原\n".encode("gbk"), "file-encoding", 1, 1),
        (b"a: 1\nb: \xff\xfe\n", "file-encoding", 2, 4),
        (b"a: 1\x00\x00", "file-binary", 1, 1),
        (b"%PDF-1.7\n...", "file-binary", 1, 1),
        (b"   \n\n", "file-empty", 1, 1),
        (b"", "file-empty", 1, 1),
    ],
)
def test_decode_refusals(raw: bytes, code: str, line: int, col: int) -> None:
    text, found = yamlsrc.decode(raw, 1024)
    assert text is None
    assert [(f.code, f.mark.line, f.mark.col) for f in found] == [(code, line, col)]


def test_huge_file_is_refused_before_parsing() -> None:
    text, found = yamlsrc.decode(b"a: " + b"x" * 2048, 1024)
    assert text is None
    assert [(f.code, f.params) for f in found] == [("file-too-large", {"size_kb": 2, "limit_kb": 1})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\n\tb: 2\n", [("yaml-tab", 2, 1)]),
        ("a:\n  \tb: 2\n  c: 3\n", [("yaml-tab", 2, 3)]),
        ("a: [1, 2\n", [("yaml-syntax", 2, 1)]),
        ("a: 1\nb: x\x07y\n", [("yaml-syntax", 2, 5)]),
        ("a: 1\na: 2\n", [("yaml-duplicate-key", 2, 1)]),
        ("a:\n  b: 1\n  b: 2\n", [("yaml-duplicate-key", 3, 3)]),
        ("a: &x 1\nb: *x\n", [("yaml-alias", 1, 4), ("yaml-alias", 2, 4)]),
        ("a: !!python/object:os.system echo\n", [("yaml-tag", 1, 4)]),
        ("a: 1\n---\nb: 2\n", [("yaml-multiple-documents", 2, 1)]),
        ("姓名：张三\n性别: 男\n", [("yaml-fullwidth-colon", 1, 3)]),
        ("? [a, b]\n: 1\n", [("yaml-syntax", 1, 3)]),
        ("# only a comment\n", [("file-empty", 1, 1)]),
        ('a: "x\nb: 1\nc: "y"\n', [("yaml-syntax", 1, 4)]),
    ],
)
def test_parse_refusals(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert findings(text) == expected


def test_syntax_detail_is_chinese() -> None:
    _, found = yamlsrc.parse("a: 1\n b: 2\nc\n")
    assert found[0].code == "yaml-syntax"
    assert all(ord(ch) > 127 for ch in found[0].params["detail"][:2])


def test_billion_laughs_is_refused_not_expanded() -> None:
    text = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n"
    codes = {code for code, _, _ in findings(text)}
    assert codes == {"yaml-alias"}


@pytest.mark.parametrize("depth", [25, 5000])
def test_deep_nesting_is_refused_without_recursion(depth: int) -> None:
    text = "a: " + "[" * depth + "]" * depth + "\n"
    (found,) = findings(text)
    # Ours stops at 20 levels (col 23); libyaml refuses past 1000 levels while scanning ahead.
    assert found == ("yaml-syntax", 1, 23 if depth < 1000 else 1003)
