"""Reader for PDF files (pdfplumber).

Each page is parsed once: its words (with font size and name) and its ruled tables (pdfplumber's "lines"
strategy). Words inside a table's cells become the cells' text; the rest are grouped into visual lines.
Then, over the whole document:

* running headers and footers are dropped: lines in the top or bottom margin whose text (digits ignored)
  comes back at the same height on most pages, and page numbers in the margin of a one-page document;
* a table at the top of a page that continues the table ending the previous page (same columns, nothing
  but header/footer between) is joined to it; a header row that Word repeats is dropped and a row that Word
  split across the page break is put back together;
* the lines outside ruled tables are searched for borderless tables (text in aligned columns): columns are
  the x ranges the segments of consecutive multi-column lines cover; title rows are lines right above that
  start at the table's left edge; rows start where a column's text starts a new paragraph (a step larger than
  the line pitch) and no other column's text runs on across that height;
* the body's type size is taken after that, so a document whose tables were not ruled still has its body
  text (not the tables' smaller type) as the reference for headings;
* visual lines become paragraphs (vertical gaps, font changes, a short line the next word would have fitted
  on), lines of one paragraph are joined with a space, and larger type becomes a heading level;
* everything is handed to `blocks.assemble` in reading order (page by page, top to bottom), so headings and
  list items are classified exactly as for the other formats.

Merged cells: pdfplumber gives each cell's bbox; the table's column and row boundaries are the distinct
cell edges, and a cell's span is the number of boundaries it covers. One-cell tables (which pdfplumber drops)
are kept: a 1x1 Word table, or a table's title row left alone at the foot of a page.

Lines of a paragraph are joined with a space; after a line ending in a hyphen without one (the layout broke a
hyphenated word there, or so it must be assumed); and without one inside a word wider than its column, which
the layout broke at the column edge ("internationa" / "l", told by the word appearing whole elsewhere).

Cost: one pdfplumber parse per page (chars, lines and rects, cached on the page and freed after it); about
90% of the time is pdfplumber turning pdfminer's objects into chars, see bench/readers.py.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from pdfplumber.table import TableFinder

from pipeline.exceptions import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    NoTextLayerError,
)
from pipeline.model import BULLET_GLYPHS, Cell, Document, Format, Provenance, Table, normalize_space
from pipeline.readers.blocks import RawLine, assemble, split_number

TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}
WORD_ATTRS = ["size", "fontname"]
MARGIN_SHARE = 0.12  # top/bottom share of the page where running headers and footers live
HYPHEN_SPACE = False  # a line ending in "-" is joined to the next without a space
EDGE_TOL = 2.0  # points: two cell edges closer than this are one grid line
_DOTS = "[" + re.escape(BULLET_GLYPHS.translate(str.maketrans("", "", "-–—*"))) + "]"  # glyphs, no dashes
_MARKS = "[" + re.escape(BULLET_GLYPHS + "(") + "]"  # what may stand before a list item
_BULLET_START = re.compile("^" + _DOTS)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_SENTENCE_END = re.compile(r"[.;:!?]$")
_JUNK_TITLE = re.compile(r"^(microsoft\s+word\s*-|untitled)|\.(docx?|rtf|pdf)$", re.I)


# --------------------------------------------------------------------------------------------- page model


@dataclass
class _Line:
    words: list[dict]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))


@dataclass
class _FCell:
    """A cell of a table fragment (one page's part of a table), in fragment grid coordinates."""

    x0: float
    top: float
    x1: float
    bottom: float
    lines: list[_Line] = field(default_factory=list)
    row: int = 0
    row_end: int = 1  # exclusive
    page: int = 0
    vocab: set[str] | None = None  # the document's words, to mend words the layout broke
    limit: float | None = None  # where text wraps, when there is no border to tell (borderless tables)

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

    def paragraphs(self) -> list[list[_Line]]:
        if not self.lines:
            return []
        return _paragraphs(self.lines, right_limit=self.right_limit)

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
            out.append(" " * indent * (indent >= 2) + _join_lines(p, limit, self.vocab))
        return "\n".join(out)

    def text_bottom(self) -> float | None:
        return max(l.bottom for l in self.lines) if self.lines else None


@dataclass
class _Frag:
    page: int
    cells: list[_FCell]
    n_rows: int
    x0: float
    top: float
    x1: float
    bottom: float
    borderless: bool = False
    spans: list[tuple[float, float]] | None = None  # borderless: each column's text extent, left to right
    edges: list[float] | None = None  # borderless: column boundaries (len(spans) + 1)

    @property
    def col_edges(self) -> list[float]:
        return _cluster([c.x0 for c in self.cells] + [c.x1 for c in self.cells])

    def row_cells(self, r: int) -> list[_FCell]:
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.x0)

    def row_texts(self, r: int) -> list[str]:
        return [normalize_space(c.text()) for c in self.row_cells(r)]


@dataclass
class _Page:
    number: int
    width: float
    height: float
    n_chars: int
    items: list[_Line | _Frag]  # in reading order


# ------------------------------------------------------------------------------------------------ helpers


