"""What a band between two horizontal rules holds: tests on its lines and its shading (`rules` decides with them
where a table ruled across only starts, which bands are title rows, and whether its rows are banded)."""

from __future__ import annotations

import math

from pipeline.readers.pdf.borderless import columnar
from pipeline.readers.pdf.fragments import Page
from pipeline.readers.pdf.lines import Line, first_word_width

EXTENT_TOL = 3.0  # points: rules whose ends are this close have the same extent
EDGE_GAP = 2.0  # points: edges closer than this are one (a rule along a shaded band, a thick rule's two sides)


def in_columns(segs: list[list[dict]], size: float) -> bool:
    """A line of a ruled band set in columns: text in two places or more; a number or a mark and its text count
    too when far apart (a column of numbers, not a list mark and its tab: over 4 em)."""
    return columnar(segs) or len(segs) == 2 and segs[1][0]["x0"] - segs[0][-1]["x1"] > 4 * size


def wraps_in_column(lines: list[Line], starts: list[float], limits: list[float]) -> bool:
    """Do the lines stand in one column and wrap at its edge (the next line's first word would not have fitted)? A
    cell's text, the rest of a row cut by a page break, not a title across the table (which wraps at the table's
    edge, if at all)."""
    for k, (x0, limit) in enumerate(zip(starts, limits)):
        nxt = starts[k + 1] if k + 1 < len(starts) else math.inf
        if all(x0 - 3.0 <= l.x0 and l.x1 < nxt - 1.0 for l in lines):
            return any(a.x1 + 0.3 * b.size + first_word_width(b) > limit and abs(a.size - b.size) < 0.6
                       and b.top - a.bottom < 0.8 * b.size for a, b in zip(lines, lines[1:]))
    return False


def shaded(page: Page, extent: tuple[float, float], top: float, bottom: float) -> bool:
    """Does shading cover the band across the table?"""
    return any(s[0] - EXTENT_TOL <= extent[0] and extent[1] <= s[2] + EXTENT_TOL
               and s[1] - EDGE_GAP <= top and bottom <= s[3] + EDGE_GAP for s in page.shades)


def alternate(flags: list[bool]) -> bool:
    """Three bands or more, every other one shaded?"""
    return len(flags) >= 3 and all(a != b for a, b in zip(flags, flags[1:]))


def title_band(page: Page, extent: tuple[float, float], top: float, bottom: float, lines: list[Line]) -> bool:
    """A title row's band: shaded across the table, or all its lines bold."""
    return shaded(page, extent, top, bottom) or all(l.bold for l in lines)
