"""`awards build` on the bundled sample at three clock dates: what is and is not on the public site.

The sample has no frozen archive, so during and after the publicity the PDF is a preview; the frozen
archive has its own tests (test_archive.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from awards.check.run import validate
from awards.read.load import Submissions
from awards.rules.loader import load
from awards.site import leaks
from tests.site.conftest import CLOCKS, Build, copy_sample, run_build

pytestmark = pytest.mark.slow

PDF = "archive/gongshi-2021-09-16-preview.pdf"
PAGES = ("index.html", "publicity/index.html", "archive/index.html", "stats/index.html", "rules/index.html")


def sample_submissions(root: Path) -> Submissions:
    return validate(root, load(root), CLOCKS["during"]).submissions


def names(subs: Submissions) -> dict[str, str]:
    """record id -> the nominee's name (individuals) or window name."""
    out = {}
    for d in subs.documents:
        if d.kind in {"window", "individual"} and d.data:
            out[d.record_id] = str(d.data["姓名" if d.kind == "individual" else "窗口名称"])
    return out


def recommended(root: Path) -> list[str]:
    import yaml

    data = yaml.safe_load((root / "submissions" / "decisions.yml").read_text(encoding="utf-8"))
    chosen = [d for d in data["决定"] if d["决定"] == "推荐"]
    chosen.sort(key=lambda d: ("individuals" in d["记录"], int(d["排序"])))
    return [d["记录"] for d in chosen]


def site_views(build: Build) -> str:
    """Everything a visitor or a crawler can read on the site, as the leak scan reads it."""
    texts = []
    for p in sorted(build.out.rglob("*")):
        if p.is_file():
            texts += leaks.views(p.relative_to(build.out).as_posix(), p.read_bytes())
    return "\n".join(texts)


def pdf_text(path: Path) -> str:
    return "".join(PdfReader(path).pages[i].extract_text() for i in range(len(PdfReader(path).pages)))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_before_no_nominee_is_named_anywhere(builds: Callable[[str], Build], sample: Path) -> None:
    build = builds("before")
    everything = site_views(build)
    for record, name in names(sample_submissions(sample)).items():
        assert name not in everything, f"{record} named before the publicity"
    assert not list(build.out.rglob("*.pdf"))
    assert not (build.out / "archive" / "manifest.json").exists()
    assert "尚无公示快照" in build.text("archive/index.html")
    publicity = build.text("publicity/index.html")
    assert "公示尚未开始" in publicity and "公示时间：9月16日至9月23日" in publicity


def test_before_shows_campaign_timeline_rules_and_counts(
    builds: Callable[[str], Build], sample: Path
) -> None:
    build = builds("before")
    home = build.text("index.html")
    current = re.search(r'awards-step--current">(.*?)</li>', home)
    assert current is not None and "省推荐评选办审核" in current.group(1)
    assert "晋人社厅函〔2021〕734号" in home and "2021年8月23日前" in home
    subs = sample_submissions(sample)
    windows, people = len(subs.records("window")), len(subs.records("individual"))
    assert f"<td>合计</td><td>{windows}</td><td>{people}</td>" in home
    stats = build.text("stats/index.html")
    assert "各单位已报送的推荐对象" in stats and f"共有优质服务窗口 {windows} 个" in stats
    assert "<svg" in stats
    rules_page = build.text("rules/index.html")
    for code, check in load(sample).checks.items():
        assert f"<td>{code}</td>" in rules_page, code
        assert check.notice in rules_page
    guide = build.text("guide/index.html")
    assert "窗口名称：山西省XX市XX县（区）XX窗口" in guide and "推荐排序" in guide


def test_contact_page_uses_placeholders_never_real_people(builds: Callable[[str], Build]) -> None:
    contact = builds("before").text("contact/index.html")
    assert "陈某某" in contact and "省人社厅党组书记、厅长" in contact
    assert "0351-0000000" in contact
    # The notice's real names and mobile number are never part of the sample site.
    for real in ("陈振亮", "吴海亮", "15934153410", "王晋"):
        assert real not in contact


