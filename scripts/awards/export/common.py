"""What every export needs: the checked records in order, the stage, the notice's fixed texts,
the output folder, and the two renderers (Jinja2 templates, WeasyPrint through `awards.core.pdf`)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from awards.check import decisions
from awards.check.run import Result, validate
from awards.core import pdf
from awards.core.errors import UsageError
from awards.core.problems import Problem
from awards.read import chinese_dates
from awards.read.load import Document
from awards.rules.loader import Rules
from awards.rules.stages import Clock
from awards.rules.workdays import WorkCalendar

TEMPLATES = Path(__file__).parent / "templates"
PROVINCE_FOLDER = "全省"  # unit codes are lower-case ASCII, so this can never clash with a unit's folder
MARKER = ".awards-exports"
MARKER_TEXT = (
    "本文件夹由 awards export 生成，含身份证号、电话等个人信息，只供评选工作使用，"
    "不得上传公开网站或提交到代码仓库。重新导出时本文件夹的内容会被覆盖。\n"
)
SEQ, WINDOW_YEARS = "#序号", "#在窗口工作年限"
# The notice's forms are printed as the notice prints them: no page footer added (三（一）4 不得随意改变格式).
FORM_CSS = "@page { @bottom-center { content: none; } }"
LANDSCAPE_CSS = "@page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm; }" + FORM_CSS
# The bundled fictional campaign (campaign.yml `sample: true`): every PDF says so on every page.
SAMPLE_MARK = "示例数据（虚构，非正式材料）"
SAMPLE_CSS = f'@page {{ @top-right {{ content: "{SAMPLE_MARK}"; color: #b00000; font-size: 9pt; font-weight: bold; }} }}'


class ExportError(UsageError):
    """The exports cannot be made as asked (missing rules file, foreign output folder): exit 2."""


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    field: str
    width: float
    group: str = (
        ""  # the upper level of a two-level header (附件5: 窗口负责人 over 姓名 / 单位及职务 / 联系电话)
    )


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    column: int  # 0-based first column
    row: int  # 0-based header row
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One of the notice's tables (附件5, 附件6, 附件7) as rules/exports.yml describes it."""

    kind: str
    attachment: str
    title: str
    file: str
    columns: tuple[Column, ...]
    notes: tuple[str, ...]

    @property
    def header_rows(self) -> int:
        return 2 if any(c.group for c in self.columns) else 1

    def header(self) -> tuple[tuple[HeaderCell, ...], ...]:
        """The header as the notice prints it: a group over its columns, the others spanning both rows."""
        if self.header_rows == 1:
            return (tuple(HeaderCell(c.title, i, 0) for i, c in enumerate(self.columns)),)
        top: list[HeaderCell] = []
        below: list[HeaderCell] = []
        i = 0
        while i < len(self.columns):
            column = self.columns[i]
            if not column.group:
                top.append(HeaderCell(column.title, i, 0, rowspan=2))
                i += 1
                continue
            span = 1
            while i + span < len(self.columns) and self.columns[i + span].group == column.group:
                span += 1
            top.append(HeaderCell(column.group, i, 0, colspan=span))
            below += [HeaderCell(self.columns[j].title, j, 1) for j in range(i, i + span)]
            i += span
        return tuple(top), tuple(below)


@dataclass(frozen=True, slots=True)
class Table:
    """A filled-in table: what both the .xlsx writer and the HTML template receive."""

    spec: TableSpec
    stamp: str  # 推荐单位（盖章）：…
    fill_date: str  # 填表日期：…
    rows: tuple[tuple[str | int, ...], ...]
    notes_label: str  # 注：
    contact_lines: tuple[str, ...]  # 联系人：…, 联系电话：…, 传真：…


