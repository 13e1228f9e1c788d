"""The readers on other projects' table test suites: cell F1 of each expected table against the best-matching table.

The suites live outside the project, in `/work/shared/peers` (or `$ITUPLANS_PEERS`): the files, `cases.json` (one
case per file: its expected tables and where they come from) and `SOURCES.md` (licences, commits). Nothing of them
is copied here; this module reads them where they are.

The metric, per expected table:
* both tables become grids of cell texts. A merged cell's text stands in its top-left position and the positions it
  covers are blank (the suites' "blank" convention); for a suite whose convention is "repeat_v" (camelot's
  `copy_text='v'`) the text of a cell merged over rows is repeated in each row it covers;
* texts are normalized before comparing: Unicode NFKC, quotes and dashes folded to ASCII, soft hyphens dropped,
  whitespace runs collapsed to one space, and a list marker opening a line (bullet glyph, check box, dash, `1.`,
  `a)`) dropped. An expected formula in LaTeX (`$x=\\frac{a}{b}$`) matches the same formula written as text
  (`x=a/b`, Word's linear format): both are compared as their characters without spaces, braces and parentheses,
  the LaTeX commands as the characters they print;
* columns are aligned first (monotone, maximizing the shared cell texts of the paired columns), then rows (monotone,
  maximizing the equal cells under that column pairing); a true positive is a non-empty expected cell whose aligned
  predicted cell has the same text. Precision is over the predicted table's non-empty cells, recall over the
  expected table's; F1 is their harmonic mean;
* the expected table is scored against each table the reader gives for the file and keeps the best F1 (0 when the
  reader gives no table or fails);
* a suite's score is the macro mean of its tables' F1 (x 100); a format's score the macro mean over all its tables.

Suites: the `group` of `cases.json`, with the ICDAR 2013 documents split into EU and US (their layouts differ
much: the US documents are government statistics with single-spaced rule-less rows). The docling ML suite's
expected tables are a model's output, not hand-checked; it is reported but left out of the PDF score.

`python -m bench.peers [--format pdf|docx] [--case ID] [--tools reader,pdfplumber,camelot-lattice,...] [--json]`
prints per-case and per-suite scores; `score_cases()` returns the per-case scores for other code (the benchmark
report, the tests' floors).
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

PEERS = Path(os.environ.get("ITUPLANS_PEERS", "/work/shared/peers"))
EXCLUDED_FROM_FORMAT = {"docling-ml-pdf"}  # model output, not ground truth

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
        out.append(Case(c["id"], c["format"], suite, root / c["file"], c.get("convention", "blank"),
                        tuple(t for t in tables if any(any(x.strip() for x in row) for row in t)), c.get("note", "")))
    return out


def _place(cells: Iterable[tuple[int, int, int, int, str]], repeat_v: bool = False) -> Grid:
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
        out.append(_place(cells))
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
        out.append(_place(cells))
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
    return _place(cells)


# ------------------------------------------------------------------------------------------------ metric

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-", "−": "-",
                       "\u00ad": None, "\u200b": None})
_LIST_MARKER = re.compile(r"^(?:[•·▪‣◦●○■□►☐☑☒\-*]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_MATH = re.compile(r"\$([^$]+)\$")
_LATEX_SYMBOLS = {"pm": "±", "mp": "∓", "times": "×", "cdot": "·", "div": "÷", "leq": "≤", "le": "≤", "geq": "≥",
                  "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "infty": "∞", "sum": "∑", "prod": "∏",
                  "int": "∫", "sqrt": "√", "partial": "∂", "to": "→", "rightarrow": "→", "ldots": "…", "dots": "…"}


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_FOLD)
    lines = [_LIST_MARKER.sub("", re.sub(r"\s+", " ", line).strip()) for line in text.splitlines()]
    return " ".join(line for line in lines if line)


def _latex(s: str) -> str:
    """A LaTeX formula with its commands as the characters they print, fractions as `(num)/(den)`."""
    out, i = [], 0
    while i < len(s):
        if s.startswith("\\frac", i):
            i += 5
            parts = []
            for _ in range(2):
                while i < len(s) and s[i] == " ":
                    i += 1
                depth, j = 0, i
                while j < len(s):
                    depth += {"{": 1, "}": -1}.get(s[j], 0)
                    j += 1
                    if depth == 0:
                        break
                parts.append(_latex(s[i:j]))
                i = j
            out.append(f"({parts[0]})/({parts[1]})")
        elif s[i] == "\\":
            m = re.match(r"\\([A-Za-z]+)", s[i:])
            name = m.group(1) if m else s[i + 1:i + 2]
            i += 1 + len(name)
            if name in ("left", "right", "mathrm", "text", "operatorname"):
                continue
            symbol = _LATEX_SYMBOLS.get(name)
            if symbol is None:
                try:
                    symbol = unicodedata.lookup(f"GREEK {'CAPITAL' if name[:1].isupper() else 'SMALL'} LETTER {name.upper()}")
                except KeyError:
                    symbol = name
            out.append(symbol)
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def _math_key(text: str) -> str:
    """What two renderings of one formula share: its characters without spaces and grouping."""
    return re.sub(r"[\s{}()]", "", unicodedata.normalize("NFKC", text).translate(_FOLD))


def _same(expected_raw: str, expected: str, got_raw: str, got: str) -> bool:
    """Equal normalized texts; an expected formula in LaTeX (`$...$`) matches the same formula as text."""
    if expected == got:
        return bool(expected)
    if "$" in expected_raw and _MATH.search(expected_raw):
        return _math_key(_MATH.sub(lambda m: _latex(m.group(1)), expected_raw)) == _math_key(got_raw)
    return False


def table_grid(table, convention: str = "blank") -> Grid:
    """A `pipeline.model.Table` as a grid of texts under a suite's convention for merged cells."""
    cells = [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells]
    return _place(cells, repeat_v=convention == "repeat_v")