def test_during_lists_the_recommended_in_decision_order(builds: Callable[[str], Build], sample: Path) -> None:
    build = builds("during")
    all_names = names(sample_submissions(sample))
    chosen = recommended(sample)
    assert len(chosen) == 17
    publicity = build.text("publicity/index.html")
    positions = [publicity.index(f"<td>{all_names[r]}</td>") for r in chosen]
    windows, people = positions[:12], positions[12:]
    assert windows == sorted(windows) and people == sorted(people)
    assert "公示时间：9月16日至9月23日" in publicity and "正在公示" in publicity
    assert "异议受理" in publicity and "awards@example.org" in publicity
    everything = site_views(build)
    for record, name in all_names.items():
        if record not in chosen:
            assert name not in everything, f"{record} is not recommended but is on the site"


def test_during_search_index_has_each_name_as_one_word(builds: Callable[[str], Build], sample: Path) -> None:
    index = json.loads(builds("during").text("search/search_index.json"))
    separator = re.compile(index["config"]["separator"])
    words = {w for doc in index["docs"] for w in separator.split(doc["title"] + " " + doc["text"])}
    all_names = names(sample_submissions(sample))
    for record in recommended(sample):
        if "/individuals/" in record:
            assert all_names[record] in words, all_names[record]


def test_during_without_a_frozen_archive_publishes_a_marked_preview(
    builds: Callable[[str], Build], sample: Path
) -> None:
    build = builds("during")
    # Only frozen snapshots are in the manifest: a preview changes with the records.
    assert json.loads(build.text("archive/manifest.json"))["snapshots"] == []
    assert build.text("archive/sha256sums.txt") == ""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=sample, capture_output=True, text=True
    ).stdout.strip()
    pdf_bytes = (build.out / PDF).read_bytes()
    listing = (build.out / "archive" / "gongshi-2021-09-16-preview.json").read_bytes()
    digest, list_digest = hashlib.sha256(pdf_bytes).hexdigest(), hashlib.sha256(listing).hexdigest()
    archive = build.text("archive/index.html")
    assert "未存档，预览" in archive and digest in archive and list_digest in archive
    assert "gongshi-2021-09-16-preview.pdf" in build.text("publicity/index.html")
    assert f"公示报样预览（未存档）：gongshi-2021-09-16-preview.pdf SHA-256 {digest}" in build.stdout
    assert "公示尚未存档" in build.stderr and "awards snapshot --freeze" in build.stderr
    text = squeeze(pdf_text(build.out / PDF))
    assert f"预览，未存档来源提交：{head}" in text and f"名单SHA-256：{list_digest}" in text
    data = json.loads(listing)
    assert data["period"] == {"start": "2021-09-16", "end": "2021-09-23"}
    assert (len(data["windows"]), len(data["individuals"])) == (12, 5)


