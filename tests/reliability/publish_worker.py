"""Publishes versions into OUT in a loop (or once), with small random pauses inside every write step, so that
the crash tests can SIGKILL it at random points of publishing.

    python tests/reliability/publish_worker.py OUT BAD_FILE SEED [--once] [--kill-at PHASE:before|after:N]

Prints `phase <name>` before each step (the last one printed says where a kill landed), `published <run-id>`
after each version. `--kill-at json:after:3` SIGKILLs the process itself right after the 3rd `json` step
(phases: clean-stale, parquet, json, copy (a quarantine copy), quarantine, rename-into-runs, switch-latest). Each version drops a few rows so that consecutive versions differ, and quarantines
BAD_FILE (large, so that its copy takes a while).
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pipeline.publish as pub  # noqa: E402
from extractors import extract_all  # noqa: E402
from pipeline import schema  # noqa: E402
from pipeline.readers import read_document  # noqa: E402
from pipeline.records import Dataset, ErrorItem  # noqa: E402

GOOD = Path(__file__).resolve().parents[2] / "samples" / "strategic-plan-2008-2011.txt"


def main() -> None:
    out, bad, seed = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    once = "--once" in sys.argv
    kill_at = sys.argv[sys.argv.index("--kill-at") + 1].split(":") if "--kill-at" in sys.argv else None
    rng = random.Random(seed)
    calls: dict[str, int] = {}

    def maybe_die(name: str, when: str) -> None:
        if kill_at and kill_at[0] == name and kill_at[1] == when and calls[name] == int(kill_at[2]):
            print(f"killing myself {when} {name} #{calls[name]}", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    def phased(name, fn):
        def wrapper(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            label = args[0] if name == "parquet" and isinstance(args[0], str) else ""
            print(f"phase {name} {label}".rstrip(), flush=True)
            maybe_die(name, "before")
            time.sleep(rng.uniform(0, 0.03))
            result = fn(*args, **kwargs)
            maybe_die(name, "after")
            return result

        return wrapper

    pub._write_parquet = phased("parquet", pub._write_parquet)
    pub._write_json = phased("json", pub._write_json)
    pub._switch_latest = phased("switch-latest", pub._switch_latest)
    pub._quarantine = phased("quarantine", pub._quarantine)
    pub._clean_stale_tmp = phased("clean-stale", pub._clean_stale_tmp)
    rename = phased("rename-into-runs", os.rename)

    class Os:  # pipeline.publish's `os`, with os.rename (the finished version into runs/) phased
        def __getattr__(self, name):
            return getattr(os, name)

        def rename(self, *a, **k):
            return rename(*a, **k)

    class Shutil:  # ... and shutil.copy2 (a quarantine copy)
        def __getattr__(self, name):
            return getattr(real_shutil, name)

        copy2 = staticmethod(phased("copy", __import__("shutil").copy2))

    real_shutil = pub.shutil
    pub.os = Os()
    pub.shutil = Shutil()

    ex = extract_all(read_document(GOOD))

    def fill(r):
        names = {f.name for f in fields(r)}
        changes = {}
        if "source_file" in names and not r.source_file:
            changes["source_file"] = GOOD.name
        if "review_status" in names and not r.review_status:
            changes["review_status"] = "extracted"
        return replace(r, **changes)

    records = {d: [fill(r) for r in ex.datasets.get(d, [])] for d in Dataset}
    print("ready", flush=True)
    while True:
        frames = {}
        for d, rs in records.items():
            drop = rng.randrange(0, 4) if len(rs) > 4 and d is not Dataset.DOCUMENTS else 0
            frames[d] = schema.to_frame(d, rs[drop:])
        err = ErrorItem(bad.name, "read", f"the file is a damaged zip archive (seed {seed})")
        result = pub.publish(out, frames, [err], quarantine=[(str(bad), err)], lock_timeout=30)
        print(f"published {result.run_id}", flush=True)
        if once:
            return


if __name__ == "__main__":
    main()
