"""Raw tables against the gold: our reader, camelot, tabula-py, pdfplumber, cell by cell.

Each tool returns the tables it finds in the sample PDFs with its default settings; `bench/accuracy.py` runs the
tools and scores their tables (its docstring has the exact rules). Our other readers (.docx, .txt) answer the
same question for reference (not in --quick).
"""

from __future__ import annotations

from bench import accuracy
from bench.measure import log
from bench.report import fmt_num, pct, table

TITLE = "raw tables vs gold"
COUNTS = ("seconds", "pages", "wm_found", "wm_gold", "links_found", "links_gold")


def measure(cfg, R: dict) -> dict:
    gw = sum(sum(accuracy.gold_cells(s)[0].values()) for s in cfg.stems)
    gl = sum(sum(accuracy.gold_cells(s)[1].values()) for s in cfg.stems)
    rows = []
    for tool in cfg.tools:
        log(f"  {tool}")
        rows += accuracy.compare(cfg.samples, cfg.stems, [tool], full_warm_up=not cfg.quick)
    if not cfg.quick:  # our other readers on the same question, for reference
        for ext in ("docx", "txt"):
            for row in accuracy.compare(cfg.samples, cfg.stems, ["ours"], ext=ext):
                row["tool"] = f"ours ({ext})"
                rows.append(row)
    return {"gold_counts": f"{gw} work-month cells, {gl} matrix links", "compare": rows,
            "compare_totals": totals(rows)}


def totals(rows: list[dict]) -> dict[str, dict]:
    """Per tool over the samples: seconds, pages, cells found and in the gold; the PDF tools first."""
    by: dict[str, dict] = {}
    for c in rows:
        if "error" in c:
            continue
        t = by.setdefault(c["tool"], dict.fromkeys(COUNTS, 0))
        for k in COUNTS:
            t[k] += c[k]
    for t in by.values():
        t["ms_per_page"] = 1000 * t["seconds"] / t["pages"]
        t["all_found"] = t["wm_found"] + t["links_found"]
        t["all_gold"] = t["wm_gold"] + t["links_gold"]
    return {k: v for k, v in sorted(by.items(), key=lambda kv: kv[0].startswith("ours ("))}


def _found(found: int, gold: int) -> str:
    return f"{found}/{gold} ({pct(found, gold)})"


def render(R: dict, n: int) -> list[str]:
    L = [f"## {n}. Raw tables against the gold: our reader, camelot, tabula-py, pdfplumber", "",
         "Each tool returns the tables it finds in the sample PDFs with its default settings; the cell-level "
         "check is `bench/accuracy.py` (its docstring has the exact rules): a gold work-month cell (output, "
         "unit, period, value) is found when that value sits in a table cell whose row label is the unit, whose "
         "nearest period header above in the same column is the period, and whose table names the output above "
         "it; *loose* drops the output condition. A gold matrix link (output, objective) is found when an `x` "
         "sits in the row labelled with the output under the `Objective N` header. Labels compare after "
         "whitespace, hyphen and case folding. Gold: "
         f"{R['gold_counts']}. Time excludes each tool's warm-up (imports, JVM start: the warm-up column, run "
         "on the strategic plan; for tabula the whole file, since the JVM's JIT keeps speeding it up).", ""]
    rows = []
    for c in R["compare"]:
        if "error" in c:
            rows.append([c["tool"], c["format"], c["sample"], c["pages"], "", "", "", f"**not run**: {c['error']}",
                         "", ""])
            continue
        wm = _found(c["wm_found"], c["wm_gold"]) if c["wm_gold"] else "—"
        wml = f"{c['wm_loose']}/{c['wm_gold']}" if c["wm_gold"] else "—"
        ln = _found(c["links_found"], c["links_gold"]) if c["links_gold"] else "—"
        rows.append([c["tool"], c["format"], c["sample"], c["pages"], fmt_num(1000 * c["seconds"] / c["pages"], 1),
                     fmt_num(c["warm_up_s"], 1), c["tables"], wm, wml, ln])
    L += [table(["tool", "format", "sample", "pages", "ms/page", "warm-up s", "tables", "work-month cells",
                 "loose", "matrix links"], rows, "llllrrrrrr"), ""]
    tot = R.get("compare_totals", {})
    if tot:
        rows = [[tool, fmt_num(t["ms_per_page"], 1), _found(t["wm_found"], t["wm_gold"]),
                 _found(t["links_found"], t["links_gold"]), _found(t["all_found"], t["all_gold"])]
                for tool, t in tot.items()]
        L += ["Totals over the PDF samples:", "",
              table(["tool", "ms/page", "work-month cells", "matrix links", "all gold cells"], rows), ""]
    L += [f"Legend: {'; '.join(f'`{k}` = {v}' for k, v in accuracy.LABELS.items())}.", ""]
    if R.get("compare_notes"):
        L += [f"- {n}" for n in R["compare_notes"]] + [""]
    return L


def headline(R: dict) -> list[str]:
    tot = R.get("compare_totals", {})
    if "ours" not in tot:
        return []
    o = tot["ours"]
    out = []
    for tool, t in tot.items():
        if tool.startswith("ours"):
            continue
        speed = (f"(ours is {t['ms_per_page'] / o['ms_per_page']:.1f}× faster)" if t["ms_per_page"] >= o["ms_per_page"]
                 else f"(ours is {o['ms_per_page'] / t['ms_per_page']:.1f}× slower)")
        out.append(f"our PDF reader vs {tool}: {pct(o['all_found'], o['all_gold'])} vs "
                   f"{pct(t['all_found'], t['all_gold'])} of the gold cells found in the raw tables; "
                   f"{o['ms_per_page']:.0f} vs {t['ms_per_page']:.0f} ms/page {speed}")
    others = [f"{tool[6:-1]} {t['all_found']}/{t['all_gold']}, {t['ms_per_page']:.1f} ms/page"
              for tool, t in tot.items() if tool.startswith("ours (")]
    if others:
        out.append(f"our other readers on the same documents' tables: {'; '.join(others)}")
    return out
