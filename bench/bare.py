"""The bare loop: the pipeline's own functions in a plain loop, no Prefect.

    .venv/bin/python -m bench.bare FILES_JSON OUT [--samples DIR] [--memory]

read -> extract per file, then reconcile -> publish the batch into OUT. Prints the seconds of each stage (per
file, and per batch for reconcile and publish) as one JSON line. With --memory also the tracemalloc peak of
Python allocations and the process's max RSS after each stage (slower: its timings are not comparable).

`bare_pipeline` is what the stages and scale sections time in their own process; `bare_subprocess` runs this
module as a measured subprocess (end to end from scratch, peak RSS of the process).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from bench.inputs import ROOT, STEMS, pages_of
from bench.measure import last_json, run_measured

STEPS = ("read", "extract")  # per file, in order
BATCH_STEPS = ("reconcile", "publish")  # once over the batch


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


def bare_pipeline(files: list[Path], out_dir: Path, pages_of=None, memory: bool = False) -> dict:
    """read -> extract per file, then reconcile -> publish the batch; the seconds of each stage per file/batch."""
    from extractors import extract_all
    from pipeline.exceptions import IngestError
    from pipeline.frames import frames_of
    from pipeline.publish import publish
    from pipeline.reconcile import reconcile
    from pipeline.readers import read_document

    per_file = []
    docs, exs, errors = [], [], []
    with StageMemory(memory) as mem:
        for path in files:
            fmt = path.suffix.lstrip(".").lower()
            rec = {"file": path.name, "format": fmt, "pages": pages_of(path) if pages_of else None}
            t0 = time.perf_counter()
            try:
                doc = read_document(path)
            except IngestError as exc:
                rec["error"] = f"{exc}"
                per_file.append(rec)
                continue
            t1 = time.perf_counter()
            mem.mark("read")
            t1b = time.perf_counter()
            ex = extract_all(doc)
            t2 = time.perf_counter()
            mem.mark("extract")
            rec.update(read=t1 - t0, extract=t2 - t1b)
            per_file.append(rec)
            docs.append(doc)
            exs.append(ex)
            errors.extend(ex.errors)
        t0 = time.perf_counter()
        result = reconcile(exs, registry_dir=out_dir / "registry", documents=docs)
        t1 = time.perf_counter()
        mem.mark("reconcile")
        t1b = time.perf_counter()
        frames = frames_of(result.extractions)
        published = publish(out_dir, frames, errors, [], extra_tables=result.tables)
        t2 = time.perf_counter()
        mem.mark("publish")
    rows = sum(published.row_counts.get(k, 0) for k in ("work_months", "output_objective_links"))
    return {"files": per_file, "reconcile": t1 - t0, "publish": t2 - t1b, "memory": mem.stages,
            "max_rss_mib": _rss_mib(), "cells": rows, "row_counts": published.row_counts}


def warm_up(cfg) -> None:
    """Imports, spaCy's model, regex compilation: paid once before anything is timed."""
    bare_pipeline([cfg.samples / f"{STEMS[0]}.txt"], cfg.work / "warm")


def read_extract(path: str) -> dict:
    """read -> extract of one file, on its own (what the scale section maps over Dask workers)."""
    from extractors import extract_all
    from pipeline.readers import read_document

    t0 = time.perf_counter()
    doc = read_document(path)
    ex = extract_all(doc)
    return {"file": path, "rows": sum(len(v) for v in ex.datasets.values()), "seconds": time.perf_counter() - t0}


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
