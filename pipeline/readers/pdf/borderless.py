"""Borderless tables: runs of lines whose text stands in aligned columns, found among the lines no ruled table
has claimed (between a page's ruled tables, and on pages without any).

Decisions:
* a line is columnar when wide gaps (over 0.75 em, 6 pt at least) split it into two or more segments; a list
  marker set off by a tab and its text do not count;
* a run is columnar lines close together (at most 2.2 lines apart, one type size), with single-column lines in
  between that continue one of the run's columns (start where a column starts, stay clear of the next one);
* columns are the x ranges the segments cover, separated by gutters no segment crosses; a right-aligned column
  whose entries start at different places, or two ranges close together that never stand side by side on a
  line, are one column. Two columns that are list marks and their text (hanging indent) are a list, not a table;
* title rows are lines right above that start at the table's left edge, as close as the table's own lines, and
  are not the last line of a paragraph running above;
* rows (`text_rows`): within a column, lines of one paragraph follow at the line pitch and a larger step
  starts a new paragraph. A row starts at a new paragraph unless some column's text runs on across that height,
  or it is the next item of a list in its cell. A table with no paragraph spacing at all starts a row where two
  or more columns start a paragraph together. A table whose text shows a row's step down apart from a cell
  paragraph's (`steps`: nothing else parts the rows of a table boxed round its edge only) has its paragraph starts
  told by their step;
* text running over a gutter with nothing after it is a cell merged to the table's right edge.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict

from pipeline.model import BULLET_GLYPHS
from pipeline.readers.blocks import split_number
from pipeline.readers.pdf.fragments import FragCell, Fragment, Page, cluster
from pipeline.readers.pdf.lines import Line, breaks, ends_in_hyphen, make_lines
from pipeline.readers.pdf.marks import BULLET_START, LIST_MARK, RUNS_ON
from pipeline.readers.pdf.steps import Samples, row_starts, sure_steps

_MARKER = re.compile(
    r"^(?:" + "[" + re.escape(BULLET_GLYPHS) + "]" + r"|\(?[a-zA-Z0-9]{1,3}[.)]|\d{1,3}|(?:[IVX]+|\d+)(?:\.(?:[IVX]+|\d+))+\.?[a-z]?\)?)$"
)


def find_borderless(page: Page, pitch_ratio: float | None) -> None:
    """Turn runs of lines whose text stands in aligned columns into tables. Runs are looked for between the
    page's ruled tables (and on pages without any), among the lines no table has claimed. `pitch_ratio` is the
    document's line pitch over type size, to tell a paragraph's next line from a new row."""
    out: list[Line | Fragment] = []
    chunk: list[Line] = []
    for item in page.items:
        if isinstance(item, Line):
            chunk.append(item)
            continue
        out.extend(_borderless_in(chunk, page.number, pitch_ratio))
        chunk = []
        out.append(item)
    out.extend(_borderless_in(chunk, page.number, pitch_ratio))
    out.sort(key=lambda i: i.top)
    page.items = out


def segments(line: Line) -> list[list[dict]]:
    """Words of a line split where the gap is much wider than a space."""
    out: list[list[dict]] = [[line.words[0]]]
    for a, b in zip(line.words, line.words[1:]):
        if b["x0"] - a["x1"] > max(6.0, 0.75 * line.size):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def columnar(segs: list[list[dict]]) -> bool:
    """Text in two or more places across the line; a list marker set off by a tab ("a)", "·", "4.2") and its
    text do not count."""
    if len(segs) < 2:
        return False
    return not (len(segs) == 2 and len(segs[0]) == 1 and _MARKER.match(segs[0][0]["text"]))


def _borderless_in(lines: list[Line], page: int, pitch_ratio: float | None) -> list[Line | Fragment]:
    """The lines of one stretch of a page, with aligned runs among them replaced by borderless tables."""
    if len(lines) < 2:
        return list(lines)
    segs = [segments(l) for l in lines]
    col = [columnar(s) for s in segs]
    # runs: columnar lines close together, with lines in between that continue one of the run's columns
    # (a line of one column: it starts where a column starts, stays clear of the next column, and is no
    # further from the line above than the run's rows are from each other)
    runs: list[list[int]] = []
    cur: list[int] = []
    for i, line in enumerate(lines):
        if cur:
            prev = lines[cur[-1]]
            gap = line.top - prev.bottom
            starts = cluster([s[0]["x0"] for k in cur if col[k] for s in segs[k]], 3.0)
            size = statistics.median(lines[k].size for k in cur if col[k])
            if col[i] and gap <= 2.2 * line.size and abs(line.size - size) < 0.6:
                cur.append(i)
                continue
            row_gap = max([1.2 * size] + [lines[b].top - lines[a].bottom + 1.0 for a, b in zip(cur, cur[1:])
                                          if col[a] and col[b]])
            own = [s for s in starts if abs(line.x0 - s) <= 3.0]
            nxt = [s for s in starts if s > line.x0 + 3.0]
            if (not col[i] and gap <= min(row_gap, 2.2 * size) and abs(line.size - size) < 0.6 and own
                    and (not nxt or line.x1 <= min(nxt) - 1.0)):
                cur.append(i)
                continue
            runs.append(cur)
            cur = []
        if col[i]:
            cur = [i]
    if cur:
        runs.append(cur)
    used: set[int] = set()
    frags: list[Fragment] = []
    for run in runs:
        if sum(col[k] for k in run) < 2:
            continue
        frag, members = _borderless_table(lines, segs, col, run, used, page, pitch_ratio)
        if frag is not None:
            frags.append(frag)
            used.update(members)
    if not frags:
        return list(lines)
    return [l for i, l in enumerate(lines) if i not in used] + frags


def _borderless_table(lines, segs, col, run, used, page, pitch_ratio) -> tuple[Fragment | None, list[int]]:
    multi = [k for k in run if col[k]]
    cols = text_columns([lines[k] for k in multi], [segs[k] for k in multi])
    if len(cols) < 2:
        return None, []
    # a numbered or bulleted list with hanging indent is not a table
    first = [segs[k][0] for k in multi]
    if len(cols) == 2 and all(split_number(" ".join(w["text"] for w in s))[0] or BULLET_START.match(s[0]["text"])
                              or re.fullmatch(r"\(?[a-z0-9]{1,3}[.)]", s[0]["text"]) for s in first):
        return None, []
    size = statistics.median(lines[k].size for k in multi)
    starts = [c[0] for c in cols]
    # title rows: lines right above that start at the table's left edge, as close as the table's own lines
    members = list(run)
    k = run[0] - 1
    row_gap = max([1.2 * size] + [lines[b].top - lines[a].bottom + 1.0 for a, b in zip(multi, multi[1:])])
    pitch = (pitch_ratio or 1.25) * size + max(1.0, 0.1 * size)
    while k >= 0 and k not in used and not col[k]:
        above, below = lines[k], lines[members[0]]
        if abs(above.x0 - starts[0]) > 1.5 or abs(above.size - size) >= 0.6:
            break
        if below.top - above.bottom > min(row_gap, 2.2 * size):
            break
        if k > 0 and abs(lines[k - 1].size - above.size) < 0.6 and above.top - lines[k - 1].top <= pitch:
            break  # the last line of a paragraph running above: body text, not a title row
        members.insert(0, k)
        k -= 1
    pieces = place_pieces([segs[k] for k in members], starts, page)
    limits = column_limits(cols, size)
    rows = text_rows(pieces, limits, size, pitch_ratio)
    right = max(cols[-1][1], max(p[2].x1 for p in pieces)) + 1.0
    edges = [s - 1.0 for s in starts] + [right]
    cells = grid_cells(rows, edges, limits, page)
    frag = Fragment(page, cells, len(rows), edges[0], min(lines[k].top for k in members), right,
                    max(lines[k].bottom for k in members), borderless=True,
                    spans=[(a, b) for a, b in cols], edges=edges)
    return frag, members


def text_columns(lines: list[Line], segs: list[list[list[dict]]]) -> list[list[float]]:
    """The columns of lines set in columns (each line's segments given): the x ranges the segments cover,
    separated by gutters no segment crosses."""
    spans = sorted((s[0]["x0"], s[-1]["x1"]) for ss in segs for s in ss)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1.0:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    # a right-aligned column's entries do not all start where its heading does: text ranges that never stand on
    # one line side by side are one column when the right one is right-aligned, or when they are close together
    size = statistics.median(line.size for line in lines)
    for rule in ("right-aligned", "close"):
        i = 0
        while i < len(cols) - 1:
            inside = [[s for s in ss if a - 0.5 <= s[0]["x0"] <= b + 0.5] for a, b in (cols[i], cols[i + 1])
                      for ss in segs]
            n = len(segs)
            together = any(inside[j] and inside[n + j] for j in range(n))
            right = [s[-1]["x1"] for ss in inside[n:] for s in ss]
            lefts = [s[0]["x0"] for ss in inside[n:] for s in ss]
            if rule == "right-aligned":
                joins = len(right) >= 2 and max(right) - min(right) <= 1.5 and max(lefts) - min(lefts) > 1.5
            else:
                joins = cols[i + 1][0] - cols[i][1] < 1.5 * size
            if joins and not together:
                cols[i][1] = max(cols[i][1], cols[i + 1][1])
                del cols[i + 1]
            else:
                i += 1
    return cols


def column_limits(cols: list[list[float]], size: float) -> list[float]:
    """Where each column's text wraps: an em short of the next column's start; the last at its text's end."""
    starts = [c[0] for c in cols]
    return [starts[i + 1] - 0.98 * size for i in range(len(starts) - 1)] + [cols[-1][1] + 0.5]


def place_pieces(segs: list[list[list[dict]]], starts: list[float], page: int) -> list[tuple[int, int, Line]]:
    """Each segment's words as a line, in the column it starts in and spanning the columns it runs into, top to
    bottom."""

    def column_of(x: float) -> int:
        return max([0] + [i for i, s in enumerate(starts) if s <= x + 3.0])

    pieces: list[tuple[int, int, Line]] = []
    for ss in segs:
        for s in ss:
            c0 = column_of(s[0]["x0"])
            c1 = max(c0, column_of(s[-1]["x1"] - 3.0))
            for piece in make_lines(s, page):
                pieces.append((c0, c1, piece))
    pieces.sort(key=lambda p: (p[2].top, p[0]))
    return pieces


def grid_cells(rows: list[list], edges: list[float], limits: list[float], page: int,
               bands: list[tuple[float, float]] | None = None, across: set[int] = frozenset()) -> list[FragCell]:
    """The cells of rows of pieces on the columns between `edges`: a cell per column, a piece running over
    gutters into empty columns spanning them. `bands` gives each row's top and bottom (its rules), else its text
    decides; the rows in `across` are one cell across the table (title rows)."""
    n_cols = len(edges) - 1
    cells: list[FragCell] = []
    for r, row in enumerate(rows):
        if bands is not None:
            top, bottom = bands[r]
        else:
            top = min(p[2].top for p in row)
            bottom = max(p[2].bottom for p in row)
        by_col: dict[int, list[Line]] = defaultdict(list)
        reach: dict[int, int] = {}
        for c0, c1, piece in row:
            by_col[c0].append(piece)
            reach[c0] = max(reach.get(c0, c0), c1)
        if r in across:
            cell = FragCell(edges[0], top, edges[-1], bottom, row=r, row_end=r + 1, page=page, limit=limits[-1])
            cell.lines = sorted((p[2] for p in row), key=lambda l: (l.top, l.x0))
            cells.append(cell)
            continue
        last = max(by_col, default=0)
        if by_col and reach[last] > last:
            reach[last] = n_cols - 1  # text running over a gutter with nothing after it: a merged row
        c = 0
        while c < n_cols:
            end = c
            if c in reach and all(j not in by_col for j in range(c + 1, reach[c] + 1)):
                end = reach[c]
            cell = FragCell(edges[c], top, edges[end + 1], bottom, row=r, row_end=r + 1, page=page, limit=limits[end])
            cell.lines = sorted(by_col.get(c, []), key=lambda l: l.top)
            cells.append(cell)
            c = end + 1
    return cells


def _list_goes_on(col: int, piece: Line, row_paras: dict[int, list[str]]) -> bool:
    """Is the piece the next item of a list its column (not the first) runs in the current row?"""
    marker = LIST_MARK.match(piece.text)
    return bool(marker and col > 0 and any(t.startswith(marker.group(1)) for t in row_paras.get(col, [])))


def continues(prev: Line | None, piece: Line) -> bool:
    """Can `piece` only be the rest of the text above it in its column?"""
    if prev is None:
        return False
    return bool(ends_in_hyphen(prev.text) and piece.text[:1].islower() or RUNS_ON.search(prev.text)
                or piece.text[:1].islower())


def _kinds(pieces: list[tuple[int, int, Line]], limits: list[float], size: float, pitch_ratio: float | None):
    """Each piece's place in its column's text: "first", "gap" (a paragraph's first line, a larger step than the
    line pitch down from the line above), "wrap" (the next line of a paragraph: the line above was full), "cont"
    (it can only go on from the line above); with each piece's line above in its column, the columns' lines, the
    line pitch and its tolerance."""
    by_col: dict[int, list[Line]] = defaultdict(list)
    for c0, _, piece in pieces:
        by_col[c0].append(piece)
    # the line pitch: steps between a line and the next one that carries on its text (would not have fitted)
    steps = [
        b.top - a.top
        for c, ls in by_col.items()
        for a, b in zip(ls, ls[1:])
        if b.top - a.top >= 0.9 * size and not breaks(a, b, limits[c], None)
    ]
    pitch = min([*steps, pitch_ratio * size]) if pitch_ratio else min(steps, default=1.25 * size)
    tol = max(1.0, 0.1 * size)
    prev_of: dict[int, Line | None] = {}
    kind: dict[int, str] = {}  # "first", "gap", "wrap", "cont"
    for c, ls in by_col.items():
        for i, piece in enumerate(ls):
            prev = ls[i - 1] if i else None
            prev_of[id(piece)] = prev
            if prev is None:
                kind[id(piece)] = "first"
            elif ends_in_hyphen(prev.text) and piece.text[:1].islower() or RUNS_ON.search(prev.text):
                kind[id(piece)] = "cont"  # a word or phrase that cannot end the cell's text
            elif piece.top - prev.top > pitch + tol:
                kind[id(piece)] = "gap"
            elif breaks(prev, piece, limits[c], None):
                kind[id(piece)] = "wrap"
            else:
                kind[id(piece)] = "cont"
    return kind, prev_of, by_col, pitch, tol


def step_samples(pieces: list[tuple[int, int, Line]], limits: list[float], size: float,
                 pitch_ratio: float | None) -> Samples:
    """The sure row and paragraph steps of a part of a table whose rows come from the text (`steps`), for the
    other parts of the same table."""
    kind, prev_of, _, pitch, tol = _kinds(pieces, limits, size, pitch_ratio)
    return sure_steps(pieces, kind, prev_of, size, pitch + tol)


def text_rows(
    pieces: list[tuple[int, int, Line]], limits: list[float], size: float, pitch_ratio: float | None,
    pooled: Samples | None = None,
) -> list[list]:
    """Group a borderless table's pieces of text into rows.

    Within a column, lines of one paragraph follow each other at the line pitch; a larger step starts a new
    paragraph. A row starts at a new paragraph unless some column's text runs on across that height (a cell
    with several paragraphs next to one still going), or it is the next item of a list in its cell, or a paragraph
    of the first column level with the next items of lists running in the row and nothing else. When the table
    has no paragraph spacing at all, a row starts where two or more columns start a paragraph together. Where the
    table (with `pooled`, the sure steps of its other parts) shows a row's step apart from a paragraph's, the step
    decides (`steps`).
    """
    kind, prev_of, by_col, pitch, tol = _kinds(pieces, limits, size, pitch_ratio)
    spaced = any(kind[id(p)] == "gap" for _, _, p in pieces)
    # where nothing but the text parts the rows, the step down to a paragraph may still tell a row from a
    # cell's further paragraph (`steps`)
    decided = row_starts(pieces, kind, prev_of, size, pitch + tol, pooled) if spaced else {}
    # a row of a table set solid: lines starting at one height in three columns or more, the first (the row's
    # label) among them, none of which can only be the rest of the text above it, start a row, even where the fit
    # test says a line runs on (a long entry under a short one: "$9,594 or less" / "$9,595–$17,992") or the
    # table has spacing between groups of rows. (Headers whose cells hold a title and a paragraph each, wrapping
    # in step, leave the first column empty.)
    level: list[list] = []
    for _, _, piece in sorted(pieces, key=lambda p: p[2].top):
        if level and abs(piece.top - level[-1][0].top) <= 2.0:
            level[-1].append(piece)
        else:
            level.append([piece])
    col_of = {id(p): c for c, _, p in pieces}
    for group in level:
        cols = {col_of[id(p)] for p in group}
        if len(cols) >= 3 and min(cols) == 0 and not any(continues(prev_of[id(p)], p) for p in group) \
                and not any(decided.get(id(p)) is False for p in group):
            for p in group:
                if kind[id(p)] in ("cont", "wrap"):
                    kind[id(p)] = "row"

    def blocked(y: float) -> bool:
        for ls in by_col.values():
            for a, b in zip(ls, ls[1:]):
                if a.top < y - 0.5 <= b.top and kind[id(b)] == "cont":
                    return True
        return False

    rows: list[list] = []
    row_paras: dict[int, list[str]] = {}  # per column, the first words of the paragraphs in the current row
    for i, (c0, c1, piece) in enumerate(pieces):
        k = kind[id(piece)]
        new = False
        if not rows:
            new = True
        elif piece.top < max(p.top for _, _, p in rows[-1]) + 0.5 * size:
            new = False  # level with text already in the row
        elif id(piece) in decided:
            new = decided[id(piece)] and not blocked(piece.top)
        elif k in ("first", "gap") and not blocked(piece.top):
            level = [(c, p) for c, _, p in pieces[i + 1:] if c != c0 and abs(p.top - piece.top) <= 2.0]
            new = not _list_goes_on(c0, piece, row_paras) and not (
                # a second paragraph of the first column, level with the next item of a list running in the row,
                # and with no other text starting there, is no row's label
                c0 == 0 and level and all(_list_goes_on(c, p, row_paras) for c, p in level))
        elif k == "row" and not blocked(piece.top):
            new = True
        elif k == "wrap" and not spaced and not blocked(piece.top):
            together = [p for c, _, p in pieces if abs(p.top - piece.top) <= 2.0 and kind[id(p)] != "cont"]
            new = len(together) >= 2
        if new:
            rows.append([])
            row_paras = {}
        rows[-1].append((c0, c1, piece))
        if k != "cont":
            row_paras.setdefault(c0, []).append(piece.text)
    return rows