@dataclass
class Context:
    root: Path
    rules: Rules
    today: dt.date
    result: Result
    texts: dict[str, Any]
    calendar: WorkCalendar = field(init=False)

    def __post_init__(self) -> None:
        self.calendar = WorkCalendar(self.rules.holidays)

    @property
    def reference(self) -> dt.date:
        ref = self.rules.date("reference_date")
        assert ref is not None  # required by the campaign meta-schema
        return ref

    @functools.cached_property
    def clock(self) -> Clock:
        return decisions.clock(self.result.submissions, self.rules)

    @property
    def formal(self) -> bool:
        """正式推荐 once the ministry's feedback is recorded and its day has come; 初审 before."""
        return self.clock.formal(self.today)

    @property
    def stage(self) -> str:
        return "正式推荐" if self.formal else "初审"

    @property
    def stage_work(self) -> str:
        """The notice's name for the stage's work: 初审推荐(工作报告), 正式推荐(工作报告)."""
        return "正式推荐" if self.formal else "初审推荐"

    @property
    def documents(self) -> list[Document]:
        return self.result.submissions.documents

    def spec(self, kind: str) -> TableSpec:
        t = self.texts["tables"][kind]
        columns = tuple(
            Column(c["title"], c["field"], float(c["width"]), str(c.get("group") or "")) for c in t["columns"]
        )
        unknown = [c.field for c in columns if c.field.startswith("#") and c.field not in {SEQ, WINDOW_YEARS}]
        if unknown:
            raise ExportError(f"rules/exports.yml：不认识的列来源 {'、'.join(unknown)}")
        return TableSpec(kind, t["attachment"], t["title"], t["file"], columns, tuple(t["notes"]))

    def records(self, kind: str, unit: str | None = None) -> list[Document]:
        """The unit's (or every unit's) readable records of `kind`, in 推荐排序 order.

        At the formal stage only the ministry's fed-back nominees, not withdrawn, in the decisions' order:
        a city never prepares papers for a nominee that does not go on (通知三（一）3)."""
        if self.formal:
            fed_back = decisions.recommended(self.result.submissions, formal=True)[kind]
            return [d for d in fed_back if unit is None or d.unit == unit]
        docs = [d for d in self.result.submissions.records(kind) if unit is None or d.unit == unit]
        return sorted(docs, key=lambda d: (d.rank or 10**6, d.path))

    def unit_form(self, unit: str) -> Document | None:
        return next((d for d in self.result.submissions.records("unit") if d.unit == unit), None)

    def problems(self, path: str) -> list[Problem]:
        return [p for p in self.result.problems if p.path == path]

    def window_years(self, data: dict[str, Any]) -> int | None:
        """在窗口工作年限 at the reference date, by the same function the checker uses."""
        start = data.get("到窗口工作时间")
        parsed = chinese_dates.parse(start) if isinstance(start, str) else None
        return None if parsed is None else chinese_dates.years_at(parsed, self.reference)

    def cell(self, data: dict[str, Any], column: Column, seq: int) -> str | int:
        if column.field == SEQ:
            return seq
        if column.field == WINDOW_YEARS:
            years = self.window_years(data)
            return "" if years is None else years
        return text(lookup(data, column.field))


def prepare(
    root: Path, rules: Rules, today: dt.date, progress: Callable[[int, int], None] | None = None
) -> Context:
    texts = rules.extra.get("exports.yml")
    if not isinstance(texts, dict):
        raise ExportError("缺少 rules/exports.yml（导出表格的表头和固定文字），无法导出。")
    # Checking also turns 推荐排序 into numbers and tells us what is still wrong in each record.
    return Context(root, rules, today, validate(root, rules, today, progress=progress), texts)


def lookup(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def text(value: Any) -> str:
    """A record value as the clerk typed it; anything malformed (a list where text belongs) is blank."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str | int):
        return str(value).strip()
    return ""


def full_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def parse_day(value: Any) -> dt.date | None:
    parsed = chinese_dates.parse(value) if isinstance(value, str) else None
    return parsed.first_day() if parsed is not None and parsed.day is not None else None


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(value: Any) -> str:
    """User text inside generated Markdown: one line, no markup, no raw HTML reaching the PDF."""
    flat = " ".join(str(value).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


@functools.cache
def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # HTML is escaped by Jinja2; Markdown by the `md` filter (autoescape would write &lt; into .md files).
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    return env


def render(template: str, **values: Any) -> str:
    return templates().get_template(template).render(**values)


def markdown_page(title: str, markdown_text: str) -> str:
    """The HTML WeasyPrint gets for a Markdown document (report, checklist)."""
    import markdown  # type: ignore[import-untyped]  # no stubs; comes with the site extra

    # User text reached the Markdown through the `md` filter, so no raw HTML survives into `body`.
    body = markdown.markdown(markdown_text, extensions=["tables"], output_format="html")
    return render("page.html", title=title, body=Markup(body))


class Output:
    """The export folder. It is wiped and rewritten on every run, so it must be ours to wipe."""

    def __init__(self, base: Path, sample: bool = False) -> None:
        self.base = base
        self.sample = sample  # mark every PDF and spreadsheet 示例 (rules/campaign.yml `sample: true`)
        self.written: list[Path] = []

    def prepare(self, folders: list[str] | None) -> None:
        """Clear the whole folder, or only `folders` inside it (exporting some units leaves the rest)."""
        if self.base.exists() and not self.base.is_dir():
            raise ExportError(f"“{self.base}”是一个文件，不能作为导出文件夹。")
        if self.base.is_dir() and any(self.base.iterdir()) and not (self.base / MARKER).is_file():
            raise ExportError(
                f"“{self.base}”里已有其他文件，不是 awards export 建的文件夹，不会覆盖。请换一个 --out 文件夹。"
            )
        targets = [self.base] if folders is None else [self.base / f for f in folders]
        for target in targets:
            if target.is_dir():
                shutil.rmtree(target)
        self.base.mkdir(parents=True, exist_ok=True)
        (self.base / MARKER).write_text(MARKER_TEXT, encoding="utf-8")

    def path(self, folder: str, name: str) -> Path:
        target = self.base / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        self.written.append(target)
        return target

    def write_text(self, folder: str, name: str, content: str) -> Path:
        target = self.path(folder, name)
        target.write_text(content, encoding="utf-8")
        return target

    def write_pdf(self, folder: str, name: str, html: str, css: str = "") -> Path:
        return pdf.render(html, self.path(folder, name), css=css + (SAMPLE_CSS if self.sample else ""))
