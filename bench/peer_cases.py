"""The peers' table test suites, read where they are: `cases.json` and each suite's own expected-table files.

`/work/shared/peers` (or `$ITUPLANS_PEERS`) holds the files, `cases.json` (one case per file: its format, its
suite, its expected tables' file and kind, the suite's convention for merged cells) and `SOURCES.md` (where each
file comes from, licences). Nothing is copied into the project.

Each kind of expected-table file has its reader here: ICDAR 2013 structure XML (cells with row and column ranges,
regions of one table on several pages), docling's JSON (table cells with offsets), tabula-java's JSON and CSV,
tables written inline in `cases.json`, camelot's `tests/data.py` (read with `ast`, never run) and pandoc's `native`
output (a small reader of Haskell's `show` syntax). Every table becomes a grid of texts: a merged cell's text in its
top-left position, the positions it covers blank (or, for the "repeat_v" convention, repeated down its rows).
"""

from __future__ import annotations

import ast
import csv
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

PEERS = Path(os.environ.get("ITUPLANS_PEERS", "/work/shared/peers"))

Grid = list[list[str]]


# ------------------------------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    id: str
    format: str
    suite: str
    file: Path
    convention: str
    expected: tuple  # of grids
    note: str = ""
    area: bool = False  # the expected table is a region of the page (tabula's area, camelot's table_regions)


def load_cases(root: Path = PEERS) -> list[Case]:
    """Every case of `cases.json`, with its expected tables parsed from the suite's own files."""
    raw = json.loads((root / "cases.json").read_text(encoding="utf-8"))
    out = []
    for c in raw:
        ref = c["ref"]
        tables = _PARSERS[ref["kind"]](root, ref)
        suite = c["group"]
        if suite == "icdar2013-pdf":
            suite = "icdar2013-eu-pdf" if "/eu-" in c["id"] else "icdar2013-us-pdf"
        note = c.get("note", "")
        out.append(Case(c["id"], c["format"], suite, root / c["file"], c.get("convention", "blank"),
                        tuple(t for t in tables if any(any(x.strip() for x in row) for row in t)), note,
                        bool(ref.get("area")) or "part of the page" in note))
    return out


def place(cells: Iterable[tuple[int, int, int, int, str]], repeat_v: bool = False) -> Grid:
    """A grid from (row, col, row_span, col_span, text) cells: text top-left, covered positions blank."""
    cells = list(cells)
    if not cells:
        return []
    n_rows = max(r + rs for r, _, rs, _, _ in cells)
    n_cols = max(c + cs for _, c, _, cs, _ in cells)
    grid = [[""] * n_cols for _ in range(n_rows)]
    for r, c, rs, cs, text in cells:
        grid[r][c] = text
        if repeat_v:
            for k in range(r + 1, r + rs):
                grid[k][c] = text
    return grid


def _icdar(root: Path, ref: dict) -> list[Grid]:
    tree = ET.parse(root / ref["path"])
    out = []
    for table in tree.getroot().iter("table"):
        cells = []
        for region in table.iter("region"):
            dr, dc = int(region.get("row-increment", 0)), int(region.get("col-increment", 0))
            for cell in region.iter("cell"):
                r0, c0 = int(cell.get("start-row")), int(cell.get("start-col"))
                r1, c1 = int(cell.get("end-row", r0)), int(cell.get("end-col", c0))
                text = cell.findtext("content") or ""
                cells.append((r0 + dr, c0 + dc, r1 - r0 + 1, c1 - c0 + 1, text))
        out.append(place(cells))
    return out


def _docling(root: Path, ref: dict) -> list[Grid]:
    doc = json.loads((root / ref["path"]).read_text(encoding="utf-8"))
    out = []
    for t in doc.get("tables", []):
        cells = [
            (c["start_row_offset_idx"], c["start_col_offset_idx"], c["end_row_offset_idx"] - c["start_row_offset_idx"],
             c["end_col_offset_idx"] - c["start_col_offset_idx"], c.get("text", ""))
            for c in t["data"]["table_cells"]
        ]
        out.append(place(cells))
    return out


def _tabula_json(root: Path, ref: dict) -> list[Grid]:
    doc = json.loads((root / ref["path"]).read_text(encoding="utf-8"))
    return [[[c.get("text", "") for c in row] for row in t["data"]] for t in doc]


def _tabula_csv(root: Path, ref: dict) -> list[Grid]:
    with open(root / ref["path"], newline="", encoding="utf-8") as fh:
        return [[row for row in csv.reader(fh)]]


def _inline(root: Path, ref: dict) -> list[Grid]:
    return [[list(row) for row in t] for t in ref["tables"]]


def _camelot(root: Path, ref: dict) -> list[Grid]:
    """The named lists of camelot's `tests/data.py`, read without running it: literals, slices of a list defined
    before (`data_stream = data_hybrid[1:]`) and copies (`list(x)`); a later definition replaces an earlier one."""
    module = ast.parse((root / ref["path"]).read_text(encoding="utf-8"))
    env: dict[str, list] = {}

    def value(node):
        if isinstance(node, ast.Name):
            return env[node.id]
        if isinstance(node, ast.Subscript):
            base, s = value(node.value), node.slice
            if isinstance(s, ast.Slice):
                lo = ast.literal_eval(s.lower) if s.lower else None
                hi = ast.literal_eval(s.upper) if s.upper else None
                return base[lo:hi]
            return base[ast.literal_eval(s)]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "list":
            return list(value(node.args[0]))
        return ast.literal_eval(node)

    for stmt in module.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            try:
                env[stmt.targets[0].id] = value(stmt.value)
            except (ValueError, KeyError, TypeError, SyntaxError):
                continue
    return [[[str(x) for x in row] for row in env[name]] for name in ref["vars"]]


