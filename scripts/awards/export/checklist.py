"""Materials checklist per unit for the current stage (初审 or 正式推荐): what is there, what to chase.

Built on the checker's findings, so the list never disagrees with `awards validate`; the notice's
paper-only items (stamps, signed forms, printed photos) are data (rules/exports.yml `checklist`),
listed as work for a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from awards.check.deeds import char_count
from awards.export.common import (
    PROVINCE_FOLDER,
    Context,
    Output,
    full_date,
    lookup,
    markdown_page,
    render,
    text,
)
from awards.export.report import publicity
from awards.export.texts import ChecklistItem
from awards.read.load import Document

# Markdown tables carry no widths; with WeasyPrint's fixed layout the first row's cells set them.
CSS = "th:nth-child(1) { width: 34%; } th:nth-child(2) { width: 12%; }"
SUMMARY_CSS = "th:nth-child(1) { width: 40%; }"

READY, MISSING, FIX, MANUAL, LATER = "已备齐", "缺", "须修改", "须人工办理", "暂不需要"


@dataclass(frozen=True, slots=True)
class Item:
    name: str
    status: str
    detail: str = ""


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


def _deeds(ctx: Context, doc: Document) -> list[Item]:
    out = []
    for key, limit in ctx.rules.settings.word_limits.items():
        value = (doc.data or {}).get(key)
        if not isinstance(value, str) or not value.strip():
            out.append(Item(f"{key}（{limit} 字以内）", MISSING))
            continue
        n = char_count(value)
        status, detail = (READY, f"{n} 字") if n <= limit else (FIX, f"{n} 字，超出 {n - limit} 字")
        out.append(Item(f"{key}（{limit} 字以内）", status, detail))
    return out


def _covered(code: str) -> bool:
    """Findings that have their own line in the checklist, so they are not counted twice."""
    return code.startswith(("photo-", "publicity-")) or code == "text-too-long"


def _checked(ctx: Context, doc: Document) -> Item:
    label = "基本情况各项（awards validate）"
    errors = [p for p in ctx.problems(doc.path) if p.is_error and not _covered(p.code)]
    if not errors:
        return Item(label, READY, "没有错误")
    return Item(label, FIX, f"{len(errors)} 处错误，如：{errors[0].message}")


def _publicity(ctx: Context, doc: Document, name: str) -> Item:
    minimum = ctx.rules.settings.publicity_days
    p = publicity(ctx, doc, name)
    label = f"本单位公示（不少于 {minimum} 个工作日）"
    if not p.period:
        return Item(label, MISSING)
    if p.days is None:
        return Item(label, FIX, f"{p.period}：日期有误或无法计算工作日")
    return Item(label, READY if p.enough else FIX, f"{p.period}，{p.days} 个工作日")


def _photo(ctx: Context, doc: Document) -> list[Item]:
    label = "证件照（2 寸蓝底彩色，电子版）"
    found = [p for p in ctx.problems(doc.path) if p.code.startswith("photo-")]
    value = text((doc.data or {}).get("照片"))
    if not value or any(p.code == "photo-missing" for p in found):
        items = [Item(label, MISSING, value)]
    elif found:
        items = [Item(label, FIX, found[0].message)]
    else:
        items = [Item(label, READY, value)]
    items += _paper(ctx, ctx.texts.checklist.individual, ())
    return items


def _opinions(ctx: Context, doc: Document) -> Item:
    label = f"征求意见表（{ctx.rules.kinds['individual'].attachment('opinion')}）"
    if not ctx.formal:
        return Item(label, LATER, "正式推荐阶段报送；已生成预填的空白表")
    recorded = lookup(doc.data or {}, "征求意见")
    if not isinstance(recorded, dict):
        return Item(label, MISSING, "纪检监察、组织人事部门意见均未记录")
    return Item(label, READY, "已记录，须附签字盖章的原件")


def _unit_section(ctx: Context, unit: str, windows: list[Document], people: list[Document]) -> Section:
    the_unit = ctx.rules.units[unit]
    s = Section("本单位材料")
    form = ctx.unit_form(unit)
    kinds = ctx.rules.kinds
    form_label = f"{kinds.unit.name}（{kinds.unit.attachment('contact')}，unit.yml）"
    deadline = ctx.rules.date("deadlines", "contact_form")
    due = f"{full_date(deadline)}前报送" if deadline else ""
    if form is None:
        s.items.append(Item(form_label, MISSING, due))
    else:
        s.items.append(Item(form_label, READY, text(lookup(form.data or {}, "联系人.姓名"))))
    # Quotas are the 初审's concern; at the formal stage the ministry has chosen who goes on.
    if the_unit.kind == "city" and not ctx.formal:
        quotas = ctx.rules.settings.quotas
        levels = set(quotas.grassroots_levels)
        for kind, docs in zip(kinds.nominees, (windows, people), strict=True):
            label, n, q = kind.name, len(docs), quotas.city[kind.code]
            status = READY if n == q else MISSING if n < q else FIX
            s.items.append(Item(f"推荐{label}名额", status, f"已推荐 {n} 个，名额 {q} 个"))
        minimum = quotas.grassroots_min
        low = sum(1 for d in windows if (d.data or {}).get("窗口级别") in levels)
        status = READY if low >= minimum else MISSING
        s.items.append(Item("县（区）级及以下窗口", status, f"{low} 个，至少 {minimum} 个"))
    if windows or people:
        s.items += _paper(ctx, ctx.texts.checklist.unit, (windows, people))
    return s


def _paper(ctx: Context, items: tuple[ChecklistItem, ...], docs: tuple[list[Document], ...]) -> list[Item]:
    """The paper-only items of rules/exports.yml `checklist` for this stage: a person's work."""
    kinds = ctx.rules.kinds
    values = {
        "stage_work": ctx.stage_work,
        "report_file": ctx.texts.report.files[ctx.stage],
        "summaries": "、".join(k.attachment("summary").removeprefix("附件") for k in kinds.nominees),
    }
    out = []
    for item in items:
        if item.stage and item.stage != ctx.stage:
            continue
        if not item.per_kind:
            out.append(Item(item.name.format(**values), MANUAL, item.detail.format(**values)))
            continue
        for kind, recorded in zip(kinds.nominees, docs, strict=True):
            if recorded:
                each = {
                    **values,
                    "kind": kind.name,
                    "approval": kind.attachment("approval"),
                    "count": len(recorded),
                }
                out.append(Item(item.name.format(**each), MANUAL, item.detail.format(**each)))
    return out


