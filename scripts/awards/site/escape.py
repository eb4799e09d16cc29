"""Record text is text: every value from a record reaches a page only through these helpers.

Pages are Markdown, but record values are never written as Markdown. They go into raw HTML blocks,
escaped with `html.escape`, where Python-Markdown leaves them alone; so `<script>`, `**bold**` or
`[link](…)` typed into a 简要事迹 is shown exactly as typed and never executed or rendered.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

_BLANK_LINE = re.compile(r"\n\s*\n")


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def paragraphs(value: str, cls: str = "") -> str:
    """Multi-line record text as <p> elements, one per paragraph, line breaks kept; one line of HTML."""
    attr = f' class="{esc(cls)}"' if cls else ""
    parts = [p.strip() for p in _BLANK_LINE.split(value.strip()) if p.strip()]
    return "".join(f"<p{attr}>{'<br>'.join(esc(line) for line in p.splitlines())}</p>" for p in parts)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[int] | None = None,
) -> str:
    """An HTML table with every cell escaped. `widths` (percent) give a fixed layout, as in the PDF.

    Tables on the site carry no class: the theme styles (and on phones scroll-wraps) only plain tables.
    """
    cols = "".join(f'<col style="width:{w}%">' for w in widths) if widths else ""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    colgroup = f"<colgroup>{cols}</colgroup>" if cols else ""
    # One line, surrounded by blank lines in the page: Markdown keeps it as a single raw HTML block.
    return f"<table>{colgroup}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def block(inner: str, tag: str = "div", cls: str = "") -> str:
    """Wrap already-escaped HTML in a block element, as its own Markdown paragraph."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"\n<{tag}{attr}>{inner}</{tag}>\n"
