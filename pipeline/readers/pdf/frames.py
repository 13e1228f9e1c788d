"""The rest of a boxed table on the next page: a box round the table and no rules inside (no shading either) has
its rows from the text (`rules`, `borderless.text_rows`); a page break cutting it leaves, on the next page, a box
of its own round the rest (LibreOffice closes the frame on each page). pdfplumber sees that box as one cell, a grid
of its own, which would not continue a table whose rows come from the text.

Decision: a one-cell grid opening the next page, as wide as the table before the break (both ends within 3 pt),
whose every piece of text stands in one of that table's columns (starts where it starts, stops short of the next
one), a later one than the first among them, is that table's rest (a note boxed under a table has its text at the
box's left edge): its text is put on the table's columns, as one row found from the text, and the continuation
step joins it like any other part of a table without rules (the row goes on when its text plainly runs on).
"""

from __future__ import annotations

import statistics

from pipeline.readers.pdf.band_checks import EXTENT_TOL
from pipeline.readers.pdf.borderless import column_limits, grid_cells, place_pieces, segments
from pipeline.readers.pdf.fragments import Fragment

START_TOL = 3.0  # points: a piece of text starts where a column does


def frame_rest(prev: Fragment, frag: Fragment) -> Fragment | None:
    """`frag` as the rest of the table `prev` (rows from the text), when it is the box a page break left round that
    rest; None otherwise."""
    if not (prev.borderless and not prev.row_rules and prev.spans and len(prev.spans) >= 2 and prev.edges
            and not frag.borderless and len(frag.cells) == 1 and frag.page == prev.page + 1
            and abs(frag.x0 - prev.x0) <= EXTENT_TOL and abs(frag.x1 - prev.x1) <= EXTENT_TOL):
        return None
    lines = frag.cells[0].lines
    starts = [a for a, _ in prev.spans]
    segs = [segments(l) for l in lines]

    def column(s: list[dict]) -> int | None:
        """The column a piece of text stands in: it starts where the column does and stops short of the next."""
        k = next((k for k, x in enumerate(starts) if abs(s[0]["x0"] - x) <= START_TOL), None)
        return k if k is not None and (k + 1 == len(starts) or s[-1]["x1"] < starts[k + 1] - 1.0) else None

    cols = [column(s) for ss in segs for s in ss]
    if not lines or None in cols or max(cols) == 0:
        return None  # text across the columns, or in the first one only: a box of its own (a note)
    size = statistics.median(l.size for l in lines)
    cols = [list(s) for s in prev.spans]
    pieces = place_pieces(segs, starts, frag.page)
    cells = grid_cells([pieces], list(prev.edges), column_limits(cols, size), frag.page, [(frag.top, frag.bottom)])
    return Fragment(frag.page, cells, 1, prev.edges[0], frag.top, prev.edges[-1], frag.bottom, borderless=True,
                    spans=list(prev.spans), edges=list(prev.edges))
