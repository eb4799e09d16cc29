"""`awards build`: checker → public model → pages, charts, snapshot → MkDocs → leak scan.

Each stage is its own module; this one only decides what the clock allows and in which order things
happen. Every refusal (checker errors, no decisions during the publicity, a MkDocs warning, a leak)
stops the build before anything can be published; after a leak the output folder is deleted.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from awards.check.run import Result, validate
from awards.rules import Rules
from awards.site import charts, leaks, mkdocs_run, model, pages, reference, search, snapshot
from awards.site.model import Entry, Stage
from awards.workdays import WorkCalendar

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


class BuildRefusedError(Exception):
    """The build stopped on purpose; the message says why, in Chinese, for the person running it."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


@dataclass
class Report:
    stage: Stage
    output: Path
    pages: int = 0
    written: int = 0
    snapshots: list[snapshot.Snapshot] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    result: Result | None = None


def _counts(result: Result) -> dict[str, tuple[int, int]]:
    c: Counter[tuple[str, str]] = Counter(
        (d.unit or "", d.kind) for d in result.submissions.documents if d.kind in ("window", "individual")
    )
    units = {u for u, _ in c}
    return {u: (c[(u, "window")], c[(u, "individual")]) for u in units}


def _lists_or_refuse(result: Result, rules: Rules) -> dict[str, list[Entry]]:
    lists = model.recommended(result.submissions, rules)
    if not any(lists.values()):
        raise BuildRefusedError(
            "省级公示已经开始，但 submissions/decisions.yml 中还没有“推荐”的对象，网站不能发布空的公示名单。"
        )
    return lists


def build(
    root: Path, rules: Rules, today: dt.date, output: Path | None = None, use_cache: bool = True
) -> Report:
    started = time.perf_counter()
    out = (output or root / "public").resolve()
    report = Report(model.Stage.BEFORE, out)

    result = validate(root, rules, today)
    report.result = result
    errors = [p for p in result.problems if p.is_error]
    if errors:
        raise BuildRefusedError(
            f"检查发现 {len(errors)} 个错误，不能发布网站。请先运行 awards validate 并改正。",
            [f"{p.path}:{p.line}:{p.col}: {p.message} [{p.code}]" for p in errors[:20]],
        )
    report.timings["检查"] = time.perf_counter() - started

    when = model.period(rules, WorkCalendar(rules.holidays))
    stage = report.stage = model.stage(today, when)
    source = model.source(root)
    site = model.site_rules(rules)

    # Before the publicity nothing below may see a nominee: the lists stay empty.
    lists: dict[str, list[Entry]] = {"window": [], "individual": []}
    files: dict[str, bytes] = mkdocs_run.hand_written(root)
    pdf_name = None
    if stage is not Stage.BEFORE and when is not None:
        lists = _lists_or_refuse(result, rules)
        t = time.perf_counter()
        snap = snapshot.make(rules, when, lists, source, root / CACHE if use_cache else None)
        report.timings["PDF"] = time.perf_counter() - t
        report.snapshots.append(snap)
        pdf_name = snap.record["file"]
        files[f"archive/{snap.record['file']}"] = snap.pdf
        files[f"archive/{snap.record['list_file']}"] = snap.listing
        files["archive/manifest.json"] = snapshot.manifest(rules, report.snapshots)

    stats_lists = lists if stage is not Stage.BEFORE else model.pool(result.submissions, rules)
    generated = {
        "index.md": pages.home(rules, stage, when, today, _counts(result)),
        "publicity.md": pages.publicity(rules, stage, when, lists, pdf_name),
        "archive/index.md": pages.archive([s.record for s in report.snapshots]),
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

    nav = [{title: path} for title, path in NAV]
    if MAINTAINERS[1] in files:
        nav.append({MAINTAINERS[0]: MAINTAINERS[1]})
    report.written = mkdocs_run.sync(root / mkdocs_run.DOCS, files)
    mkdocs_run.write_hook_data(
        root,
        {
            "site_name": site["site_title"],
            "site_url": site.get("site_url"),
            "copyright": f"{rules.campaign['issuer']}　本站由评选仓库中的记录自动生成",
            "nav": nav,
            "words": search.words(lists),
        },
    )
    report.timings["生成页面"] = time.perf_counter() - started - sum(report.timings.values())

    t = time.perf_counter()
    built = mkdocs_run.build(root, out)
    report.timings["MkDocs"] = time.perf_counter() - t
    if not built.ok:
        raise BuildRefusedError("mkdocs build --strict 失败，网站没有生成。", built.output.splitlines()[-20:])

    t = time.perf_counter()
    secrets = leaks.secrets(
        model.private_docs(result.submissions), rules.schemas, names=stage is Stage.BEFORE
    )
    found = leaks.scan(out, secrets)
    report.timings["泄露扫描"] = time.perf_counter() - t
    if found:
        shutil.rmtree(out, ignore_errors=True)
        raise BuildRefusedError(
            f"泄露扫描发现 {len(found)} 处不得公开的信息，已删除生成的网站（{out}）。",
            [leak.message() for leak in found[:50]],
        )
    report.timings["合计"] = time.perf_counter() - started
    return report
