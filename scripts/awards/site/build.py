"""`awards build`: checker → public model → pages, charts, 公示存档 → MkDocs → leak scan.

Each stage is its own module; this one only decides what the clock allows and in which order things
happen. Every refusal (an error that touches what is published, see `gate`; an archive that does not
match its manifest; no decisions during the publicity; a MkDocs warning; a leak) stops the build
before anything can be published; after a leak the output folder is deleted.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awards.check.run import Result
from awards.core.errors import ProblemsRefusal
from awards.core.problems import Problem
from awards.core.progress import Progress
from awards.rules.kinds import NOMINEES
from awards.rules.loader import Rules
from awards.rules.private import published_numbers, site_rules
from awards.rules.workdays import WorkCalendar
from awards.site import (
    archive,
    archive_page,
    charts,
    checked,
    gate,
    leaks,
    mkdocs_run,
    model,
    pages,
    publication,
    publish,
    reference,
    search,
    snapshot,
)
from awards.site.model import Entry, Period, Source, Stage

CACHE = Path(".awards-cache") / "pdf"
NAV = (
    ("首页", "index.md"),
    ("公示", "publicity.md"),
    ("公示存档", "archive/index.md"),
    ("统计", "stats.md"),
    ("评选规则", "rules.md"),
    ("提交指南", "guide.md"),
    ("联系方式", "contact.md"),
)
MAINTAINERS = ("维护说明", "maintainers.md")


class BuildRefusedError(ProblemsRefusal):
    """The build stopped on purpose; the message says why, in Chinese, for the person running it."""


@dataclass
class Report:
    stage: Stage
    output: Path
    pages: int = 0
    written: int = 0
    archived: list[dict[str, Any]] = field(default_factory=list)  # frozen snapshots published
    preview: snapshot.Snapshot | None = None  # rendered while the current period is not frozen
    notes: list[str] = field(default_factory=list)  # about the archive, for whoever runs the build
    deferred: list[Problem] = field(default_factory=list)  # errors that do not stop the 公示
    timings: dict[str, float] = field(default_factory=dict)


def privacy_codes(rules: Rules) -> frozenset[str]:
    return site_rules(rules).privacy.blocking_codes


def refuse_on_errors(result: Result, rules: Rules, published: set[str]) -> gate.Verdict:
    """Stop on errors that touch what is published (`gate`); hand back the others as warnings."""
    return refuse(gate.sort(result.problems, result.submissions, published, privacy_codes(rules)))


def refuse(verdict: gate.Verdict) -> gate.Verdict:
    if verdict.blocking:
        raise BuildRefusedError(
            f"检查发现 {len(verdict.blocking)} 个影响公示的错误，不能发布网站。请先运行 awards validate 并改正。",
            [gate.line(p) for p in verdict.blocking[:20]],
        )
    return verdict


def stored_or_refuse(root: Path) -> archive.Stored | None:
    try:
        return archive.load(root)
    except archive.ArchiveError as exc:
        raise BuildRefusedError(str(exc), exc.details) from None


def render_or_refuse(
    rules: Rules,
    when: Period,
    lists: dict[str, list[Entry]],
    source: Source,
    cache: Path | None,
    preview: bool,
) -> snapshot.Snapshot:
    if not any(lists.values()):
        raise BuildRefusedError(
            "省级公示已经开始，但 submissions/decisions.yml 中还没有“推荐”的对象，不能发布空的公示名单。"
        )
    return snapshot.make(rules, when, lists, source, cache, preview=preview)


def _opened(
    root: Path,
    rules: Rules,
    today: dt.date,
    when: Period,
    current: dict[str, list[Entry]],
    stored: archive.Stored | None,
    use_cache: bool,
) -> publication.Publication:
    """What the publicity shows once it has opened: the frozen archive, or a preview (`publication`)."""
    cache = root / CACHE if use_cache else None
    source = model.source(root)
    return publication.plan(
        rules,
        stored,
        when,
        today,
        current,
        lambda: render_or_refuse(rules, when, current, source, cache, preview=True),
    )


def build(
    root: Path,
    rules: Rules,
    today: dt.date,
    output: Path | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Build the site; one build at a time per root (`publish.locked`), published only once scanned."""
    with publish.locked(root):
        return _build(root, rules, today, output, use_cache, progress)