def _align(a: list, b: list, sim: Callable[[int, int], float]) -> tuple[float, list[tuple[int, int]]]:
    """Monotone pairing of indices of `a` and `b` maximizing the summed similarity (an LCS with weights)."""
    n, m = len(a), len(b)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + sim(i, j))
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        s = sim(i, j)
        if s > 0 and best[i][j] == best[i + 1][j + 1] + s:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return best[0][0], pairs


@dataclass(frozen=True)
class Match:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match(expected: Grid, got: Grid) -> Match:
    """Cell precision and recall of `got` against `expected` (see the module docstring)."""
    e_raw, g_raw = [list(row) for row in expected], [list(row) for row in got]
    e = [[normalize(x) for x in row] for row in expected]
    g = [[normalize(x) for x in row] for row in got]
    n_e = sum(1 for row in e for x in row if x)
    n_g = sum(1 for row in g for x in row if x)
    if not n_e or not n_g:
        return Match(0.0, 0.0)
    e_cols = list(zip(*[row + [""] * (max(map(len, e)) - len(row)) for row in e]))
    g_cols = list(zip(*[row + [""] * (max(map(len, g)) - len(row)) for row in g]))
    from collections import Counter

    ce = [Counter(x for x in col if x) for col in e_cols]
    cg = [Counter(x for x in col if x) for col in g_cols]
    # columns sharing no text still pair up, in order (1e-3: any shared text weighs more)
    _, col_pairs = _align(ce, cg, lambda i, j: sum((ce[i] & cg[j]).values()) + 1e-3)

    def row_sim(i: int, j: int) -> float:
        return sum(1 for ci, cj in col_pairs
                   if ci < len(e[i]) and cj < len(g[j]) and _same(e_raw[i][ci], e[i][ci], g_raw[j][cj], g[j][cj]))

    tp, _ = _align(e, g, row_sim)
    return Match(tp / n_g, tp / n_e)


# ---------------------------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class TableScore:
    case: str
    suite: str
    format: str
    table: int  # index of the expected table in the case
    tool: str
    precision: float
    recall: float
    f1: float
    best: int | None  # index of the best-matching table the tool gave, None when it gave none
    error: str = ""


@dataclass
class ToolRun:
    tables: list[Grid] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0


def _reader(case: Case) -> list[Grid]:
    from pipeline.readers import read_document

    return [table_grid(t, case.convention) for t in read_document(case.file).tables]


def _pdfplumber(case: Case) -> list[Grid]:
    import pdfplumber

    out = []
    with pdfplumber.open(case.file) as pdf:
        for page in pdf.pages:
            out += [[[x or "" for x in row] for row in t] for t in page.extract_tables()]
    return out


def _camelot_flavor(flavor: str) -> Callable[[Case], list[Grid]]:
    def run(case: Case) -> list[Grid]:
        import camelot

        tables = camelot.read_pdf(str(case.file), pages="all", flavor=flavor)
        return [t.df.astype(str).values.tolist() for t in tables]

    return run


def _tabula_py(case: Case) -> list[Grid]:
    import tabula

    frames = tabula.read_pdf(str(case.file), pages="all", multiple_tables=True, pandas_options={"header": None})
    return [f.fillna("").astype(str).values.tolist() for f in frames]


TOOLS: dict[str, tuple[Callable[[Case], list[Grid]], tuple[str, ...]]] = {
    "reader": (_reader, ("pdf", "docx")),
    "pdfplumber": (_pdfplumber, ("pdf",)),
    "camelot-lattice": (_camelot_flavor("lattice"), ("pdf",)),
    "camelot-stream": (_camelot_flavor("stream"), ("pdf",)),
    "tabula-py": (_tabula_py, ("pdf",)),
}


