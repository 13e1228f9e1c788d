"""The readers on other projects' table test suites: cell F1 of each expected table against the best-matching table.

The suites live outside the project, in `/work/shared/peers` (or `$ITUPLANS_PEERS`); `bench/peer_cases.py` reads
them where they are (nothing is copied here) and gives each case's expected tables as grids of texts.

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
  reader gives no table or fails). When the expected table is only a region of the page (tabula's `area`, camelot's
  `table_regions`), the table read is cut to the rows from the first to the last one paired with an expected row
  before its precision is counted: a table going on beyond the region is not wrong;
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
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from bench.peer_cases import PEERS, Case, Grid, load_cases, place

__all__ = ["PEERS", "EXCLUDED_FROM_FORMAT", "Case", "load_cases", "match", "normalize", "score_case", "score_cases",
           "summary", "macro", "main", "TableScore", "TOOLS"]

EXCLUDED_FROM_FORMAT = {"docling-ml-pdf"}  # model output, not ground truth

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
    return place(cells, repeat_v=convention == "repeat_v")


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


def match(expected: Grid, got: Grid, crop: bool = False) -> Match:
    """Cell precision and recall of `got` against `expected` (see the module docstring). With `crop` (the expected
    table is a region of the page), precision counts only the rows of `got` from the first to the last row paired
    with an expected row."""
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

    tp, row_pairs = _align(e, g, row_sim)
    if crop and row_pairs:
        lo, hi = row_pairs[0][1], row_pairs[-1][1]
        n_g = sum(1 for row in g[lo:hi + 1] for x in row if x)
    return Match(tp / n_g if n_g else 0.0, tp / n_e)


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
            m = match(exp, got, crop=case.area)
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
