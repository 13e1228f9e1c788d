"""Rows told from a cell's further paragraphs by the step down to them, in tables with nothing else between rows
(a box round the table and no rules inside, no shading: `borderless.text_rows` asks).

Where neither rules nor shading part the rows, a cell's second paragraph and the next row look alike: both start
after a paragraph's spacing. What still tells them apart is where the renderer puts them: a cell's next paragraph
comes a paragraph step under its own column's last line; a row comes a row step under the lowest line of the row
above, in any column, and the row step holds the cells' padding (and, in LibreOffice, its border spacing), so it
is longer, even if by a fraction of a point. The table shows both steps where nothing else is in doubt:

* a sure row start: lines at one height, none running on from the line above it in its column, one of them far
  under its own column's last line (that column ended earlier, or opens here): it starts there because the row
  does. Its step is the height down from the lowest line above;
* a sure further paragraph: a paragraph's first line while another column's text runs on across that height (a
  line of another column at it goes on at the line pitch from the line above it). Its step is the height down
  from its own column's last line.

When the table has both and every sure paragraph step is shorter than every sure row step (by 0.2 pt at least:
the renderer writes positions to 0.1 pt), a paragraph start in doubt starts a row when its step down from the
lowest line above is nearer the row steps, and is a further paragraph of its cell otherwise. A table that does not
show the two steps apart (Word, with no cell padding, spaces both alike) keeps the other rules of `text_rows`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.readers.pdf.lines import Line

SEPARATION = 0.15  # points: the least gap between the sure paragraph steps and the sure row steps
LEVEL = 2.0  # points: lines whose tops are this close stand at one height


@dataclass(frozen=True)
class Samples:
    """The steps down to sure row starts and to sure further paragraphs of a table (or of a part of it)."""

    rows: tuple[float, ...] = ()
    paragraphs: tuple[float, ...] = ()

    def __add__(self, other: "Samples") -> "Samples":
        return Samples(self.rows + other.rows, self.paragraphs + other.paragraphs)


def sure_steps(pieces: list[tuple[int, int, Line]], kind: dict[int, str], prev_of: dict[int, Line | None],
               size: float, reach: float) -> Samples:
    """The sure row and paragraph steps of a table's pieces (see `row_starts`)."""
    return _scan(pieces, kind, prev_of, size, reach)[0]


def row_starts(pieces: list[tuple[int, int, Line]], kind: dict[int, str], prev_of: dict[int, Line | None],
               size: float, reach: float, pooled: Samples | None = None) -> dict[int, bool]:
    """For the paragraph starts (kinds "first" and "gap") of a table's pieces: True where one starts a row, False
    where it is a further paragraph of its cell; empty when the table does not show its two steps apart. `reach`
    is the longest step from a line to the next one of its paragraph (the line pitch and its tolerance); `pooled`,
    the sure steps of the table's other parts (the bands between its rules)."""
    sure, doubtful, decided = _scan(pieces, kind, prev_of, size, reach)
    if pooled is not None:
        sure = pooled  # the pooled samples hold these pieces' too
    if not sure.rows or not sure.paragraphs or min(sure.rows) - max(sure.paragraphs) < SEPARATION:
        return {}
    cut = (min(sure.rows) + max(sure.paragraphs)) / 2
    for group, step in doubtful:
        decided.update((id(p), step > cut) for p in group)
    return decided


def _scan(pieces, kind, prev_of, size, reach) -> tuple[Samples, list[tuple[list[Line], float]], dict[int, bool]]:
    """The sure steps, the groups of paragraph starts in doubt (with their step), and the sure decisions."""
    col_of = {id(p): c for c, _, p in pieces}
    ordered = sorted((p for _, _, p in pieces), key=lambda p: p.top)
    level = max(LEVEL, 0.3 * size)
    groups: list[list[Line]] = []
    for p in ordered:
        if groups and abs(p.top - groups[-1][0].top) <= level:
            groups[-1].append(p)
        else:
            groups.append([p])
    running = [p for p in ordered if kind[id(p)] in ("wrap", "cont") and prev_of[id(p)] is not None]

    def crossed(p: Line) -> bool:
        """Does another column's text run on across the height where `p` starts: a line of it level with `p`
        going on from the line above, or a line of it less than a line's step above `p`?"""
        return any(col_of[id(b)] != col_of[id(p)] and prev_of[id(b)].top < p.top - 0.5 * size
                   and abs(b.top - p.top) <= level for b in running) or any(
            col_of[id(b)] != col_of[id(p)] and p.top - reach < b.top < p.top - level for b in ordered)

    row_steps: list[float] = []
    para_steps: list[float] = []
    doubtful: list[tuple[list[Line], float]] = []
    decided: dict[int, bool] = {}
    for group in groups:
        starts = [p for p in group if kind[id(p)] in ("first", "gap")]
        if not starts:
            continue
        top = min(p.top for p in group)
        above = [p.top for p in ordered if p.top < top - 0.5 * size]
        step = top - max(above) if above else math.inf
        if any(crossed(p) for p in starts):
            for p in starts:  # another column's text runs on: no row starts here
                if kind[id(p)] == "gap":
                    para_steps.append(p.top - prev_of[id(p)].top)
                decided[id(p)] = False
            continue
        if len(starts) < len(group) or not above:
            continue  # a line of the group runs on from the line above it: no row starts here
        own = [p.top - prev_of[id(p)].top if prev_of[id(p)] is not None else math.inf for p in group]
        if max(own) > step + 0.5 * size:
            row_steps.append(step)
            decided.update((id(p), True) for p in group)
        else:
            doubtful.append((group, step))
    return Samples(tuple(row_steps), tuple(para_steps)), doubtful, decided
