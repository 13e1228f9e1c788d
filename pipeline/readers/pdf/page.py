"""One page: its words, its ruled tables, and which words are whose.

Each page is parsed once (chars, lines and rects, cached by pdfplumber on the page and freed after it):
* words with their font size and name (`WORD_ATTRS`), pdfplumber's default tolerances;
* ruled tables from pdfplumber's `TableFinder` with the "lines" strategy (`TABLE_SETTINGS`), each turned into a
  fragment on the grid of its distinct cell edges. One-cell tables, which pdfplumber drops, are kept: a 1x1 Word
  table, or a table's title row left alone at the foot of a page (but not a box the size of the page);
* each word goes to the cell holding its centre; a word inside a table's frame but in no cell goes to the
  nearest cell; the rest become the page's visual lines. Tables holding no text (boxes, decorations) are
  dropped.
"""

from __future__ import annotations

import math
from collections import defaultdict

from pdfplumber.table import TableFinder

from pipeline.readers.pdf.fragments import FragCell, Fragment, Page, cluster, nearest
from pipeline.readers.pdf.lines import Line, make_lines

TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}
WORD_ATTRS = ["size", "fontname"]


def read_page(page) -> Page:
    """A pdfplumber page as the reader's page model: visual lines and ruled table fragments, top to bottom."""
    number = page.page_number
    chars = page.chars
    n_chars = sum(1 for c in chars if c["text"].strip())
    if not n_chars:
        return Page(number, float(page.width), float(page.height), 0, [])
    words = page.extract_words(extra_attrs=WORD_ATTRS, keep_blank_chars=False)
    frags: list[Fragment] = []
    finder = TableFinder(page, TABLE_SETTINGS)
    grouped: set[tuple] = set()
    for t in finder.tables:
        grouped.update(t.cells)
        frag = fragment(t.cells, number)
        if frag is not None:
            frags.append(frag)
    # pdfplumber leaves out one-cell tables; a 1x1 Word table (or a title row alone on a page) is one
    page_area = float(page.width) * float(page.height)
    for cell in finder.cells:
        if cell not in grouped and (cell[2] - cell[0]) * (cell[3] - cell[1]) < 0.6 * page_area:
            frag = fragment([cell], number)
            if frag is not None:
                frags.append(frag)
    free: list[dict] = []
    per_cell: dict[int, list[dict]] = defaultdict(list)
    index = [(f, c) for f in frags for c in f.cells]
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        for k, (f, c) in enumerate(index):
            if c.x0 <= cx <= c.x1 and c.top <= cy <= c.bottom:
                per_cell[k].append(w)
                break
        else:
            if any(f.x0 <= cx <= f.x1 and f.top <= cy <= f.bottom for f in frags):
                # inside a table's frame but in no cell: give it to the nearest cell
                k = min(range(len(index)), key=lambda i: _dist(index[i][1], cx, cy))
                per_cell[k].append(w)
            else:
                free.append(w)
    for k, ws in per_cell.items():
        index[k][1].lines = make_lines(ws, number)
    # drop "tables" that hold no text at all (boxes, decorations)
    frags = [f for f in frags if any(c.lines for c in f.cells)]
    items: list[Line | Fragment] = [*make_lines(free, number), *frags]
    items.sort(key=lambda i: i.top)
    return Page(number, float(page.width), float(page.height), n_chars, items)


def _dist(c: FragCell, x: float, y: float) -> float:
    dx = max(c.x0 - x, 0, x - c.x1)
    dy = max(c.top - y, 0, y - c.bottom)
    return math.hypot(dx, dy)


def fragment(bboxes: list[tuple], page: int) -> Fragment | None:
    """A fragment from cell boxes: rows are the distinct top and bottom edges."""
    if not bboxes:
        return None
    ys = cluster([b[1] for b in bboxes] + [b[3] for b in bboxes])
    cells = []
    for x0, top, x1, bottom in bboxes:
        r0, r1 = nearest(ys, top), nearest(ys, bottom)
        if r1 <= r0:
            continue
        cells.append(FragCell(x0, top, x1, bottom, row=r0, row_end=r1, page=page))
    if not cells:
        return None
    return Fragment(
        page,
        cells,
        len(ys) - 1,
        min(c.x0 for c in cells),
        min(c.top for c in cells),
        max(c.x1 for c in cells),
        max(c.bottom for c in cells),
    )