def _build(
    root: Path,
    rules: Rules,
    today: dt.date,
    output: Path | None,
    use_cache: bool,
    progress: Progress | None,
) -> Report:
    started = time.perf_counter()
    out = (output or root / "public").resolve()
    report = Report(model.Stage.BEFORE, out)
    progress = progress or Progress(delay=float("inf"))  # none asked for: a silent one
    when = model.period(rules, WorkCalendar(rules.holidays))
    stage = report.stage = model.stage(today, when)
    outcome = checked.run(root, rules, today, stage, progress)  # in a process of its own
    progress.shown = progress.shown or outcome.drawn
    report.deferred = refuse(outcome.verdict).deferred
    stored = stored_or_refuse(root)
    facts = outcome.facts
    report.timings["检查"] = time.perf_counter() - started

    site = model.site_rules(rules)
    files: dict[str, bytes] = mkdocs_run.hand_written(root)
    # Before the publicity nothing below may see a nominee: the lists stay empty, the archive unpublished.
    pub = publication.Publication({kind: [] for kind in NOMINEES})
    if stage is Stage.BEFORE:
        if stored is not None and stored.records:
            report.notes.append(f"{archive.ARCHIVE.as_posix()}/ 中的存档在公示开始后才公开。")
    elif when is not None:
        t = time.perf_counter()
        progress.stage("公示报样 PDF")
        pub = _opened(root, rules, today, when, facts.current, stored, use_cache)
        report.timings["PDF"] = time.perf_counter() - t
        files.update({f"archive/{name}": data for name, data in pub.files.items()})
    report.archived, report.preview = pub.frozen, pub.preview
    printed = leaks.set_aside([*pub.frozen, *([pub.preview.record] if pub.preview else [])], rules.campaign)
    scanner = leaks.Scanner(facts.secrets, printed, published_numbers(rules))
    report.notes += pub.notes
    lists = pub.lists

    stats_lists = lists if stage is not Stage.BEFORE else facts.pool
    stories = pages.story_pages(lists, int(site["publicity"]["stories_per_page"]), rules.kinds)
    generated = {
        "index.md": pages.home(rules, stage, when, today, facts.counts, facts.clock),
        "publicity.md": pages.publicity(
            rules,
            stage,
            when,
            lists,
            pub.current_pdf,
            pub.preview is not None,
            stories,
            facts.withdrawn,
        ),
        **{page.path: page.text for page in stories},
        "archive/index.md": archive_page.page(pub.frozen, pub.preview.record if pub.preview else None),
        "stats.md": charts.page(rules, stage, stats_lists),
        "rules.md": reference.rules_page(rules),
        "guide.md": reference.guide(rules),
        "contact.md": pages.contact(rules),
    }
    clash = sorted(set(generated) & set(files))
    if clash:
        raise BuildRefusedError(f"site/docs/ 中的手写页面与生成的页面重名：{'、'.join(clash)}")
    files.update({k: v.encode("utf-8") for k, v in generated.items()})
    report.pages = sum(1 for k in files if k.endswith(".md"))

    nav: list[dict[str, Any]] = [{title: path} for title, path in NAV]
    if stories:  # the 公示 becomes a section: the lists, then the pages of 简要事迹
        nav[1] = {NAV[1][0]: [{"公示名单": NAV[1][1]}, *({p.title: p.path} for p in stories)]}
    if MAINTAINERS[1] in files:
        nav.append({MAINTAINERS[0]: MAINTAINERS[1]})
    report.written = mkdocs_run.sync(root / mkdocs_run.DOCS, files)
    mkdocs_run.write_hook_data(
        root,
        {
            "site_name": site["site_title"],
            "site_url": site.get("site_url"),
            "copyright": f"{rules.settings.issuer}　本站由评选仓库中的记录自动生成",
            # The bundled fictional campaign: a banner on every page (site/overrides/main.html).
            "sample": site.get("sample_banner") if rules.settings.sample else None,
            "nav": nav,
            "words": search.words(lists),
        },
    )
    report.timings["生成页面"] = time.perf_counter() - started - sum(report.timings.values())

    staged = publish.staging(out)
    try:
        # The archive's PDF and list are read while MkDocs runs (`Scanner.start`).
        scanner.start({f"archive/{name}": data for name, data in pub.files.items()})
        _make_and_scan(root, scanner, staged, progress, report)
        publish.replace(staged, out)
    finally:
        scanner.close()
        publish.discard(staged)  # gone already once published; else nothing unscanned is left
    report.timings["合计"] = time.perf_counter() - started
    return report


def _make_and_scan(
    root: Path, scanner: leaks.Scanner, staged: Path, progress: Progress, report: Report
) -> None:
    """MkDocs into the staging folder, then the leak scan of everything in it."""
    t = time.perf_counter()
    progress.stage(f"MkDocs 生成网站（{report.pages} 个页面）")
    built = mkdocs_run.build(root, staged)
    report.timings["MkDocs"] = time.perf_counter() - t
    if not built.ok:
        raise BuildRefusedError("mkdocs build --strict 失败，网站没有生成。", built.output.splitlines()[-20:])

    t = time.perf_counter()
    found = scanner.scan(staged, lambda done, total: progress.count("泄露扫描（文件）", done, total))
    report.timings["泄露扫描"] = time.perf_counter() - t
    if found:
        raise BuildRefusedError(
            f"泄露扫描发现 {len(found)} 处不得公开的信息，新生成的网站已删除，没有发布（{report.output}）。",
            [leak.message() for leak in found[:50]],
        )
