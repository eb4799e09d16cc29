"""One PDF from several HTML parts laid out at the same time, one forked process per part.

WeasyPrint lays out on one core; a national 公示报样 runs to hundreds of pages. Each part starts on a
new page, so the parts are laid out independently and the result has the pages of the whole document
rendered with a page break before every part (`render` in `awards.core.pdf`, on the same joined HTML,
gives the same pages and the same text on each).

Two things need the other parts, and each worker waits for them at that point (the parent relays):

- The footer's "第 X 页，共 Y 页": WeasyPrint lays out all pages first and the margin boxes after;
  before the first margin box each worker reports its page count and receives its first page number
  and the total, so the footer is drawn by WeasyPrint with the real numbers, in the embedded font.
- The font subset: before the fonts are written, the glyphs used by all parts are pooled, so every
  part embeds the very same subset and the joined file keeps one copy of it (pypdf merges identical
  objects).

The parts are then joined with pypdf, with WeasyPrint's outline rebuilt over the whole document, and
a file identifier derived from the content: the same input gives the same bytes.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import SimpleNamespace
from typing import Any

import pydyf  # type: ignore[import-untyped]  # WeasyPrint's own PDF writer; no stubs
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject
from weasyprint.document import Document
from weasyprint.pdf.anchors import add_outlines

Glyphs = dict[str, dict[int, Any]]  # glyph id → text per font file, glyph id → width per font


class PartFailedError(Exception):
    """A worker rendering one part failed; the text is its traceback."""


def render(
    parts: list[str],
    write: Callable[[str, Callable[[int], tuple[int, int]], Callable[[Glyphs], Glyphs]], tuple[bytes, Any]],
    identifier: str | None,
) -> bytes:
    """Render every part in its own process with `write`, then join them into one PDF.

    `write(html, numbering, pool)` renders one part and returns its PDF and its pages' bookmarks; it calls
    `numbering(own_pages)` once (→ first page number, total pages) and `pool(glyphs)` once (→ all glyphs).
    """
    context = multiprocessing.get_context("fork")
    links, workers = [], []
    # The workers' garbage collections must not walk (and so copy, page by page) the parent's objects:
    # a build holds the whole checked campaign when it forks them. A process that froze its objects
    # itself (a check worker, `check.pool`) keeps them frozen.
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        for part in parts:
            mine, theirs = context.Pipe()
            worker = context.Process(target=_work, args=(theirs, write, part), daemon=True)
            worker.start()
            theirs.close()
            links.append(mine)
            workers.append(worker)
    finally:
        if not frozen_before:
            gc.unfreeze()
    try:
        counts = [_receive(link, "pages") for link in links]
        first = 1
        for link, count in zip(links, counts, strict=True):
            link.send((first, sum(counts)))
            first += count
        pooled: Glyphs = {}
        for glyphs in [_receive(link, "glyphs") for link in links]:
            for key, values in glyphs.items():
                pooled.setdefault(key, {}).update(values)
        for link in links:
            link.send(pooled)
        results = [_receive(link, "pdf") for link in links]
    except BaseException:
        for worker in workers:  # the others wait for the one that failed: they would wait for ever
            worker.kill()
        raise
    finally:
        for link in links:
            link.close()
        for worker in workers:
            worker.join()
    return join([r[0] for r in results], [r[1] for r in results], identifier)


def _receive(link: Connection, what: str) -> Any:
    try:
        kind, value = link.recv()
    except EOFError:
        raise PartFailedError("a worker rendering part of the PDF ended without an answer") from None
    if kind == "error":
        raise PartFailedError(value)
    assert kind == what, (kind, what)
    return value


def _work(link: Connection, write: Callable[..., tuple[bytes, Any]], part: str) -> None:
    def numbering(pages: int) -> tuple[int, int]:
        link.send(("pages", pages))
        first, total = link.recv()
        return int(first), int(total)

    def pool(glyphs: Glyphs) -> Glyphs:
        link.send(("glyphs", glyphs))
        pooled: Glyphs = link.recv()
        return pooled

    try:
        data, bookmarks = write(part, numbering, pool)
        link.send(("pdf", (data, bookmarks)))
    except BaseException:  # the parent reports it: a worker must not leave it waiting
        link.send(("error", traceback.format_exc()))
    finally:
        link.close()


def join(pdfs: list[bytes], bookmarks: list[Any], identifier: str | None) -> bytes:
    """The parts' pages in order, written as WeasyPrint writes (pydyf, object streams), each object
    that several parts share (the font, its widths) once, with the whole outline and the file
    identifier WeasyPrint would give (`identifier`, then a digest of the content)."""
    out = pydyf.PDF()
    copier = _Copier(out)
    readers = [PdfReader(io.BytesIO(data)) for data in pdfs]
    pages = []
    for reader in readers:
        for page in reader.pages:
            target = pydyf.Dictionary()
            out.add_page(target)
            assert page.indirect_reference is not None
            copier.known[(id(reader), page.indirect_reference.idnum)] = target
            pages.append((reader, page, target))
    for reader, page, target in pages:
        for key, value in page.items():
            if key != "/Parent":
                target[key[1:]] = copier.copy(reader, value)
    root = readers[0].root_object
    for key, value in root.items():
        if key not in ("/Type", "/Pages", "/Outlines"):
            out.catalog[key[1:]] = copier.copy(readers[0], value)
    for key, value in readers[0].trailer.get("/Info", {}).items():
        out.info[key[1:]] = copier.copy(readers[0], value)
    fake = SimpleNamespace(
        pages=[SimpleNamespace(height=h, bookmarks=b) for part in bookmarks for h, b in part]
    )
    tree = Document.make_bookmark_tree(fake, 0.75, transform_pages=True)
    # pydyf builds `page_references` anew on every use, and the outline asks once per heading.
    pages_known = SimpleNamespace(
        page_references=out.page_references, add_object=out.add_object, catalog=out.catalog
    )
    add_outlines(pages_known, tree)
    output = io.BytesIO()
    out.write(output, identifier=identifier.encode() if identifier else False, compress=True)
    return output.getvalue()


def _raw(data: bytes) -> Any:
    class Raw(pydyf.Object):  # type: ignore[misc]
        @property
        def data(self) -> bytes:
            return data

    return Raw()


class _Copier:
    """pypdf objects copied into a pydyf document; an indirect object equal to one copied before (the
    same bytes once its references are copied) becomes that one."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.known: dict[tuple[int, int], Any] = {}  # (reader, object number) → pydyf object
        self.same: dict[bytes, Any] = {}  # the bytes of a copied indirect object → it

    def copy(self, reader: Any, value: Any) -> Any:
        if isinstance(value, IndirectObject):
            key = (id(reader), value.idnum)
            if key not in self.known:
                made = self.copy(reader, value.get_object())
                if not isinstance(made, pydyf.Object):  # an indirect number or name: kept indirect
                    made = _raw(made)
                found = self.same.setdefault(made.data, made)
                if found is made:
                    self.out.add_object(made)
                self.known[key] = found
            return self.known[key].reference
        if isinstance(value, StreamObject):
            extra = {k[1:]: self.copy(reader, v) for k, v in value.items() if k != "/Length"}
            return pydyf.Stream([value._data], extra)
        if isinstance(value, DictionaryObject):
            return pydyf.Dictionary({k[1:]: self.copy(reader, v) for k, v in value.items()})
        if isinstance(value, ArrayObject):
            return pydyf.Array([self.copy(reader, v) for v in value])
        buffer = io.BytesIO()
        value.write_to_stream(buffer)
        return buffer.getvalue()
