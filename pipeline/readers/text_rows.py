"""Row boundaries of a table in a Word text export.

The export writes each cell as a TAB line and ends each row with a blank line, but a cell that ends with an empty
paragraph adds blank lines of its own, so a blank line does not always end a row. Cells with no blank line between
them certainly share a row (a *run*); which runs make up a row is decided here.

1. The table is cut into *sections* at title rows (a lone title or numbered label followed by another short cell,
   such as `PLENIPOTENTIARY CONFERENCE` above `2006-2007 implementation`); a section is as wide as its widest run
   (or wider, when every row of it came apart: see `_rows_of_section`). A lone short text is no title: it may
   complete the short row before it.
2. Within a section the runs are grouped into rows by the cheapest segmentation (dynamic programming): full-width
   rows cost nothing, a cell spanning a row alone costs little when it looks like a title or a numbered label and
   much when it is a bullet list or a long text, and a cell whose kind (bullet list, numbered label, title, text)
   is foreign to its column costs one. Column kinds are learned from the table itself (from a first, greedy
   grouping), so the rule holds for any table layout, not one document's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.model import BULLET_CLASS, normalize_space


@dataclass
class RawCell:
    paragraphs: list[str]
    gap: int  # blank lines before the cell's first line
    line: int

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.paragraphs if p.strip())


Run = list[RawCell]

EMPTY, BULLET, LABEL, TITLE, CODE, TEXT = "empty", "bullet", "label", "title", "code", "text"
# cost of a cell that spans a whole row alone, by kind
_SPAN_COST = {TITLE: 0.1, LABEL: 0.2, TEXT: 1.0, CODE: 2.0, EMPTY: 2.0, BULLET: 3.0}
_LONG_SPAN_COST = 3.0  # a long text spanning a row alone
_FOREIGN_KIND_COST = 1.0  # a cell whose kind its column (almost) never has
_JOINED_TITLES_COST = 1.5  # a row made of several runs that are all title-like
_PARTIAL_RUN_COST = 0.5  # a single run narrower than its section (merged cells)
_PARTIAL_RUN_WITH_EMPTY_COST = 1.5  # ... holding an empty cell: more likely the rest of a row
_PARTIAL_JOINED_COST = 2.0  # several runs that still do not fill the row

_BULLET = re.compile(r"^\s*(?:" + BULLET_CLASS + r"|\(\s*$)")
_LABEL = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[A-Za-z])[.)]?(?:\s|$)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_CODE = re.compile(r"^[A-Z]{1,6}[-./]?\d{1,4}[A-Za-z]?$")  # an activity code: GA001, TLC-09, AP201
_WORD = re.compile(r"\b[^\W\d_]+\b")  # a word of letters only (not the letters of a code)
_SERIES = re.compile(r"^\s*([A-Za-z]+)\s+(\d+)\b")


def title_like(cell: RawCell) -> bool:
    paras = [p for p in cell.paragraphs if p.strip()]
    if not 1 <= len(paras) <= 2 or any(_BULLET.match(p) for p in paras[1:]):
        return False  # a title has no list items below its first line
    text = normalize_space(" ".join(paras))
    words = sum(ch.isalpha() for ch in text) >= 2 or _YEAR.search(text)
    return len(text) <= 120 and bool(words)


def cell_kind(cell: RawCell) -> str:
    paras = [p for p in cell.paragraphs if p.strip()]
    if not paras:
        return EMPTY
    if _BULLET.match(paras[0]):
        return BULLET
    short = title_like(cell)
    text = normalize_space(" ".join(paras))
    if short and _LABEL.match(paras[0]) and len(text.split()) <= 14:
        return LABEL
    if len(paras) == 1 and _CODE.match(text):
        return CODE
    letters = "".join(_WORD.findall(paras[0]))
    if short and (_YEAR.search(text) or (len(letters) >= 2 and letters.isupper())):
        return TITLE
    return TEXT


def _next_in_series(prev: RawCell, cell: RawCell) -> bool:
    """`Goal 5` after `Goal 4`: header cells of one row, however many blank lines stand between them."""
    a, b = _SERIES.match(prev.text), _SERIES.match(cell.text)
    return bool(a and b and a.group(1).lower() == b.group(1).lower() and int(b.group(2)) == int(a.group(2)) + 1)


def runs_of(cells: list[RawCell]) -> list[Run]:
    runs: list[Run] = []
    for c in cells:
        if not runs or (c.gap > 0 and not _next_in_series(runs[-1][-1], c)):
            runs.append([c])
        else:
            runs[-1].append(c)
    return runs


def _widths(runs: list[Run], titles: list[bool]) -> list[int]:
    widths = [0] * len(runs)
    k = 0
    while k < len(runs):
        if titles[k]:
            widths[k] = 1
            k += 1
            continue
        j = k
        while j < len(runs) and not titles[j]:
            j += 1
        width = max(len(r) for r in runs[k:j])
        for m in range(k, j):
            widths[m] = width
        k = j
    return widths


def _sections(runs: list[Run]) -> tuple[list[bool], list[int]]:
    # only a title or a numbered label opens a section: a short text that follows a short run may complete its row
    titles = [
        len(run) == 1 and title_like(run[0]) and cell_kind(run[0]) in (TITLE, LABEL)
        and (k + 1 == len(runs) or title_like(runs[k + 1][0]))
        for k, run in enumerate(runs)
    ]
    return titles, _widths(runs, titles)


def _greedy(runs: list[Run], titles: list[bool], widths: list[int]) -> list[tuple[int, int]]:
    """Rows as (first run, end run): each short row completed from the next runs while they fit."""
    rows: list[list[int]] = []
    width, filled = 0, 0
    for k, run in enumerate(runs):
        if rows and not titles[k]:
            cur = rows[-1]
            lone_title = filled == 1 and title_like(runs[cur[0]][0]) and title_like(run[0])
            if filled < width and filled + len(run) <= width and not lone_title:
                cur[1], filled = k + 1, filled + len(run)
                continue
        rows.append([k, k + 1])
        width, filled = max(widths[k], len(run)), len(run)
    return [(a, b) for a, b in rows]


def _profiles(runs: list[Run], rows: list[tuple[int, int]], widths: list[int]) -> dict[tuple[int, int], Counter]:
    """Kinds of the cells of each column (keyed by section width and column) in full-width rows."""
    out: dict[tuple[int, int], Counter] = {}
    for a, b in rows:
        cells = [c for run in runs[a:b] for c in run]
        if len(cells) != widths[a] or len(cells) < 2:
            continue
        for col, c in enumerate(cells):
            kind = cell_kind(c)
            if kind != EMPTY:
                out.setdefault((len(cells), col), Counter())[kind] += 1
    return out


def _row_cost(runs: list[Run], a: int, b: int, width: int, profiles) -> float:
    cells = [c for run in runs[a:b] for c in run]
    n = len(cells)
    if n == 1 and width > 1:
        kind = cell_kind(cells[0])
        if kind == TEXT and not title_like(cells[0]):
            return _LONG_SPAN_COST
        return _SPAN_COST[kind]
    if n < width:
        if all(not c.text.strip() for c in cells):
            return _SPAN_COST[EMPTY]  # empty cells are the rest of a row, not a row
        if b - a > 1:
            return _PARTIAL_JOINED_COST
        return _PARTIAL_RUN_WITH_EMPTY_COST if any(not c.text.strip() for c in cells) else _PARTIAL_RUN_COST
    cost = 0.0
    kinds = [cell_kind(c) for c in cells]
    for col, kind in enumerate(kinds):
        seen = profiles.get((width, col))
        if kind == EMPTY or not seen or sum(seen.values()) < 3:
            continue
        if seen[kind] / sum(seen.values()) < 0.2:
            cost += _FOREIGN_KIND_COST
    filled = [(k, c) for k, c in zip(kinds, cells) if k != EMPTY]
    if b - a > 1 and len(filled) > 1 and all(k in (TITLE, LABEL) or (k == TEXT and title_like(c)) for k, c in filled):
        cost += _JOINED_TITLES_COST
    return cost


def _segment(runs: list[Run], titles: list[bool], widths: list[int]) -> tuple[float, list[tuple[int, int]]]:
    """The cheapest rows of runs as (cost, [(first run, end run)])."""
    profiles = _profiles(runs, _greedy(runs, titles, widths), widths)
    n = len(runs)
    best = [0.0] + [float("inf")] * n
    back = [0] * (n + 1)
    for a in range(n):
        if best[a] == float("inf"):
            continue
        width = max(widths[a], len(runs[a]))
        filled = 0
        for b in range(a + 1, n + 1):
            if b - a > 1 and (titles[b - 1] or titles[a]):
                break  # a title row stands alone
            filled += len(runs[b - 1])
            if b - a > 1 and filled > width:
                break
            cost = best[a] + _row_cost(runs, a, b, width, profiles)
            if cost < best[b] - 1e-9:
                best[b], back[b] = cost, a
    bounds, b = [], n
    while b > 0:
        bounds.append((back[b], b))
        b = back[b]
    return best[n], list(reversed(bounds))


_WIDER = 2  # how many columns wider than its widest run a section may be


def _spans(cell: RawCell) -> bool:
    """A cell that may span its row alone: a title, or a numbered label however long (`8.` + its text)."""
    return cell_kind(cell) in (TITLE, LABEL) or bool(_LABEL.match(cell.text))


def _rows_of_section(runs: list[Run], width: int, wider: bool = True) -> list[tuple[int, int]]:
    """A section's rows. When every row of a table has a cell ending with an empty paragraph, no run is as wide as
    the table: a wider reading is taken when it leaves no row unexplained (short, and not a title or numbered label
    spanning its row) where the plain one does, and costs no more."""
    flags = [False] * len(runs)

    def short(rows, w):  # rows left short, other than a title or a numbered label spanning its row
        cells = [[c for r in runs[a:b] for c in r] for a, b in rows]
        return sum(1 for row in cells if len(row) < w and not (len(row) == 1 and _spans(row[0])))

    cost, rows = _segment(runs, flags, [width] * len(runs))
    best = (short(rows, width), cost)
    for extra in range(1, _WIDER + 1 if wider else 1):
        c, r = _segment(runs, flags, [width + extra] * len(runs))
        score = (short(r, width + extra), c)
        if score[0] == 0 < best[0] and c <= cost + 1e-9:  # the wider reading explains every short row
            best, rows = score, r
    return rows


def group_rows(cells: list[RawCell], wider: bool = True) -> list[list[RawCell]]:
    """The rows of a table, each a list of its cells left to right (`wider=False`: no section wider than its widest
    run, the reading used to tell whether a table's last row is complete before a heading)."""
    runs = runs_of(cells)
    if not runs:
        return []
    titles, widths = _sections(runs)
    bounds: list[tuple[int, int]] = []
    k = 0
    while k < len(runs):
        if titles[k]:
            bounds.append((k, k + 1))
            k += 1
            continue
        j = k
        while j < len(runs) and not titles[j]:
            j += 1
        bounds += [(k + a, k + b) for a, b in _rows_of_section(runs[k:j], widths[k], wider)]
        k = j
    return [[c for run in runs[a:b] for c in run] for a, b in bounds]
