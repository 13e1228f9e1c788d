"""The page model the steps share: a page's items in reading order, visual lines and table fragments.

A fragment is one page's part of a table, in its own grid: its cells keep their absolute box and get a row
range; columns are the distinct cell edges (edges closer than `EDGE_TOL` are one), so a cell's span is the
number of column boundaries it covers. Fragments are joined into tables across page breaks by `continuation`.
A cell's text is its lines split into paragraphs (`lines.paragraphs`) and joined with newlines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import normalize_space
from pipeline.readers.pdf.lines import Line, Vocab, join_lines, paragraphs

EDGE_TOL = 2.0  # points: two cell edges closer than this are one grid line


def cluster(values: list[float], tol: float = EDGE_TOL) -> list[float]:
    """The distinct values, values within `tol` of the last kept one counting as that one."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def nearest(edges: list[float], v: float) -> int:
    """The index of the edge nearest to `v`."""
    best = min(range(len(edges)), key=lambda i: abs(edges[i] - v))
    return best


@dataclass
class FragCell:
    """A cell of a table fragment (one page's part of a table), in fragment grid coordinates."""

    x0: float
    top: float
    x1: float
    bottom: float
    lines: list[Line] = field(default_factory=list)
    row: int = 0
    row_end: int = 1  # exclusive
    page: int = 0
    vocab: Vocab | None = None  # the document's words, to mend words the layout broke
    limit: float | None = None  # where text wraps, when there is no border to tell (borderless tables)
    starts: set[int] = field(default_factory=set)  # ids of lines known to start a paragraph (after a page break)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))

    @property
    def right_limit(self) -> float:
        """Where the cell's text may reach: its right edge less the padding seen on the left."""
        if self.limit is not None:
            return self.limit
        if not self.lines:
            return self.x1
        pad = max(0.0, min(l.x0 for l in self.lines) - self.x0)
        return self.x1 - min(pad, 8.0)

    def paragraphs(self) -> list[list[Line]]:
        if not self.lines:
            return []
        out: list[list[Line]] = []
        for para in paragraphs(self.lines, right_limit=self.right_limit):
            for line in para:
                if line is para[0] or id(line) in self.starts:
                    out.append([])
                out[-1].append(line)
        return out

    def text(self) -> str:
        """Paragraphs joined with newlines; a paragraph that starts right of the cell's text edge keeps its
        indentation as spaces (about one per quarter em), as a text export would: an indented line continues
        the statement above it."""
        limit = self.right_limit
        paras = self.paragraphs()
        left = min((l.x0 for l in self.lines), default=0.0)
        out = []
        for p in paras:
            indent = round((p[0].x0 - left) / (0.25 * p[0].size)) if p[0].size else 0
            out.append(" " * indent * (indent >= 2) + join_lines(p, limit, self.vocab))
        return "\n".join(out)

    def text_bottom(self) -> float | None:
        return max(l.bottom for l in self.lines) if self.lines else None


@dataclass
class Fragment:
    page: int
    cells: list[FragCell]
    n_rows: int
    x0: float
    top: float
    x1: float
    bottom: float
    borderless: bool = False
    spans: list[tuple[float, float]] | None = None  # borderless: each column's text extent, left to right
    edges: list[float] | None = None  # borderless: column boundaries (len(spans) + 1)
    row_rules: bool = False  # borderless columns, but each row between two rules (cell tops and bottoms are rules)
    ruled_ends: tuple[bool, bool] | None = None  # are the first and the last row each between two rules (None:
    # as the fragment's kind says: rows between rules unless found from the text)

    band_rows: list[int] | None = None  # ruled across only: rows found in each band between two rules (0: open)
    loose: list[Line] | None = None  # a row alone at a page's foot: its lines, for when no table continues it
    row_shades: list[bool] | None = None  # ruled across only: is each row's band shaded

    def ruled_end(self, last: bool) -> bool:
        """Does the fragment's first (last) row stand between two rules, so that a page break cutting it shows?"""
        if self.ruled_ends is not None:
            return self.ruled_ends[last]
        return not self.borderless or self.row_rules

    @property
    def col_edges(self) -> list[float]:
        return cluster([c.x0 for c in self.cells] + [c.x1 for c in self.cells])

    def row_cells(self, r: int) -> list[FragCell]:
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.x0)

    def row_texts(self, r: int) -> list[str]:
        return [normalize_space(c.text()) for c in self.row_cells(r)]


@dataclass
class Page:
    number: int
    width: float
    height: float
    n_chars: int
    items: list[Line | Fragment]  # in reading order
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # (x0, y, x1): horizontal rules outside
    # ruled tables
    shades: list[tuple[float, float, float, float]] = field(default_factory=list)  # filled backgrounds, as bboxes

    def lines(self) -> list[Line]:
        return [i for i in self.items if isinstance(i, Line)]


def lines_of(pages: list[Page]) -> list[Line]:
    """Every visual line outside tables, in reading order."""
    return [line for p in pages for line in p.lines()]
