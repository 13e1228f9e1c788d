"""One page: its words, its ruled tables, and which words are whose.

Each page is parsed once (chars, lines and rects, cached by pdfplumber on the page and freed after it):
* words with their font size and name (`WORD_ATTRS`), pdfplumber's default tolerances, except on a page without
  space characters, where letters join into words only across gaps under 1 pt (`NO_SPACES`); on a page with
  them, whether a space is printed after each word (`wraps`);
* ruled tables from pdfplumber's `TableFinder` with the "lines" strategy (`TABLE_SETTINGS`), each turned into a
  fragment on the grid of its distinct cell edges. One-cell tables, which pdfplumber drops, are kept: a 1x1 Word
  table, or a table's title row left alone at the foot of a page (but not a box the size of the page);
* a grid whose side rules run on past its first (last) rule, with text between them, gets a row there: the rows
  at the head of a page of a banded style (Word's "Light List") have no rule above them (`_unclosed_rows`); so
  does a one-cell grid (a title row ruled all round, Word's "Medium Shading 1");
* a grid row holding several rows of figures set solid is split where its text starts a row, one holding several
  rows told apart by shading only at the shading's edges (`solid`);
* each word goes to the cell holding its centre (the innermost one, when a table stands inside another's cell); a word inside a table's frame but in no cell goes to the
  nearest cell; the rest become the page's visual lines. Tables holding no text (boxes, decorations) are
  dropped.
"""

from __future__ import annotations

import math
from collections import defaultdict

from pdfplumber.table import TableFinder
from pdfplumber.utils import filter_edges, line_to_edge, rect_to_edges

from pipeline.readers.pdf.borderless import columnar, segments
from pipeline.readers.pdf.fragments import FragCell, Fragment, Page, cluster, nearest
from pipeline.readers.pdf.lines import Line, make_lines
from pipeline.readers.pdf.wraps import mark_spaces
from pipeline.readers.pdf.solid import split_banded_rows, split_solid_rows, split_text_columns, split_unruled_cells

TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}
WORD_ATTRS = ["size", "fontname"]
NO_SPACES = {"x_tolerance": 1}  # word settings for a page without space characters


def read_page(page) -> Page:
    """A pdfplumber page as the reader's page model: visual lines and ruled table fragments, top to bottom."""
    number = page.page_number
    chars = page.chars
    n_chars = sum(1 for c in chars if c["text"].strip())
    if not n_chars:
        return Page(number, float(page.width), float(page.height), 0, [])
    # pdfplumber's default x tolerance (3 pt) joins letters closer than that into words; a PDF that writes its
    # spaces as characters keeps its word spaces anyway, but one that only moves the pen (no space character on the
    # page) has word gaps of 1.5 to 3 pt, which that tolerance swallows: there, only gaps under 1 pt join letters
    spaces = any(c["text"] == " " for c in chars)
    words = page.extract_words(extra_attrs=WORD_ATTRS, keep_blank_chars=False, **({} if spaces else NO_SPACES))
    if spaces:
        mark_spaces(words, chars)
    frags: list[Fragment] = []
    shading = [r for r in page.rects if _is_shading(r)]
    tables, all_cells = _ruled_tables(page, shading)
    grouped: set[tuple] = set()
    uprights = [e for e in (*map(line_to_edge, page.lines), *(e for r in page.rects if not _is_shading(r)
                                                               for e in rect_to_edges(r))) if e["orientation"] == "v"]
    for t in tables:
        grouped.update(t.cells)
        frag = fragment(t.cells + _unclosed_rows(t.cells, uprights, words, float(page.height)), number)
        if frag is not None:
            frags.append(frag)
    # pdfplumber leaves out one-cell tables; a 1x1 Word table (or a title row alone on a page) is one
    page_area = float(page.width) * float(page.height)
    for cell in all_cells:
        if cell not in grouped and (cell[2] - cell[0]) * (cell[3] - cell[1]) < 0.6 * page_area:
            # (a title row ruled all round, the table's side rules running on below it: the rest is a row too)
            frag = fragment([cell] + _unclosed_rows([cell], uprights, words, float(page.height)), number)
            if frag is not None:
                frags.append(frag)
    free: list[dict] = []
    per_cell: dict[int, list[dict]] = defaultdict(list)
    index = [(f, c) for f in frags for c in f.cells]
    if any(a is not b and b.x0 <= a.x0 and a.x1 <= b.x1 and b.top <= a.top and a.bottom <= b.bottom
           for a in frags for b in frags):
        # a table inside a cell of another (or inside a frame round the page): a word belongs to the innermost cell
        index.sort(key=lambda fc: (fc[1].x1 - fc[1].x0) * (fc[1].bottom - fc[1].top))
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
    # a frame around text set in columns (a box round a table, rules across a table drawn to its outer edges) is
    # no grid: its text goes back to the page, where its rules are evidence for `rules`
    all_rules = _merged_rules(page, shading)
    frames = {id(f) for f in frags if len(f.col_edges) == 2 and _columnar_lines(f) >= 2 or _inside_rules(f, all_rules)}
    if frames:
        free += [w for k, ws in per_cell.items() if id(index[k][0]) in frames for w in ws]
        frags = [f for f in frags if id(f) not in frames]
    # drop "tables" that hold no text at all (boxes, decorations)
    frags = [f for f in frags if any(c.lines for c in f.cells)]
    for f in frags:
        split_banded_rows(f, shading)
        split_unruled_cells(f)
        split_text_columns(f)
        split_solid_rows(f)
    items: list[Line | Fragment] = [*make_lines(free, number), *frags]
    items.sort(key=lambda i: i.top)
    rules, shades = _rules_and_shades(all_rules, shading, frags)
    return Page(number, float(page.width), float(page.height), n_chars, items, rules, shades)