def run_tool(tool: str, case: Case) -> ToolRun:
    fn, _ = TOOLS[tool]
    t0 = time.perf_counter()
    try:
        tables = fn(case)
    except ImportError as exc:
        return ToolRun(error=f"not installed ({exc.name})")
    except Exception as exc:  # a tool failing on a file is a result, not a crash of the benchmark
        return ToolRun(error=f"{type(exc).__name__}: {exc}"[:200], seconds=time.perf_counter() - t0)
    return ToolRun(tables, seconds=time.perf_counter() - t0)


def score_case(case: Case, tool: str = "reader", run: ToolRun | None = None) -> list[TableScore]:
    """One score per expected table of the case: against the tool's best-matching table."""
    run = run or run_tool(tool, case)
    out = []
    for k, exp in enumerate(case.expected):
        best, best_m = None, Match(0.0, 0.0)
        for j, got in enumerate(run.tables):
            m = match(exp, got)
            if best is None or m.f1 > best_m.f1:
                best, best_m = j, m
        out.append(TableScore(case.id, case.suite, case.format, k, tool, best_m.precision, best_m.recall,
                              best_m.f1, best, run.error))
    return out


def score_cases(formats: Iterable[str] = ("pdf", "docx"), tool: str = "reader", case_ids: Iterable[str] = (),
                root: Path = PEERS) -> list[TableScore]:
    """Per expected table, the tool's score, over every case of the given formats (or only the named cases)."""
    wanted = set(case_ids)
    out: list[TableScore] = []
    for case in load_cases(root):
        if case.format not in formats or (wanted and case.id not in wanted):
            continue
        if case.format not in TOOLS[tool][1]:
            continue
        out += score_case(case, tool)
    return out


def macro(scores: list[TableScore]) -> float:
    return 100.0 * sum(s.f1 for s in scores) / len(scores) if scores else float("nan")


def summary(scores: list[TableScore]) -> dict[str, tuple[float, int]]:
    """Macro F1 (x 100) and table count per suite and per format (the format leaving out `EXCLUDED_FROM_FORMAT`)."""
    out: dict[str, tuple[float, int]] = {}
    for suite in sorted({s.suite for s in scores}):
        part = [s for s in scores if s.suite == suite]
        out[suite] = (macro(part), len(part))
    for fmt in sorted({s.format for s in scores}):
        part = [s for s in scores if s.format == fmt and s.suite not in EXCLUDED_FROM_FORMAT]
        out[fmt.upper()] = (macro(part), len(part))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--format", action="append", choices=["pdf", "docx"], help="default: both")
    ap.add_argument("--case", action="append", default=[], help="only this case id (repeatable)")
    ap.add_argument("--tools", default="reader", help=f"comma-separated, of {', '.join(TOOLS)}")
    ap.add_argument("--json", action="store_true", help="print the per-table scores as JSON lines")
    ap.add_argument("--root", type=Path, default=PEERS)
    args = ap.parse_args(argv)
    formats = tuple(args.format or ("pdf", "docx"))
    if not (args.root / "cases.json").is_file():
        print(f"no peer suites at {args.root} (cases.json missing)", file=sys.stderr)
        return 2
    results: dict[str, list[TableScore]] = {}
    for tool in args.tools.split(","):
        results[tool] = score_cases(formats, tool, args.case, args.root)
    if args.json:
        for tool, scores in results.items():
            for s in scores:
                print(json.dumps(s.__dict__))
        return 0
    tools = list(results)
    by_case: dict[tuple[str, int], dict[str, TableScore]] = {}
    for tool, scores in results.items():
        for s in scores:
            by_case.setdefault((s.case, s.table), {})[tool] = s
    print(f"{'case':58} " + " ".join(f"{t:>16}" for t in tools))
    for (case, k), row in by_case.items():
        cells = []
        for t in tools:
            s = row.get(t)
            cells.append(f"{'-':>16}" if s is None else f"{100 * s.f1:6.1f} ({100 * s.precision:3.0f}/{100 * s.recall:3.0f})")
        err = next((s.error for s in row.values() if s.error), "")
        print(f"{case + ' #' + str(k):58} " + " ".join(f"{c:>16}" for c in cells) + (f"  {err}" if err else ""))
    print()
    sums = {t: summary(s) for t, s in results.items()}
    keys = list(dict.fromkeys(k for s in sums.values() for k in s))
    print(f"{'suite (macro cell F1 x 100, tables)':58} " + " ".join(f"{t:>16}" for t in tools))
    for key in keys:
        vals = [sums[t].get(key) for t in tools]
        print(f"{key:58} " + " ".join(f"{'-':>16}" if v is None else f"{v[0]:10.1f} ({v[1]:3d})" for v in vals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