def test_pdf_lists_every_name_with_title_period_and_page_numbers(
    builds: Callable[[str], Build], sample: Path
) -> None:
    path = builds("during").out / PDF
    reader = PdfReader(path)
    text = squeeze(pdf_text(path))
    all_names = names(sample_submissions(sample))
    for record in recommended(sample):
        assert squeeze(all_names[record]) in text, record
    assert "晋人社厅函〔2021〕734号" in text and "公示时间：2021年9月16日至9月23日" in text
    pages = len(reader.pages)
    assert f"第1页，共{pages}页" in text and f"第{pages}页，共{pages}页" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_pdf_fonts_are_embedded(builds: Callable[[str], Build]) -> None:
    reader = PdfReader(builds("during").out / PDF)
    seen = 0
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts = resources["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            seen += 1
    assert seen


def test_after_says_expired_and_keeps_the_same_snapshot(builds: Callable[[str], Build]) -> None:
    during, after = builds("during"), builds("after")
    assert "公示期满" in after.text("publicity/index.html") and "公示期满" in after.text("index.html")
    assert "awards@example.org" not in after.text("publicity/index.html")
    # Same commit: the snapshot does not depend on the day it is built.
    assert (after.out / PDF).read_bytes() == (during.out / PDF).read_bytes()
    assert hashlib.sha256((during.out / PDF).read_bytes()).hexdigest() in after.text("archive/index.html")


def test_same_commit_and_clock_give_byte_identical_pdfs(
    builds: Callable[[str], Build], sample: Path, tmp_path: Path
) -> None:
    again = run_build(sample, tmp_path / "again", CLOCKS["during"], "--no-cache")
    assert again.code == 0, again.stderr
    assert "排版" in again.stdout  # really rendered, not taken from the cache
    assert (again.out / PDF).read_bytes() == (builds("during").out / PDF).read_bytes()


@pytest.mark.parametrize("stage", ["before", "during", "after"])
def test_no_request_to_another_host_is_written_into_the_pages(
    builds: Callable[[str], Build], stage: str
) -> None:
    build = builds(stage)
    for p in build.out.rglob("*.html"):
        html = p.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert not re.match(r"^(https?:)?//", url), f"{p.relative_to(build.out)}: {url}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_planted_private_values_fail_the_build(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo", commit=False)
    person = root / "submissions" / "taiyuan" / "individuals" / "li-jia-hui.yml"
    window = root / "submissions" / "taiyuan" / "windows" / "xiaodian-shebao.yml"
    subs = sample_submissions(root)
    data = {d.record_id: d.data or {} for d in subs.documents}
    id_number = data["taiyuan/individuals/li-jia-hui"]["身份证号"]
    head_phone = data["taiyuan/windows/xiaodian-shebao"]["窗口负责人"]["联系电话"]
    # Each value planted in the *other* record's public text. The checker finds anybody's ID number
    # and phone in published text (the one matcher the leak scan uses), so the build refuses before
    # anything is built, naming each record, never the value.
    person.write_text(
        person.read_text(encoding="utf-8").replace(
            "简要事迹: |\n", f"简要事迹: |\n  电话{head_phone}。\n", 1
        ),
        encoding="utf-8",
    )
    window.write_text(
        window.read_text(encoding="utf-8").replace("简要事迹: |\n", f"简要事迹: |\n  {id_number}\n", 1),
        encoding="utf-8",
    )
    # Somebody else's birth month on its own, in a third record, is nobody's: a date in a window's
    # story is not a birth date, and neither validate nor the leak scan blames a record for it.
    # Replacing text keeps the record within its word limit.
    born = f"{id_number[6:10]}年{int(id_number[10:12])}月出生"
    other = root / "submissions" / "datong" / "windows" / "pingcheng-xinjiannanlu.yml"
    text = other.read_text(encoding="utf-8")
    start = text.index("简要事迹: |\n") + len("简要事迹: |\n  ")
    other.write_text(text[:start] + born + text[start + len(born) :], encoding="utf-8")
    build = run_build(root, tmp_path / "out", CLOCKS["during"])
    assert build.code == 1
    assert "泄露扫描" not in build.stderr  # refused by the checker, before anything was built
    for path, what in (
        ("windows/xiaodian-shebao.yml", "身份证号"),
        ("individuals/li-jia-hui.yml", "电话号码"),
    ):
        assert re.search(
            rf"submissions/taiyuan/{path}:\d+:\d+: .*他人的{what}.*\[private-number-in-public-text\]",
            build.stderr,
        ), build.stderr
    assert "pingcheng-xinjiannanlu" not in build.stderr
    assert id_number not in build.stderr and head_phone not in build.stderr and born not in build.stderr
    assert not build.out.exists()  # nothing leaky is left to publish


