"""Rows set solid inside a ruled row: a statistical table rules its groups of rows, not each row.

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
  rows of the grid spans the new rows too.
"""

from __future__ import annotations

import re

from pipeline.readers.pdf.borderless import continues
from pipeline.readers.pdf.fragments import FragCell, Fragment
from pipeline.readers.pdf.lines import Line

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
