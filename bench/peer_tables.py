"""Other projects' table test suites: cell F1 of each expected table, per suite, for our readers and the tools.

The suites (/work/shared/peers or $ITUPLANS_PEERS) and the metric are `bench/peers.py`'s (its docstring has the
exact rules); this section runs `peers.score_cases` for each tool of the run and reports the macro F1 per
suite and per format, and every table's F1 (folded). --quick: our reader only, on the first case of each suite.
Without bench/peers.py or without the suites, the section is left out and the notes say why.
"""

from __future__ import annotations

import importlib.util
import time
from dataclasses import asdict

from bench.measure import log
from bench.report import table

TITLE = "peer table suites"
# bench/run.py's --tools names -> bench/peers.py's
TOOLS = {"ours": "reader", "pdfplumber": "pdfplumber", "camelot-lattice": "camelot-lattice",
         "camelot-stream": "camelot-stream", "tabula": "tabula-py"}


def measure(cfg, R: dict) -> dict:
    if importlib.util.find_spec("bench.peers") is None:
        return {"notes": ["The peer table suites were not scored: bench/peers.py is not in this checkout."]}
    try:
        return {"peers": score(cfg)}
    except Exception as exc:  # recorded, not hidden: bench/peers.py is another module's, its API may move
        return {"notes": [f"The peer table suites could not be scored: {type(exc).__name__}: {exc}"[:500]]}


def score(cfg) -> dict:
    from bench import peers

    if not (peers.PEERS / "cases.json").is_file():
        raise FileNotFoundError(f"no {peers.PEERS / 'cases.json'}")
    cases = peers.load_cases()
    ids = list({c.suite: c.id for c in reversed(cases)}.values()) if cfg.quick else []
    tools = ["reader"] if cfg.quick else [TOOLS[t] for t in cfg.tools if t in TOOLS]
    out: dict = {"tools": [], "cases": len(ids or cases), "scores": {}, "summary": {}, "seconds": {},
                 "not_run": {}, "excluded": sorted(peers.EXCLUDED_FROM_FORMAT)}
    for tool in tools:
        log(f"  {tool}")
        t0 = time.perf_counter()
        scores = peers.score_cases(tool=tool, case_ids=ids)
        if scores and all(s.error for s in scores):  # not installed, or fails on every file: no scores, the reason
            out["not_run"][tool] = scores[0].error
            continue
        out["tools"].append(tool)
        out["seconds"][tool] = time.perf_counter() - t0
        out["scores"][tool] = [asdict(s) for s in scores]
        out["summary"][tool] = peers.summary(scores)
    return out


def _f1(value) -> str:
    return "—" if value is None else f"{value[0]:.1f} ({value[1]})"


def render(R: dict, n: int) -> list[str]:
    p = R.get("peers")
    if not p:
        return []
    tools = p["tools"]
    keys = list(dict.fromkeys(k for t in tools for k in p["summary"][t]))
    suites = [k for k in keys if not k.isupper()] + [k for k in keys if k.isupper()]  # the formats last
    rows = [[k if not k.isupper() else f"**{k}**", *[_f1(p["summary"][t].get(k)) for t in tools]] for k in suites]
    errors: dict[tuple, set] = {}  # (tool, error) -> the files
    for t in tools:
        for s in p["scores"][t]:
            if s["error"]:
                errors.setdefault((t, s["error"]), set()).add(s["case"])
    L = [f"## {n}. Other projects' table test suites", "",
         f"{p['cases']} files of other projects' table tests (/work/shared/peers: suites, licences and commits in "
         "its SOURCES.md), read by each tool that reads their format; each expected table is scored against the "
         "tool's best-matching table by cell F1 after column then row alignment (`bench/peers.py` has the exact "
         "rules). Macro mean of the tables' F1 × 100 per suite and per format (tables in brackets); a format "
         f"leaves out {', '.join(p['excluded']) or 'nothing'} (a model's output, not hand-checked). Seconds over "
         "all files: " + ", ".join(f"{t} {p['seconds'][t]:.1f}" for t in tools) + ".", "",
         table(["suite", *tools], rows), ""]
    if p.get("not_run"):
        L += ["Not run: " + "; ".join(f"{t} ({e})" for t, e in p["not_run"].items()) + ".", ""]
    if errors:
        L += ["Files a tool could not read: " + "; ".join(
            f"{t}: {e} ({', '.join(sorted(cs)) if len(cs) < 4 else f'{len(cs)} files'})"
            for (t, e), cs in errors.items()) + ".", ""]
    by_table: dict[tuple, dict] = {}
    for t in tools:
        for s in p["scores"][t]:
            by_table.setdefault((s["suite"], s["case"], s["table"]), {})[t] = s
    rows = [[suite, f"{case} #{k}", *[f"{100 * row[t]['f1']:.1f}" if t in row else "—" for t in tools]]
            for (suite, case, k), row in by_table.items()]
    L += ["<details><summary>Every expected table (cell F1 × 100)</summary>", "",
          table(["suite", "case, table", *tools], rows, "ll" + "r" * len(tools)), "", "</details>", ""]
    return L


def headline(R: dict) -> list[str]:
    p = R.get("peers")
    if not p or "reader" not in p["summary"]:
        return []
    ours = p["summary"]["reader"]
    parts = [f"{fmt} {ours[fmt][0]:.1f} ({ours[fmt][1]} tables)" for fmt in ("PDF", "DOCX") if fmt in ours]
    others = [f"{t} {p['summary'][t]['PDF'][0]:.1f}" for t in p["tools"] if t != "reader" and "PDF" in p["summary"][t]]
    return [f"our readers on other projects' table test suites (macro cell F1 × 100): {', '.join(parts)}"
            + (f"; on the same PDF tables: {', '.join(others)}" if others else "")]
