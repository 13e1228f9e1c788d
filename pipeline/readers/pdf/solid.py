"""Rows and columns a grid does not rule: rows set solid inside a ruled row (a statistical table rules its groups
of rows, not each row), rows told apart by shading only, columns a banded style rules in every other row only, and
columns it does not rule at all.

A table of figures often draws rules between its columns and between groups of rows only ("All ages", then the
rows of that group single-spaced, then a rule). pdfplumber's grid then has one row per group, each cell holding a
whole column of the group's figures. Such a grid row is split where its text says a row starts.

Decisions:
* a line height (tops within 2 pt) starts a row when three cells or more of the grid row have a line starting
  there, the row's first cell among them (the row's label), two of them figures (`1,204`, `18.7`, `(X)`, `*0.6`),
  and none of them can only be the rest of the text above it (a lower-case start, a line after a hyphen or a
  dangling "and"). Figures are the test because a cell of prose next to cells of prose (expected results, KPIs,
  risk factors) also has its lines at the same heights, and must stay one cell;
* the grid row is cut just above each such height: each cell of the row is split there, a cell spanning several
  rows of the grid spans the new rows too;
* a cell spanning columns is split into them when its text stands in them: no word across a column edge, no line
  whose words stand a mere space apart across an edge, text in two of them at least, and each part starting at its column's left edge or ending at its right one (within 8 pt:
  the cell padding), or made of figures only (set in by spaces). A merged title's text crosses an edge or stands
  in one column only, and stays merged; at the head of a table's continuation, text in one column but the first
  suffices (the rest of a row cut by the page break, which a title does not leave);
* a grid column holding several columns of text in three cells or more (a style ruling off only the first column)
  is split at its text's gutters, the same way.
"""

from __future__ import annotations

import re

from pipeline.readers.pdf.borderless import columnar, continues, segments, text_columns
from pipeline.readers.pdf.fragments import FragCell, Fragment
from pipeline.readers.pdf.lines import Line, make_lines

_FIGURE = re.compile(r"^[*(]{0,2}[-+–−$€£]?\d[\d.,]*%?\)?$|^\(?[A-Z]\)?$|^[-–—]$")
LEVEL_TOL = 2.0  # points: lines whose tops are this close stand on one line of the table


def split_solid_rows(frag: Fragment) -> None:
    """Split the grid rows of a ruled fragment that hold several rows of figures set solid (in place)."""
    cuts: dict[int, list[float]] = {}
    for r in range(frag.n_rows):
        row = sorted((c for c in frag.cells if c.row == r and c.row_end == r + 1), key=lambda c: c.x0)
        if len(row) >= 3 and row[0].x0 <= frag.x0 + 2.0:
            ys = _row_starts(row)
            if ys:
                cuts[r] = ys
    _cut_rows(frag, cuts)


def split_banded_rows(frag: Fragment, shading: list[dict]) -> None:
    """Split the grid rows of a ruled fragment that hold several rows told apart by shading only (in place).

    A banded style (Word's "Medium Shading", "Light List") may rule the table's frame and header but not its body
    rows: the grid then has one body row, its rows shown by alternate shaded bands. A grid row is cut at the top
    and bottom of every band across its full width (the shading of a row drawn in pieces, one per cell, joined)
    strictly inside it, where no line of its text stands across the cut."""
    bands: dict[tuple[float, float], list[float]] = {}  # (top, bottom) -> [x0, x1]
    for r in shading:
        if frag.x0 - 2.0 <= r["x0"] and r["x1"] <= frag.x1 + 2.0 and frag.top - 2.0 <= r["top"] \
                and r["bottom"] <= frag.bottom + 2.0:
            key = (round(float(r["top"]), 0), round(float(r["bottom"]), 0))
            span = bands.setdefault(key, [float(r["x0"]), float(r["x1"])])
            span[0], span[1] = min(span[0], float(r["x0"])), max(span[1], float(r["x1"]))
    cuts: dict[int, list[float]] = {}
    for r in range(frag.n_rows):
        row = [c for c in frag.cells if c.row == r]
        if not row:
            continue
        x0, x1 = min(c.x0 for c in row), max(c.x1 for c in row)
        top, bottom = min(c.top for c in row), max(c.bottom for c in row)
        lines = [line for c in row for line in c.lines]
        ys = sorted({_cut_at(y, lines) for (t, b), (bx0, bx1) in bands.items() if bx0 <= x0 + 3.0 and x1 - 3.0 <= bx1
                     for y in (t, b) if top + 3.0 < y < bottom - 3.0} - {None})
        ys = [y for k, y in enumerate(ys) if not k or y - ys[k - 1] > 3.0]
        if ys and all(c.row_end == r + 1 for c in row):
            cuts[r] = ys
    _cut_rows(frag, cuts)


