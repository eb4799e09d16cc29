"""The 公示报样 of a large publicity, laid out in parallel parts: numbered, subset and outlined as one.

The parallel path starts at `snapshot.PARALLEL_FROM` entries; here it is lowered, so a document of a
few dozen pages takes it (and three parts, so a part in the middle is numbered from both sides).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from awards.core import pdf
from awards.rules.loader import Rules, load
from awards.site import snapshot
from awards.site.model import Entry, Period, Source

REPO = Path(__file__).resolve().parents[2]
WHEN = Period(dt.date(2021, 10, 18), dt.date(2021, 10, 22))
SOURCE = Source("0123456789abcdef0123456789abcdef01234567", False)
PARTS = 3
# Varied text (digits and Latin too), so the parts use different glyphs and the font pool matters.
WORDS = "服务窗口群众满意度提升办理时限压缩百分之优化流程线上线下一体化Excel表格第号窗口获评先进集体"


def story(i: int) -> str:
    text = "".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(360 + 17 * (i % 9)))
    return f"{text[:180]}{i}。\n\n{text[180:]}"


def lists(rules: Rules, windows: int = 30, individuals: int = 14) -> dict[str, list[Entry]]:
    def make(kind: str, order: int, **fields: str) -> Entry:
        unit = f"第{order % 5}市人力资源和社会保障局"
        return Entry(kind, order, unit, tuple(fields.items()), rules.kinds[kind].name_field)

    return {
        "window": [
            make("window", i, 窗口名称=f"第{i}号窗口", 简要事迹=story(i)) for i in range(1, windows + 1)
        ],
        "individual": [
            make("individual", i, 姓名=f"张{chr(0x4E00 + i)}", 性别="女", 简要事迹=story(100 + i))
            for i in range(1, individuals + 1)
        ],
    }


def render(parallel: bool = True) -> bytes:
    """The snapshot as `snapshot.make` renders it, in `PARTS` parts."""
    rules = load(REPO)
    listed = lists(rules)
    digest = hashlib.sha256(snapshot.listing(rules, WHEN, listed)).hexdigest()
    css = snapshot._css(SOURCE, digest, preview=False) + pdf.SAMPLE_CSS
    parts = snapshot.parts(rules, WHEN, listed, PARTS)
    return pdf.render_parts(parts, REPO, css=css, identifier=digest[:32], parallel=parallel)


def _in_a_process(target: Path) -> None:
    target.write_bytes(render())


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load(REPO)


@pytest.fixture(scope="module")
def parallel() -> bytes:
    return render()


@pytest.fixture(scope="module")
def single() -> bytes:
    return render(parallel=False)


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def outline(data: bytes) -> list[tuple[int, str, int]]:
    reader = PdfReader(io.BytesIO(data))
    out: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, str(item.title), int(reader.get_destination_page_number(item) or 0)))

    walk(reader.outline, 0)
    return out


def test_a_large_publicity_is_cut_into_whole_documents_between_rows_or_stories(rules: Rules) -> None:
    listed = lists(rules)
    parts = snapshot.parts(rules, WHEN, listed, PARTS)
    assert len(parts) == PARTS
    assert all(p.startswith("<!DOCTYPE html>") and p.endswith("</body></html>") for p in parts)
    assert all(p.count("<section>") == p.count("</section>") for p in parts)
    assert all(p.count("<table>") == p.count("</table>") for p in parts)
    # Nothing lost, nothing moved: the same rows, headings and paragraphs as the whole document, in order
    # (a list cut in two goes on in a table of its own, with the same header).
    content = re.compile(r"<tr><td>.*?</tr>|<h\d>.*?</h\d>|<p[ >].*?</p>|<colgroup>.*?</thead>")
    whole = snapshot.html(rules, WHEN, listed)
    assert [m for p in parts for m in content.findall(p) if "<colgroup>" not in m] == [
        m for m in content.findall(whole) if "<colgroup>" not in m
    ]
    headers = {m for p in parts for m in content.findall(p) if "<colgroup>" in m}
    assert headers == {m for m in content.findall(whole) if "<colgroup>" in m}
    assert "三、简要事迹" in "".join(parts[1:]) and "四、异议受理" in parts[-1]
    assert not any(re.search(r"</h\d>(</body>|$)", p) for p in parts)  # no heading left at a part's end
    assert snapshot.parts(rules, WHEN, listed, 1) == [pdf.joined([whole])]


def test_every_page_says_its_number_and_the_total(parallel: bytes) -> None:
    pages = texts(parallel)
    assert len(pages) >= 3 * PARTS  # each part runs over several pages
    for number, text in enumerate(pages, 1):
        assert f"第 {number} 页，共 {len(pages)} 页" in text
        assert f"来源提交：{SOURCE.commit}" in text and "名单 SHA-256：" in text and pdf.SAMPLE_MARK in text
        assert len(re.findall(r"第 \d+ 页，共 \d+ 页", text)) == 1


def test_parallel_and_single_process_give_the_same_pages(parallel: bytes, single: bytes) -> None:
    assert texts(parallel) == texts(single)
    assert outline(parallel) == outline(single)
    depths = {title: depth for depth, title, _ in outline(parallel)}
    assert depths["三、简要事迹"] == 1 and depths["14. 张" + chr(0x4E00 + 14)] == 2


def test_the_font_is_embedded_once_for_all_parts(parallel: bytes) -> None:
    reader = PdfReader(io.BytesIO(parallel))
    files: set[int] = set()
    missing: list[str] = []
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for name, ref in resources["/Font"].items():
            font: Any = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                found = [
                    descriptor.raw_get(k)
                    for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    if k in descriptor
                ]
                if not found:
                    missing.append(name)
                files.update(f.idnum for f in found)
    assert not missing and len(files) == 1
    # One copy of the subset: the parallel PDF is no larger than the single one by more than the outline's
    # and the structure's few bytes.
    assert 0.9 < len(parallel) / len(render(parallel=False)) < 1.05


def test_the_same_lists_give_the_same_bytes_in_another_process(parallel: bytes, tmp_path: Path) -> None:
    runs = []
    for i in range(2):
        target = tmp_path / f"{i}.pdf"
        code = (
            f"import sys; sys.path.insert(0, {str(REPO)!r}); from pathlib import Path; import awards.commands.campaign; "
            f"from tests.site.test_snapshot_parallel import _in_a_process; _in_a_process(Path({str(target)!r}))"
        )
        subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
        runs.append(target.read_bytes())
    assert runs[0] == runs[1] == parallel
    assert b"/CreationDate" not in parallel and b"/ModDate" not in parallel


def test_make_takes_the_parallel_path_only_for_a_large_publicity(
    rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = lists(rules, windows=3, individuals=2)
    assert snapshot.part_count(small) == 1  # the sample's size: rendered as before (its archive is frozen)
    monkeypatch.setattr(snapshot, "PARALLEL_FROM", 5)
    made = snapshot.make(rules, WHEN, small, SOURCE, None)
    pages = texts(made.pdf)
    assert snapshot.part_count(small) == snapshot.PARTS and len(pages) >= 2
    assert all(f"第 {n} 页，共 {len(pages)} 页" in t for n, t in enumerate(pages, 1))
    assert made.record["sha256"] == hashlib.sha256(made.pdf).hexdigest()


def test_a_failing_part_is_reported_and_the_others_do_not_hang() -> None:
    # Imported here: it imports WeasyPrint, which makes Pillow accept truncated images process-wide, and
    # the photo checks collected in the same session must not see that.
    from awards.core import pdf_parallel

    def write(
        html: str, numbering: Callable[[int], object], pool: Callable[[Any], object]
    ) -> tuple[bytes, object]:
        if html == "b":  # a part that renders: it waits for the others' page counts for ever
            numbering(1)
            pool({})
            return b"", []
        raise ValueError(f"坏的部分 {html}")

    with pytest.raises(pdf_parallel.PartFailedError, match="坏的部分 c"):
        pdf_parallel.render(["b", "c"], write, None)
