"""Reading exports back: PDF text and fonts (pypdf), workbooks (openpyxl), golden HTML files."""

from __future__ import annotations

import difflib
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pypdf import PdfReader

GOLDEN = Path(__file__).parent / "golden"


def pdf_text(path: Path) -> str:
    """All text of the PDF with whitespace removed: CJK extraction splits lines unpredictably."""
    reader = PdfReader(path)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the pages use, descendant fonts of Type0 included."""
    found: list[tuple[str, bool]] = []

    def fonts_in(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            for target in [d.get_object() for d in font.get("/DescendantFonts") or []] or [font]:
                descriptor = target.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found.append((str(target.get("/BaseFont")), embedded))
        for ref in (resources.get("/XObject") or {}).values():
            fonts_in(ref.get_object().get("/Resources"))

    for page in PdfReader(path).pages:
        fonts_in(page.get("/Resources"))
    return found


def assert_fonts_embedded(path: Path) -> None:
    fonts = pdf_fonts(path)
    assert fonts, f"{path.name}: no fonts found at all"
    missing = [name for name, embedded in fonts if not embedded]
    assert not missing, f"{path.name}: fonts not embedded: {missing}"


def sheet(path: Path) -> Any:
    return load_workbook(path).active


def row_values(ws: Any, row: int) -> list[Any]:
    return [c.value for c in ws[row] if c.value is not None]


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/export/golden/<name>; `UPDATE_GOLDEN=1 pytest tests/export` rewrites them."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.is_file():
        raise AssertionError(f"golden file {name} is missing: run UPDATE_GOLDEN=1 pytest tests/export")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True), name, "actual"
            )
        )
        raise AssertionError(f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept):\n{diff}")