def _cluster(values: list[float], tol: float = EDGE_TOL) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    best = min(range(len(edges)), key=lambda i: abs(edges[i] - v))
    return best


def _is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return "bold" in f or "black" in f or "heavy" in f or f.endswith(",b")


def _make_lines(words: list[dict], page: int) -> list[_Line]:
    """Group words into visual lines: a word joins the current line when it overlaps it vertically."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        cur = lines[-1] if lines else None
        if cur is not None:
            overlap = min(cur.bottom, w["bottom"]) - max(cur.top, w["top"])
            height = min(cur.bottom - cur.top, w["bottom"] - w["top"]) or 1.0
            if overlap >= 0.5 * height:
                cur.words.append(w)
                cur.x0 = min(cur.x0, w["x0"])
                cur.x1 = max(cur.x1, w["x1"])
                cur.top = min(cur.top, w["top"])
                cur.bottom = max(cur.bottom, w["bottom"])
                continue
        lines.append(_Line([w], page, w["x0"], w["x1"], w["top"], w["bottom"], 0.0, False))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
        sizes = Counter()
        bold = 0
        for w in line.words:
            n = len(w["text"])
            sizes[round(w.get("size", 0.0), 1)] += n
            if _is_bold(w.get("fontname", "")):
                bold += n
        line.size = sizes.most_common(1)[0][0]
        line.bold = bold >= 0.8 * sum(sizes.values())
    return lines


def _ends_in_hyphen(text: str) -> bool:
    return text.endswith(("-", "\u00ad")) and len(text) > 1 and not text[-2].isspace()


def _join_lines(lines: list[_Line], right_limit: float | None = None, vocab: set[str] | None = None) -> str:
    """The text of one paragraph's visual lines: joined with a space, except after a hyphen the line was
    broken at, and inside a single word too long for its column (broken wherever the line ended)."""
    out = ""
    prev: _Line | None = None
    for line in lines:
        t = line.text
        if prev is None:
            out = t
        elif _ends_in_hyphen(out) and not HYPHEN_SPACE:
            out = (out[:-1] if out.endswith("\u00ad") else out) + t
        elif right_limit is not None and _word_broken(prev, line, right_limit, vocab):
            out += t
        elif out.endswith("/") and not out.endswith(" /"):
            out += t  # "Translation/Terminology/" + "References": a line broken after a slash
        else:
            out += " " + t
        prev = line
    return out


_CLOSING = re.compile(r"^[)\]}.,;:!?%]")
_WORD_CHARS = re.compile(r"[^\w]+")


def _vocab_key(text: str) -> str:
    return _WORD_CHARS.sub("", text.lower())


def _word_broken(prev: _Line, line: _Line, right_limit: float, vocab: set[str] | None) -> bool:
    """A word wider than its column, which the layout broke at the column edge ("internationa" / "l"): the
    line above is that one word, filled to the edge, and the two parts make a word seen intact elsewhere."""
    if len(prev.words) != 1 or prev.x1 < right_limit - 0.6 * prev.size:
        return False
    head, tail = prev.words[0]["text"], line.words[0]["text"]
    if _CLOSING.match(tail):
        return True
    if not (head[-1:].isalpha() and tail[:1].isalpha() and tail[:1].islower()):
        return False
    if len(_vocab_key(tail)) == 1 and tail.lower() not in ("a", "i"):
        return True
    return vocab is not None and _vocab_key(head + tail) in vocab


_NO_BREAK_BEFORE = re.compile(r"^[)\]}!?,.;:/%»”’]+$")


def _first_word_width(line: _Line) -> float:
    """Width of what a line breaker must keep together at the line's start: the first word, with any
    following words that are only closing punctuation or a slash (no line break is allowed before those)."""
    words = line.words
    end = words[0]["x1"]
    for w in words[1:]:
        if not _NO_BREAK_BEFORE.match(w["text"]):
            break
        end = w["x1"]
    return end - words[0]["x0"]


def _paragraphs(lines: list[_Line], right_limit: float, pitch: float | None = None) -> list[list[_Line]]:
    """Split consecutive visual lines (one column, top to bottom) into paragraphs."""
    if not lines:
        return []
    if pitch is None:
        steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if abs(a.size - b.size) < 0.6 and b.top > a.top]
        pitch = min(steps) if steps else None
    paras: list[list[_Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        if _breaks(prev, line, right_limit, pitch):
            paras.append([line])
        else:
            paras[-1].append(line)
    # A list whose marks are typed glyphs wraps its items back to the glyph's edge, so a short lead-in of the
    # next group ("Learning and growth:") right under an item looks like the item's last line. A bulleted item
    # does not end in a capitalized phrase ending with a colon that the next bullet follows: that is a label.
    out: list[list[_Line]] = []
    for k, para in enumerate(paras):
        last = para[-1].text
        if (len(para) >= 2 and _BULLET_START.match(para[0].text) and k + 1 < len(paras)
                and _BULLET_START.match(paras[k + 1][0].text) and _LEAD_IN.match(last)):
            out += [para[:-1], para[-1:]]
        else:
            out.append(para)
    return out


_LEAD_IN = re.compile(r"^[A-Z][a-z]+(?: [a-z&]+| [A-Z][a-z]+){0,3}:$")  # "Customer:", "Learning and growth:"


def _breaks(prev: _Line, line: _Line, right_limit: float, pitch: float | None, same_page: bool = True) -> bool:
    if abs(prev.size - line.size) >= 0.6 or prev.bold != line.bold:
        return True
    if same_page and pitch is not None and line.top - prev.top > pitch + max(1.5, 0.12 * line.size):
        return True  # lines of one paragraph are evenly spaced; paragraph spacing shows as a larger step
    if _BULLET_START.match(line.text) or _GLYPH_MARK.match(line.text.strip()):
        return True
    if not same_page and _SENTENCE_END.search(prev.text) and not line.text[:1].islower():
        return True  # across a page break only an unfinished sentence is taken to go on
    space = 0.3 * line.size
    if prev.x1 + space + _first_word_width(line) < right_limit - 1.0:
        return True  # the next line's first word would have fitted: the line was ended on purpose
    return False


# ---------------------------------------------------------------------------------------------- page pass


def _read_page(page) -> _Page:
    number = page.page_number
    chars = page.chars
    n_chars = sum(1 for c in chars if c["text"].strip())
    if not n_chars:
        return _Page(number, float(page.width), float(page.height), 0, [])
    words = page.extract_words(extra_attrs=WORD_ATTRS, keep_blank_chars=False)
    frags: list[_Frag] = []
    finder = TableFinder(page, TABLE_SETTINGS)
    grouped: set[tuple] = set()
    for t in finder.tables:
        grouped.update(t.cells)
        frag = _fragment(t.cells, number)
        if frag is not None:
            frags.append(frag)
    # pdfplumber leaves out one-cell tables; a 1x1 Word table (or a title row alone on a page) is one
    page_area = float(page.width) * float(page.height)
    for cell in finder.cells:
        if cell not in grouped and (cell[2] - cell[0]) * (cell[3] - cell[1]) < 0.6 * page_area:
            frag = _fragment([cell], number)
            if frag is not None:
                frags.append(frag)
    free: list[dict] = []
    per_cell: dict[int, list[dict]] = defaultdict(list)
    index = [(f, c) for f in frags for c in f.cells]
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
        index[k][1].lines = _make_lines(ws, number)
    # drop "tables" that hold no text at all (boxes, decorations)
    frags = [f for f in frags if any(c.lines for c in f.cells)]
    items: list[_Line | _Frag] = [*_make_lines(free, number), *frags]
    items.sort(key=lambda i: i.top)
    return _Page(number, float(page.width), float(page.height), n_chars, items)


def _dist(c: _FCell, x: float, y: float) -> float:
    dx = max(c.x0 - x, 0, x - c.x1)
    dy = max(c.top - y, 0, y - c.bottom)
    return math.hypot(dx, dy)


def _fragment(bboxes: list[tuple], page: int) -> _Frag | None:
    if not bboxes:
        return None
    ys = _cluster([b[1] for b in bboxes] + [b[3] for b in bboxes])
    cells = []
    for x0, top, x1, bottom in bboxes:
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if r1 <= r0:
            continue
        cells.append(_FCell(x0, top, x1, bottom, row=r0, row_end=r1, page=page))
    if not cells:
        return None
    return _Frag(
        page,
        cells,
        len(ys) - 1,
        min(c.x0 for c in cells),
        min(c.top for c in cells),
        max(c.x1 for c in cells),
        max(c.bottom for c in cells),
    )


# ------------------------------------------------------------------------------------ headers and footers


def _strip_running_lines(pages: list[_Page]) -> None:
    """Remove running headers/footers: margin lines whose text (digits ignored) recurs at one height."""
    candidates: list[tuple[_Page, _Line, str]] = []
    for p in pages:
        tables = [i for i in p.items if isinstance(i, _Frag)]
        first_table = min((t.top for t in tables), default=math.inf)
        last_table = max((t.bottom for t in tables), default=-math.inf)
        for item in p.items:
            if not isinstance(item, _Line):
                continue
            in_top = item.bottom <= p.height * MARGIN_SHARE and item.bottom <= first_table
            in_bottom = item.top >= p.height * (1 - MARGIN_SHARE) and item.top >= last_table
            if in_top or in_bottom:
                key = re.sub(r"\d+", "#", normalize_space(item.text).lower())
                candidates.append((p, item, key))
    n_pages = sum(1 for p in pages if p.n_chars)
    need = max(2, math.ceil(0.5 * n_pages))
    groups: dict[str, list[tuple[_Page, _Line]]] = defaultdict(list)
    for p, line, key in candidates:
        groups[key].append((p, line))
    drop: set[int] = set()
    for key, members in groups.items():
        # cluster by height; a group counts the pages it is seen on
        members.sort(key=lambda m: m[1].top)
        clusters: list[list[tuple[_Page, _Line]]] = []
        for m in members:
            if clusters and m[1].top - clusters[-1][-1][1].top <= 4.0:
                clusters[-1].append(m)
            else:
                clusters.append([m])
        for cl in clusters:
            if len({p.number for p, _ in cl}) >= need:
                drop.update(id(line) for _, line in cl)
            elif n_pages == 1 and _PAGE_NUMBER.match(key.replace("#", "1")):
                drop.update(id(line) for _, line in cl)
    for p in pages:
        p.items = [i for i in p.items if id(i) not in drop]


# ----------------------------------------------------------------------------------- borderless tables


_MARKER = re.compile(
    r"^(?:" + "[" + re.escape(BULLET_GLYPHS) + "]" + r"|\(?[a-zA-Z0-9]{1,3}[.)]|\d{1,3}|(?:[IVX]+|\d+)(?:\.(?:[IVX]+|\d+))+\.?[a-z]?\)?)$"
)


def _find_borderless(page: _Page, pitch_ratio: float | None) -> None:
    """Turn runs of lines whose text stands in aligned columns into tables. Runs are looked for between the
    page's ruled tables (and on pages without any), among the lines no table has claimed. `pitch_ratio` is the
    document's line pitch over type size, to tell a paragraph's next line from a new row."""
    out: list[_Line | _Frag] = []
    chunk: list[_Line] = []
    for item in page.items:
        if isinstance(item, _Line):
            chunk.append(item)
            continue
        out.extend(_borderless_in(chunk, page.number, pitch_ratio))
        chunk = []
        out.append(item)
    out.extend(_borderless_in(chunk, page.number, pitch_ratio))
    out.sort(key=lambda i: i.top)
    page.items = out


def _segments(line: _Line) -> list[list[dict]]:
    """Words of a line split where the gap is much wider than a space."""
    out: list[list[dict]] = [[line.words[0]]]
    for a, b in zip(line.words, line.words[1:]):
        if b["x0"] - a["x1"] > max(6.0, 0.75 * line.size):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _columnar(segs: list[list[dict]]) -> bool:
    """Text in two or more places across the line; a list marker set off by a tab ("a)", "·", "4.2") and its
    text do not count."""
    if len(segs) < 2:
        return False
    return not (len(segs) == 2 and len(segs[0]) == 1 and _MARKER.match(segs[0][0]["text"]))


def _borderless_in(lines: list[_Line], page: int, pitch_ratio: float | None) -> list[_Line | _Frag]:
    """The lines of one stretch of a page, with aligned runs among them replaced by borderless tables."""
    if len(lines) < 2:
        return list(lines)
    segs = [_segments(l) for l in lines]
    col = [_columnar(s) for s in segs]
    # runs: columnar lines close together, with lines in between that continue one of the run's columns
    # (a line of one column: it starts where a column starts, stays clear of the next column, and is no
    # further from the line above than the run's rows are from each other)
    runs: list[list[int]] = []
    cur: list[int] = []
    for i, line in enumerate(lines):
        if cur:
            prev = lines[cur[-1]]
            gap = line.top - prev.bottom
            starts = _cluster([s[0]["x0"] for k in cur if col[k] for s in segs[k]], 3.0)
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
    frags: list[_Frag] = []
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


def _borderless_table(lines, segs, col, run, used, page, pitch_ratio) -> tuple[_Frag | None, list[int]]:
    multi = [k for k in run if col[k]]
    # columns: the x ranges the columnar lines' segments cover, separated by gutters no segment crosses
    spans = sorted((s[0]["x0"], s[-1]["x1"]) for k in multi for s in segs[k])
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1.0:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    # a right-aligned column's entries do not all start where its heading does: text ranges that never stand on
    # one line side by side are one column when the right one is right-aligned, or when they are close together
    size = statistics.median(lines[k].size for k in multi)
    for rule in ("right-aligned", "close"):
        i = 0
        while i < len(cols) - 1:
            inside = [[s for s in segs[k] if a - 0.5 <= s[0]["x0"] <= b + 0.5] for a, b in (cols[i], cols[i + 1])
                      for k in multi]
            n = len(multi)
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
    if len(cols) < 2:
        return None, []
    # a numbered or bulleted list with hanging indent is not a table
    first = [segs[k][0] for k in multi]
    if len(cols) == 2 and all(split_number(" ".join(w["text"] for w in s))[0] or _BULLET_START.match(s[0]["text"])
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

    def column_of(x: float) -> int:
        return max([0] + [i for i, s in enumerate(starts) if s <= x + 3.0])

    # pieces: each segment's words, in the column it starts in and spanning the columns it runs into
    pieces: list[tuple[int, int, _Line]] = []
    for k in members:
        for s in segs[k]:
            c0 = column_of(s[0]["x0"])
            c1 = max(c0, column_of(s[-1]["x1"] - 3.0))
            for piece in _make_lines(s, page):
                pieces.append((c0, c1, piece))
    pieces.sort(key=lambda p: (p[2].top, p[0]))
    limits = [starts[i + 1] - 0.98 * size for i in range(len(starts) - 1)] + [cols[-1][1] + 0.5]
    rows = _borderless_rows(pieces, limits, size, pitch_ratio)
    right = max(cols[-1][1], max(p[2].x1 for p in pieces)) + 1.0
    edges = [s - 1.0 for s in starts] + [right]
    cells: list[_FCell] = []
    for r, row in enumerate(rows):
        top = min(p[2].top for p in row)
        bottom = max(p[2].bottom for p in row)
        by_col: dict[int, list[_Line]] = defaultdict(list)
        reach: dict[int, int] = {}
        for c0, c1, piece in row:
            by_col[c0].append(piece)
            reach[c0] = max(reach.get(c0, c0), c1)
        last = max(by_col)
        if reach[last] > last:
            reach[last] = len(starts) - 1  # text running over a gutter with nothing after it: a merged row
        c = 0
        while c < len(starts):
            end = c
            if c in reach and all(j not in by_col for j in range(c + 1, reach[c] + 1)):
                end = reach[c]
            cell = _FCell(edges[c], top, edges[end + 1], bottom, row=r, row_end=r + 1, page=page, limit=limits[end])
            cell.lines = sorted(by_col.get(c, []), key=lambda l: l.top)
            cells.append(cell)
            c = end + 1
    frag = _Frag(page, cells, len(rows), edges[0], min(lines[k].top for k in members), right,
                 max(lines[k].bottom for k in members), borderless=True,
                 spans=[(a, b) for a, b in cols], edges=edges)
    return frag, members


_RUNS_ON = re.compile(r"(?:[,/&+]|\b(?:and|or|of|the|to|for|in|with))$", re.I)


def _borderless_rows(
    pieces: list[tuple[int, int, _Line]], limits: list[float], size: float, pitch_ratio: float | None
) -> list[list]:
    """Group a borderless table's pieces of text into rows.

    Within a column, lines of one paragraph follow each other at the line pitch; a larger step starts a new
    paragraph. A row starts at a new paragraph unless some column's text runs on across that height (a cell
    with several paragraphs next to one still going), or it is the next item of a list in its cell. When the
    table has no paragraph spacing at all, a row starts where two or more columns start a paragraph together.
    """
    by_col: dict[int, list[_Line]] = defaultdict(list)
    for c0, _, piece in pieces:
        by_col[c0].append(piece)
    # the line pitch: steps between a line and the next one that carries on its text (would not have fitted)
    steps = [
        b.top - a.top
        for c, ls in by_col.items()
        for a, b in zip(ls, ls[1:])
        if b.top - a.top >= 0.9 * size and not _breaks(a, b, limits[c], None)
    ]
    pitch = min([*steps, pitch_ratio * size]) if pitch_ratio else min(steps, default=1.25 * size)
    tol = max(1.0, 0.1 * size)
    prev_of: dict[int, _Line | None] = {}
    kind: dict[int, str] = {}  # "first", "gap", "wrap", "cont"
    for c, ls in by_col.items():
        for i, piece in enumerate(ls):
            prev = ls[i - 1] if i else None
            prev_of[id(piece)] = prev
            if prev is None:
                kind[id(piece)] = "first"
            elif _ends_in_hyphen(prev.text) and piece.text[:1].islower() or _RUNS_ON.search(prev.text):
                kind[id(piece)] = "cont"  # a word or phrase that cannot end the cell's text
            elif piece.top - prev.top > pitch + tol:
                kind[id(piece)] = "gap"
            elif _breaks(prev, piece, limits[c], None):
                kind[id(piece)] = "wrap"
            else:
                kind[id(piece)] = "cont"
    spaced = any(kind[id(p)] == "gap" for _, _, p in pieces)

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
        elif k in ("first", "gap") and not blocked(piece.top):
            marker = _LIST_MARK.match(piece.text)
            earlier = row_paras.get(c0, [])
            same_list = marker and c0 > 0 and any(t.startswith(marker.group(1)) for t in earlier)
            new = not same_list
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


# ---------------------------------------------------------------------------------------- joining tables


def _column_map(a: _Frag, b: _Frag) -> list[int] | None:
    """For two borderless fragments, the column of `a` each column of `b` lies in (its text overlaps that column's
    text and no other), or None. A column empty on one page is missing there, so `b` may have fewer."""
    if not (a.spans and b.spans) or abs(a.spans[0][0] - b.spans[0][0]) > 3:
        return None
    out = []
    for x0, x1 in b.spans:
        hits = [i for i, (y0, y1) in enumerate(a.spans) if x0 <= y1 + 1 and y0 <= x1 + 1]
        if len(hits) != 1 or (out and hits[0] <= out[-1]):
            return None
        out.append(hits[0])
    return out


def _same_columns(a: _Frag, b: _Frag) -> bool:
    if a.borderless and b.borderless:
        return _column_map(a, b) is not None
    ea, eb = a.col_edges, b.col_edges
    if abs(a.x0 - b.x0) > 3 or abs(a.x1 - b.x1) > 3:
        return False
    small, big = (ea, eb) if len(ea) <= len(eb) else (eb, ea)
    return all(any(abs(x - y) <= 3 for y in big) for x in small)


def _header_rows(first: _Frag, cont: _Frag) -> int:
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
class _TableStats:
    body_bottom: float  # the lowest text on any page, headers and footers removed
    row_slack: float | None  # least usual distance from a complete row's lowest text to its bottom border


def _table_stats(pages: list[_Page]) -> _TableStats:
    body_bottom = max((i.bottom for p in pages for i in p.items), default=0.0)
    slacks = []
    for p in pages:
        for f in p.items:
            if not isinstance(f, _Frag) or f.borderless:
                continue
            rows: dict[int, list[_FCell]] = defaultdict(list)
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
    return _TableStats(body_bottom, slacks[len(slacks) // 10] if len(slacks) >= 3 else None)


_LIST_MARK = re.compile("^(" + _MARKS + r")\s")
_BARE_MARK = re.compile(r"^(?:\(?\d{1,2}[.)]?|\(?[a-zA-Z][.)]|" + _MARKS + ")$")
_GLYPH_MARK = re.compile("^" + _MARKS + "$")  # a list mark standing on a line of its own
_ENUMERATOR = re.compile(r"^\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-zA-Z])[.)]")
_ALL_CAPS = re.compile(r"^[^a-z]*[A-Z]{2}[^a-z]*$")
_NUM_MARK = re.compile(r"^(\d{1,2})[.)]\s")


def _runs_on(tail: _FCell, head: _FCell) -> str:
    """Does the text below the page break continue the cell above it? "strong", "weak" or ""."""
    last, nxt = tail.lines[-1], head.lines[0]
    paras = [_join_lines(p) for p in tail.paragraphs()]
    if _BARE_MARK.match(paras[-1]) and (not paras[-1].isdigit() or nxt.text[:1].isalpha()):
        return "strong"  # a list number or bullet cannot end a cell: its item went over
    full = last.x1 + 0.3 * nxt.size + _first_word_width(nxt) >= tail.right_limit - 1.0
    open_end = full and not _SENTENCE_END.search(last.text) and not _BULLET_START.match(nxt.text)
    if open_end and not nxt.text[:1].isupper():
        return "strong"  # a sentence cut by the break
    if re.match(r"[a-z]{2,}", nxt.text) and len(last.text) > 1 and not re.search(r"[.!?]$", last.text):
        return "strong"  # no row, and no paragraph, starts with a lower-case word
    if _ALL_CAPS.match(nxt.text) and len(nxt.text.split()) <= 8:
        return ""  # "CORPORATE COMMUNICATION UNIT": a label row of its own
    remark = re.match(r"^\(([A-Za-z][a-z]{2,})", nxt.text)
    if remark and not re.fullmatch(r"[ivxl]+", remark.group(1)) and not _SENTENCE_END.search(paras[-1]):
        return "weak"  # "(Focal Point: ...)", "(continued)": a remark on the text above
    first_below = nxt.text
    m_above, m_below = _LIST_MARK.match(paras[-1]), _LIST_MARK.match(first_below)
    if m_above and m_below and m_above.group(1) == m_below.group(1):
        return "weak"  # the next item of a bulleted list
    if len(paras) >= 2 and _BARE_MARK.match(paras[-2]) and paras[-2] == first_below and not first_below.isdigit():
        return "weak"  # the same: a list whose marks stand on lines of their own ("(" + item)
    n_above, n_below = _NUM_MARK.match(paras[-1]), _NUM_MARK.match(first_below)
    if n_above and n_below and len(paras) >= 2 and int(n_below.group(1)) == int(n_above.group(1)) + 1:
        return "weak"  # the next item of a numbered list running in the cell
    return "weak" if open_end else ""


class _Joined:
    """A table being assembled from fragments: rows of cells with absolute x, and page provenance."""

    def __init__(self, frag: _Frag):
        self.frags = [frag]
        self.cells: list[_FCell] = list(frag.cells)
        self.n_rows = frag.n_rows
        self.last = frag

    def add(self, frag: _Frag, stats: "_TableStats") -> None:
        ref = self.frags[0]
        cmap = _column_map(ref, frag) if frag.borderless and ref.borderless else None
        if cmap is not None and frag.edges and ref.edges:
            # put the continuation's cells on the first fragment's columns
            for c in frag.cells:
                j0 = _index(frag.edges, c.x0)
                j1 = max(j0 + 1, _index(frag.edges, c.x1))
                c.x0, c.x1 = ref.edges[cmap[j0]], ref.edges[cmap[j1 - 1] + 1]
        skip = _header_rows(self.frags[0], frag)
        offset = self.n_rows - skip
        cont_cells = [c for c in frag.cells if c.row >= skip]
        if self._split_row(frag, skip, stats):
            # Word split the last row across the page: glue the first continued row onto it
            tails = {(round(c.x0), round(c.x1)): c for c in self.cells if c.row_end == self.n_rows}
            for c in [c for c in cont_cells if c.row == skip]:
                head = tails.get((round(c.x0), round(c.x1)))
                if head is not None and c.row_end == skip + 1:
                    head.lines = head.lines + c.lines
                    cont_cells.remove(c)
            offset = self.n_rows - skip - 1
        for c in cont_cells:
            c.row += offset
            c.row_end += offset
        self.cells.extend(cont_cells)
        self.n_rows = max(c.row_end for c in self.cells)
        self.frags.append(frag)
        self.last = frag

    def _split_row(self, frag: _Frag, skip: int, stats: "_TableStats") -> bool:
        """Did Word split the table's last row over the page break?

        Signals, any of which decides once the table reaches near the foot of its page:
        * the last row's text stops closer to the row's bottom border than in complete rows (the paragraph
          was cut, so its space-after is missing);
        * the continued row is empty (only the cut row's padding went over);
        * in the first column that holds text above or below the break, the text stops above (it was
          complete) or runs on below (a sentence cut mid-way, or the next item of a bulleted or numbered list
          that runs in the cell).
        """
        if frag.borderless or self.last.borderless:
            return False
        if self.last.bottom < stats.body_bottom - 40.0:
            return False
        tails = {(round(c.x0), round(c.x1)): c for c in self.cells if c.row_end == self.n_rows}
        heads = sorted((c for c in frag.cells if c.row == skip), key=lambda c: c.x0)
        if not heads or any((round(c.x0), round(c.x1)) not in tails for c in heads):
            return False
        pairs = [(tails[(round(h.x0), round(h.x1))], h) for h in heads]
        if any(h.lines and not t.lines for t, h in pairs):
            return False  # text starts in a cell that was empty above the break: a new row
        if not any(h.lines for _, h in pairs):
            return True  # nothing but the cut row's padding went over
        bottoms = [t.text_bottom() for t, _ in pairs if t.lines]
        if stats.row_slack is not None and bottoms:
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
            first = _join_lines(cells[0].paragraphs()[0]) if cells else ""
            opens.append(bool(_LIST_MARK.match(first) or _GLYPH_MARK.match(first)))
        if any(a and b for a, b in zip(opens, opens[1:])):
            return True
        return False if sum(opens) >= 2 else None

    def table(self) -> Table:
        xs = _cluster([c.x0 for c in self.cells] + [c.x1 for c in self.cells])
        placed: list[Cell] = []
        for c in sorted(self.cells, key=lambda c: (c.row, c.x0)):
            col, col_end = _index(xs, c.x0), _index(xs, c.x1)
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


# -------------------------------------------------------------------------------------------- the reader


def _open(data: bytes, path: str):
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise CorruptDocumentError(path, "the PDF is truncated or damaged: it has no end-of-file marker (%%EOF)")
    try:
        return pdfplumber.open(BytesIO(data))
    except PdfminerException as exc:
        raise _translate(exc, path) from exc
    except Exception as exc:  # pdfminer raises a variety of parser errors on broken files
        raise CorruptDocumentError(path, f"the PDF cannot be parsed ({type(exc).__name__}: {exc})") from exc


def _translate(exc: Exception, path: str) -> Exception:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return EncryptedDocumentError(path, "the PDF is password-protected; provide an unprotected copy")
    if isinstance(inner, PDFEncryptionError):
        return EncryptedDocumentError(path, f"the PDF is encrypted in a way that cannot be read ({inner})")
    return CorruptDocumentError(path, f"the PDF cannot be parsed ({type(inner).__name__}: {inner})")


def read(path: str | Path, data: bytes | None = None, sha256: str = "", limits=None) -> Document:
    """Read a PDF into the document model. `limits` (a `pipeline.limits.Limits`, default from the environment)
    caps the page count before any page is parsed."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    name = str(path)
    if not data.strip():
        raise EmptyDocumentError(name, "the file is empty (0 bytes of content)")
    pdf = _open(data, name)
    pages: list[_Page] = []
    try:
        try:
            plumber_pages = pdf.pages
        except Exception as exc:
            raise _translate(exc, name) from exc
        if not plumber_pages:
            raise EmptyDocumentError(name, "the PDF has no pages")
        _check_pages(name, len(plumber_pages), limits)
        for page in plumber_pages:
            try:
                pages.append(_read_page(page))
            except Exception as exc:
                raise CorruptDocumentError(
                    name, f"page {page.page_number} cannot be parsed ({type(exc).__name__}: {exc})"
                ) from exc
            finally:
                page.close()
        metadata_title = str(pdf.metadata.get("Title", "") or "")
    finally:
        pdf.close()
    if not any(p.n_chars for p in pages):
        raise NoTextLayerError(
            name, f"scanned PDF: no text layer on any of its {len(pages)} page(s); run OCR first"
        )
    items = _layout(pages)
    blocks = assemble(items)
    from pipeline.readers.common import guess_title

    if _JUNK_TITLE.search(metadata_title.strip()):
        metadata_title = ""
    return Document(
        source_file=path.name,
        sha256=sha256,
        format=Format.PDF,
        title=guess_title(blocks, metadata_title),
        page_count=len(pages),
        blocks=blocks,
    )


def _check_pages(name: str, n: int, limits) -> None:
    from pipeline.exceptions import LimitExceededError
    from pipeline.limits import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    if n > limits.max_pages:
        raise LimitExceededError(name, f"the PDF has {n} pages, over the {limits.max_pages} page limit (ITUPLANS_MAX_PAGES)")


def _layout(pages: list[_Page]) -> list[RawLine | Table]:
    _strip_running_lines(pages)
    pitch_ratio = _pitch_ratio([i for p in pages for i in p.items if isinstance(i, _Line)])
    for p in pages:
        _find_borderless(p, pitch_ratio)
    _attach_vocab(pages)
    # the body's type size, once the tables' text (often smaller) is out of the way
    body_lines = [i for p in pages for i in p.items if isinstance(i, _Line)]
    size_weight: Counter = Counter()
    for l in body_lines:
        size_weight[l.size] += len(l.text)
    body_size = size_weight.most_common(1)[0][0] if size_weight else 10.0
    right_limit = _right_margin(body_lines)
    pitch = _body_pitch(body_lines)
    stats = _table_stats(pages)
    heading_sizes = sorted({l.size for l in body_lines if l.size >= body_size * 1.15}, reverse=True)

    # one stream over all pages, in reading order
    stream: list[_Line | _Frag] = [item for p in pages for item in p.items]

    out: list[RawLine | Table] = []
    joined: _Joined | None = None
    para: list[_Line] = []

    def flush_para() -> None:
        nonlocal para
        if para:
            out.append(_raw_line(para, body_size, heading_sizes))
            para = []

    def flush_table() -> None:
        nonlocal joined
        if joined is not None:
            out.append(joined.table())
            joined = None

    prev: _Line | _Frag | None = None
    for item in stream:
        if isinstance(item, _Frag):
            flush_para()
            if (
                joined is not None
                and prev is joined.last
                and item.page == prev.page + 1
                and item.borderless == prev.borderless
                and _same_columns(prev, item)
            ):
                joined.add(item, stats)
            else:
                flush_table()
                joined = _Joined(item)
        else:
            flush_table()
            if para:
                last = para[-1]
                same_page = last.page == item.page
                if (same_page or item.page == last.page + 1 and prev is last) and not _breaks(
                    last, item, right_limit, pitch.get(item.size), same_page
                ):
                    para.append(item)
                else:
                    flush_para()
                    para = [item]
            else:
                para = [item]
        prev = item
    flush_para()
    flush_table()
    return out


def _attach_vocab(pages: list[_Page]) -> None:
    """Give every table cell the set of words in the document (inner words of lines only: a line's first and
    last words may be parts of a word the layout broke)."""
    vocab: set[str] = set()
    cells: list[_FCell] = []
    for p in pages:
        for item in p.items:
            lines = [item] if isinstance(item, _Line) else [l for c in item.cells for l in c.lines]
            if isinstance(item, _Frag):
                cells.extend(item.cells)
            for line in lines:
                for w in line.words[1:-1]:
                    vocab.add(_vocab_key(w["text"]))
    for c in cells:
        c.vocab = vocab


def _right_margin(lines: list[_Line]) -> float:
    if not lines:
        return 0.0
    xs = sorted(l.x1 for l in lines)
    return xs[int(0.98 * (len(xs) - 1))]


def _body_pitch(lines: list[_Line]) -> dict[float, float]:
    """Per font size, the usual distance between the tops of two lines of one paragraph."""
    steps: dict[float, list[float]] = defaultdict(list)
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.size == b.size and b.top > a.top:
            steps[a.size].append(round(b.top - a.top, 1))
    out = {}
    for size, s in steps.items():
        common = Counter(s).most_common()
        # the smallest frequent step is the line pitch; larger ones include paragraph spacing
        frequent = [v for v, n in common if n >= max(2, 0.1 * len(s))] or [min(s)]
        # a size used only for one-line paragraphs (headings) has no line pitch of its own
        out[size] = min(min(frequent), 1.4 * size)
    return out


def _pitch_ratio(lines: list[_Line]) -> float | None:
    """Line pitch over type size for the most used size (lines of one paragraph, table or not)."""
    weight: Counter = Counter()
    for l in lines:
        weight[l.size] += len(l.text)
    pitch = _body_pitch(lines)
    for size, _ in weight.most_common():
        if size in pitch and size > 0:
            return pitch[size] / size
    return None


def _raw_line(lines: list[_Line], body_size: float, heading_sizes: list[float]) -> RawLine:
    text = _join_lines(lines)
    first = lines[0]
    level = None
    if first.size in heading_sizes and len(text) <= 200:
        number, rest = split_number(normalize_space(text))
        if not (number and not rest):
            level = heading_sizes.index(first.size) + 1
    x0 = min(l.x0 for l in lines)
    x1 = max(l.x1 for l in lines)
    bbox = (round(x0, 2), round(lines[0].top, 2), round(x1, 2), round(lines[-1].bottom, 2))
    if any(l.page != first.page for l in lines):
        bbox = (round(x0, 2), round(first.top, 2), round(x1, 2), round(max(l.bottom for l in lines if l.page == first.page), 2))
    return RawLine(text, level, Provenance(page=first.page, bbox=bbox))
