"""事迹材料 per nominee: 基本情况和主要事迹, and 简要事迹, as .docx and PDF (通知三（一）2、3).

Both stages ask for them, printed on A4 ×5. The .docx is written with python-docx so a clerk can
still edit it in Word or WPS (the notice's forms are theirs to finish); the PDF is the same text
through WeasyPrint for those who print directly. Which fields the 基本情况 lists is data
(rules/exports.yml `deeds`); ID numbers and phones are never among them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from awards.export.common import FORM_CSS, SAMPLE_MARK, Context, Output, render, text
from awards.read.load import Document
from awards.rules.kinds import NOMINEES


@dataclass(frozen=True, slots=True)
class Deed:
    """One document: its title, who it is about, the basic facts and the text's paragraphs."""

    title: str  # 优质服务先进个人基本情况和主要事迹
    who: tuple[tuple[str, str], ...]  # (label, value): 姓名 / 工作单位, 窗口名称 / 窗口所属单位名称
    basics: tuple[tuple[str, str], ...]  # empty for 简要事迹
    heading: str  # the heading above the text (主要事迹), or ""
    paragraphs: tuple[str, ...]
    note: str  # 此材料一式 5 份……


def deed(ctx: Context, doc: Document, part: str) -> Deed:
    """`part` is "main" (基本情况和主要事迹) or "brief" (简要事迹)."""
    spec, data = ctx.texts.deeds, doc.data or {}
    what = spec.part(part)
    kind = ctx.rules.kinds[doc.kind]
    body = text(data.get(what.field))
    paragraphs = tuple(p.strip() for p in body.split("\n") if p.strip())
    basics = tuple((f, text(data.get(f))) for f in spec.basics[doc.kind]) if part == "main" else ()
    return Deed(
        title=f"{kind.name}{what.title}",
        who=tuple((f, text(data.get(f))) for f in spec.who[doc.kind]),
        basics=basics,
        heading=what.heading,
        paragraphs=paragraphs,
        note=spec.copies,
    )


def file_stem(ctx: Context, doc: Document, part: str) -> str:
    # The slug keeps the name unique within the unit and safe on every file system.
    spec = ctx.texts.deeds
    return f"{spec.folder}/{ctx.rules.kinds[doc.kind].name}-{doc.slug}-{spec.part(part).title}"


def write_docx(d: Deed, target: Path, mark: str = "") -> Path:
    """A4 portrait, 仿宋-like body, the title centred: what a clerk would have typed in Word."""
    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    word = Word()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(28)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "仿宋_GB2312", Pt(16)
    # East Asian text takes the eastAsia font, not `name`: without this Word falls back to 宋体.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    if mark:
        run = section.header.paragraphs[0].add_run(mark)
        run.font.color.rgb, run.font.size, run.bold = RGBColor(0xB0, 0, 0), Pt(10.5), True
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(d.title)
    run.bold, run.font.size = True, Pt(22)
    run.font.name = "方正小标宋简体"
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
    who = word.add_paragraph("　".join(f"{label}：{value}" for label, value in d.who))
    who.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if d.basics:
        word.add_paragraph("基本情况").runs[0].bold = True
        table = word.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in d.basics:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    if d.heading:
        word.add_paragraph(d.heading).runs[0].bold = True
    for paragraph in d.paragraphs:
        p = word.add_paragraph(paragraph)
        p.paragraph_format.first_line_indent = Pt(32)  # two characters, as official prose is set
    note = word.add_paragraph(d.note)
    note.runs[0].font.size = Pt(10.5)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Fixed metadata: the same records give the same document contents.
    word.core_properties.author = "awards export"
    word.save(str(target))
    return target


def export_unit(ctx: Context, out: Output, unit: str) -> None:
    for kind in NOMINEES:
        for doc in ctx.records(kind, unit):
            for part in ("main", "brief"):
                d = deed(ctx, doc, part)
                stem = file_stem(ctx, doc, part)
                write_docx(d, out.path(unit, f"{stem}.docx"), SAMPLE_MARK if out.sample else "")
                out.write_pdf(unit, f"{stem}.pdf", render("deed.html", deed=d), css=FORM_CSS)
