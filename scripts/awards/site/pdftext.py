"""The text of a PDF as a reader's "copy all" gets it, for the leak scan (`leaks.views`).

Poppler's `pdftotext -raw` (poppler-utils, which `make setup` installs) reads the text in the order it
is drawn, as pypdf does, and the same characters: on the 837 pages of a 公示报样 of 10,000 records both
give the same text once the white space is left out, pdftotext in 2.4 s of CPU, pypdf in some 25. A
long document is read on every core, each process a range of pages. Without poppler, pypdf reads it.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

# From this many pages on, the pages are split between the cores (pdftotext takes ~3 ms a page).
PARALLEL_PAGES = 100
_PAGES = re.compile(rb"^Pages:\s+([0-9]+)\s*$", re.M)


class PdfUnreadableError(ValueError):
    """The PDF could not be read (damaged, encrypted): nothing can be said about what it holds."""


def workers() -> int:
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8)


def pdf_text(data: bytes) -> str:
    """Every page's text, in page order, pages separated by a line break."""
    text, info = shutil.which("pdftotext"), shutil.which("pdfinfo")
    if text is None or info is None:
        return pypdf_text(data)
    with tempfile.TemporaryDirectory(prefix="awards-pdftext-") as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(data)
        count = _pages(info, path)
        step = -(-count // workers()) if count >= PARALLEL_PAGES else max(count, 1)
        parts = [
            (first, min(first + step - 1, count), Path(tmp) / f"{first}.txt")
            for first in range(1, count + 1, step)
        ]
        runs = [
            subprocess.Popen(
                [
                    text,
                    "-q",
                    "-raw",
                    "-enc",
                    "UTF-8",
                    "-eol",
                    "unix",
                    "-f",
                    str(first),
                    "-l",
                    str(last),
                    path,
                    out,
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for first, last, out in parts
        ]
        codes = [run.wait() for run in runs]  # every run waited for, failed or not
        if any(codes):
            raise PdfUnreadableError("pdftotext")
        # pdftotext ends every page with a form feed.
        pages = (out.read_bytes().decode("utf-8", errors="replace") for _, _, out in parts)
        return "\n".join(p.removesuffix("\f").replace("\f", "\n") for p in pages)


def _pages(info: str, path: Path) -> int:
    out = subprocess.run([info, path], capture_output=True, check=False)
    found = _PAGES.search(out.stdout)
    if out.returncode != 0 or found is None:
        raise PdfUnreadableError("pdfinfo")
    return int(found.group(1))


def pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
