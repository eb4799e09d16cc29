"""WeasyPrint, configured once for the whole project: local files only, fonts embedded.

Every PDF (公示 snapshots, 汇总表, 征求意见表, reports) goes through `render`, so none of them can
fetch anything from another host, and all of them embed the same CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

# Fixed table layout everywhere: auto-layout with long Chinese text makes WeasyPrint ~10x slower.
BASE_CSS = """
@page { size: A4; margin: 18mm 15mm 20mm 15mm;
        @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; } }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.5; }
table { table-layout: fixed; width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: bold; text-align: center; }
"""


# The bundled fictional campaign (campaign.yml `sample: true`): every PDF says so on every page.
SAMPLE_MARK = "示例数据（虚构，非正式材料）"
# Regular weight only: a bold face would embed a second font and swell every PDF by ~100 kB.
SAMPLE_CSS = f'@page {{ @top-right {{ content: "{SAMPLE_MARK}"; color: #b00000; font-size: 9pt; }} }}'


class ExternalResourceError(Exception):
    """A document asked for something that is not a local file."""


def local_only_fetcher(url: str, *args: Any, **kwargs: Any) -> Any:
    """WeasyPrint URL fetcher that reads `file:` URLs and refuses every other scheme."""
    from weasyprint.urls import default_url_fetcher

    if not url.startswith(("file:", "data:")):
        raise ExternalResourceError(f"refusing to fetch {url!r}: PDFs may only use local files")
    return default_url_fetcher(url, *args, **kwargs)


@functools.cache
def _font_config() -> Any:
    """One font configuration per process: building one per document costs ~20% of a small PDF's time."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.lru_cache(maxsize=32)
def _stylesheet(css: str) -> Any:
    """The base CSS plus `css`, parsed once per distinct text (a batch of PDFs uses only a few)."""
    from weasyprint import CSS

    return CSS(string=BASE_CSS + css, font_config=_font_config())


def render(
    html: str, target: Path, base_url: Path | None = None, css: str = "", identifier: str | None = None
) -> Path:
    """Render `html` to `target`; deterministic for the same input (no timestamps are written).

    `identifier` becomes the PDF's file identifier (/ID). Without one, WeasyPrint writes none; with
    one, pydyf derives the second half from the file's own bytes, so the output stays reproducible.
    """
    from weasyprint import HTML

    target.parent.mkdir(parents=True, exist_ok=True)
    document = HTML(
        string=html,
        base_url=str(base_url or target.parent),
        url_fetcher=local_only_fetcher,
    )
    document.write_pdf(
        target,
        stylesheets=[_stylesheet(css)],
        font_config=_font_config(),
        uncompressed_pdf=False,
        pdf_identifier=identifier.encode() if identifier else None,
    )
    return target
