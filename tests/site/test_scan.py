"""The leak scan's own machinery: PDF text (poppler, pypdf without it), files read on both cores, and
the archive read in the background while MkDocs runs, its findings kept only for the very same bytes."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from awards.rules import matcher
from awards.rules.matcher import Secret
from awards.site import leaks, pdftext

REPO = Path(__file__).resolve().parents[2]
SOURCE = "submissions/taiyuan/individuals/wang-wu.yml"
MOBILE = "13834561207"
SECRETS: list[Secret] = [
    *matcher.phone_secrets("联系电话", MOBILE, SOURCE),
    *matcher.id_secrets("140105198604121232", SOURCE),
]


def _pdf(pages: list[str]) -> bytes:
    from weasyprint import HTML

    body = "".join(f'<p style="break-after: page">{text}</p>' for text in pages)
    return bytes(HTML(string=f"<html><body>{body}</body></html>").write_pdf())


@pytest.fixture(scope="module")
def leaky_pdf() -> bytes:
    """Five pages; the own mobile on the last one, a stranger's ID number on the second."""
    return _pdf(
        ["第一页", "帮助群众（身份证号110101199003077774）", "第三页", "第四页", f"联系电话 {MOBILE}"]
    )


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_poppler_reads_the_same_text_as_pypdf() -> None:
    data = (REPO / "site" / "archive" / "gongshi-2021-10-18.pdf").read_bytes()
    text = pdftext.pdf_text(data)
    assert "公示" in text and squeeze(text) == squeeze(pdftext.pypdf_text(data))


def test_page_ranges_on_every_core_give_the_whole_text(
    leaky_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = pdftext.pdf_text(leaky_pdf)
    monkeypatch.setattr(pdftext, "PARALLEL_PAGES", 1)
    monkeypatch.setattr(pdftext, "workers", lambda: 2)
    assert pdftext.pdf_text(leaky_pdf) == whole
    assert whole.index("第一页") < whole.index("身份证号") < whole.index("第三页") < whole.index(MOBILE)


@pytest.mark.parametrize("poppler", [True, False])
def test_a_private_value_in_a_pdf_is_found(
    tmp_path: Path, leaky_pdf: bytes, monkeypatch: pytest.MonkeyPatch, poppler: bool
) -> None:
    if not poppler:  # a machine without poppler-utils: pypdf reads it
        monkeypatch.setattr(shutil, "which", lambda name: None)
    (tmp_path / "list.pdf").write_bytes(leaky_pdf)
    found = leaks.scan(tmp_path, SECRETS)
    assert [(f.file, f.label, f.source) for f in found] == [
        ("list.pdf", matcher.ID_LABEL, None),  # a stranger's: no record to name
        ("list.pdf", "联系电话", SOURCE),
    ]


def test_json_is_read_as_its_strings_and_numbers(tmp_path: Path) -> None:
    (tmp_path / "number.json").write_text(json.dumps({"电话": int(MOBILE)}), encoding="utf-8")
    (tmp_path / "escaped.json").write_text(json.dumps({"t": f"电话\u200b{MOBILE}"}), encoding="utf-8")
    assert "\\u200b" in (tmp_path / "escaped.json").read_text(encoding="utf-8")
    (tmp_path / "broken.json").write_text(f'{{"t": "{MOBILE}"', encoding="utf-8")  # read as text
    (tmp_path / "clean.json").write_text(json.dumps({"n": 1383456, "f": 1.5}), encoding="utf-8")
    found = leaks.scan(tmp_path, SECRETS)
    assert [f.file for f in found] == ["broken.json", "escaped.json", "number.json"]


def _site(root: Path, leaky_pdf: bytes) -> None:
    (root / "archive").mkdir(parents=True)
    (root / "archive" / "list.pdf").write_bytes(leaky_pdf)
    (root / "archive" / "cut.pdf").write_bytes(leaky_pdf[:2000])
    for i in range(6):
        (root / f"page-{i}.html").write_text(f"<p>第{i}页</p>" * 2000, encoding="utf-8")
    (root / "page-3.html").write_text(
        f"<p>电话：138-<b></b>3456-1207</p>{'<p>正文</p>' * 3000}", encoding="utf-8"
    )
    (root / "search").mkdir()
    index = {"docs": [{"text": "生于\u200b19860412"}]}
    (root / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(b"<loc>x</loc>"))


def test_reading_on_every_core_finds_what_one_core_finds(
    tmp_path: Path, leaky_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path, leaky_pdf)
    one = leaks.scan(tmp_path, SECRETS)
    assert {f.file for f in one} == {
        "archive/cut.pdf",
        "archive/list.pdf",
        "page-3.html",
        "search/search_index.json",
    }
    monkeypatch.setattr(leaks, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(leaks, "workers", lambda: 2)
    ticks: list[tuple[int, int]] = []
    assert leaks.scan(tmp_path, SECRETS, lambda done, total: ticks.append((done, total))) == one
    assert ticks == [(n, 10) for n in range(1, 11)]


def test_what_was_read_early_counts_only_for_the_same_bytes(
    tmp_path: Path, leaky_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path, leaky_pdf)
    expected = leaks.scan(tmp_path, SECRETS)
    # What the build knew before MkDocs: the PDF as published, a clean page that MkDocs would not have
    # published as it is (here: the published page-3.html holds a phone), and a file not published.
    early = {
        "archive/list.pdf": leaky_pdf,
        "page-3.html": b"<p>clean</p>",
        "gone.html": f"<p>{MOBILE}</p>".encode(),
    }
    read_here: list[str] = []
    hits = leaks.Scanner.hits

    def counted(self: leaks.Scanner, name: str, data: bytes) -> leaks.Hits | None:
        read_here.append(name)
        return hits(self, name, data)

    scanner = leaks.Scanner(SECRETS)
    scanner.start(early)  # the background worker is forked before `hits` is counted in this process
    monkeypatch.setattr(leaks.Scanner, "hits", counted)
    assert scanner.scan(tmp_path) == expected
    assert "archive/list.pdf" not in read_here  # taken from the early reading
    assert "page-3.html" in read_here  # other bytes than were read early: read again
    assert len(read_here) == 9
