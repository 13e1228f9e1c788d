"""Stages on the samples: pages per second of each step of the bare loop per format, and the memory of each.

The steps are the one document path's (`pipeline.steps`: read -> extract -> finish, per file) and the batch's
(`pipeline.batch`: reconcile -> publish), called as the flow calls them (`bench/bare.py`).

Timing: best of R runs of `bare.bare_pipeline` over the format's samples in this (warmed-up) process. Memory:
one run per format in a fresh subprocess with tracemalloc on (`bare.py --memory`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.bare import BATCH_STEPS, STEPS, bare_pipeline, bare_subprocess
from bench.inputs import FORMATS, STEMS
from bench.measure import log
from bench.report import fmt_num, rate, table

TITLE = "stages on the samples"
STAGES = STEPS + BATCH_STEPS


def measure(cfg, R: dict) -> dict:
    stages = []
    for fmt in FORMATS:
        stages.append(stage_times(cfg, fmt, max(1, cfg.repeat - 1) if fmt == "pdf" else cfg.repeat))
        log(f"  {fmt}: {stages[-1]['seconds']}")
    memory = {}
    if not cfg.quick:
        log("memory per stage (subprocess per format)")
        for fmt in FORMATS:
            files = [cfg.samples / f"{s}.{fmt}" for s in STEMS]
            try:
                res = bare_subprocess(files, cfg.work / f"mem-{fmt}", cfg.samples, memory=True)
                memory[fmt] = res["result"]["memory"]
            except Exception as exc:
                memory[fmt] = {"error": str(exc)[:300]}
    return {"stages": stages, "memory": memory}


def stage_times(cfg, fmt: str, repeat: int) -> dict:
    """Best-of-`repeat` seconds of each stage over the samples of one format (in this process)."""
    files = [cfg.samples / f"{s}.{fmt}" for s in cfg.stems]
    best: dict[str, float] = {}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="ituplans-bench-") as tmp:
            res = bare_pipeline(files, Path(tmp))
        got = {k: sum(f.get(k, 0) for f in res["files"]) for k in STEPS}
        got.update({k: res[k] for k in BATCH_STEPS})
        for k, v in got.items():
            best[k] = min(best.get(k, float("inf")), v)
    pages = sum(cfg.pages(s) for s in cfg.stems)
    return {"format": fmt, "files": [f.name for f in files], "pages": pages, "seconds": best, "repeat": repeat}


def render(R: dict, n: int) -> list[str]:
    stems = STEMS
    L = [f"## {n}. Stages on the samples", "",
         f"Pages are the pages of each sample's PDF rendering (strategic plan {R['pages'].get(stems[0], '?')}, "
         f"operational plan {R['pages'].get(stems[1], '?')}), for every format, so the formats compare per page of "
         "the same document. read, extract and finish are the steps of the one document path, per file "
         "(`pipeline.steps`; finish = accepted reviews, provenance, validation of each dataset, the documents "
         "row); reconcile and publish run once over the format's files (`pipeline.batch`: reconcile into an "
         "empty registry, publish = validate + CSV + Parquet + manifest + changelog into a temporary folder). "
         "Best of R runs of the bare loop (`bench/bare.py`) in one warmed-up process.", ""]
    stages = [k for k in STAGES if any(k in s["seconds"] for s in R["stages"])]
    rows = []
    for s in R["stages"]:
        sec = s["seconds"]
        total = sum(sec.values())
        rows.append([s["format"], ", ".join(s["files"]), s["pages"], s["repeat"],
                     *[f"{rate(s['pages'], sec.get(k))} ({fmt_num(sec.get(k))} s)" for k in stages],
                     f"{rate(s['pages'], total)} ({fmt_num(total)} s)"])
    L += [table(["format", "files", "pages", "R", *[f"{k} p/s" for k in stages], "all p/s"], rows,
                "lllr" + "r" * (len(stages) + 1)), ""]
    if not R.get("memory"):
        return L + ["(per-stage memory: skipped in --quick)", ""]
    L += ["Memory of each stage (one run per format in a fresh subprocess with tracemalloc on): the peak of "
          "Python allocations during the stage (tracemalloc; C allocations of pdfium, lxml, numpy are not "
          "counted) and the process's max RSS at the end of the stage (includes the interpreter, imports and "
          "spaCy's model).", ""]
    stages = [k for k in STAGES if any(k in m for m in R["memory"].values())] or list(STAGES)
    rows = []
    for fmt, mem in R["memory"].items():
        if "error" in mem:
            rows.append([fmt, mem["error"], *[""] * (2 * len(stages) - 1)])
            continue
        rows.append([fmt, *[fmt_num(mem[k]["traced_peak_mib"], 1) for k in stages],
                     *[fmt_num(mem[k]["max_rss_mib"], 0) for k in stages]])
    after = [f"RSS after {stages[0]}"] + [f"after {k}" for k in stages[1:]]
    L += [table(["format", *[f"{k} peak MiB" for k in stages], *after], rows), ""]
    return L


def headline(R: dict) -> list[str]:
    return []
