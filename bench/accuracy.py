"""Raw-table extractors side by side, and the cell-level accuracy of the tables they return against the gold.

Used by the raw-tables section of the benchmark (`bench/raw_tables.py`); also runnable alone:

    .venv/bin/python bench/accuracy.py [--samples DIR] [--tools ours,pdfplumber,camelot-lattice,...] [STEM ...]

Every tool gets the same question: for each gold cell, is the value in the right row and column of *some*
table the tool returned?  A table is a grid of strings (a merged cell's text sits in its top-left position, as
camelot and pdfplumber return it).  Nothing of our extractors is used: the tables are read as a person would.

work_months (gold: output, unit, period, value) - a number cell counts for the gold cell when
  * its value equals the gold value (commas / apostrophes / spaces as thousands separators allowed),
  * the nearest cell *above it in the same column* that looks like a period (`2007`, `2009-2011`, `2009-11`)
    is the gold period,
  * the row's label (the leftmost non-empty cell to its left) is the gold unit, and
  * the gold output names the table: some cell in a row above it is, or starts with, the output name.
output_objective_links (gold: output, objective number) - an `x` cell counts when the nearest cell above it
  in its column that starts `Objective N` has the gold number and the row label is the gold output.
Texts are compared after NFKC, quote/dash folding and case folding, with all whitespace and hyphens removed
(so `WTSA Regional Consul-\\ntation` matches `WTSA Regional Consultation`).  Gold rows are a multiset: a gold
cell is found at most as many times as there are distinct matching table cells.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
import warnings
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STEMS = ["strategic-plan-2008-2011", "gs-operational-plan-2008-2011"]
Grid = list[list[str]]

# ---------------------------------------------------------------------------------------------------------
# Normalization

_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-",
                            "\u2010": "-", "\u00a0": " "})
_PERIOD = re.compile(r"^((?:19|20)\d\d)(?:-((?:19|20)?\d\d))?$")
_OBJECTIVE = re.compile(r"^objective\s*(\d+)\b")


def _base(text) -> str:
    if text is None:
        return ""
    text = str(text)
    if text.lower() == "nan":
        return ""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()


def norm(text) -> str:
    """Whitespace-, hyphen- and case-insensitive form of a label."""
    return re.sub(r"[\s\-]+", "", _base(text)).strip(".;:,")


def norm_period(text) -> str | None:
    m = _PERIOD.match(re.sub(r"\s+", "", _base(text)))
    if not m:
        return None
    start, end = m.group(1), m.group(2)
    if end is None:
        return start
    if len(end) == 2:
        end = start[:2] + end
    return f"{start}-{end}"


def number(text) -> float | None:
    t = re.sub(r"[\s,'’]", "", _base(text))
    if not t or not re.fullmatch(r"-?\d+(\.\d+)?", t):
        return None
    return round(float(t), 6)


def objective_number(text) -> int | None:
    m = _OBJECTIVE.match(re.sub(r"\s+", " ", _base(text)).strip())
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------------------------------------------------
# Candidate cells of a grid


def _label(row: list[str], c: int) -> str:
    for k in range(min(c, len(row))):
        if str(row[k] or "").strip():
            return norm(row[k])
    return ""


def _above(grid: Grid, r: int, c: int, parse: Callable):
    for k in range(r - 1, -1, -1):
        if c < len(grid[k]):
            v = parse(grid[k][c])
            if v is not None:
                return v
    return None


def work_month_cells(grid: Grid) -> list[tuple[str, str, float, frozenset[str]]]:
    """(unit label, period, value, anchors: normalized texts of all cells above) for every number cell."""
    out = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            v = number(text)
            if v is None or c == 0:
                continue
            period = _above(grid, r, c, norm_period)
            if period is None:
                continue
            label = _label(row, c)
            if not label:
                continue
            anchors = frozenset(norm(x) for k in range(r) for x in grid[k] if str(x or "").strip())
            out.append((label, period, v, anchors))
    return out


def link_cells(grid: Grid) -> list[tuple[str, int]]:
    out = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if c == 0 or norm(text) != "x":
                continue
            num = _above(grid, r, c, objective_number)
            label = _label(row, c)
            if num is None or not label:
                continue
            out.append((label, num))
    return out


# ---------------------------------------------------------------------------------------------------------
# Gold


def gold_cells(stem: str, gold_dir: Path = ROOT / "gold") -> tuple[Counter, Counter]:
    import pandas as pd

    wm, links = Counter(), Counter()
    p = gold_dir / stem / "work_months.csv"
    if p.exists():
        for row in pd.read_csv(p, dtype=str, keep_default_na=False).to_dict("records"):
            wm[(norm(row["output"]), norm(row["unit"]), norm_period(row["period"]), number(row["work_months"]))] += 1
    p = gold_dir / stem / "output_objective_links.csv"
    if p.exists():
        for row in pd.read_csv(p, dtype=str, keep_default_na=False).to_dict("records"):
            links[(norm(row["output"]), int(row["objective_number"]))] += 1
    return wm, links


def score(grids: Iterable[Grid], gold_wm: Counter, gold_links: Counter) -> dict[str, int]:
    grids = list(grids)
    wm_cands = [cell for g in grids for cell in work_month_cells(g)]
    link_cands = Counter(cell for g in grids for cell in link_cells(g))
    by_key: dict[tuple, list[frozenset]] = {}
    for label, period, v, anchors in wm_cands:
        by_key.setdefault((label, period, v), []).append(anchors)
    wm_found = wm_loose = 0
    for (output, unit, period, v), n in gold_wm.items():
        cands = by_key.get((unit, period, v), [])
        wm_loose += min(n, len(cands))
        named = sum(1 for anchors in cands if any(a == output or a.startswith(output) for a in anchors))
        wm_found += min(n, named)
    links_found = sum(min(n, link_cands.get(k, 0)) for k, n in gold_links.items())
    return {"tables": len(grids), "wm_gold": sum(gold_wm.values()), "wm_found": wm_found, "wm_loose": wm_loose,
            "links_gold": sum(gold_links.values()), "links_found": links_found}


# ---------------------------------------------------------------------------------------------------------
# The tools: each returns the grids of every table it finds in one file


def _clean(grid) -> Grid:
    return [["" if x is None or (isinstance(x, float) and x != x) else str(x) for x in row] for row in grid]


def ours(path: Path) -> list[Grid]:
    from pipeline.readers import read_document

    doc = read_document(path)
    grids = []
    for t in doc.tables:
        g = [[""] * t.n_cols for _ in range(t.n_rows)]
        for cell in t.cells:
            g[cell.row][cell.col] = cell.text
        grids.append(g)
    return grids


def pdfplumber_default(path: Path) -> list[Grid]:
    import pdfplumber

    grids = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            grids.extend(_clean(t) for t in page.extract_tables())
            page.close()
    return grids


def _camelot(path: Path, flavor: str) -> list[Grid]:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(str(path), pages="all", flavor=flavor)
    return [_clean(t.df.values.tolist()) for t in tables]


def camelot_lattice(path: Path) -> list[Grid]:
    return _camelot(path, "lattice")


def camelot_stream(path: Path) -> list[Grid]:
    return _camelot(path, "stream")


def tabula_default(path: Path) -> list[Grid]:
    import tabula

    dfs = tabula.read_pdf(str(path), pages="all", multiple_tables=True, silent=True,
                          pandas_options={"header": None, "dtype": str})
    return [_clean(df.values.tolist()) for df in dfs]


TOOLS: dict[str, Callable[[Path], list[Grid]]] = {
    "ours": ours,
    "pdfplumber": pdfplumber_default,
    "camelot-lattice": camelot_lattice,
    "camelot-stream": camelot_stream,
    "tabula": tabula_default,
}
LABELS = {
    "ours": "ours: pipeline.readers.read_document (model tables)",
    "pdfplumber": "pdfplumber `page.extract_tables()` (defaults)",
    "camelot-lattice": "camelot `read_pdf(flavor='lattice')`",
    "camelot-stream": "camelot `read_pdf(flavor='stream')`",
    "tabula": "tabula-py `read_pdf(pages='all', multiple_tables=True)` (defaults: guess=True)",
}


def warm_up(tool: str, samples: Path, full: bool = True) -> tuple[float, str | None]:
    """Import the tool and run it once (page 1 of the first sample; tabula: all of it) so the timings that follow
    exclude import / JVM start-up.  Returns (seconds, error or None)."""
    path = samples / f"{STEMS[0]}.pdf"
    t0 = time.perf_counter()
    try:
        if tool == "tabula" and not full:
            pass  # --quick: the JVM start is left in tabula's first timing
        elif tool == "tabula":
            import tabula

            # the whole file: the JVM's JIT keeps speeding tabula up over the first pages
            tabula.read_pdf(str(path), pages="all", silent=True, pandas_options={"header": None, "dtype": str})
        elif tool.startswith("camelot"):
            import camelot

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                camelot.read_pdf(str(path), pages="1", flavor=tool.split("-")[1])
        elif tool == "pdfplumber":
            import pdfplumber

            with pdfplumber.open(path) as pdf:
                pdf.pages[0].extract_tables()
        else:
            from pipeline.readers import read_document  # noqa: F401
    except Exception as exc:  # recorded, not hidden: RESULTS.md says why a tool has no numbers
        return time.perf_counter() - t0, f"{type(exc).__name__}: {exc}"
    return time.perf_counter() - t0, None


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def compare(samples: Path, stems: list[str], tools: list[str], ext: str = "pdf", full_warm_up: bool = True) -> list[dict]:
    """One row per (tool, sample): seconds, pages, the score dict, or the error that stopped the tool."""
    rows = []
    for tool in tools:
        warm_s, err = warm_up(tool, samples, full_warm_up) if ext == "pdf" else (0.0, None)
        for stem in stems:
            path = samples / f"{stem}.{ext}"
            pdf = samples / f"{stem}.pdf"
            row = {"tool": tool, "format": ext, "sample": stem, "pages": page_count(pdf), "warm_up_s": warm_s}
            if err is not None:
                row["error"] = err
                rows.append(row)
                continue
            gold_wm, gold_links = gold_cells(stem)
            t0 = time.perf_counter()
            try:
                grids = TOOLS[tool](path)
            except Exception as exc:
                row["error"] = f"{type(exc).__name__}: {exc}"[:300]
                rows.append(row)
                continue
            row["seconds"] = time.perf_counter() - t0
            row.update(score(grids, gold_wm, gold_links))
            rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stems", nargs="*", default=STEMS)
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--tools", default=",".join(TOOLS))
    args = ap.parse_args(argv)
    rows = compare(args.samples, args.stems, args.tools.split(","))
    for r in rows:
        if "error" in r:
            print(f"{r['tool']:<16} {r['sample']:<32} ERROR {r['error']}")
            continue
        print(f"{r['tool']:<16} {r['sample']:<32} {r['seconds']:7.2f}s {1000 * r['seconds'] / r['pages']:7.1f} ms/page  "
              f"tables {r['tables']:3d}  work months {r['wm_found']}/{r['wm_gold']} (loose {r['wm_loose']})  "
              f"links {r['links_found']}/{r['links_gold']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
