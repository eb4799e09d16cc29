"""A filled-in table as an .xlsx workbook laid out like the notice's form, ready to print on A4 landscape.

Written cell by cell with openpyxl rather than `DataFrame.to_excel`: pandas hands strings to openpyxl,
which turns any value starting with `=` into a formula, and it cannot mark cells as text. Here every
recorded value is a text cell (`@`, shared string), so ID numbers, phones and dates stay exactly as
typed in Excel and WPS, and formula-looking values carry the quote prefix and are never evaluated.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from awards.export.common import Table

# Excel and WPS evaluate or reinterpret cells starting with these (OWASP "CSV injection" list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TITLE_ROW, STAMP_ROW, HEADER_ROW = 2, 3, 4
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY = Font(name="宋体", size=10.5)
_BOLD = Font(name="宋体", size=10.5, bold=True)
_TITLE = Font(name="黑体", size=16)
_ATTACHMENT = Font(name="黑体", size=12)
_WRAP = Alignment(wrap_text=True, vertical="center")
_WRAP_CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
_LINE_PT = 14.0  # one line of 10.5pt 宋体, with leading


def display_width(text: str) -> int:
    """Width in Excel character units: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def lines_needed(text: str, width: float) -> int:
    """Wrapped lines of `text` in a cell `width` characters wide (Excel never grows rows it did not size)."""
    usable = max(width - 1.5, 1.0)  # cell padding
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def set_text(cell: Any, value: str) -> None:
    """Store `value` as a text cell that no spreadsheet will evaluate or convert."""
    cell.number_format = "@"  # also for a blank cell: what a clerk types in later stays text
    if not value:
        return
    cell.value = value
    # openpyxl has just made "=…" a formula; a shared string is never evaluated.
    cell.data_type = "s"
    if value.startswith(FORMULA_START):
        # The quote prefix keeps Excel and WPS from re-reading it as a formula when the cell is edited.
        cell.quotePrefix = True


def write(table: Table, target: Path, created: dt.date, mark: str = "") -> Path:
    """The workbook; `mark` (示例数据…) goes top right on screen and in every printed page's header."""
    spec = table.spec
    widths = [c.width for c in spec.columns]
    ncols = len(widths)
    last = get_column_letter(ncols)
    wb = Workbook()
    ws = wb.active
    ws.title = spec.attachment
    # Fixed metadata: the same records give the same workbook contents.
    wb.properties.creator = "awards export"
    wb.properties.created = dt.datetime(created.year, created.month, created.day)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width

    def line(row: int, first: int, end: int, value: str, font: Font, align: Alignment) -> None:
        if end > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=end)
        cell = ws.cell(row=row, column=first)
        set_text(cell, value)
        cell.font, cell.alignment = font, align

    def fit(row: int, texts: list[tuple[str, float]], minimum: float = 1) -> None:
        lines = max([minimum, *(lines_needed(t, w) for t, w in texts)])
        ws.row_dimensions[row].height = lines * _LINE_PT + 4

    line(1, 1, 1, spec.attachment, _ATTACHMENT, Alignment(vertical="center"))
    line(TITLE_ROW, 1, ncols, spec.title, _TITLE, Alignment(horizontal="center", vertical="center"))
    ws.row_dimensions[TITLE_ROW].height = 32
    split = max(1, ncols // 2)
    labels = table.stamp, table.fill_date
    line(STAMP_ROW, 1, split, labels[0], _BODY, Alignment(vertical="center"))
    line(STAMP_ROW, split + 1, ncols, labels[1], _BODY, Alignment(horizontal="right", vertical="center"))
    fit(STAMP_ROW, [(labels[0], sum(widths[:split])), (labels[1], sum(widths[split:]))])

    last_header = HEADER_ROW + spec.header_rows - 1
    for i in range(1, ncols + 1):  # every header cell boxed, merged ones included
        for r in range(HEADER_ROW, last_header + 1):
            ws.cell(row=r, column=i).border = _BOX
    for header_row in spec.header():
        for h in header_row:
            top, left = HEADER_ROW + h.row, 1 + h.column
            bottom, right = top + h.rowspan - 1, left + h.colspan - 1
            if (bottom, right) != (top, left):
                # Real merged cells, as the notice's form has them (窗口负责人 over three columns).
                ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
            cell = ws.cell(row=top, column=left)
            set_text(cell, h.text)
            cell.font, cell.alignment, cell.border = _BOLD, _WRAP_CENTRE, _BOX
    for r in range(HEADER_ROW, last_header + 1):
        fit(r, [(c.title, c.width) for c in spec.columns], minimum=2 if spec.header_rows == 1 else 1)

    row = last_header
    for values in table.rows:
        row += 1
        for i, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=i)
            if isinstance(value, int):
                cell.value = value
                cell.alignment = _WRAP_CENTRE
            else:
                set_text(cell, value)
                cell.alignment = _WRAP
            cell.font, cell.border = _BODY, _BOX
        fit(row, [(str(v), w) for v, w in zip(values, widths, strict=True)])

    full = sum(widths)
    for i, note in enumerate(spec.notes):
        row += 1
        prefix = table.notes_label if i == 0 else ""
        line(row, 1, ncols, prefix + note, _BODY, _WRAP)
        fit(row, [(prefix + note, full)])
    row += 1  # a blank line before the contact lines, as on the form
    for label in table.contact_lines:
        row += 1
        line(row, 1, ncols, label, _BODY, Alignment(vertical="center"))

    setup = ws.page_setup
    setup.orientation, setup.paperSize = "landscape", ws.PAPERSIZE_A4
    # Fit every column on one page width; as many pages down as the rows need.
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{HEADER_ROW}:{last_header}"  # the header repeated on every printed page
    if mark:
        cell = ws.cell(row=1, column=ncols)
        set_text(cell, mark)
        cell.font = Font(name="黑体", size=12, bold=True, color="B00000")
        cell.alignment = Alignment(horizontal="right", vertical="center")
        ws.oddHeader.right.text = mark
        ws.oddHeader.right.color = "B00000"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.6
    ws.print_area = f"A1:{last}{row}"
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target
