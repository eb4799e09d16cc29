"""WeasyPrint, configured once for the whole project: local files only, fonts embedded.

Every PDF (公示 snapshots, 汇总表, 征求意见表, reports) goes through `render`, so none of them can
fetch anything from another host, and all of them embed the same CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from awards.core.pdf_parallel import Glyphs

# Margin boxes get a width: with `width: auto` WeasyPrint lays out their text twice more on every page
# to size them (min- and max-content): about 4% of a long PDF's layout time.
# Fixed table layout everywhere: auto-layout with long Chinese text makes WeasyPrint ~10x slower.
BASE_CSS = """
@page { size: A4; margin: 18mm 15mm 20mm 15mm;
        @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt;
                         width: 100%; } }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.5; }
table { table-layout: fixed; width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: bold; text-align: center; }
"""


# The bundled fictional campaign (campaign.yml `sample: true`): every PDF says so on every page.
SAMPLE_MARK = "示例数据（虚构，非正式材料）"
# Regular weight only: a bold face would embed a second font and swell every PDF by ~100 kB.
SAMPLE_CSS = (
    f'@page {{ @top-right {{ content: "{SAMPLE_MARK}"; color: #b00000; font-size: 9pt; width: 50%; }} }}'
)


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


def render_parts(
    parts: list[str], base_url: Path, css: str = "", identifier: str | None = None, parallel: bool = True
) -> bytes:
    """The PDF of `parts`, each an HTML document starting on a new page, numbered as one document.

    In parallel (`awards.core.pdf_parallel`, one process per part) where the system can fork, else the
    parts joined into one HTML document with a page break before each: the same pages and text.
    """
    import multiprocessing

    # Forking is what makes it pay: the workers start with WeasyPrint and the fonts loaded.
    if not (parallel and len(parts) > 1 and "fork" in multiprocessing.get_all_start_methods()):
        from weasyprint import HTML

        document = HTML(string=joined(parts), base_url=str(base_url), url_fetcher=local_only_fetcher)
        data: bytes = document.write_pdf(
            stylesheets=[_stylesheet(css)],
            font_config=_font_config(),
            uncompressed_pdf=False,
            pdf_identifier=identifier.encode() if identifier else None,
        )
        return data
    from awards.core import pdf_parallel

    _stylesheet(css)  # parsed (and the fonts configured) once, before the workers fork

    def write(
        html: str, numbering: Callable[[int], tuple[int, int]], pool: Callable[[Glyphs], Any]
    ) -> tuple[bytes, Any]:
        return _write_part(html, base_url, css, numbering, pool)

    return pdf_parallel.render(parts, write, identifier)


PART_BREAK = '<div style="break-before: page"></div>'


def joined(parts: list[str]) -> str:
    """The parts as one HTML document (the body of each, a page break between them)."""
    bodies = []
    for i, part in enumerate(parts):
        start, end = part.index("<body>"), part.rindex("</body>")
        head, body = part[: start + len("<body>")], part[start + len("<body>") : end]
        bodies.append(body if i else head + body)
    return PART_BREAK.join(bodies) + "</body></html>"


def _write_part(
    html: str,
    base_url: Path,
    css: str,
    numbering: Callable[[int], tuple[int, int]],
    pool: Callable[[Glyphs], Glyphs],
) -> tuple[bytes, Any]:
    """One part, in a forked worker: WeasyPrint's margin boxes and font subsets wait for the others.

    Both hooks replace module functions of WeasyPrint in this worker only (it ends after the part).
    """
    import weasyprint.layout
    import weasyprint.pdf
    from weasyprint import HTML

    make_margin_boxes = weasyprint.layout.make_margin_boxes
    numbers: list[int] = []

    def margin_boxes(context: Any, page: Any, state: Any) -> Any:
        counters = state[1]  # this page's counter values: all pages are laid out by now
        if not numbers:
            numbers.extend(numbering(counters["pages"][0]))
        counters["page"] = [counters["page"][-1] + numbers[0] - 1]
        counters["pages"] = [numbers[1]]
        return make_margin_boxes(context, page, state)

    build_fonts_dictionary = weasyprint.pdf.build_fonts_dictionary

    def fonts_dictionary(pdf: Any, fonts: dict[Any, Any], *args: Any) -> Any:
        mine: Glyphs = {}
        for key, font in fonts.items():
            mine.setdefault(f"u{font.hash}", {}).update(font.to_unicode)
            mine.setdefault(f"w{key}", {}).update(font.widths)
        pooled = pool(mine)
        for key, font in fonts.items():
            font.to_unicode, font.widths = dict(pooled[f"u{font.hash}"]), dict(pooled[f"w{key}"])
        return build_fonts_dictionary(pdf, fonts, *args)

    weasyprint.layout.make_margin_boxes = margin_boxes
    weasyprint.pdf.add_outlines = lambda *args: None  # the parent writes the whole document's outline
    weasyprint.pdf.build_fonts_dictionary = fonts_dictionary
    document = HTML(string=html, base_url=str(base_url), url_fetcher=local_only_fetcher).render(
        stylesheets=[_stylesheet(css)], font_config=_font_config()
    )
    data = document.write_pdf(uncompressed_pdf=False)
    return data, [(page.height, page.bookmarks) for page in document.pages]