def _cut_at(y: float, lines: list[Line]) -> float | None:
    """Where to cut at a band's edge y: just above the lines starting at it (a glyph box may rise a point or two
    above the shading it stands on), at y when none does; None when a line of text stands across it."""
    starting = [line.top for line in lines if y - LEVEL_TOL <= line.top <= y + 1.0]
    if starting:
        return min(starting) - 0.5
    return None if any(line.top < y < line.bottom for line in lines) else y


def _cut_rows(frag: Fragment, cuts: dict[int, list[float]]) -> None:
    """Cut grid row r of the fragment at the heights cuts[r] (top to bottom): each cell of the row is split there,
    its lines going to the part they stand in; a cell spanning several rows of the grid spans the new rows too."""
    if not cuts:
        return
    shift = {}  # old row -> new first row
    total = 0
    for r in range(frag.n_rows):
        shift[r] = total
        total += 1 + len(cuts.get(r, []))
    cells: list[FragCell] = []
    for c in frag.cells:
        first, end = shift[c.row], shift[c.row_end - 1] + 1 + len(cuts.get(c.row_end - 1, []))
        ys = cuts.get(c.row) if c.row_end == c.row + 1 else None
        if not ys:
            c.row, c.row_end = first, end
            cells.append(c)
            continue
        bounds = [c.top, *ys, c.bottom]
        parts = [FragCell(c.x0, top, c.x1, bottom, row=first + k, row_end=first + k + 1, page=c.page,
                          vocab=c.vocab, limit=c.limit) for k, (top, bottom) in enumerate(zip(bounds, bounds[1:]))]
        for line in c.lines:
            parts[sum(1 for y in ys if y <= line.top)].lines.append(line)
        cells += parts
    frag.cells = cells
    frag.n_rows = total


def _row_starts(row: list[FragCell]) -> list[float]:
    """The heights (just above a line) where a new row of figures starts inside one grid row, top to bottom."""
    first_top = min((l.top for c in row for l in c.lines), default=None)
    if first_top is None:
        return []
    placed: list[tuple[int, Line, Line | None]] = []  # (cell, line, the line above it in its cell)
    for k, c in enumerate(row):
        lines = sorted(c.lines, key=lambda l: l.top)
        placed += [(k, line, lines[i - 1] if i else None) for i, line in enumerate(lines)]
    placed.sort(key=lambda p: p[1].top)
    levels: list[list[tuple[int, Line, Line | None]]] = []
    for p in placed:
        if levels and p[1].top - levels[-1][0][1].top <= LEVEL_TOL:
            levels[-1].append(p)
        else:
            levels.append([p])
    out = []
    for level in levels[1:]:
        cells = {k for k, _, _ in level}
        figures = sum(1 for _, line, _ in level if _FIGURE.match(line.text))
        if (len(cells) >= 3 and 0 in cells and figures >= 2
                and not any(continues(prev, line) for _, line, prev in level)):
            out.append(min(line.top for _, line, _ in level) - 0.5)
    return out


