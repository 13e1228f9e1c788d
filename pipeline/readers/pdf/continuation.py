"""Tables continued across page breaks: fragments joined into one table, Word's repeated header rows dropped,
and a row that Word split over the page break put back together.

Decisions:
* a fragment continues the table ending the previous page when it is the next item after it (nothing but a
  running header or footer between), on the next page, of the same kind (ruled or borderless) and with the same
  columns: ruled fragments share their outer edges and every column edge of the one with fewer columns; for
  borderless fragments each column's text lies in exactly one column of the first fragment, in order (a column
  empty on one page is missing there), and the continuation's cells are put on the first fragment's columns;
* leading rows that repeat the table's first rows (same cell frames, same text, up to three) are Word's repeated
  header rows and are dropped;
* in a table whose rows come from the text (no rules), the last row goes on over the break only when the table
  reaches the foot of its page and every cell holding text at the head of the next page plainly runs on from the
  text above it (a lower-case start, a cut sentence);
* otherwise the last row was split over the break (`JoinedTable._split_row`) only in ruled tables reaching the foot of
  their page, judged from the text: it stops closer to the row's bottom border than complete rows do (the cut
  paragraph lost its space-after), nothing but padding went over, the leading cell ran out above, or the text
  below runs on from the text above (`_runs_on`: a cut sentence, a dangling list mark, a lower-case start, the
  next item of a list) and the table's own rows never look like that pair. The same holds for a row between two
  rules of a table ruled across only (`Fragment.ruled_end`), judged from the text alone (its rows' slack is no
  measure). A figure with the Swiss thousands mark (`10'020`) is a figure. A list number standing alone at the
  end of a cell ("3.", "2.1", a bullet) cannot end it: its item went over. When the text above the break stops as
  far above the border as in the fragment's complete rows, its paragraph ended there: the text below starts
  another;
* a table ruled across only that rules every row on one page does so on the others: the rows the text suggested
  inside a band between two rules there are joined into one (`_one_row_per_band`);
* a cell of the continuation spanning the table's columns only because its row lacks the column rules (a banded
  style's row alone on the next page) is split when its text stands in those columns; in its first row, text in
  one column but the first will do (a cut row's rest: "2.1" | "- item" above the break, "- next item" below);
* where one side of the break has its rows from the text, the last row goes on only when the text plainly runs
  on in one cell at least and goes on in the others;
* a row keeps its shading over a page break: in a table ruled across only, a row after the break shaded unlike
  the row before it is a new row, and one shaded like it, in bands shaded every other one, is its rest;
* a grid whose rules a page break took away (a boxed style ruling its header only) goes on as a table ruled
  across only, its cells put on the grid's columns; columns of one part may split a column of another.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from pipeline.model import Cell, Provenance, Table
from pipeline.readers.pdf.fragments import FragCell, Fragment, Page, cluster, nearest
from pipeline.readers.pdf.frames import frame_rest
from pipeline.readers.pdf.lines import first_word_width, join_lines
from pipeline.readers.pdf.marks import BULLET_START, GLYPH_MARK, LIST_MARK, MARKS, RUNS_ON, SENTENCE_END
from pipeline.readers.pdf.solid import split_unruled_cells

def _column_map(a: Fragment, b: Fragment) -> list[tuple[int, int]] | None:
    """For two borderless fragments, the columns of `a` each column of `b` lies across (first, last: its text
    overlaps those columns' text and no other), in order, or None. A column empty on one page is missing there, so
    `b` may have fewer; when its first column is missing too, each of its columns' text must start where the text
    of its column of `a` starts. A column of one may hold several of the other (a part of the table splitting a
    column that another part merges): two columns of `b` then share a column of `a`."""
    if not (a.spans and b.spans):
        return None
    out: list[tuple[int, int]] = []
    for x0, x1 in b.spans:
        hits = [i for i, (y0, y1) in enumerate(a.spans) if x0 <= y1 + 1 and y0 <= x1 + 1]
        if not hits or (out and (hits[0] < out[-1][1] or hits[0] == out[-1][1] and out[-1][0] < out[-1][1])):
            return None
        out.append((hits[0], hits[-1]))
    if abs(a.spans[0][0] - b.spans[0][0]) > 3 and any(abs(a.spans[i][0] - x0) > 3
                                                      for (i, _), (x0, _) in zip(out, b.spans)):
        return None  # the first columns differ: only text starting where the table's columns start continues it
    return out


def _onto(ref_edges: list[float], frag: Fragment, cmap: list[tuple[int, int]], ref_cells=()) -> None:
    """Put a continuation's cells on the first fragment's columns (in place); where two of its columns share one
    of the first fragment's, the edge between them stays where it is."""
    n = len(cmap)

    def left(j: int) -> float:
        return ref_edges[cmap[j][0]] if j == 0 or cmap[j][0] > cmap[j - 1][1] else frag.edges[j]

    def right(j: int) -> float:
        return ref_edges[cmap[j - 1][1] + 1] if j == n or cmap[j][0] > cmap[j - 1][1] else frag.edges[j]

    for c in frag.cells:
        j0 = nearest(frag.edges, c.x0)
        j1 = max(j0 + 1, nearest(frag.edges, c.x1))
        c.x0, c.x1 = left(j0), right(j1)
        # where its text wraps is where the text of that column wraps (on this page the next column may be empty,
        # so the text seemed to have room up to the one after)
        limit = min((r.limit for r in ref_cells if r.limit is not None and abs(r.x1 - c.x1) <= 1), default=None)
        if limit is not None and c.limit is not None:
            c.limit = min(c.limit, limit)


def _grid_map(grid: Fragment, b: Fragment) -> list[tuple[int, int]] | None:
    """For a ruled grid and a fragment of a table ruled across only (columns from its text), the grid columns each
    text column of `b` lies across (first, last), in order, or None."""
    edges = grid.col_edges
    if not b.spans:
        return None
    out: list[tuple[int, int]] = []
    for x0, x1 in b.spans:
        k0 = next((k for k in range(len(edges) - 1) if edges[k] - 1.0 <= x0 < edges[k + 1]), None)
        k1 = next((k for k in range(len(edges) - 1) if edges[k] < x1 <= edges[k + 1] + 1.0), None)
        if k0 is None or k1 is None or k1 < k0 or (out and (k0 < out[-1][1] or k0 == out[-1][1] and out[-1][0] < k0)):
            return None
        out.append((k0, k1))
    return out


def same_columns(a: Fragment, b: Fragment) -> bool:
    if not a.borderless and b.borderless:
        # a grid whose rules the page break took away: the rest of a boxed table, its rows told apart by shading
        return abs(a.x0 - b.x0) <= 3 and abs(a.x1 - b.x1) <= 3 and b.row_rules and _grid_map(a, b) is not None
    if a.borderless and b.borderless:
        if _title_only(a) or _title_only(b):
            return abs(a.x0 - b.x0) <= 3 and abs(a.x1 - b.x1) <= 3
        return _column_map(a, b) is not None
    ea, eb = a.col_edges, b.col_edges
    if abs(a.x0 - b.x0) > 3 or abs(a.x1 - b.x1) > 3:
        return False
    small, big = (ea, eb) if len(ea) <= len(eb) else (eb, ea)
    return all(any(abs(x - y) <= 3 for y in big) for x in small)


def _header_rows(first: Fragment, cont: Fragment) -> int:
    """How many leading rows of `cont` repeat the leading rows of the table (Word's repeated header rows)."""
    n = 0
    while n < min(3, first.n_rows, cont.n_rows - 1):
        a, b = first.row_cells(n), cont.row_cells(n)
        same_frame = len(a) == len(b) and all(
            abs(x.x0 - y.x0) <= 2 and abs(x.x1 - y.x1) <= 2 and abs((x.bottom - x.top) - (y.bottom - y.top)) <= 1.5
            for x, y in zip(a, b)
        )
        if not same_frame or first.row_texts(n) != cont.row_texts(n) or not any(first.row_texts(n)):
            break
        n += 1
    return n


@dataclass
class TableStats:
    body_bottom: float  # the lowest text on any page, headers and footers removed
    row_slack: float | None  # least usual distance from a complete row's lowest text to its bottom border


def table_stats(pages: list[Page]) -> TableStats:
    body_bottom = max((i.bottom for p in pages for i in p.items), default=0.0)
    slacks = []
    for p in pages:
        for f in p.items:
            if not isinstance(f, Fragment) or _text_rows(f):
                continue
            rows: dict[int, list[FragCell]] = defaultdict(list)
            for c in f.cells:
                rows[c.row_end].append(c)
            for end, cells in rows.items():
                bottoms = [c.text_bottom() for c in cells if c.lines]
                if end != f.n_rows and bottoms:
                    slacks.append(round(min(c.bottom for c in cells) - max(bottoms), 1))
    # A complete row's text stops at least its last paragraph's space-after plus the cell padding above the
    # border; a cell ending in empty paragraphs only adds to that. So the reference is the low end of the
    # distribution (its 10th percentile), not the median, which empty paragraphs in many rows would raise to a
    # whole line and make every complete row look cut.
    slacks.sort()
    return TableStats(body_bottom, slacks[len(slacks) // 10] if len(slacks) >= 3 else None)


_BARE_MARK = re.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?|\(?[a-zA-Z][.)]|" + MARKS + ")$")
_ENUMERATOR = re.compile(r"^\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-zA-Z])[.)]")
_ALL_CAPS = re.compile(r"^[^a-z]*[A-Z]{2}[^a-z]*$")
_NUM_MARK = re.compile(r"^(\d{1,2})[.)]\s")
_NUMBER = re.compile(r"^[-+–(]?\d[\d.,'’\u202f]*%?\)?$")  # 10'020: the Swiss thousands mark


def _runs_on(tail: FragCell, head: FragCell) -> str:
    """Does the text below the page break continue the cell above it? "strong", "weak" or ""."""
    last, nxt = tail.lines[-1], head.lines[0]
    if _NUMBER.match(last.text) and _NUMBER.match(nxt.text):
        return ""  # a figure above and a figure below: two rows (a narrow column of figures looks full)
    paras = [join_lines(p) for p in tail.paragraphs()]
    if _BARE_MARK.match(paras[-1]) and (not re.fullmatch(r"\d+(?:\.\d+)*", paras[-1]) or nxt.text[:1].isalpha()):
        return "strong"  # a list number ("2.3" too, unless a figure follows) or bullet cannot end a cell: its item
        # went over
    full = last.x1 + 0.3 * nxt.size + first_word_width(nxt) >= tail.right_limit - 1.0
    open_end = full and not SENTENCE_END.search(last.text) and not BULLET_START.match(nxt.text)
    if open_end and (not nxt.text[:1].isupper() or RUNS_ON.search(last.text)):
        return "strong"  # a sentence cut by the break ("... the Convention and the" | "Administrative ...")
    if re.match(r"[a-z]{2,}", nxt.text) and len(last.text) > 1 and not re.search(r"[.!?]$", last.text):
        return "strong"  # no row, and no paragraph, starts with a lower-case word
    if _ALL_CAPS.match(nxt.text) and len(nxt.text.split()) <= 8:
        return ""  # "CORPORATE COMMUNICATION UNIT": a label row of its own
    remark = re.match(r"^\(([A-Za-z][a-z]{2,})", nxt.text)
    if remark and not re.fullmatch(r"[ivxl]+", remark.group(1)) and not SENTENCE_END.search(paras[-1]):
        return "weak"  # "(Focal Point: ...)", "(continued)": a remark on the text above
    first_below = nxt.text
    m_above, m_below = LIST_MARK.match(paras[-1]), LIST_MARK.match(first_below)
    if m_above and m_below and m_above.group(1) == m_below.group(1):
        return "weak"  # the next item of a bulleted list
    if len(paras) >= 2 and _BARE_MARK.match(paras[-2]) and paras[-2] == first_below and not first_below.isdigit():
        return "weak"  # the same: a list whose marks stand on lines of their own ("(" + item)
    n_above, n_below = _NUM_MARK.match(paras[-1]), _NUM_MARK.match(first_below)
    if n_above and n_below and len(paras) >= 2 and int(n_below.group(1)) == int(n_above.group(1)) + 1:
        return "weak"  # the next item of a numbered list running in the cell
    return "weak" if open_end else ""


class JoinedTable:
    """A table being assembled from fragments: rows of cells with absolute x, and page provenance."""

    def __init__(self, frag: Fragment):
        self.frags = [frag]
        self.cells: list[FragCell] = list(frag.cells)
        self.n_rows = frag.n_rows
        self.last = frag

    def add(self, frag: Fragment, stats: "TableStats") -> None:
        ref = next((f for f in self.frags if not _title_only(f)), self.frags[0])
        if frag.borderless and not ref.borderless:
            cmap = _grid_map(ref, frag)
            if cmap is not None and frag.edges:
                _onto(ref.col_edges, frag, cmap)
        cmap = _column_map(ref, frag) if frag.borderless and ref.borderless else None
        if cmap is not None and frag.edges and ref.edges:
            _onto(ref.edges, frag, cmap, ref.cells)
        if self.last.row_rules and not frag.row_rules and frag.band_rows:
            _one_row_per_band(frag)  # the table rules every row: so does its part on this page
        elif frag.row_rules and len(self.frags) == 1 and not self.last.row_rules and self.last.band_rows:
            _one_row_per_band(self.last)  # and on the page before
            self.cells, self.n_rows = list(self.last.cells), self.last.n_rows
        if not (frag.borderless or ref.borderless):
            # a row alone on the page, without the column rules its banded style leaves out, is on the table's
            split_unruled_cells(frag, cluster([c.x0 for c in self.cells] + [c.x1 for c in self.cells]),
                                lone_row=0)
        skip = _header_rows(self.frags[0], frag)
        offset = self.n_rows - skip
        cont_cells = [c for c in frag.cells if c.row >= skip]
        if self._split_row(frag, skip, stats):
            # Word split the last row across the page: glue the first continued row onto it
            tails = [c for c in self.cells if c.row_end == self.n_rows]
            usual = _bottom_slack(self.last)
            for c in [c for c in cont_cells if c.row == skip]:
                head = _tail_of(tails, c)
                if head is not None and c.row_end == skip + 1:
                    if (head.lines and c.lines and usual is not None and head.bottom - head.text_bottom() >= usual - 1.0
                            and not c.lines[0].text[:1].islower()):
                        # the text above the break stops as far above the border as in complete rows: its paragraph
                        # ended there (with its space after), the text below starts another (a widowed line left
                        # a gap too, but goes on in lower case)
                        head.starts.add(id(c.lines[0]))
                    head.lines = head.lines + c.lines
                    if head.limit is not None and c.limit is not None:
                        head.limit = max(head.limit, c.limit)  # a column's text may reach further on one page
                    cont_cells.remove(c)
            offset = self.n_rows - skip - 1
        for c in cont_cells:
            c.row += offset
            c.row_end += offset
        self.cells.extend(cont_cells)
        self.n_rows = max(c.row_end for c in self.cells)
        self.frags.append(frag)
        self.last = frag

    def _split_row(self, frag: Fragment, skip: int, stats: "TableStats") -> bool:
        """Did Word split the table's last row over the page break?

        Signals, any of which decides once the table reaches near the foot of its page:
        * the last row's text stops closer to the row's bottom border than in complete rows (the paragraph
          was cut, so its space-after is missing);
        * the continued row is empty (only the cut row's padding went over);
        * in the first column that holds text above or below the break, the text stops above (it was
          complete) or runs on below (a sentence cut mid-way, or the next item of a bulleted or numbered list
          that runs in the cell).
        """
        if _text_rows(self.last) and _text_rows(frag):
            return self._text_row_goes_on(frag, skip, stats, one_side=True)
        if not (self.last.ruled_end(last=True) and frag.ruled_end(last=False)):
            # rows found from the text on one side of the break: no border tells where a row ends, only text that
            # plainly runs on does
            return self._text_row_goes_on(frag, skip, stats, one_side=True)
        if self.last.bottom < stats.body_bottom - 40.0:
            return False
        tails = [c for c in self.cells if c.row_end == self.n_rows]
        heads = sorted((c for c in frag.cells if c.row == skip), key=lambda c: c.x0)
        pairs = [(_tail_of(tails, h), h) for h in heads]
        if not heads or any(t is None for t, _ in pairs):
            return False
        if len({id(t) for t, _ in pairs}) < len(pairs):
            # the continuation splits a column the row above the break merges: of the heads under one cell, one at
            # most may hold text, which stands for them all
            under: dict[int, list] = defaultdict(list)
            for t, h in pairs:
                under[id(t)].append((t, h))
            if any(sum(1 for _, h in group if h.lines) > 1 for group in under.values()):
                return False
            pairs = [next((p for p in group if p[1].lines), group[0]) for group in under.values()]
            heads = [h for _, h in pairs]
        if any(h.lines and not t.lines for t, h in pairs):
            return False  # text starts in a cell that was empty above the break: a new row
        banding = _same_band(self.last, frag, skip)
        if banding is not None:
            return banding  # the row after the break has the shading of the row before it, or another
        if not any(h.lines for _, h in pairs):
            return True  # nothing but the cut row's padding went over
        bottoms = [t.text_bottom() for t, _ in pairs if t.lines]
        # the slack is measured on tables ruled row by row; the ends of bands of rows found from the text are not
        grid = not (_text_rows(frag) or _text_rows(self.last))
        if grid and stats.row_slack is not None and bottoms:
            slack = min(t.bottom for t, _ in pairs) - max(bottoms)
            if slack < stats.row_slack - 1.0:
                return True
        shape = tuple((round(h.x0), round(h.x1)) for h in heads)
        seen = self._row_patterns(shape)
        head_pattern = tuple(bool(h.lines) for h in heads)
        first = next((t, h) for t, h in pairs if t.lines or h.lines)
        if first[0].lines and not first[1].lines and not any(not p[0] and any(p) for p in seen.elements()):
            # the row's leading cell ran out above the break, the others went on (unless rows without a
            # leading cell, such as group rows of an annex, are usual in this table)
            return True
        verdicts = [_runs_on(t, h) for t, h in pairs if h.lines]
        if "strong" in verdicts:
            return True
        lead_tail, lead_head = pairs[0]
        first_line = next(h for _, h in pairs if h.lines).lines[0].text
        if verdicts and all(v == "weak" for v in verdicts):
            if not (lead_tail.lines or lead_head.lines):
                return True  # no row label on either side of the break, and the text goes on: one row
            if len(verdicts) >= 2 and self._list_rows_follow_each_other() is False:
                return True  # every column's list goes on, and in this table a list row never follows another
            if sum(1 for t, h in pairs if t.lines or h.lines) == 1 and not _ENUMERATOR.match(first_line):
                return True  # one column holds text on both sides, and it goes on
        completed_above = any(t.lines and not h.lines for t, h in pairs)
        label = _ALL_CAPS.match(first_line) or _ENUMERATOR.match(first_line)
        if completed_above and not label and seen and seen[head_pattern] == 0:
            usual, n_usual = seen.most_common(1)[0]
            if n_usual / sum(seen.values()) >= 0.6 and all(u or not h for h, u in zip(head_pattern, usual)):
                # rows of this table fill the same cells, and one holding only some of them never occurs:
                # it is the cut row's rest
                return True
        return completed_above and all(v == "weak" for v in verdicts)

    def _text_row_goes_on(self, frag: Fragment, skip: int, stats: "TableStats", one_side: bool = False) -> bool:
        """Rows found from the text (no rules): the last row goes on over the break only when the table reaches the
        foot of its page and every cell holding text at the head of the next page stands under text that it plainly
        runs on from (`_runs_on` "strong": a lower-case start, a cut sentence, a dangling list mark)."""
        if self.last.bottom < stats.body_bottom - 40.0:
            return False
        tails = {(round(c.x0), round(c.x1)): c for c in self.cells if c.row_end == self.n_rows}
        pairs = [(tails.get((round(h.x0), round(h.x1))), h) for h in frag.cells if h.row == skip and h.lines]
        if not pairs or any(t is None or not t.lines for t, _ in pairs):
            return False
        verdicts = [_runs_on(t, h) for t, h in pairs]
        if one_side:
            # a border on the other side of the break: one cell plainly running on will do, the others going on
            return "strong" in verdicts and "" not in verdicts
        return all(v == "strong" for v in verdicts)

    def _row_patterns(self, shape: tuple) -> Counter:
        """Which cells hold text, in the complete rows assembled so far that have these cell edges."""
        out: Counter = Counter()
        for r in range(self.n_rows - 1):  # the last row may be the cut one
            cells = sorted((c for c in self.cells if c.row == r), key=lambda c: c.x0)
            if tuple((round(c.x0), round(c.x1)) for c in cells) == shape:
                out[tuple(bool(c.lines) for c in cells)] += 1
        return out

    def _list_rows_follow_each_other(self) -> bool | None:
        """In the rows assembled so far, does a row that opens with a list item ever follow another such row?
        None when fewer than two rows open with one (nothing learned)."""
        opens: list[bool] = []
        for r in range(self.n_rows):
            cells = sorted((c for c in self.cells if c.row == r and c.lines), key=lambda c: c.x0)
            first = join_lines(cells[0].paragraphs()[0]) if cells else ""
            opens.append(bool(LIST_MARK.match(first) or GLYPH_MARK.match(first)))
        if any(a and b for a, b in zip(opens, opens[1:])):
            return True
        return False if sum(opens) >= 2 else None

    def table(self) -> Table:
        xs = cluster([c.x0 for c in self.cells] + [c.x1 for c in self.cells])
        placed: list[Cell] = []
        for c in sorted(self.cells, key=lambda c: (c.row, c.x0)):
            col, col_end = nearest(xs, c.x0), nearest(xs, c.x1)
            if col_end <= col:
                continue
            placed.append(
                Cell(
                    c.text(),
                    c.row,
                    col,
                    c.row_end - c.row,
                    col_end - col,
                    # a row split over a page break keeps the page and bbox of its first part
                    Provenance(page=c.page, bbox=c.bbox, row_index=c.row, col_index=col),
                )
            )
        pages = tuple(sorted({f.page for f in self.frags}))
        return Table(index=-1, n_rows=self.n_rows, n_cols=len(xs) - 1, cells=tuple(placed), pages=pages)


def _one_row_per_band(frag: Fragment) -> None:
    """Make each closed band of a fragment ruled across only one row (in place): the rows the text suggested in it
    were paragraphs of its cells."""
    if 0 in frag.band_rows or sum(frag.band_rows) != frag.n_rows or len(frag.band_rows) == frag.n_rows:
        return  # open bands (rows from the text only), or nothing to join
    new_row = [band for band, n in enumerate(frag.band_rows) for _ in range(n)]
    merged: dict[tuple[int, int, int], FragCell] = {}
    for c in sorted(frag.cells, key=lambda c: (c.row, c.x0)):
        key = (new_row[c.row], round(c.x0), round(c.x1))
        if key in merged:
            head = merged[key]
            head.lines = head.lines + c.lines
            head.bottom = max(head.bottom, c.bottom)
        else:
            c.row, c.row_end = new_row[c.row], new_row[c.row] + 1
            merged[key] = c
    frag.cells = list(merged.values())
    frag.n_rows = len(set(new_row))
    frag.band_rows = [1] * frag.n_rows
    frag.ruled_ends = (True, True)


def _same_band(last: Fragment, frag: Fragment, skip: int) -> bool | None:
    """Is the row after the page break the rest of the row before it, as the shading tells? No when their shading
    differs (a row keeps its shading over a break); yes when it is the same in a table shading every other row on
    both sides of the break; None when the shading says nothing."""
    a, b = last.row_shades, frag.row_shades
    if not a or not b or len(b) <= skip:
        return None
    if a[-1] != b[skip]:
        return False
    if len(a) >= 2 and len(b) >= skip + 2 and a[-2] != a[-1] and b[skip] != b[skip + 1]:
        return True
    return None


def _tail_of(tails: list[FragCell], head: FragCell) -> FragCell | None:
    """The cell of the row above the page break that a cell of the row below it continues: the one with its edges,
    or the one holding it (a column split below the break and merged above it)."""
    exact = [t for t in tails if round(t.x0) == round(head.x0) and round(t.x1) == round(head.x1)]
    if exact:
        return exact[0]
    return next((t for t in tails if t.x0 - 2.0 <= head.x0 and head.x1 <= t.x1 + 2.0), None)


def _bottom_slack(frag: Fragment) -> float | None:
    """The least distance from a complete row's text to its bottom border in this fragment (rows but the last)."""
    slacks = [c.bottom - c.text_bottom() for c in frag.cells if c.lines and c.row_end < frag.n_rows]
    return min(slacks) if slacks else None


def _title_only(frag: Fragment) -> bool:
    """A table's title row alone (ruled across only), which any table of its width may continue."""
    return frag.row_rules and frag.spans is not None and len(frag.spans) == 1


def _text_rows(frag: Fragment) -> bool:
    return frag.borderless and not frag.row_rules


def join_across_pages(frags: list[Fragment], stats: TableStats) -> list[Table]:
    """Fragments that follow each other in reading order (nothing between them) as tables: a fragment on the
    next page, of the same kind and with the same columns, continues the table before it."""
    joined: list[JoinedTable] = []
    for frag in frags:
        prev = joined[-1].last if joined else None
        if prev is not None:
            frag = frame_rest(prev, frag) or frag  # the box a page break left round a boxed table's rest
        if (prev is not None and frag.page == prev.page + 1 and (frag.borderless == prev.borderless or frag.borderless)
                and same_columns(prev, frag)):
            joined[-1].add(frag, stats)
        else:
            joined.append(JoinedTable(frag))
    return [j.table() for j in joined]