def _unclosed_rows(cells: list[tuple], uprights: list[dict], words: list[dict], height: float) -> list[tuple]:
    """A grid's first (last) row may lack its upper (lower) rule: at the head of a page, the rest of a banded table
    whose unruled rows have no rule of their own (Word's "Light List"). The table's side rules run on past its first
    (last) rule, with text between them: a row there, across the table (split into columns by its text later)."""
    x0, top = min(c[0] for c in cells), min(c[1] for c in cells)
    x1, bottom = max(c[2] for c in cells), max(c[3] for c in cells)
    out = []
    for side in (-1, 1):
        ends = []
        edge = top if side < 0 else bottom  # the rule the side rules must reach, and run past
        for x in (x0, x1):
            at = [e for e in uprights if abs(e["x0"] - x) <= 1.5 and e["top"] <= edge + 1.0 and e["bottom"] >= edge - 1.0]
            ends.append((min(e["top"] for e in at) if side < 0 else max(e["bottom"] for e in at)) if at else None)
        if None in ends:
            continue
        lo, hi = (max(ends), top) if side < 0 else (bottom, min(ends))
        if hi - lo < 4.0 or hi - lo > 0.4 * height:
            continue
        if any(x0 < (w["x0"] + w["x1"]) / 2 < x1 and lo < (w["top"] + w["bottom"]) / 2 < hi for w in words):
            out.append((x0, lo, x1, hi))
    return out


def _columnar_lines(frag: Fragment) -> int:
    return sum(1 for c in frag.cells for line in c.lines if columnar(segments(line)))


def _is_shading(rect: dict) -> bool:
    """A filled rectangle without an outline, over 2 pt in both directions: the background of a cell or a row,
    not a rule (Word and LibreOffice draw rules as lines or as filled rectangles under 2 pt thick)."""
    return bool(rect.get("fill")) and not rect.get("stroke") and min(rect["width"], rect["height"]) > 2.0


def _ruled_tables(page, shading: list[dict]) -> tuple[list, list]:
    """pdfplumber's tables and cells ("lines" strategy) on the page's edges less the shading's: the same edges, in
    the same order, when the page has no shading."""
    if not shading:
        finder = TableFinder(page, TABLE_SETTINGS)
        return finder.tables, finder.cells
    skip = {id(r) for r in shading}
    edges = [*map(line_to_edge, page.lines), *(e for r in page.rects if id(r) not in skip for e in rect_to_edges(r)),
             *page.curve_edges]
    v, h = filter_edges(edges, "v", min_length=1), filter_edges(edges, "h", min_length=1)
    if len(v) < 2 or len(h) < 2:
        return [], []  # no grid without two rules each way
    settings = {**TABLE_SETTINGS, "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": v, "explicit_horizontal_lines": h}
    finder = TableFinder(page, settings)
    return finder.tables, finder.cells


def _merged_rules(page, shading: list[dict]) -> list[tuple[float, float, float]]:
    """The page's horizontal rules, a rule drawn in pieces (one per cell) as one: (x0, y, x1)."""
    skip = {id(r) for r in shading}
    pieces = sorted((float(e["top"]), float(e["x0"]), float(e["x1"]))
                    for e in [*map(line_to_edge, page.lines), *(e for r in page.rects if id(r) not in skip
                                                                   for e in rect_to_edges(r))]
                    if e["orientation"] == "h")
    rules: list[list[float]] = []  # [x0, y, x1]
    for y, x0, x1 in pieces:
        last = next((r for r in reversed(rules[-8:]) if abs(r[1] - y) <= 0.5 and x0 <= r[2] + 2.0), None)
        if last is not None:
            last[2] = max(last[2], x1)
        else:
            rules.append([x0, y, x1])
    return [(x0, y, x1) for x0, y, x1 in rules if x1 - x0 >= 20]


def _inside_rules(frag: Fragment, rules: list[tuple[float, float, float]]) -> bool:
    """Is the grid the ruled middle of a wider table, whose rules across run past it (a statistical table with
    rules between its columns of figures only, its labels and last columns outside them)?"""
    return any(frag.top - 3 <= y <= frag.bottom + 3 and x0 <= frag.x0 + 2 and frag.x1 - 2 <= x1
               and (frag.x0 - x0 > 10 or x1 - frag.x1 > 10) for x0, y, x1 in rules)


def _rules_and_shades(rules: list[tuple[float, float, float]], shading: list[dict],
                      frags: list[Fragment]) -> tuple[list, list]:
    """The horizontal rules and the shading that no ruled table holds: evidence for the tables `rules` finds. The
    shading of one row drawn in pieces (per cell, or a cell's padding apart from its text area) is one band."""

    def held(x0: float, top: float, x1: float, bottom: float) -> bool:
        return any(f.x0 - 2 <= x0 and x1 <= f.x1 + 2 and f.top - 2 <= top and bottom <= f.bottom + 2 for f in frags)

    rules_out = sorted({r for r in rules if not held(r[0], r[1], r[2], r[1])}, key=lambda r: (r[1], r[0]))
    bands: list[list[float]] = []  # [x0, top, x1, bottom]
    for r in sorted(shading, key=lambda r: (round(r["top"]), r["x0"])):
        x0, top, x1, bottom = float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])
        last = next((b for b in reversed(bands[-8:]) if abs(b[1] - top) <= 1.0 and abs(b[3] - bottom) <= 3.0
                     and b[0] - 2.0 <= x0 <= b[2] + 2.0), None)
        if last is not None:
            last[2], last[3] = max(last[2], x1), max(last[3], bottom)
        else:
            bands.append([x0, top, x1, bottom])
    shades = [tuple(b) for b in bands if b[2] - b[0] >= 20 and not held(*b)]
    return rules_out, shades


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
