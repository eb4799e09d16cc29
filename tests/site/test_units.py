"""The site's building blocks, without MkDocs or WeasyPrint: fast, and precise about each promise."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]  # no stubs; only its one function is used
import pytest

from awards.read.load import Document
from awards.rules import matcher
from awards.rules.loader import Rules, RulesError, load
from awards.rules.matcher import Secret
from awards.rules.workdays import WorkCalendar
from awards.site import archive, charts, leaks, model, pages, publication, publicity_tables, search, snapshot
from awards.site.escape import paragraphs, table
from awards.site.model import Entry, Period, Stage

REPO = Path(__file__).resolve().parents[2]
HOSTILE = (
    '<script>alert("x")</script> **粗体** [链接](https://evil.example/) <img src=https://evil.example/a.png>'
)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load(REPO)


def entry(kind: str, order: int, **fields: str) -> Entry:
    name_field = load(REPO).kinds[kind].name_field
    return Entry(kind, order, "太原市人力资源和社会保障局", tuple(fields.items()), name_field)


def test_period_is_five_working_days_by_the_official_calendar(rules: Rules) -> None:
    when = model.period(rules, WorkCalendar(rules.holidays))
    assert when == Period(dt.date(2021, 10, 18), dt.date(2021, 10, 22))
    # Over the Mid-Autumn holiday: 2021-09-18 (Saturday) was a make-up working day, 19–21 off.
    assert WorkCalendar(rules.holidays).end_of_period(dt.date(2021, 9, 16), 5) == dt.date(2021, 9, 23)
    assert pages.period_text(when) == "公示时间：10月18日至10月22日"


@pytest.mark.parametrize(
    ("day", "stage"),
    [
        (dt.date(2021, 9, 15), Stage.BEFORE),
        (dt.date(2021, 9, 16), Stage.DURING),
        (dt.date(2021, 9, 23), Stage.DURING),
        (dt.date(2021, 9, 24), Stage.AFTER),
    ],
)
def test_stage_follows_the_clock(day: dt.date, stage: Stage) -> None:
    assert model.stage(day, Period(dt.date(2021, 9, 16), dt.date(2021, 9, 23))) is stage


def test_no_start_date_means_before() -> None:
    assert model.stage(dt.date(2030, 1, 1), None) is Stage.BEFORE


def test_projection_keeps_only_whitelisted_fields(rules: Rules) -> None:
    doc = Document("submissions/taiyuan/individuals/a.yml", "individual", "taiyuan", "a")
    doc.data = {
        "姓名": "李佳慧",
        "性别": "女",
        "身份证号": "140121198604120623",
        "联系电话": "13834561207",
        "征求意见": {"纪检监察": {"签字人": "韩文斌"}},
        "简要事迹": "事迹",
    }
    e = model.project(doc, 1, rules)
    assert dict(e.fields) == {
        "姓名": "李佳慧",
        "性别": "女",
        "民族": "",
        "工作单位": "",
        "职务": "",
        "简要事迹": "事迹",
    }
    assert e.unit == "太原市人力资源和社会保障局"


def test_record_text_is_escaped() -> None:
    html = paragraphs(HOSTILE + "\n第二行\n\n第二段")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<p>") == 2 and "<br>" in html
    assert "<td>&lt;b&gt;</td>" in table(("a",), [("<b>",)])


def test_hostile_text_stays_text_through_markdown(rules: Rules) -> None:
    lists = {
        "window": [entry("window", 1, 窗口名称="<b>窗口</b>", 简要事迹=HOSTILE)],
        "individual": [entry("individual", 1, 姓名="**李佳慧**", 简要事迹="# 不是标题\n\n- 不是列表")],
    }
    when = Period(dt.date(2021, 9, 16), dt.date(2021, 9, 23))
    source = pages.publicity(rules, Stage.DURING, when, lists, None)
    html = markdown.markdown(source, extensions=["tables", "toc", "admonition"])
    assert "<script" not in html and "<img" not in html and 'evil.example/"' not in html
    assert "<strong>粗体</strong>" not in html and "**粗体**" in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;窗口&lt;/b&gt;" in html
    assert "<li>不是列表" not in html and "<h1>不是标题" not in html


def test_page_and_pdf_share_one_table_per_list(rules: Rules) -> None:
    lists = {
        "window": [entry("window", 1, 窗口名称="某窗口", 窗口级别="县级")],
        "individual": [entry("individual", 1, 姓名="李佳慧", 性别="女")],
    }
    when = Period(dt.date(2021, 9, 16), dt.date(2021, 9, 23))
    page = pages.publicity(rules, Stage.DURING, when, lists, None)
    pdf = snapshot.html(rules, when, lists)
    for kind in ("window", "individual"):
        markup = publicity_tables.list_table(kind, lists[kind])
        assert markup in page and markup in pdf
        widths = [int(w) for w in re.findall(r"width:(\d+)%", markup)]
        assert sum(widths) == 100 and len(widths) == len(publicity_tables.COLUMNS[kind]) + 1


def test_a_frozen_list_gives_back_the_same_entries(rules: Rules) -> None:
    lists = {
        "window": [entry("window", 1, 窗口名称="某窗口", 简要事迹="<b>事迹</b>")],
        "individual": [entry("individual", 2, 姓名="李佳慧", 性别="女")],
    }
    when = Period(dt.date(2021, 9, 16), dt.date(2021, 9, 23))
    back = snapshot.entries(snapshot.listing(rules, when, lists), rules.kinds)
    for kind in lists:
        assert [(e.order, e.unit, dict(e.fields)) for e in back[kind]] == [
            (e.order, e.unit, dict(e.fields)) for e in lists[kind]
        ]


def _long_lists(windows: int, people: int) -> dict[str, list[Entry]]:
    return {
        "window": [
            entry("window", i, 窗口名称=f"窗口{i}号", 简要事迹=f"窗口{i}号的事迹")
            for i in range(1, windows + 1)
        ],
        "individual": [
            entry("individual", i, 姓名=f"个人{i}号", 简要事迹=f"个人{i}号的事迹")
            for i in range(1, people + 1)
        ],
    }


def test_a_short_list_keeps_its_stories_on_the_publicity_page(rules: Rules) -> None:
    lists = _long_lists(3, 2)
    assert pages.story_pages(lists, per_page=5, kinds=rules.kinds) == []
    text = pages.publicity(rules, Stage.DURING, None, lists, None, stories=[])
    assert "窗口3号的事迹" in text and "个人2号的事迹" in text


def test_a_long_list_has_its_stories_on_pages_of_their_own(rules: Rules) -> None:
    lists = _long_lists(7, 3)
    found = pages.story_pages(lists, per_page=3, kinds=rules.kinds)
    assert [(p.path, p.title) for p in found] == [
        ("publicity/window-1.md", "优质服务窗口简要事迹（第 1–3 名）"),
        ("publicity/window-2.md", "优质服务窗口简要事迹（第 4–6 名）"),
        ("publicity/window-3.md", "优质服务窗口简要事迹（第 7 名）"),
        ("publicity/person-1.md", "优质服务先进个人简要事迹（第 1–3 名）"),
    ]
    stories = [f"窗口{i}号的事迹" for i in range(1, 8)] + [f"个人{i}号的事迹" for i in range(1, 4)]
    for story in stories:  # each on exactly one page, and not on the publicity page
        assert sum(story in p.text for p in found) == 1
    assert 'id="window-5"' in found[1].text and 'id="person-2"' in found[3].text
    text = pages.publicity(rules, Stage.DURING, None, lists, None, stories=found)
    assert not any(story in text for story in stories)
    assert "窗口7号" in text  # the lists themselves stay whole
    assert "- [优质服务窗口简要事迹（第 4–6 名）](publicity/window-2.md)" in text


def test_before_the_publicity_the_page_has_no_list(rules: Rules) -> None:
    lists = {"window": [entry("window", 1, 窗口名称="某窗口")], "individual": []}
    text = pages.publicity(rules, Stage.BEFORE, None, lists, None)
    assert "某窗口" not in text and "公示时间：待定" in text


SOURCE = "submissions/x.yml"


def _id(number: str) -> list[Secret]:
    return matcher.id_secrets(number, SOURCE)


def _phone(label: str, number: str) -> list[Secret]:
    return matcher.phone_secrets(label, number, SOURCE)


def test_scan_reads_html_search_index_and_gzipped_sitemap(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>电话：0351-<b></b>7236418</p>", encoding="utf-8")
    (tmp_path / "search").mkdir()
    index = {"docs": [{"text": "\u200b韩文\u200b斌\u200b同意"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b"<loc>19860412</loc>"))
    (tmp_path / "month.html").write_text("<p>1986年4月出生</p>", encoding="utf-8")
    (tmp_path / "clean.html").write_text("<p>2016年4月起在窗口工作</p>", encoding="utf-8")
    found = leaks.scan(
        tmp_path,
        [
            *_phone("联系电话", "0351-7236418"),
            *matcher.text_secret("征求意见签字人", "韩文斌", SOURCE, name=True),
            *_id("140121198604120623"),
        ],
    )
    assert {(f.file, f.label) for f in found} == {
        ("a.html", "联系电话"),
        ("search/search_index.json", "征求意见签字人"),
        ("sitemap.xml.gz", "出生日期"),
    }
    # A birth month alone is looked for in the record's own published fields, by validate (which
    # every build runs first, tests/privacy): in a page of many records a month is nobody's.
    assert "month.html" not in {f.file for f in found}
    assert "0351" not in found[0].message()  # findings never repeat the value


def test_the_builds_own_hashes_are_not_read_as_private_data(tmp_path: Path) -> None:
    # A list SHA-256 whose digits happen to hold 19860412 (a birth date), as one now and then does.
    digest = "3f2a19860412e1" + "0" * 50
    commit = "b" * 40
    record = {"sha256": "c" * 64, "list_sha256": digest, "commit": commit, "file": "1986-04.pdf"}
    ignore = leaks.set_aside([record, {"commit": "未提交", "sha256": "13834561207"}], {})
    assert ignore == {"c" * 64, digest, commit}  # only hash-shaped values the records name
    (tmp_path / "archive.html").write_text(f"<p>名单 SHA-256：{digest}</p>", encoding="utf-8")
    (tmp_path / "leak.html").write_text(f"<p>{digest}</p><p>14010519860412****</p>", encoding="utf-8")
    (tmp_path / "sha256sums.txt").write_text(f"{digest}  x.json\n", encoding="utf-8")
    birth = _id("140121198604120623")
    assert {f.file for f in leaks.scan(tmp_path, birth)} == {"archive.html", "leak.html", "sha256sums.txt"}
    assert [f.file for f in leaks.scan(tmp_path, birth, ignore=ignore)] == ["leak.html"]


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("masked.html", "身份证号：14010519860412****", "出生日期"),  # masking the end still shows it
        ("glued.html", "出生日期：1986·04·12 2003年参加工作", "出生日期"),
        ("wide.html", "生于１９８６０４１２ 3号楼", "出生日期"),
        ("spaced.html", "办公电话 723 6418 2号楼", "办公电话"),
        ("prefixed.html", "电话 +863517236418", "办公电话"),
        ("photo.jpg", "ID:14010519860412****", "出生日期"),  # bytes of a binary file (EXIF)
    ],
)
def test_the_scan_finds_values_inside_other_digits(
    tmp_path: Path, name: str, content: str, label: str
) -> None:
    """The last safeguard is strict: digits glued to other digits, masked or spaced, are still found."""
    (tmp_path / name).write_bytes(content.encode("utf-8"))
    found = leaks.scan(
        tmp_path,
        [*_id("140105198604121234"), *_phone("办公电话", "0351-7236418")],
    )
    assert [(f.file, f.label) for f in found] == [(name, label)]


def test_the_offices_published_contact_is_not_a_secret(rules: Rules, tmp_path: Path) -> None:
    campaign = {**rules.campaign, "contact": {"phones": ["0351-4197230"], "email": "a@example.org"}}
    assert leaks.set_aside([], campaign) == {"0351-4197230", "a@example.org"}
    (tmp_path / "contact.html").write_text("<p>联系电话：0351-4197230</p>", encoding="utf-8")
    born = _id("140105197203121234")  # 1972.3 reads 19723; the office's phone is a landline too
    assert [f.file for f in leaks.scan(tmp_path, born)] == ["contact.html"]
    assert leaks.scan(tmp_path, born, ignore=leaks.set_aside([], campaign)) == []


def test_secrets_come_from_the_schemas(rules: Rules) -> None:
    person = Document("submissions/t/individuals/a.yml", "individual", "taiyuan", "a")
    person.data = {
        "姓名": "李佳慧",
        "身份证号": "140121198604120623",
        "联系电话": "13834561207",
        "照片": "photos/a.jpg",
        "征求意见": {"纪检监察": {"意见": "同意推荐", "签字人": "韩文斌"}},
    }
    window = Document("submissions/t/windows/w.yml", "window", "taiyuan", "w")
    window.data = {"窗口名称": "某窗口", "窗口负责人": {"姓名": "冯建英", "联系电话": "0351-7236418"}}
    labels = {s.label for s in leaks.secrets([person, window], rules, names=False)}
    assert labels == {"身份证号", "出生日期", "联系电话", "照片", "征求意见签字人"}
    named = leaks.secrets([person, window], rules, names=True)
    assert {s.value for s in named if s.label.startswith("名称")} == {"李佳慧", "某窗口"}


def test_chart_is_well_formed_svg_with_escaped_labels() -> None:
    svg = charts.bar_chart("图", [("<乡镇>", 3), ("社区", 0)], frozenset({"社区"}))
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")] == ["<乡镇>", "3", "社区", "0"]


def test_search_words_are_the_listed_names() -> None:
    lists = {
        "window": [entry("window", 1, 窗口名称="小店区窗口")],
        "individual": [entry("individual", 1, 姓名="李佳慧")],
    }
    assert search.words(lists) == ["小店区窗口", "李佳慧"]
    assert search.words({"window": [], "individual": []}) == []


def test_site_rules_are_checked_on_load(tmp_path: Path) -> None:
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    site = tmp_path / "rules" / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("public_fields:", "public_fieldz:"), encoding="utf-8"
    )
    with pytest.raises(RulesError) as caught:
        load(tmp_path)
    assert any(p.path == "rules/site.yml" for p in caught.value.problems)


def _stored(rules: Rules, *starts: str) -> archive.Stored:
    """An archive holding one snapshot per start date, each listing one window (no PDF rendering)."""
    records: list[dict[str, Any]] = []
    data: dict[str, bytes] = {}
    for start in starts:
        when = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(start) + dt.timedelta(days=7))
        listed = snapshot.listing(
            rules, when, {"window": [entry("window", 1, 窗口名称=f"{start}窗口")], "individual": []}
        )
        ident = snapshot.snapshot_id(when)
        records.append(
            {
                "id": ident,
                "period": {"start": start, "end": when.end.isoformat()},
                "period_text": when.chinese(),
                "file": f"{ident}.pdf",
                "sha256": "0" * 64,
                "list_file": f"{ident}.json",
                "list_sha256": "1" * 64,
            }
        )
        data |= {f"{ident}.pdf": b"%PDF", f"{ident}.json": listed}
    return archive.Stored(
        archive.header(rules), records, archive.canonical(archive.header(rules), records), data
    )


def test_a_snapshot_frozen_for_a_later_period_is_held_back(rules: Rules) -> None:
    stored = _stored(rules, "2021-09-16", "2021-10-11")
    when = Period(dt.date(2021, 9, 16), dt.date(2021, 9, 23))

    def no_render() -> snapshot.Snapshot:
        raise AssertionError("the current period is frozen: nothing is rendered")

    pub = publication.plan(
        rules, stored, when, dt.date(2021, 9, 20), {"window": [], "individual": []}, no_render
    )
    assert [r["id"] for r in pub.frozen] == ["gongshi-2021-09-16"]
    assert "gongshi-2021-10-11.pdf" not in pub.files
    manifest = json.loads(pub.files["manifest.json"])
    assert [r["id"] for r in manifest["snapshots"]] == ["gongshi-2021-09-16"]
    assert [e.name for e in pub.lists["window"]] == ["2021-09-16窗口"]  # the page follows the frozen list
    assert any("2021-10-11" in note for note in pub.notes)
    assert any("第 1 位由“2021-09-16窗口”变为“（无）”" in note for note in pub.notes)


@pytest.mark.parametrize(
    ("manifest", "says"),
    [
        ("not json", "不是有效的存档清单"),
        ('{"snapshots": [{"id": "x"}]}', "缺少或写错了 title"),
        (
            '{"snapshots": [{"id": "x", "title": "", "period": {"start": "2021-09-16", "end": "2021-09-23"}, '
            '"period_text": "", "file": "../../x.pdf", "sha256": "", "list_file": "x.json", '
            '"list_sha256": "", "commit": null}]}',
            "文件名",
        ),
    ],
)
def test_a_broken_manifest_is_refused_not_trusted(tmp_path: Path, manifest: str, says: str) -> None:
    folder = tmp_path / archive.ARCHIVE
    folder.mkdir(parents=True)
    (folder / archive.MANIFEST).write_text(manifest, encoding="utf-8")
    with pytest.raises(archive.ArchiveError) as caught:
        archive.load(tmp_path)
    assert says in " ".join([str(caught.value), *caught.value.details])


@pytest.mark.parametrize("field", ["身份证号", "联系电话", "征求意见"])
def test_the_whitelist_refuses_a_private_field_at_its_line(tmp_path: Path, field: str) -> None:
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    site = tmp_path / "rules" / "site.yml"
    text = site.read_text(encoding="utf-8").replace("职务, 简要事迹]", f"职务, 简要事迹, {field}]")
    site.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if f"简要事迹, {field}]" in row)
    with pytest.raises(RulesError) as caught:
        load(tmp_path)
    found = [p for p in caught.value.problems if p.path == "rules/site.yml"]
    assert [(p.line, field in p.message) for p in found] == [(line, True)]


def test_a_damaged_pdf_is_not_published_and_does_not_crash_the_scan(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "cut.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (tmp_path / "sitemap.xml.gz").write_bytes(b"\x1f\x8b not gzip")
    found = leaks.scan(tmp_path, [])
    assert [(f.file, f.source) for f in found] == [("archive/cut.pdf", None), ("sitemap.xml.gz", None)]
    assert "可能已损坏" in found[0].message()


def test_full_collections_pause_only_while_the_check_runs() -> None:
    import gc

    from awards.site import checked

    before = gc.get_threshold()
    with checked.young_garbage_only():
        young, middle, old = gc.get_threshold()
        assert (young, middle) == before[:2] and old > 1_000_000
    assert gc.get_threshold() == before
    with pytest.raises(KeyError), checked.young_garbage_only():
        raise KeyError("a refusal inside")
    assert gc.get_threshold() == before
