"""End to end on the samples, with and without Prefect: what the flow costs on top of the work.

Both runs are subprocesses started from scratch (interpreter start-up and imports in both): the bare loop
(`python -m bench.bare`, no Prefect) and `ituplans run FILES --refresh` (threads task runner, Prefect's
ephemeral API on a migrated temporary PREFECT_HOME). Wall time and the peak RSS of the process tree. Then the
same per format (not in --quick).
"""

from __future__ import annotations

import json

from bench.bare import bare_subprocess
from bench.inputs import FORMATS, STEMS, stem_of
from bench.measure import log
from bench.report import fmt_num, rate, table

TITLE = "end to end on the samples"


def measure(cfg, R: dict) -> dict:
    if cfg.quick:  # the smallest run that still goes through every stage
        files = [cfg.samples / f"{s}.txt" for s in STEMS]
    else:
        files = [cfg.samples / f"{s}.{fmt}" for fmt in FORMATS for s in STEMS]
    e = {"files": [f.name for f in files], "pages": sum(cfg.pages(stem_of(f)) for f in files)}
    res = bare_subprocess(files, cfg.work / "e2e-bare", cfg.samples)
    e["bare"] = {k: res[k] for k in ("wall", "peak_tree_mib", "peak_single_mib")}
    e["bare"]["inner"] = res["result"]["inner"]
    try:
        penv = cfg.prefect()
        e["migrate_seconds"] = penv.migrate_seconds
        e["prefect"] = penv.run(files, cfg.work / "e2e-prefect")
    except Exception as exc:
        e["note"] = f"`ituplans run` could not be benchmarked: {str(exc)[:500]}"
    if not cfg.quick and "migrate_seconds" in e:
        e["per_format"] = [per_format(cfg, fmt) for fmt in FORMATS]
    return {"e2e": e}


def per_format(cfg, fmt: str) -> dict:
    """The same comparison on one format's two samples alone."""
    log(f"  {fmt} alone")
    files = [cfg.samples / f"{s}.{fmt}" for s in STEMS]
    row = {"format": fmt, "pages": sum(cfg.pages(s) for s in STEMS)}
    try:
        res = bare_subprocess(files, cfg.work / f"e2e-bare-{fmt}", cfg.samples)
        row["bare"] = {k: res[k] for k in ("wall", "peak_tree_mib")}
        res = cfg.prefect().run(files, cfg.work / f"e2e-prefect-{fmt}")
        row["prefect"] = {k: res[k] for k in ("wall", "peak_tree_mib")}
    except Exception as exc:
        row["error"] = str(exc)[:500]
    return row


def render(R: dict, n: int) -> list[str]:
    e = R["e2e"]
    L = [f"## {n}. End to end on the samples: with and without Prefect", "",
         f"Files: {', '.join(e['files'])} ({e['pages']} pages). Both are subprocesses started from scratch, "
         "so both pay interpreter start-up and imports. *Without Prefect*: `python -m bench.bare` runs the one "
         "document path per file (`pipeline.steps`: read -> extract -> finish), then reconcile -> publish the "
         "batch (`pipeline.batch`): the functions the flow's tasks call. "
         "*With Prefect*: `ituplans run FILES --out TMP --refresh` (threads task runner, Prefect's ephemeral API "
         f"on a migrated temporary PREFECT_HOME; migrating it took {fmt_num(e.get('migrate_seconds'), 1)} s, not "
         "counted). Peak RSS is the sum over the process tree (the ephemeral API server included), sampled every "
         "0.1 s.", ""]
    b = e["bare"]
    rows = [["without Prefect (bare loop)", fmt_num(b["wall"]), fmt_num(b["inner"]), rate(e["pages"], b["wall"]),
             fmt_num(b["peak_tree_mib"], 0), fmt_num(b["peak_single_mib"], 0)]]
    if "prefect" in e:
        p = e["prefect"]
        ft = p["flow_timing"]
        inner = ft.get("total_before_publish", 0) + ft.get("publish_write", 0)
        rows.append(["with Prefect (`ituplans run`, threads)", fmt_num(p["wall"]), fmt_num(inner),
                     rate(e["pages"], p["wall"]), fmt_num(p["peak_tree_mib"], 0), fmt_num(p["peak_single_mib"], 0)])
    L += [table(["run", "wall s", "work s (inside)", "pages/s (wall)", "peak RSS tree MiB", "largest process MiB"],
                rows), ""]
    if "prefect" in e:
        timing = {k: round(v, 2) for k, v in e["prefect"]["flow_timing"].items()}
        L += [f"Flow timing from the manifest: {json.dumps(timing)}.", ""]
    if e.get("per_format"):
        rows = []
        for r in e["per_format"]:
            if "error" in r:
                rows.append([r["format"], r["pages"], "**failed**", r["error"][:200], "", "", "", "", ""])
                continue
            b, p = r["bare"], r["prefect"]
            rows.append([r["format"], r["pages"], fmt_num(b["wall"]), fmt_num(p["wall"]), f"{p['wall'] / b['wall']:.2f}×",
                         rate(r["pages"], b["wall"]), rate(r["pages"], p["wall"]), fmt_num(b["peak_tree_mib"], 0),
                         fmt_num(p["peak_tree_mib"], 0)])
        L += ["The same, per format (each format's two samples alone, each run a subprocess from scratch):", "",
              table(["format", "pages", "bare wall s", "Prefect wall s", "Prefect ÷ bare", "bare pages/s",
                     "Prefect pages/s", "bare peak RSS MiB", "Prefect peak RSS MiB"], rows), ""]
    if e.get("note"):
        L += [e["note"], ""]
    return L


def headline(R: dict) -> list[str]:
    e = R.get("e2e", {})
    out = []
    if "prefect" in e:
        p, b = e["prefect"], e["bare"]
        out.append(f"Prefect overhead on the samples: `ituplans run` {p['wall']:.1f} s vs bare loop {b['wall']:.1f} s "
                   f"({p['wall'] / b['wall']:.2f}×, +{p['wall'] - b['wall']:.1f} s); peak RSS "
                   f"{p['peak_tree_mib']:.0f} vs {b['peak_tree_mib']:.0f} MiB")
    pf = [r for r in e.get("per_format", []) if "prefect" in r]
    if pf:
        out.append("`ituplans run` ÷ bare loop per format on the samples: " + ", ".join(
            f"{r['format']} {r['prefect']['wall']:.1f} / {r['bare']['wall']:.1f} s "
            f"({r['prefect']['wall'] / r['bare']['wall']:.2f}×)" for r in pf))
    return out
