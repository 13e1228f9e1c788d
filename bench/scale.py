"""Scale: N copies of the .txt and .docx samples, each with different bytes (`inputs.make_copies`).

Runs: the bare loop (one process, no Prefect: stage rates per format), `ituplans run` with threads (unless
--no-scale-threads) and with the Dask task runner on a LocalCluster of 1 and 2 workers; then the bare loop's
per-document work (`pipeline.steps.process_document`) mapped over a dask.distributed LocalCluster of 1 and 2
workers (no Prefect), to separate Dask's speed-up from the flow's. --quick: only the last, on 2 workers.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.bare import STEPS, bare_subprocess, process_one
from bench.inputs import STEMS, make_copies, stem_of
from bench.measure import TreeSampler, log
from bench.report import fmt_num, rate, table

TITLE = "scale"
FLOW_RUNS = (("threads", "`ituplans run` (Prefect, threads)", ()),
             ("dask1", "`ituplans run --task-runner dask --workers 1`", ("--task-runner", "dask", "--workers", "1")),
             ("dask2", "`ituplans run --task-runner dask --workers 2`", ("--task-runner", "dask", "--workers", "2")))


def measure(cfg, R: dict) -> dict:
    log(f"  {cfg.copies} documents")
    batch = make_copies(cfg.samples, cfg.work / "batch", cfg.copies)
    per_format: dict[str, int] = {}
    for f in batch:
        per_format[f.suffix] = per_format.get(f.suffix, 0) + 1
    pdf_stage = next(x for x in R["stages"] if x["format"] == "pdf")
    pdf_mspp = 1000 * sum(pdf_stage["seconds"].values()) / pdf_stage["pages"]
    avg_pages = sum(cfg.pages(s) for s in STEMS) / len(STEMS)
    s = {"n": cfg.copies, "per_format": ", ".join(f"{v} {k}" for k, v in per_format.items()),
         "pages": sum(cfg.pages(stem_of(f)) for f in batch),
         "pdf_ms_per_page": f"{pdf_mspp:.0f}", "pdf_batch_estimate_min": f"{200 * avg_pages * pdf_mspp / 60000:.0f}"}
    notes = []
    if cfg.quick:
        notes.append("--quick: no bare loop and no `ituplans run` at scale (each Prefect run pays ~10-20 s of "
                     "ephemeral API start-up); the Dask path is exercised with client.map only, on too few "
                     "documents for its speed-up to mean anything. The Prefect run of the end-to-end "
                     "section used the project's .prefect/ (already migrated).")
    else:
        log("  bare loop")
        s["bare"] = bare_subprocess(batch, cfg.work / "scale-bare", cfg.samples)
        s["bare"].pop("stdout", None)
        s["bare"].pop("stderr", None)
        s.update(flow_runs(cfg, cfg.work / "batch"))
    s["dask_bare"] = []
    for workers in (2,) if cfg.quick else (1, 2):
        log(f"  dask LocalCluster, {workers} worker(s)")
        try:
            s["dask_bare"].append(dask_bare(batch, workers))
        except Exception as exc:
            s["dask_bare"].append({"workers": workers, "error": f"{type(exc).__name__}: {exc}"[:500]})
    return {"scale": s, "notes": notes}


def flow_runs(cfg, folder: Path) -> dict:
    """`ituplans run` on the batch folder with each task runner (none when Prefect could not be set up)."""
    try:
        penv = cfg.prefect()
    except Exception:
        return {}  # the end-to-end section says why
    out = {}
    for key, _, extra in FLOW_RUNS:
        if key == "threads" and not cfg.scale_threads:
            continue
        log(f"  ituplans run {' '.join(extra) or '(threads)'}")
        try:
            out[key] = penv.run([folder], cfg.work / f"scale-{key}", *extra)
        except Exception as exc:
            out[key] = {"error": str(exc)[:1500]}
    return out


def _warm(paths: list[str]) -> None:
    for p in paths:
        process_one(p)


def dask_bare(files: list[Path], workers: int) -> dict:
    """The bare per-document work on every file mapped over a dask.distributed LocalCluster (one process per
    worker, one thread each)."""
    from dask.distributed import Client, LocalCluster

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=40)
    client = Client(cluster)
    started = time.perf_counter() - t0
    try:
        with TreeSampler(interval=0.1) as peak:
            # warm each worker (imports, spaCy model) so the timing is the steady state, as in the bare loop
            kinds: dict[tuple, str] = {}
            for f in files:
                kinds.setdefault((stem_of(f), f.suffix), str(f))
            client.run(_warm, list(kinds.values()))
            t1 = time.perf_counter()
            futures = client.map(process_one, [str(f) for f in files], pure=False)
            results = client.gather(futures)
            wall = time.perf_counter() - t1
    finally:
        client.close()
        cluster.close()
    return {"workers": workers, "files": len(files), "wall": wall, "cluster_start": started,
            "task_seconds": sum(r["seconds"] for r in results), "peak_tree_mib": peak.tree / 2 ** 20}


def render(R: dict, n: int) -> list[str]:
    s = R.get("scale")
    if not s:
        return [f"## {n}. Scale", "", "(skipped)", ""]
    L = [f"## {n}. Scale: {s['n']} documents", "",
         f"{s['n']} copies of the .txt and .docx samples ({s['per_format']}), each with different bytes (a "
         "paragraph appended to the .txt, `cp:revision` changed in the .docx core properties) and its own "
         f"name; {s['pages']} pages in all. PDFs are left out of the batch: at ~{s.get('pdf_ms_per_page', '?')} "
         "ms/page (the stages section) 200 PDF copies would take about "
         f"{s.get('pdf_batch_estimate_min', '?')} min per run, and their per-page rate does not change with "
         "the batch size; the stages section has it.", ""]
    rows = []
    if "bare" in s:
        L += _bare_rates(s)
        rows.append(["bare loop, no Prefect (1 process)", fmt_num(s["bare"]["wall"], 1), "", "",
                     rate(s["pages"], s["bare"]["wall"]), "", fmt_num(s["bare"]["peak_tree_mib"], 0),
                     fmt_num(s["bare"]["peak_single_mib"], 0)])
    base = None
    for key, label, _ in FLOW_RUNS:
        r = s.get(key)
        if not r:
            continue
        if "error" in r:
            rows.append([label, "**failed**", r["error"][:200], "", "", "", "", ""])
            continue
        ft = r["flow_timing"]
        if key == "dask1":
            base = r["wall"]
        speed = f"{base / r['wall']:.2f}×" if key == "dask2" and base else ""
        rows.append([label, fmt_num(r["wall"], 1), fmt_num(ft.get("documents"), 1), fmt_num(ft.get("reconcile"), 1),
                     rate(s["pages"], r["wall"]), speed, fmt_num(r["peak_tree_mib"], 0),
                     fmt_num(r["peak_single_mib"], 0)])
    if rows:
        L += ["End to end over the batch (each a subprocess started from scratch, cold cache):", "",
              table(["run", "wall s", "documents s", "reconcile s", "pages/s", "speed-up", "peak RSS tree MiB",
                     "largest process MiB"], rows), "",
              "*documents s* is the flow's read -> extract -> validate phase over all documents (the part the task "
              "runner parallelizes; with Dask one `document` task run per file does the three stages); *reconcile "
              "s* runs once over the batch in the flow process. The speed-up is of the wall time; the headline also "
              "gives it for the documents phase.", ""]
    return L + _dask_bare(s)


def _bare_rates(s: dict) -> list[str]:
    b = s["bare"]["result"]
    steps = [k for k in STEPS if any(k in f for f in b["files"])]
    rows = []
    for fmt in ("txt", "docx"):
        fs = [f for f in b["files"] if f["format"] == fmt and "error" not in f]
        if not fs:
            continue
        pages = sum(f["pages"] for f in fs)
        seconds = [sum(f[k] for f in fs) for k in steps]
        rows.append([fmt, len(fs), pages, *[f"{rate(pages, x)} ({fmt_num(x, 1)} s)" for x in seconds]])
    return [f"Bare loop (one process, no Prefect), {', '.join(steps)} per format; reconcile and publish over the "
            "whole batch:", "",
            table(["format", "files", "pages", *[f"{k} p/s" for k in steps]], rows), "",
            f"reconcile: {rate(s['pages'], b['reconcile'])} pages/s ({fmt_num(b['reconcile'], 1)} s for "
            f"{s['n']} documents, {fmt_num(b['reconcile'] / s['n'], 2)} s/document); publish: "
            f"{rate(s['pages'], b['publish'])} pages/s ({fmt_num(b['publish'], 1)} s, "
            f"{sum(v for v in b['row_counts'].values()):,} rows in all datasets). Max RSS of the bare process: "
            f"{fmt_num(b['max_rss_mib'], 0)} MiB.", ""]


def _dask_bare(s: dict) -> list[str]:
    db = s.get("dask_bare")
    if not db:
        return []
    rows = []
    one = next((d for d in db if d.get("workers") == 1 and "wall" in d), None)
    for d in db:
        if "error" in d:
            rows.append([d.get("workers"), "**failed**", d["error"][:200], "", "", ""])
            continue
        sp = f"{one['wall'] / d['wall']:.2f}×" if one else ""
        rows.append([d["workers"], d["files"], fmt_num(d["wall"], 1), rate(s["pages"] * d["files"] / s["n"], d["wall"]),
                     sp, fmt_num(d["cluster_start"], 1), fmt_num(d["peak_tree_mib"], 0)])
    return ["The document path only (`process_document`: read -> extract -> finish), `client.map` over a "
            "dask.distributed `LocalCluster` (one process per worker, one thread each, workers warmed up first; no "
            "Prefect, no reconcile/publish):", "",
            table(["workers", "files", "wall s", "pages/s", "speed-up", "cluster start s", "peak RSS tree MiB"], rows),
            ""]


def headline(R: dict) -> list[str]:
    s = R.get("scale") or {}
    out = []
    if s.get("bare") and "result" in s["bare"]:
        b = s["bare"]["result"]
        steps = [k for k in STEPS if any(k in f for f in b["files"])]
        per_doc = sum(f.get(k, 0) for f in b["files"] for k in steps)
        out.append(f"at {s['n']} documents without Prefect: {s['bare']['wall']:.0f} s, of which reconcile "
                   f"{b['reconcile']:.0f} s ({100 * b['reconcile'] / s['bare']['wall']:.0f}%, "
                   f"{b['reconcile'] / s['n']:.2f} s/document, serial), {' + '.join(steps)} {per_doc:.0f} s, "
                   f"publish {b['publish']:.0f} s")
    if s.get("threads") and "wall" in s["threads"]:
        out.append(f"Prefect overhead at {s['n']} documents: threads run {s['threads']['wall']:.0f} s vs bare loop "
                   f"{s['bare']['wall']:.0f} s ({s['threads']['wall'] / s['bare']['wall']:.2f}×)")
    d1, d2, t = s.get("dask1") or {}, s.get("dask2") or {}, s.get("threads") or {}
    if "wall" in d1 and "wall" in d2:
        docs1, docs2 = d1["flow_timing"].get("documents", 0), d2["flow_timing"].get("documents", 0)
        out.append(f"Dask (flow) 2 workers vs 1 at {s['n']} documents: {d1['wall']:.0f} s -> {d2['wall']:.0f} s "
                   f"({d1['wall'] / d2['wall']:.2f}× end to end; documents phase {docs1:.0f} s -> {docs2:.0f} s, "
                   f"{docs1 / max(docs2, 1e-9):.2f}×); peak RSS {d1['peak_tree_mib']:.0f} -> "
                   f"{d2['peak_tree_mib']:.0f} MiB")
    if "wall" in t and "wall" in d2:
        out.append(f"at {s['n']} documents, Dask with 2 workers vs the threads runner: {d2['wall']:.0f} s vs "
                   f"{t['wall']:.0f} s end to end ({t['wall'] / d2['wall']:.2f}×); peak RSS {d2['peak_tree_mib']:.0f} "
                   f"vs {t['peak_tree_mib']:.0f} MiB")
    db = [d for d in s.get("dask_bare", []) if "wall" in d]
    if db and "wall" in d1 and db[0]["workers"] == 1:
        out.append(f"the document path of the {s['n']} documents on 1 Dask worker: {db[0]['wall']:.0f} s with "
                   f"client.map, {d1['flow_timing'].get('documents', 0):.0f} s as the flow's documents phase "
                   f"(one `document` task run per file: the same steps)")
    if len(db) == 2:
        out.append(f"Dask without Prefect (the document path, client.map): 2 workers {db[0]['wall'] / db[1]['wall']:.2f}× "
                   f"faster than 1 ({db[0]['wall']:.1f} s -> {db[1]['wall']:.1f} s)")
    return out
