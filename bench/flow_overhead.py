"""Per-task overhead of the `process-documents` flow: `ituplans run` on N copies of the .txt/.docx samples.

    .venv/bin/python bench/flow_overhead.py [--copies 40] [--runs threads,warm,dask1,dask2] [--json OUT]

Reuses the benchmark's helpers: `make_copies` (distinct bytes per copy, bench/inputs.py), `PrefectEnv` (a
throwaway PREFECT_HOME, migrated before timing, and a throwaway cache, bench/prefect_env.py), which measures
with `run_measured` (wall time, peak RSS of the process tree, bench/measure.py).
Runs: `threads` (cold cache, --refresh), `warm` (threads again on the same batch, served from the cache the
previous run left: must follow a threads run), `dask1` / `dask2` (--task-runner dask --workers 1/2, cold).
Prints one JSON line per run: wall s, the flow's documents-phase seconds (manifest timing), peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.inputs import make_copies  # noqa: E402
from bench.measure import log  # noqa: E402
from bench.prefect_env import PrefectEnv  # noqa: E402

RUNS = {
    "threads": ((), True, False),
    "warm": ((), False, True),
    "dask1": (("--task-runner", "dask", "--workers", "1"), True, False),
    "dask2": (("--task-runner", "dask", "--workers", "2"), True, False),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--runs", default="threads,warm,dask1,dask2")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--json", type=Path, default=None, help="append the results here (one JSON object a line)")
    ap.add_argument("--label", default="")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ituplans-overhead-"))
    try:
        batch = make_copies(args.samples.resolve(), work / "batch", args.copies)
        penv = PrefectEnv(work)
        log(f"{len(batch)} documents; PREFECT_HOME migrated in {penv.migrate_seconds:.1f} s")
        for i, key in enumerate(args.runs.split(",")):
            extra, refresh, keep = RUNS[key]
            load = os.getloadavg()[0]
            res = penv.run([work / "batch"], work / f"out-{i}-{key}", *extra, refresh=refresh, keep_cache=keep)
            cache_mib = sum(f.stat().st_size for f in penv.cache.rglob("*") if f.is_file()) / 2 ** 20
            manifest = json.loads((work / f"out-{i}-{key}" / "latest" / "manifest.json").read_text())
            cached = sum(1 for src in manifest.get("sources", []) if src.get("cached"))
            row = {"label": args.label, "run": key, "docs": len(batch), "wall": round(res["wall"], 1),
                   "documents": round(res["flow_timing"].get("documents", 0), 1),
                   "reconcile": round(res["flow_timing"].get("reconcile", 0), 1),
                   "peak_tree_mib": round(res["peak_tree_mib"]), "peak_single_mib": round(res["peak_single_mib"]),
                   "cache_mib": round(cache_mib, 1), "cached_docs": cached, "load1_before": round(load, 2),
                   "when": time.strftime("%H:%M:%S")}
            print(json.dumps(row), flush=True)
            if args.json:
                with args.json.open("a") as f:
                    f.write(json.dumps(row) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