def split_unruled_cells(frag: Fragment, edges: list[float] | None = None, lone_row: int | None = None) -> None:
    """Split a cell that spans columns of its grid only because its row lacks the column rules (banded styles draw
    them in every other row), when its text stands in those columns: no word crosses a column edge, and each
    column's text starts at the column's left (or ends at its right, figures) (in place). `edges`: the columns
    (default the fragment's own; a fragment continuing a table on the next page takes the table's). In row
    `lone_row` (the rest of a row cut by the page break, unruled at the head of the page) text in one column
    suffices, unless it is the first (where a title across the table starts)."""
    edges = frag.col_edges if edges is None else edges
    out: list[FragCell] = []
    for c in frag.cells:
        inside = [e for e in edges if c.x0 + 2.0 < e < c.x1 - 2.0]
        parts = _columns_of(c, inside, lone=c.row == lone_row) if inside and c.lines else None
        if parts is None:
            out.append(c)
            continue
        bounds = [c.x0, *inside, c.x1]
        for (x0, x1), words in zip(zip(bounds, bounds[1:]), parts):
            part = FragCell(x0, c.top, x1, c.bottom, row=c.row, row_end=c.row_end, page=c.page, vocab=c.vocab)
            part.lines = make_lines(words, c.page) if words else []
            out.append(part)
    frag.cells = out


def split_text_columns(frag: Fragment) -> None:
    """Split a grid column that holds several columns of text (a style ruling the first column off and nothing
    between the others: Word's "Medium Shading 1") at the gutters of its text (in place): three cells of it at
    least hold lines set in columns, the text's columns start as far from one another's left as the first from
    the grid column's edge (the cell padding), and no word of the column's cells crosses a gutter."""
    edges = frag.col_edges
    cuts: list[float] = []
    for a, b in zip(edges, edges[1:]):
        cells = [c for c in frag.cells if abs(c.x0 - a) <= 2.0 and abs(c.x1 - b) <= 2.0 and c.lines]
        multi = [(line, segments(line)) for c in cells for line in c.lines if columnar(segments(line))]
        if sum(1 for c in cells if any(columnar(segments(line)) for line in c.lines)) < 3:
            continue
        cols = text_columns([line for line, _ in multi], [segs for _, segs in multi])
        pad = cols[0][0] - a
        if len(cols) < 2 or not 0.0 <= pad <= 8.0:
            continue
        here = [x0 - pad for x0, _ in cols[1:]]
        if not any(w["x0"] < x < w["x1"] for c in cells for line in c.lines for w in line.words for x in here):
            cuts += here
    if cuts:
        split_unruled_cells(frag, sorted(edges + cuts))


def _columns_of(cell: FragCell, inside: list[float], lone: bool = False) -> list[list[dict]] | None:
    bounds = [cell.x0, *inside, cell.x1]
    parts: list[list[dict]] = [[] for _ in inside] + [[]]
    for line in cell.lines:
        for w in line.words:
            if any(w["x0"] < e < w["x1"] for e in inside):
                return None  # a word across a column edge: the cell is merged indeed
            parts[sum(1 for e in inside if e <= w["x0"])].append(w)
        for e in inside:
            left = [w["x1"] for w in line.words if w["x1"] <= e]
            right = [w["x0"] for w in line.words if w["x0"] >= e]
            if left and right and min(right) - max(left) < max(6.0, 0.75 * line.size):
                return None  # words a space apart on either side of the edge: one text running across
    if sum(1 for p in parts if p) < 2 and not (lone and not parts[0]):
        return None
    for k, words in enumerate(parts):
        if not words:
            continue
        left, right = bounds[k], bounds[k + 1]
        starts = min(w["x0"] for w in words) - left
        ends = right - max(w["x1"] for w in words)
        if not (0 <= starts <= 8.0 or 0 <= ends <= 8.0 or all(_FIGURE.match(w["text"]) for w in words)):
            return None  # text that does not stand in the column (figures may, set in by spaces): wrapped prose
    return parts
