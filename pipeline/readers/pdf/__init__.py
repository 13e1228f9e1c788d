"""Reader for PDF files (pdfplumber): `read(path) -> Document`.

The reader works in the order of its modules, each a step of the algorithm (`layout` below lists them, in the
manner of pdfplumber's `TableFinder` constructor):

1. `page`: each page is parsed once: its words, its ruled tables (pdfplumber's "lines" strategy) as fragments on
   the grid of their cell edges, and the words inside cells given to them; the rest are visual lines (`lines`);
2. `margins`: running headers and footers dropped (margin lines recurring at one height); `wraps`: the space a
   line was wrapped at kept as a mark of wrapped lines when the document prints it at every wrap;
3. `rules`: tables ruled across only (horizontal rules, shading, a box round the table), `band_checks` testing
   what a band between two rules holds; `borderless`: the lines outside ruled tables searched for borderless
   tables (text in aligned columns); in both, rows found from the text (`borderless.text_rows`, with `steps`
   telling a row from a cell's further paragraph by the step down to it);
4. `body`: the document's vocabulary given to table cells, and the body's measures (type size, heading sizes,
   line pitch, right margin) taken once the tables' text is out of the way;
5. reading order, page by page, top to bottom: consecutive table fragments joined across page breaks
   (`continuation`: repeated header rows dropped, split rows put back together, `frames`: the box a page break
   leaves round a boxed table's rest), consecutive lines made into
   paragraphs and headings (`body`);
6. everything handed to `blocks.assemble`, so headings and list items are classified exactly as for the other
   formats.

`opening` turns the file's failures into errors naming the file; `fragments` is the page model the steps share;
`marks` the list-mark patterns several steps look at. Each module's docstring says its design decisions.

Cost: one pdfplumber parse per page (chars, lines and rects, cached on the page and freed after it); about
90% of the time is pdfplumber turning pdfminer's objects into chars, see bench/readers.py.
"""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

from pipeline.exceptions import EmptyDocumentError, NoTextLayerError
from pipeline.model import Document, Format, Table
from pipeline.readers.blocks import RawLine, assemble
from pipeline.readers.common import guess_title
from pipeline.readers.pdf.body import BodyStyle, attach_vocab, body_paragraphs, pitch_ratio
from pipeline.readers.pdf.borderless import find_borderless
from pipeline.readers.pdf.continuation import TableStats, join_across_pages, table_stats
from pipeline.readers.pdf.fragments import Fragment, Page, lines_of
from pipeline.readers.pdf.margins import strip_running_lines
from pipeline.readers.pdf.opening import read_pages
from pipeline.readers.pdf.page import TABLE_SETTINGS, WORD_ATTRS
from pipeline.readers.pdf.rules import find_ruled_tables, settle_page_feet
from pipeline.readers.pdf.wraps import settle as settle_wraps

__all__ = ["read", "layout", "TABLE_SETTINGS", "WORD_ATTRS"]

_JUNK_TITLE = re.compile(r"^(microsoft\s+word\s*-|untitled)|\.(docx?|rtf|pdf)$", re.I)


def read(path: str | Path, data: bytes | None = None, sha256: str = "", limits=None) -> Document:
    """Read a PDF into the document model. `limits` (a `pipeline.limits.Limits`, default from the environment)
    caps the page count before any page is parsed."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    name = str(path)
    if not data.strip():
        raise EmptyDocumentError(name, "the file is empty (0 bytes of content)")
    pages, metadata_title = read_pages(name, data, limits)
    if not any(p.n_chars for p in pages):
        raise NoTextLayerError(
            name, f"scanned PDF: no text layer on any of its {len(pages)} page(s); run OCR first"
        )
    blocks = assemble(layout(pages))
    if _JUNK_TITLE.search(metadata_title.strip()):
        metadata_title = ""
    return Document(
        source_file=path.name,
        sha256=sha256,
        format=Format.PDF,
        title=guess_title(blocks, metadata_title),
        page_count=len(pages),
        blocks=blocks,
    )


def layout(pages: list[Page]) -> list[RawLine | Table]:
    """The document's paragraphs, headings and tables in reading order, from its pages."""
    strip_running_lines(pages)
    settle_wraps(pages)
    ratio = pitch_ratio(lines_of(pages))
    for page in pages:
        find_ruled_tables(page, ratio)
        find_borderless(page, ratio)
    settle_page_feet(pages)
    attach_vocab(pages)
    style = BodyStyle.of(lines_of(pages))
    stats = table_stats(pages)
    return reading_order(pages, style, stats)


def reading_order(pages: list[Page], style: BodyStyle, stats: TableStats) -> list[RawLine | Table]:
    """Page by page, top to bottom: each run of table fragments as tables (joined across page breaks), each run
    of lines as paragraphs (which may go on across a page break too)."""
    out: list[RawLine | Table] = []
    stream = [item for p in pages for item in p.items]
    for is_table, run in groupby(stream, key=lambda item: isinstance(item, Fragment)):
        out.extend(join_across_pages(list(run), stats) if is_table else body_paragraphs(list(run), style))
    return out
