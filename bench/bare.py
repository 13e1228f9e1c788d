"""The bare loop: the pipeline's own path in a plain loop, no Prefect.

    .venv/bin/python -m bench.bare FILES_JSON OUT [--samples DIR] [--memory]

The one document path per file (`pipeline.steps`: read -> extract -> finish, where finish applies accepted
reviews, fills provenance, validates each dataset and completes the documents row), then reconcile -> publish
the batch into OUT (`pipeline.batch`): the functions the flow's tasks call, with the flow's defaults (limits,
gold folder, decisions file), so the benchmark times the path production takes. Each step is timed around its
call. Prints the seconds of each step (per file, and per batch for reconcile and publish) as one JSON line. With
--memory also the tracemalloc peak of Python allocations and the process's max RSS after each step (slower:
its timings are not comparable).

`bare_pipeline` is what the stages and scale sections time in their own process; `bare_subprocess` runs this
module as a measured subprocess (end to end from scratch, peak RSS of the process); `process_one` is the
per-document work the scale section maps over Dask workers.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path
from typing import Callable

from bench.inputs import ROOT, STEMS, pages_of
from bench.measure import last_json, run_measured

STEPS = ("read", "extract", "finish")  # per file, in order (pipeline.steps)
BATCH_STEPS = ("reconcile", "publish")  # once over the batch (pipeline.batch)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StageMemory:
    """With `on`, the tracemalloc peak (MiB) during each stage and the process's max RSS at its end."""

    def __init__(self, on: bool):
        self.on = on
        self.stages: dict[str, dict] = {}

    def __enter__(self) -> StageMemory:
        if self.on:
            tracemalloc.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.on:
            tracemalloc.stop()

    def mark(self, stage: str) -> None:
        if not self.on:
            return
        _, peak = tracemalloc.get_traced_memory()
        m = self.stages.setdefault(stage, {"traced_peak_mib": 0.0, "max_rss_mib": 0.0})
        m["traced_peak_mib"] = max(m["traced_peak_mib"], peak / 2 ** 20)
        m["max_rss_mib"] = max(m["max_rss_mib"], _rss_mib())
        tracemalloc.reset_peak()


def _steps(limits=None, gold_dir=None) -> list[tuple[str, Callable]]:
    from pipeline import steps

    return [("read", partial(steps.read, limits=limits)), ("extract", partial(steps.extract, limits=limits)),
            ("finish", partial(steps.finish, gold_dir=gold_dir))]


def bare_pipeline(files: list[Path], out_dir: Path, pages_of=None, memory: bool = False) -> dict:
    """The document path per file, then reconcile -> publish the batch; the seconds of each step per file
    (a failed document: up to the step that failed, and its first error) and per batch."""
    from pipeline.batch import publish_batch, reconcile_batch
    from pipeline.publish import new_run_id

    per_file, results = [], []
    with StageMemory(memory) as mem:
        for path in files:
            rec = {"file": path.name, "format": path.suffix.lstrip(".").lower(),
                   "pages": pages_of(path) if pages_of else None}
            result = path
            for name, step in _steps():
                t0 = time.perf_counter()
                result = step(result)
                rec[name] = time.perf_counter() - t0
                mem.mark(name)
                if result.failed_stage:
                    rec["error"] = result.errors[0].reason if result.errors else result.failed_stage
                    break
            per_file.append(rec)
            results.append(result)
        errors = [e for r in results for e in r.errors]
        t0 = time.perf_counter()
        reconciled = reconcile_batch(results, out_dir / "registry")
        seconds = {"reconcile": time.perf_counter() - t0}
        mem.mark("reconcile")
        t0 = time.perf_counter()
        published = publish_batch(out_dir, results, reconciled, errors + reconciled.errors, run_id=new_run_id())
        seconds["publish"] = time.perf_counter() - t0
        mem.mark("publish")
    rows = sum(published.row_counts.get(k, 0) for k in ("work_months", "output_objective_links"))
    return {"files": per_file, **seconds, "memory": mem.stages, "max_rss_mib": _rss_mib(), "cells": rows,
            "row_counts": published.row_counts, "version_dir": str(published.version_dir)}


def warm_up(cfg) -> None:
    """Imports, spaCy's model, regex compilation: paid once before anything is timed."""
    bare_pipeline([cfg.samples / f"{STEMS[0]}.txt"], cfg.work / "warm")


def process_one(path: str) -> dict:
    """The document path of one file on its own (`pipeline.steps.process_document`)."""
    from pipeline.steps import process_document

    t0 = time.perf_counter()
    result = process_document(path)
    return {"file": path, "rows": sum(result.rows().values()), "seconds": time.perf_counter() - t0}


def bare_subprocess(files: list[Path], out_dir: Path, samples: Path, memory: bool = False) -> dict:
    """This module's `main` on `files` in a measured subprocess: wall, peak RSS, and its JSON as `result`."""
    listing = out_dir.parent / f"{out_dir.name}.files.json"
    listing.write_text(json.dumps([str(f) for f in files]))
    cmd = [sys.executable, "-m", "bench.bare", str(listing), str(out_dir), "--samples", str(samples)]
    res = run_measured(cmd + (["--memory"] if memory else []))
    if res["rc"] != 0:
        raise RuntimeError(f"bare pipeline failed ({res['rc']}): {res['stderr'][-2000:]}")
    res["result"] = last_json(res["stdout"])
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files_json", type=Path, help="a JSON list of the files to process")
    ap.add_argument("out", type=Path)
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--memory", action="store_true")
    args = ap.parse_args(argv)
    files = [Path(p) for p in json.loads(args.files_json.read_text())]
    samples = args.samples.resolve()
    t0 = time.perf_counter()
    res = bare_pipeline(files, args.out, pages_of=lambda p: pages_of(p, samples), memory=args.memory)
    res["inner"] = time.perf_counter() - t0
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
