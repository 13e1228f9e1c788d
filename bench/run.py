"""Benchmarks: speed, memory and accuracy of the pipeline, and of the tools people would use instead.

    .venv/bin/python bench/run.py [--quick] [--copies N] [--results PATH] [--tools ...] [--render-only JSON]

Runs the sections below in order and writes the report (bench/RESULTS.md by default; --quick writes
bench/out/RESULTS-quick.md unless --results is given) and the raw results as JSON (bench/out/results*.json).
Each section is a module of bench/ (see bench/__init__.py for the map and the interface).

Not part of `make test`. --quick is a smoke run (about a minute): small inputs, one repetition, the strategic
plan only where a section takes one sample per format, no Prefect runs at scale. The Prefect runs use a
temporary PREFECT_HOME (database migrated before timing) and a temporary read/extract cache, with --refresh,
so nothing is served from a cache and the project's .prefect/ is left alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import (accuracy, bare, end_to_end, floors, machine, peer_tables, raw_tables, report, scale,  # noqa: E402
                   stages)
from bench.config import Config  # noqa: E402
from bench.inputs import STEMS  # noqa: E402
from bench.measure import log  # noqa: E402

# The report's sections, in order.
SECTIONS = (stages, floors, raw_tables, peer_tables, end_to_end, scale)
# The headline: what a reader wants first.
HEADLINE = (raw_tables, peer_tables, floors, end_to_end, scale)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render_only:
        return render_only(args)
    cfg = Config(samples=args.samples.resolve(), quick=args.quick, tools=[t for t in args.tools.split(",") if t],
                 scale_threads=args.scale_threads, results=args.results,
                 copies=args.copies if args.copies is not None else (4 if args.quick else 200))
    started = time.perf_counter()
    R: dict = {"quick": cfg.quick, "copies": cfg.copies, "notes": []}
    with cfg.scratch():
        log("machine")
        R["machine"] = machine.describe()
        R["pages"] = {s: cfg.pages(s) for s in STEMS}
        log("warm-up")
        bare.warm_up(cfg)
        for section in SECTIONS:
            log(section.TITLE)
            for key, value in section.measure(cfg, R).items():
                R[key] = R[key] + value if key == "notes" else value
    R["total_seconds"] = time.perf_counter() - started
    R["load_end"] = os.getloadavg()
    report.write(R, cfg.raw_path, cfg.results_path, SECTIONS, HEADLINE)
    log(f"wrote {cfg.results_path} in {R['total_seconds']:.0f} s")
    for h in R["headline"]:
        print("  - " + h)
    return 0


def render_only(args: argparse.Namespace) -> int:
    """The markdown again from saved results, without running anything."""
    R = json.loads(args.render_only.read_text())
    out = args.results or Config(samples=args.samples, quick=R["quick"]).results_path
    report.rewrite(R, out, args.samples.resolve(), SECTIONS, HEADLINE)
    print(f"wrote {out}")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run, about a minute")
    ap.add_argument("--copies", type=int, default=None, help="documents in the scale batch (default 200; 4 with --quick)")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--results", type=Path, default=None, help="where to write the markdown (default bench/RESULTS.md, "
                    "or bench/out/RESULTS-quick.md with --quick)")
    ap.add_argument("--tools", default=",".join(accuracy.TOOLS), help="raw-table tools to compare")
    ap.add_argument("--no-scale-threads", dest="scale_threads", action="store_false", help="skip `ituplans run` "
                    "with the threads runner on the scale batch (the default runner, next to Dask; ~2 min at 200)")
    ap.add_argument("--render-only", type=Path, metavar="JSON", help="rewrite the markdown from a saved "
                    "bench/out/results*.json without running anything")
    return ap.parse_args(argv)


if __name__ == "__main__":
    raise SystemExit(main())