def _pandoc(root: Path, ref: dict) -> list[Grid]:
    return [grid for grid in _native_tables(_parse_native((root / ref["path"]).read_text(encoding="utf-8")))]


_PARSERS: dict[str, Callable[[Path, dict], list[Grid]]] = {
    "icdar_str": _icdar,
    "docling_json": _docling,
    "tabula_json": _tabula_json,
    "tabula_csv": _tabula_csv,
    "inline": _inline,
    "camelot_data": _camelot,
    "pandoc_native": _pandoc,
}


# ------------------------------------------------------------------------------ pandoc's native (Haskell show) AST

_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?(?:e-?\d+)?)|(?P<name>[A-Za-z_][\w\']*)'
                    r'|(?P<punct>[\[\](),]))', re.S)


def _unescape(s: str) -> str:
    def rep(m: re.Match) -> str:
        e = m.group(1)
        if e == "&":
            return ""
        if e.isdigit():
            return chr(int(e))
        return {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'"}.get(e, e)

    return re.sub(r"\\(\d+|&|.)", rep, s[1:-1])


def _parse_native(text: str):
    """Pandoc's `native` output as nested Python values: a constructor with arguments is (name, [args])."""
    tokens = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ValueError(f"pandoc native: cannot read at {pos}: {text[pos:pos + 30]!r}")
        pos = m.end()
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
    i = 0

    def atom():
        nonlocal i
        kind, tok = tokens[i]
        i += 1
        if kind == "str":
            return _unescape(tok)
        if kind == "num":
            return float(tok) if "." in tok or "e" in tok else int(tok)
        if kind == "name":
            return (tok, [])
        if tok == "[":
            items = []
            while tokens[i][1] != "]":
                items.append(expr())
                if tokens[i][1] == ",":
                    i += 1
            i += 1
            return items
        if tok == "(":
            items = []
            while tokens[i][1] != ")":
                items.append(expr())
                if tokens[i][1] == ",":
                    i += 1
            i += 1
            return items[0] if len(items) == 1 else tuple(items)
        raise ValueError(f"pandoc native: unexpected {tok!r}")

    def expr():
        nonlocal i
        kind, tok = tokens[i]
        if kind == "name":
            i += 1
            args = []
            while i < len(tokens) and tokens[i][1] not in (",", "]", ")"):
                args.append(atom())
            return (tok, args)
        return atom()

    return expr()


def _inlines(items) -> str:
    out = []
    for it in items:
        if not isinstance(it, tuple) or len(it) != 2 or not isinstance(it[1], list):
            continue
        name, args = it
        if name == "Str":
            out.append(args[0])
        elif name in ("Space", "SoftBreak"):
            out.append(" ")
        elif name == "LineBreak":
            out.append("\n")
        elif name in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            out.append(_inlines(args[0]))
        elif name in ("Span", "Link", "Image"):
            out.append(_inlines(args[1]))
        elif name == "Quoted":
            out.append('"' + _inlines(args[1]) + '"')
        elif name in ("Code", "Math", "RawInline"):
            out.append(args[1])
        elif name == "Cite":
            out.append(_inlines(args[1]))
    return "".join(out)


def _blocks(items) -> list[str]:
    """The paragraphs of a list of blocks (list items one paragraph each, markers left out)."""
    out: list[str] = []
    for it in items:
        if not isinstance(it, tuple):
            continue
        name, args = it
        if name in ("Plain", "Para", "Header"):
            out.append(_inlines(args[-1]))
        elif name == "BulletList":
            for item in args[0]:
                out += _blocks(item)
        elif name == "OrderedList":
            for item in args[1]:
                out += _blocks(item)
        elif name in ("Div", "BlockQuote"):
            out += _blocks(args[-1])
        elif name == "LineBlock":
            out += [_inlines(line) for line in args[0]]
        elif name == "CodeBlock":
            out.append(args[1])
    return out


def _native_tables(node) -> Iterable[Grid]:
    if isinstance(node, list):
        for x in node:
            yield from _native_tables(x)
    elif isinstance(node, tuple) and len(node) == 2 and isinstance(node[0], str) and isinstance(node[1], list):
        name, args = node
        if name == "Table":
            head, bodies, foot = args[3], args[4], args[5]
            rows = list(head[1][1])
            for body in bodies:
                rows += body[1][2] + body[1][3]
            rows += foot[1][1]
            yield _rows_to_grid(rows)
        else:
            for a in args:
                yield from _native_tables(a)
    elif isinstance(node, tuple):
        for x in node:
            yield from _native_tables(x)


def _rows_to_grid(rows) -> Grid:
    taken: set[tuple[int, int]] = set()
    cells = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row[1][1]:
            _, (attr, align, rowspan, colspan, blocks) = cell
            while (r, c) in taken:
                c += 1
            rs, cs = rowspan[1][0], colspan[1][0]
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            cells.append((r, c, rs, cs, "\n".join(_blocks(blocks))))
            c += cs
    return place(cells)
