"""Tables ruled across only: horizontal rules and shaded bands, no vertical rules.

Many house styles draw a table with a rule above and below its header and at its foot, thin rules between body
rows, and a grey header (Word's "Light Shading", "Light List", booktabs, a custom style), or with shading alone
(zebra rows). pdfplumber's "lines" strategy finds no cell in them (it needs vertical rules too), and text
alignment alone loses what the rules say: where the table starts (its title rows above the header) and where
each row ends.

Decisions:
* the evidence is the page's horizontal rules and the top and bottom edges of its shading, outside ruled tables;
  rules of the same extent (left and right ends within 3 pt) make a stack, and edges closer than 2 pt are one
  (a rule drawn along a shaded band);
* the widest stacks are searched first: a row ruled across the table (a title between its parts) is the
  table's, not a table of the narrower rules of its first column (Word's "Medium Shading 2");
* the bands between consecutive edges of a stack belong to one table while they are tight: the text inside
  starts right under the upper edge and ends a little above the lower one (cell padding and a paragraph's space
  after, or the space booktabs leaves under a rule: within 1.5 em at the top, 1.6 em at the bottom), and no text line in the band reaches outside the
  stack's extent, nor type of sizes 1.5 pt apart (a heading over a paragraph). Between two tables of the same
  width stands body text with its own spacing, which is not tight, so the stack is cut there;
* a band without text higher than the table's text bands is the space between two tables (an empty row is too
  rare to let two tables run into one); a lower one is the padding of a row below its shading, or a double rule;
* a table needs two bands with text and one line set in columns (two segments), or one band (a box round the
  table) with two lines in columns; a boxed note is not a table. A
  run of shaded or bold bands alone is the title rows left at the foot of a page: a fragment of cells across the
  table, which the table on the next page continues;
* columns come from the text, as for borderless tables (`borderless.text_columns`): the x ranges the segments of
  columnar lines cover, separated by gutters no segment crosses; only the lines with the most segments count
  (those of the 30% with most), so that a header over several columns or a title line does not merge them;
* rows: when the table has three text bands or more, the style rules every row, so each band is one row and its
  cells' tops and bottoms are the rules (the continuation step can then tell a row that Word split over a page
  break, as for fully ruled tables); with fewer bands (rules above and below the header and at the foot only),
  the rows inside a band come from the text (`borderless.text_rows`); what the steps down to paragraphs show
  (`steps`: a row's step longer than a cell paragraph's) is pooled over the bands of one table;
* shading that ends before unshaded rows (a shaded header over an unshaded body, zebra rows ending on an unshaded
  row) leaves those rows without a lower edge: the run of lines right under the shading, the first set in columns,
  the others in the table's columns, type and line pitch, is given one, unless the next edge closes it anyway;
* a page break leaves a table ruled across only without its foot (head) rule: text in the extent of its rules that
  runs from the last rule to the foot of the page (from the head of the page to the first rule), in one type and
  partly in columns, is given the edge the page break makes. The rows of a band closed by such an edge, or by a
  shading's run, come from the text; a row alone at the foot of a page (one line in columns between two rules)
  is kept only when the next page opens with a table of the same extent (`settle_page_feet`);
* in a band, a bare number or mark far from its text (over 4 em: a column of numbers, not a list mark and its
  tab) sets the line in columns;
* the leading bands above the first one set in columns, when shaded or bold, are title rows: one cell across the
  table, holding its paragraphs (a subject over what the table counts, as Word merges them), unless their text
  stands in one column and wraps at its edge (the rest of a cell a page break cut);
* columns: finer ones than the usual rows' when two lines or more agree on them and every line's text starts at
  them (a lower part splitting a column the upper rows merge);
* banded rows (every other band shaded, three or more): each band is a row, also one that the page break or the
  text closes, and each row records its shading (`Fragment.row_shades`) for the continuation step;
* a header row without a rule above it (Word's "Medium List 1" rules only its foot) is the line right above the
  first edge, within a cell's padding, set in the table's columns or bold at its left text edge; alone at the
  foot of a page, over the last rule there, it is a title row the next page's table may continue;
* at a page's head, the rest of a cut row may stand in a later column only; lines running across the columns
  there are body text.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter

from pipeline.readers.pdf.borderless import (
    column_limits,
    columnar,
    grid_cells,
    place_pieces,
    segments,
    step_samples,
    text_columns,
    text_rows,
)
from pipeline.readers.pdf import band_checks
from pipeline.readers.pdf.band_checks import EDGE_GAP, EXTENT_TOL
from pipeline.readers.pdf.fragments import Fragment, Page
from pipeline.readers.pdf.lines import Line
from pipeline.readers.pdf.steps import Samples



def find_ruled_tables(page: Page, pitch_ratio: float | None) -> None:
    """Replace the lines of tables ruled across only by table fragments."""
    edges = list(page.rules) + [(x0, y, x1) for x0, top, x1, bottom in page.shades for y in (top, bottom)]
    lines = page.lines()
    breaks = _page_break_edges(page, edges)
    edges += breaks
    if len(edges) < 2:
        return
    open_ys = {y for _, y, _ in breaks}  # edges the text gives, not a rule: the rows there come from the text
    used: set[int] = set()
    frags: list[Fragment] = []
    rule_ys = [y for _, y, _ in page.rules]
    for extent, ys in sorted(_stacks(edges), key=lambda s: s[0][0] - s[0][1]):  # the widest first
        closing = []
        for y, nxt in zip(ys, [*ys[1:], math.inf]):
            if y not in open_ys and not any(abs(y - r) < EDGE_GAP for r in rule_ys):
                edge = _unshaded_rows(extent, y, nxt, lines)
                if edge is not None:
                    closing.append(edge)
        open_ys.update(closing)
        ys = sorted(ys + closing)
        for lead, bands in _tables(extent, ys, lines, used):
            if lead is None:
                bands = _head_band(extent, bands, lines, used) + bands
            frag = _fragment(page, extent, lead, bands, pitch_ratio, open_ys)
            if frag is not None:
                frags.append(frag)
                used.update(id(l) for _, _, members in bands for l in members)
    frags += _title_at_foot(page, edges, lines, used, pitch_ratio)
    if frags:
        page.items = sorted([i for i in page.items if id(i) not in used] + frags, key=lambda i: i.top)


def _title_at_foot(page: Page, edges: list[tuple[float, float, float]], lines: list[Line], used: set[int],
                   pitch_ratio: float | None) -> list[Fragment]:
    """A table's first row alone at the foot of a page, under no rule of its own (Word's "Medium List 1" rules
    the header's foot only): bold text set in from the rule's left end by a cell's padding, right above the last
    rule on the page. A title-only fragment, kept when the next page opens with a table of its width
    (`settle_page_feet`)."""
    out = []
    for extent, ys in _extents(edges):
        y = ys[-1]
        if any(i.top >= y - 1.0 for i in page.items) or any(
                abs(e[1] - y) < EDGE_GAP and e[0] < extent[1] and extent[0] < e[2]
                and (abs(e[0] - extent[0]) > EXTENT_TOL or abs(e[2] - extent[1]) > EXTENT_TOL) for e in edges):
            continue  # text below the rule, or a rule of another table there
        above = sorted((l for l in lines if id(l) not in used and l.bottom <= y + 1.0), key=lambda l: l.bottom)
        if not above:
            continue
        last = above[-1]
        if (y - last.bottom > max(5.0, 0.6 * last.size) or not last.bold or len(segments(last)) > 1
                or not 1.0 <= last.x0 - extent[0] <= 8.0 or last.x1 > extent[1]):
            continue
        frag = _fragment(page, extent, None, [(last.top - EDGE_GAP, y, [last])], pitch_ratio)
        if frag is not None:
            frag.loose = [last]
            used.add(id(last))
            out.append(frag)
    return out


def _page_break_edges(page: Page, edges: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """A table ruled across only that a page break cuts has no rule where the page ends: below its last rule (or
    above its first one), text in its columns runs to the foot (from the head) of the page. The edge the page
    break gives it, just past that text."""
    out = []
    for (x0, x1), ys in _extents(edges):
        inside = [i for i in page.items if isinstance(i, Line) and i.x0 >= x0 - EXTENT_TOL and i.x1 <= x1 + EXTENT_TOL]
        below = [i for i in page.items if i.top >= ys[-1] - 1.0]
        if below and _runs_to_break(below, inside, min(i.top for i in below) - ys[-1], _starts(inside, ys, last=True)) \
                and max(i.bottom for i in below) >= 0.8 * page.height:
            out.append((x0, max(i.bottom for i in below) + EDGE_GAP, x1))
        above = [i for i in page.items if i.bottom <= ys[0] + 1.0]
        if above and _runs_to_break(above, inside, ys[0] - max(i.bottom for i in above), _starts(inside, ys)) \
                and min(i.top for i in above) <= 0.2 * page.height:
            out.append((x0, min(i.top for i in above) - EDGE_GAP, x1))
    return out


def _starts(lines: list[Line], ys: list[float], last: bool = False) -> list[float]:
    """Where the columns start in the first (last) band between two edges: the starts of its lines set in
    columns."""
    ys = [y for k, y in enumerate(ys) if not k or y - ys[k - 1] >= EDGE_GAP]
    if len(ys) < 2:
        return []
    top, bottom = ys[-2:] if last else ys[:2]
    return sorted({round(s[0]["x0"], 1) for l in lines if top < (l.top + l.bottom) / 2 < bottom
                   for s in segments(l) if columnar(segments(l))})


def _runs_to_break(items: list, inside: list[Line], gap: float, starts: list[float] = ()) -> bool:
    """Are the items lines of one table: all in its extent, in one type size, one at least set in columns (or, in
    a table whose columns start at `starts`, each in one of its columns, a later one than the first among them),
    none far from the next, the nearest close to the rule?"""
    ids = {id(l) for l in inside}
    if not all(id(i) in ids for i in items):
        return False
    if not any(columnar(segments(l)) for l in items) and not _in_table_columns(items, starts):
        return False
    if len(starts) >= 2 and any(not columnar(segments(l)) and any(l.x0 + 3.0 < x < l.x1 for x in starts)
                                for l in items):
        return False  # a line across the table's columns: running text, not the rest of a row
    size = statistics.median(l.size for l in items)
    items = sorted(items, key=lambda l: l.top)
    return (all(abs(l.size - size) < 0.6 for l in items) and gap <= max(4.0, 1.6 * size)
            and all(b.top - a.bottom <= 2.2 * size for a, b in zip(items, items[1:])))


def _in_table_columns(lines: list[Line], starts: list[float]) -> bool:
    """Does each line stand in one of the columns starting at `starts` (the rest of a row a page break cut, whose
    first cells were done), one at least in a later column than the first?"""
    if len(starts) < 2:
        return False

    def column(line: Line) -> int | None:
        k = next((k for k, s in enumerate(starts) if abs(line.x0 - s) <= 3.0), None)
        return k if k is not None and (k + 1 == len(starts) or line.x1 < starts[k + 1] - 1.0) else None

    cols = [column(l) for l in lines]
    return None not in cols and max(cols) > 0


def _unshaded_rows(extent: tuple[float, float], y: float, nxt: float, lines: list[Line]) -> float | None:
    """Shading that ends before unshaded rows (a shaded header over an unshaded body, zebra rows ending on an
    unshaded one) leaves those rows without a lower edge: the lines right under the shading, the first set in
    columns, and those going on from them in the table's columns, in its type, without a paragraph's gap, are
    those rows; the lower edge they lack."""
    x0, x1 = extent
    after = sorted((l for l in lines if y - 1.0 <= l.top < nxt - 1.0), key=lambda l: l.top)
    if not after or after[0].top > y + max(3.0, 1.0 * after[0].size) or not columnar(segments(after[0])):
        return None
    size = after[0].size
    starts = [s[0]["x0"] for s in segments(after[0])]
    run = [after[0]]
    for l in after[1:]:
        if not (l.x0 >= x0 - EXTENT_TOL and l.x1 <= x1 + EXTENT_TOL and abs(l.size - size) < 0.6):
            break
        gap = l.top - max(r.bottom for r in run)
        segs = segments(l)
        if columnar(segs):
            if gap > 2.2 * size:
                break
            starts += [s[0]["x0"] for s in segs]
        else:
            # a line of one column: it starts where a column starts, stays clear of the next, and goes on from
            # the text above at the line pitch
            own = [s for s in starts if abs(l.x0 - s) <= 3.0]
            nxt_col = [s for s in starts if s > l.x0 + 3.0]
            if gap > 1.0 * size or not own or (nxt_col and l.x1 > min(nxt_col) - 1.0):
                break
        run.append(l)
    bottom = max(l.bottom for l in run)
    if len(run) == len(after) and nxt - bottom <= max(4.0, 1.6 * size):
        return None  # an unshaded row between two shaded ones: the next edge closes it
    return bottom + 2 * EDGE_GAP


def _extents(edges: list[tuple[float, float, float]]) -> list[tuple[tuple[float, float], list[float]]]:
    """Edges grouped by extent (left and right ends within `EXTENT_TOL`): ((x0, x1), heights top to bottom)."""
    groups: list[tuple[list[float], list[float]]] = []  # ([x0, x1], ys)
    for x0, y, x1 in sorted(edges, key=lambda e: (e[0], e[2])):
        for ext, ys in groups:
            if abs(ext[0] - x0) <= EXTENT_TOL and abs(ext[1] - x1) <= EXTENT_TOL:
                ys.append(y)
                break
        else:
            groups.append(([x0, x1], [y]))
    return [((ext[0], ext[1]), sorted(ys)) for ext, ys in groups]


def _stacks(edges: list[tuple[float, float, float]]) -> list[tuple[tuple[float, float], list[float]]]:
    """Edges grouped by extent: ((x0, x1), distinct heights top to bottom), for extents with two heights or more."""
    out = []
    for ext, ys in _extents(edges):
        distinct: list[float] = []
        for y in ys:
            if distinct and y - distinct[-1] < EDGE_GAP:
                continue
            distinct.append(y)
        if len(distinct) >= 2:
            out.append((ext, distinct))
    return out


def _tables(extent: tuple[float, float], ys: list[float], lines: list[Line], used: set[int]):
    """Runs of tight bands of one stack: (empty leading band or None, [(top, bottom, lines inside), ...])."""
    x0, x1 = extent
    # a table going on from the previous page may start with the rest of a row Word split there, which holds no
    # text (the row's padding): kept as an empty row, so that the continuation step can glue the row back
    lead = None
    if not any(l.bottom <= ys[0] for l in lines) and len(ys) >= 3 and ys[1] - ys[0] > 2 * EDGE_GAP and not any(
            ys[0] < (l.top + l.bottom) / 2 < ys[1] for l in lines):
        lead, ys = (ys[0], ys[1]), ys[1:]
    bands = []
    for top, bottom in zip(ys, ys[1:]):
        inside = [l for l in lines if top < (l.top + l.bottom) / 2 < bottom and id(l) not in used]
        members = [l for l in inside if l.x0 >= x0 - EXTENT_TOL and l.x1 <= x1 + EXTENT_TOL]
        bands.append((top, bottom, members, len(inside)))
    # an empty band under 4 pt is a rule drawn double; one lower than the rows is a row's padding (below its
    # shading); a higher one is the space between two tables
    heights = [b - t for t, b, members, _ in bands if members]
    empty_max = max(4.0, 0.8 * statistics.median(heights)) if heights else 4.0
    run: list[tuple[float, float, list[Line]]] = []
    for top, bottom, members, n_inside in bands:
        tight = len(members) == n_inside
        if members and tight:
            size = statistics.median(l.size for l in members)
            sizes = [l.size for l in members]
            tight = (max(sizes) - min(sizes) <= 1.5  # a heading over body text is no row
                     and min(l.top for l in members) - top <= max(3.0, (1.5 if _above(top, lines) else 2.5) * size)
                     and bottom - max(l.bottom for l in members) <= max(4.0, 1.6 * size))
        elif not members:
            tight = bottom - top <= empty_max
        if tight:
            run.append((top, bottom, members, _prose(members, extent)))
            continue
        if _trimmed(run):
            yield lead, _trimmed(run)
        lead, run = None, []
    if _trimmed(run):
        yield lead, _trimmed(run)


def _head_band(extent: tuple[float, float], bands: list, lines: list[Line], used: set[int]) -> list:
    """The header row a style draws without a rule above it (Word's "Medium List 1": a rule under the header only):
    the line right above the table's first edge (within its cell padding), in the table's type, set in the
    table's columns (each piece of it starting where a column of the table's text does) or bold at the table's
    left text edge (set in from the page's running text), with the lines of its cells above it; [] when there is
    none."""
    x0, x1 = extent
    first = next((b for b in bands if b[2]), None)
    if first is None:
        return []
    top, members = bands[0][0], [l for b in bands for l in b[2]]
    size = statistics.median(l.size for l in first[2])
    starts = sorted({round(s[0]["x0"], 1) for l in members for s in segments(l)})
    above = sorted((l for l in lines if id(l) not in used and l.bottom <= top + 1.0), key=lambda l: l.bottom)
    if not above or top - above[-1].bottom > max(5.0, 0.6 * size):
        return []
    group = [above[-1]]
    for l in reversed(above[:-1]):
        if group[0].top - l.bottom > 0.5 * size:
            break
        group.insert(0, l)

    def in_columns(l: Line) -> bool:
        """Each piece of the line starts where a column does and stops short of the next one."""
        return all(any(abs(s[0]["x0"] - x) <= 3.0 for x in starts)
                   and not any(s[0]["x0"] + 3.0 < x < s[-1]["x1"] for x in starts) for s in segments(l))

    # where the page's running text starts: a bold line there is a heading over the table, not its first row
    prose = Counter(round(l.x0) for l in lines if l.x1 - l.x0 >= 0.5 * (x1 - x0) and not columnar(segments(l)))
    margin = prose.most_common(1)[0][0] if prose else None

    def fits(l: Line) -> bool:
        return len(segments(l)) >= 2 and in_columns(l) or (l.bold and abs(l.x0 - min(starts)) <= 3.0
                                                           and margin is not None and abs(l.x0 - margin) > 1.5)

    while len(group) > 1 and not in_columns(group[0]):
        group = group[1:]
    if not all(x0 - EXTENT_TOL <= l.x0 and l.x1 <= x1 + EXTENT_TOL and abs(l.size - size) < 0.6 for l in group) \
            or not fits(group[-1]) or not all(l.bold == group[-1].bold for l in group):
        return []
    return [(min(l.top for l in group) - EDGE_GAP, top, group)]


def _above(y: float, lines: list[Line]) -> bool:
    """Is there text above height y on the page? (At the head of a page, the rest of a row cut by the page break
    may start lower under its rule: the space after the paragraph left on the page before comes over too.)"""
    return any(l.bottom <= y for l in lines)


def _trimmed(run: list) -> list:
    """The run without the empty bands at its ends (rules drawn double), nor running text there (a page's text
    between its header rule and a table's top rule of the same width): (top, bottom, lines) bands."""
    while run and (not run[0][2] or run[0][3]):
        run = run[1:]
    while run and (not run[-1][2] or run[-1][3]):
        run = run[:-1]
    return [b[:3] for b in run]


def _prose(lines: list[Line], extent: tuple[float, float]) -> bool:
    """Running text across the whole width: a line from the left edge to the right one that goes on below."""
    lines = sorted(lines, key=lambda l: l.top)
    return any(a.x0 - extent[0] <= 2 * a.size and extent[1] - a.x1 <= 2 * a.size and len(segments(a)) == 1
               and 0 < b.top - a.top <= 1.6 * a.size for a, b in zip(lines, lines[1:]))


def _fragment(page: Page, extent: tuple[float, float], lead: tuple[float, float] | None, bands,
              pitch_ratio: float | None, open_ys: set[float] = frozenset()) -> Fragment | None:
    text_bands = [b for b in bands if b[2]]
    band_segs = [[segments(l) for l in sorted(members, key=lambda l: l.top)] for _, _, members in text_bands]
    band_lines = [sorted(members, key=lambda l: l.top) for _, _, members in text_bands]
    multi = [(l, s) for ls, ss in zip(band_lines, band_segs) for l, s in zip(ls, ss) if band_checks.in_columns(s, l.size)]
    if not multi:
        own = {id(line) for ls in band_lines for line in ls}
        if not all(band_checks.title_band(page, extent, top, bottom, members) for top, bottom, members in text_bands) or any(
                i.top >= text_bands[-1][1] - 1.0 for i in page.items if id(i) not in own):
            return None  # no title rows, or not at the foot of the page
        # title rows alone (at the foot of a page, their table going on on the next): cells across
        rows = [place_pieces(ss, [extent[0]], page.number) for ss in band_segs]
        edges = [extent[0], extent[1]]
        bounds = [(top, bottom) for top, bottom, _ in text_bands]
        cells = grid_cells(rows, edges, [extent[1]], page.number, bounds, set(range(len(rows))))
        return Fragment(page.number, cells, len(rows), extent[0], bounds[0][0], extent[1], bounds[-1][1],
                        borderless=True, spans=[(extent[0], extent[1])], edges=edges, row_rules=True)
    at_foot = False
    if len(text_bands) < 2 and len(multi) < 2:
        # one line set in columns between two rules is no table, unless it is the last thing on the page: the
        # first row (or the top of it) of a table the next page goes on with (`settle_page_feet` decides)
        own = {id(line) for line in band_lines[0]}
        at_foot = bands[-1][1] >= 0.8 * page.height and not any(
            i.top >= bands[-1][1] - 1.0 for i in page.items if id(i) not in own)
        if not at_foot:
            return None
    # the columns are those of the rows with the most segments (headers spanning several columns and titles set
    # in columns of their own would merge the columns under them), when there are enough of them
    cols = _columns(multi)
    if len(cols) < 2:
        return None
    size = statistics.median(l.size for l, _ in multi)
    starts = [c[0] for c in cols]
    limits = column_limits(cols, size)
    first_columnar = next(k for k, (ls, ss) in enumerate(zip(band_lines, band_segs))
                          if any(band_checks.in_columns(s, l.size) for l, s in zip(ls, ss)))
    per_band = len(text_bands) >= 3
    opened = [top in open_ys or bottom in open_ys for top, bottom, _ in text_bands]  # an edge the text gave
    shaded = [band_checks.shaded(page, extent, top, bottom) for top, bottom, _ in text_bands]
    if band_checks.alternate(shaded) or band_checks.alternate(shaded[1:]):
        # banded rows (every other row shaded): each band is a row, also one an edge the text gave closes
        opened = [False] * len(text_bands)
    rows: list[list] = [[]] if lead and per_band else []
    row_bands: list[tuple[float, float]] = [lead] if lead and per_band else []
    row_shades: list[bool] = [band_checks.shaded(page, extent, *lead)] if lead and per_band else []
    across: set[int] = set()
    n_rows: list[int] = []  # rows per text band
    placed = [place_pieces(ss, starts, page.number) for ss in band_segs]
    from_text = [not (per_band and not opened[k] or k < first_columnar) for k in range(len(text_bands))]
    # the bands whose rows come from the text are one table: what its steps show holds in each of them
    pooled = sum((step_samples(pieces, limits, size, pitch_ratio)
                  for pieces, t in zip(placed, from_text) if t), Samples()) if sum(from_text) > 1 else None
    for k, ((top, bottom, _), pieces) in enumerate(zip(text_bands, placed)):
        if k < first_columnar and band_checks.title_band(page, extent, top, bottom, band_lines[k]) \
                and not band_checks.wraps_in_column(band_lines[k], starts, limits):
            across.add(len(rows))
        if not from_text[k]:
            rows.append(pieces)
            row_bands.append((top, bottom))
            row_shades.append(shaded[k])
            n_rows.append(1)
            continue
        found = text_rows(pieces, limits, size, pitch_ratio, pooled)
        n_rows.append(len(found))
        for row in found:
            rows.append(row)
            row_shades.append(shaded[k])
            row_bands.append((min(p[2].top for p in row), max(p[2].bottom for p in row)))
    edges = [extent[0]] + [s - 1.0 for s in starts[1:]] + [max(extent[1], cols[-1][1] + 1.0)]
    cells = grid_cells(rows, edges, limits, page.number, row_bands, across)
    # the first and last rows stand between two rules when their band holds one row (for the continuation step)
    ruled = (bool(lead and per_band) or n_rows[0] == 1 and not opened[0], n_rows[-1] == 1 and not opened[-1])
    # the rows each closed band gives (0 for an open band), for when the table turns out to rule every row
    # (a band crossed by a shorter rule holds rows ruled in part, around a cell merged down: 0 too)
    crossed = [any(top + 1.0 < y < bottom - 1.0 and x0 < extent[1] and extent[0] < x1 for x0, y, x1 in page.rules)
               for top, bottom, _ in text_bands]
    bands_rows = ([1] if lead and per_band else []) + [0 if o or c else k for k, o, c in zip(n_rows, opened, crossed)]
    return Fragment(page.number, cells, len(rows), edges[0], row_bands[0][0], edges[-1], row_bands[-1][1],
                    borderless=True, spans=[(a, b) for a, b in cols], edges=edges,
                    row_rules=per_band and not any(opened), ruled_ends=ruled, band_rows=bands_rows,
                    loose=[l for ls in band_lines for l in ls] if at_foot else None, row_shades=row_shades)


def _columns(multi: list[tuple[Line, list]]) -> list[list[float]]:
    """The table's columns from its lines set in columns (each with its segments): those of the lines with the
    most segments (the 30% with most), or finer ones when two lines or more with still more segments agree on
    them and every other line's text starts where one of them does (a part of the table splitting a column its
    upper rows merge: "KPIs and major achievements" over "KPIs" | "Risk factors")."""
    counts = sorted((len(ss) for _, ss in multi), reverse=True)
    need = counts[max(1, round(0.3 * len(counts))) - 1]
    for n in sorted({c for c in counts if c > need}, reverse=True):
        fine = [(l, ss) for l, ss in multi if len(ss) >= n]
        if len(fine) < 2:
            continue
        cols = text_columns([l for l, _ in fine], [ss for _, ss in fine])
        starts = [c[0] for c in cols]
        if len(cols) == n and all(any(abs(s[0]["x0"] - x) <= 3.0 for x in starts) for _, ss in multi for s in ss):
            return cols
    full = [(l, ss) for l, ss in multi if len(ss) >= need]
    return text_columns([l for l, _ in full], [ss for _, ss in full])


def settle_page_feet(pages: list[Page]) -> None:
    """A row left alone at the foot of a page (`_fragment`) stays a table when the next page opens with a table of
    the same extent, which continues it; otherwise its lines go back to the page."""
    for page, nxt in zip(pages, [*pages[1:], None]):
        for frag in [i for i in page.items if isinstance(i, Fragment) and i.loose is not None]:
            head = min(nxt.items, key=lambda i: i.top, default=None) if nxt is not None else None
            if not (isinstance(head, Fragment) and abs(head.x0 - frag.x0) <= EXTENT_TOL
                    and abs(head.x1 - frag.x1) <= EXTENT_TOL):
                page.items = sorted([i for i in page.items if i is not frag] + frag.loose, key=lambda i: i.top)
            frag.loose = None