def sections(ctx: Context, unit: str) -> list[Section]:
    windows, people = ctx.records("window", unit), ctx.records("individual", unit)
    out = [_unit_section(ctx, unit, windows, people)]
    for doc in windows:
        name = text((doc.data or {}).get("窗口名称")) or doc.slug
        s = Section(f"窗口：{name}")
        s.items += [
            _checked(ctx, doc),
            *_deeds(ctx, doc),
            _publicity(ctx, doc, name),
            *_unconfirmed(ctx, doc),
        ]
        out.append(s)
    for doc in people:
        name = text((doc.data or {}).get("姓名")) or doc.slug
        s = Section(f"个人：{name}")
        s.items += [
            _checked(ctx, doc),
            *_deeds(ctx, doc),
            _publicity(ctx, doc, name),
            *_unconfirmed(ctx, doc),
        ]
        s.items += [*_photo(ctx, doc), _opinions(ctx, doc)]
        out.append(s)
    return out


def _unconfirmed(ctx: Context, doc: Document) -> list[Item]:
    """Every attestation the record's schema asks for (rules/schemas, `check: attestation`) not yet true."""
    schema = ctx.rules.schemas.get(doc.kind, {})
    data = doc.data or {}
    return [
        Item(name, MISSING)
        for name, rule in schema.items()
        if (rule.get("meta") or {}).get("check") == "attestation" and data.get(name) is not True
    ]


def counts(secs: list[Section]) -> dict[str, int]:
    items = [i for s in secs for i in s.items]
    return {status: sum(1 for i in items if i.status == status) for status in (MISSING, FIX, MANUAL)}


def file_name(ctx: Context) -> str:
    return f"材料清单（{ctx.stage}）"


def markdown(ctx: Context, unit: str) -> str:
    secs = sections(ctx, unit)
    deadline = None if ctx.formal else ctx.rules.date("deadlines", "first_review")
    return render(
        "checklist.md",
        unit=ctx.rules.units[unit],
        stage=ctx.stage,
        today=full_date(ctx.today),
        deadline=full_date(deadline) if deadline else "",
        days_left=(deadline - ctx.today).days if deadline else None,
        sections=secs,
        counts=counts(secs),
    )


def units(ctx: Context) -> list[str]:
    """Every city, and each provincial office once it has sent anything (they apply only if they choose)."""
    active = {d.unit for d in ctx.documents}
    return [u.code for u in ctx.rules.units.values() if u.kind == "city" or u.code in active]


def export_unit(ctx: Context, out: Output, unit: str) -> None:
    text_md = markdown(ctx, unit)
    name = file_name(ctx)
    out.write_text(unit, f"{name}.md", text_md)
    out.write_pdf(unit, f"{name}.pdf", markdown_page(f"{ctx.rules.units[unit].name}{name}", text_md), CSS)


def export_province(ctx: Context, out: Output) -> None:
    rows = []
    for code in units(ctx):
        c = counts(sections(ctx, code))
        rows.append(
            (ctx.rules.units[code], len(ctx.records("window", code)), len(ctx.records("individual", code)), c)
        )
    text_md = render("checklist_summary.md", stage=ctx.stage, today=full_date(ctx.today), rows=rows)
    name = f"{file_name(ctx)}汇总"
    out.write_text(PROVINCE_FOLDER, f"{name}.md", text_md)
    out.write_pdf(PROVINCE_FOLDER, f"{name}.pdf", markdown_page(name, text_md), SUMMARY_CSS)