def test_a_record_repeating_its_own_private_value_is_refused_before_building(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo", commit=False)
    person = root / "submissions" / "taiyuan" / "individuals" / "li-jia-hui.yml"
    docs = sample_submissions(root).documents
    record = next(d for d in docs if d.record_id == "taiyuan/individuals/li-jia-hui").data or {}
    year, month = record["身份证号"][6:10], int(record["身份证号"][10:12])
    person.write_text(
        person.read_text(encoding="utf-8").replace(
            "简要事迹: |\n", f"简要事迹: |\n  {year}年{month}月出生。\n", 1
        ),
        encoding="utf-8",
    )
    build = run_build(root, tmp_path / "out", CLOCKS["during"])
    assert build.code == 1
    assert "[private-in-public-text]" in build.stderr and "泄露扫描" not in build.stderr
    assert not build.out.exists()


def test_a_name_before_the_publicity_fails_the_build(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo", commit=False)
    name = names(sample_submissions(root))["taiyuan/individuals/li-jia-hui"]
    (root / "site" / "docs" / "news.md").write_text(f"# 动态\n\n{name}同志……\n", encoding="utf-8")
    build = run_build(root, tmp_path / "out", CLOCKS["before"])
    assert build.code == 1
    assert "news/index.html 含有 submissions/taiyuan/individuals/li-jia-hui.yml 的名称" in build.stderr


def test_record_markup_is_shown_literally(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo", commit=False)
    person = root / "submissions" / "taiyuan" / "individuals" / "li-jia-hui.yml"
    hostile = '<script>alert("x")</script> **粗体** [链接](https://evil.example/)'
    person.write_text(
        person.read_text(encoding="utf-8").replace("简要事迹: |\n", f"简要事迹: |\n  {hostile}\n", 1),
        encoding="utf-8",
    )
    guide = root / "site" / "docs" / "maintainers.md"
    if not guide.exists():  # the maintainers' guide joins the navigation whenever it is there
        guide.write_text("# 维护说明\n\n仓库设置。\n", encoding="utf-8")
    build = run_build(root, tmp_path / "out", CLOCKS["during"])
    assert build.code == 0, build.stderr
    assert 'href="maintainers/"' in build.text("index.html")
    html = build.text("publicity/index.html")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "**粗体**" in html and "<strong>粗体</strong>" not in html
    assert 'href="https://evil.example/"' not in html
    assert "未提交" in squeeze(pdf_text(build.out / PDF))  # outside git the footer says so


def test_checker_errors_refuse_to_publish(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo", commit=False)
    person = root / "submissions" / "taiyuan" / "individuals" / "li-jia-hui.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("性别: 女", "性别: 不详"), encoding="utf-8")
    build = run_build(root, tmp_path / "out", CLOCKS["during"])
    assert build.code == 1 and "不能发布网站" in build.stderr and "li-jia-hui.yml" in build.stderr
    assert not build.out.exists()


def test_publicity_without_decisions_is_refused(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo", commit=False)
    (root / "submissions" / "decisions.yml").unlink()
    build = run_build(root, tmp_path / "out", CLOCKS["during"])
    assert build.code == 1 and "decisions.yml" in build.stderr


def test_output_folder_that_is_not_a_site_is_not_overwritten(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo", commit=False)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("x", encoding="utf-8")
    build = run_build(root, precious, CLOCKS["before"])
    assert build.code == 2 and (precious / "keep.txt").exists()


def test_disguised_private_values_still_fail_the_build(tmp_path: Path) -> None:
    """Full-width digits and dotted phones, planted in another record's text, are found by the checker
    (anybody's mobile, in any spelling) and stop the build before anything is built."""
    root = copy_sample(tmp_path / "repo", commit=False)
    subs = sample_submissions(root)
    data = {d.record_id: d.data or {} for d in subs.documents}
    phone = data["taiyuan/individuals/li-jia-hui"]["联系电话"]
    disguised = ".".join((phone[:3], phone[3:7], phone[7:])).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )
    window = root / "submissions" / "taiyuan" / "windows" / "xiaodian-shebao.yml"
    window.write_text(
        window.read_text(encoding="utf-8").replace("简要事迹: |\n", f"简要事迹: |\n  {disguised}\n", 1),
        encoding="utf-8",
    )
    build = run_build(root, tmp_path / "out", CLOCKS["during"])
    assert build.code == 1
    assert re.search(
        r"xiaodian-shebao.yml:\d+:\d+: .*他人的手机号码.*\[private-number-in-public-text\]", build.stderr
    )
    assert disguised not in build.stderr and phone not in build.stderr
    assert not (tmp_path / "out").exists()


def test_footer_hashes_that_look_like_a_birth_month_do_not_fail_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The footer prints the source commit; one in a few thousand holds digits such as 198604."""
    from awards.site import build as build_mod
    from awards.site import model

    root = copy_sample(tmp_path / "repo", commit=False)
    data = {d.record_id: d.data or {} for d in sample_submissions(root).documents}
    born = str(data["taiyuan/individuals/li-jia-hui"]["身份证号"])[6:12]  # e.g. 198604
    commit = f"{born}{'a' * 34}"
    monkeypatch.setattr(model, "source", lambda _root: model.Source(commit, False))
    out = tmp_path / "out"
    build_mod.build(root, load(root), CLOCKS["during"], out, use_cache=False)
    assert commit in squeeze(pdf_text(out / PDF))  # it was printed, and was not taken for a birth date


def test_freezing_sets_the_same_hashes_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from awards.site import freeze as freeze_mod
    from awards.site import model

    root = copy_sample(tmp_path / "repo", commit=False)
    data = {d.record_id: d.data or {} for d in sample_submissions(root).documents}
    commit = f"{str(data['taiyuan/individuals/li-jia-hui']['身份证号'])[6:12]}{'a' * 34}"
    monkeypatch.setattr(model, "source", lambda _root: model.Source(commit, False))
    frozen = freeze_mod.freeze(root, load(root), CLOCKS["during"])
    assert frozen.record["commit"] == commit


def test_a_long_list_puts_its_stories_on_pages_of_their_own(tmp_path: Path) -> None:
    """At national size one 公示 page would weigh megabytes on a phone: over `stories_per_page`
    the 简要事迹 go to pages of their own, each nominee on exactly one, linked and in the navigation."""
    root = copy_sample(tmp_path / "repo", commit=False)
    site_yml = root / "rules" / "site.yml"
    site_yml.write_text(
        site_yml.read_text(encoding="utf-8").replace("stories_per_page: 100", "stories_per_page: 5"),
        encoding="utf-8",
    )
    build = run_build(root, tmp_path / "out", CLOCKS["during"])
    assert build.code == 0, build.stderr
    story_pages = sorted(build.out.glob("publicity/*/index.html"))
    # 12 windows and 5 individuals, five to a page
    assert [p.parent.name for p in story_pages] == ["person-1", "window-1", "window-2", "window-3"]
    texts = {p.parent.name: p.read_text(encoding="utf-8") for p in story_pages}
    listed = names(sample_submissions(root))
    chosen = [listed[r] for r in recommended(root)]
    for name in chosen:
        assert sum(f">{name}</h3>" in t for t in texts.values()) == 1, name
    publicity = build.text("publicity/index.html")
    assert "awards-story" not in publicity  # the page keeps the lists, not the stories
    assert all(name in publicity for name in chosen)
    for page in texts:
        assert f'href="{page}/"' in publicity  # linked from the 公示 page (and in its navigation)
    # Searched by name and unit, not by the stories' text: the index stays small on a phone.
    index = json.loads(build.text("search/search_index.json"))
    flat = squeeze("".join(d["title"] + d["text"] for d in index["docs"]).replace("\u200b", ""))
    titles = {d["title"].replace("\u200b", "") for d in index["docs"]}
    data = {d.record_id: d.data or {} for d in sample_submissions(root).documents}
    for record in recommended(root):
        assert listed[record] in titles
        assert squeeze(str(data[record]["简要事迹"]))[:30] not in flat
