"""Benchmark: match 20,000 printed names against a 20,000-entity registry.

Standalone: `python bench/reconcile.py [--n 20000] [--seed 7]`. Prints time and peak memory of
(1) the raw vectorized matcher (`pipeline.reconcile.matching.top_k`, rapidfuzz cdist in chunks) and
(2) a full `reconcile()` run: a registry of N output entities is written, then N names (80% variants of
registered names: case, '&'/'and', typos, added/dropped words; 20% unseen) are reconciled against it.
"""

from __future__ import annotations

import argparse
import random
import resource
import string
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from pipeline.records import Dataset, DocumentRecord, WorkMonths  # noqa: E402
from pipeline.reconcile import reconcile  # noqa: E402
from pipeline.reconcile.matching import top_k  # noqa: E402
from pipeline.reconcile.normalize import key  # noqa: E402
from pipeline.reconcile.registry import ALIAS_COLUMNS, ENTITY_COLUMNS, write_csv  # noqa: E402

WORDS = ("conference council working group telecommunication development standardization radiocommunication "
         "policy forum summit information society publications governance communication buildings "
         "infrastructure security internet programme strategic foresight network project regional assembly "
         "bureau study seminar workshop registry numbering spectrum orbit satellite broadband capacity building "
         "statistics finance personnel translation interpretation documentation printing events exhibition "
         "membership partnership cooperation assistance emergency climate accessibility cybersecurity").split()


def make_names(n: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        k = rng.randint(2, 5)
        name = " ".join(rng.choice(WORDS) for _ in range(k)).title()
        if rng.random() < 0.3:
            name += f" {rng.choice(string.ascii_uppercase)}{rng.randint(1, 999)}"
        names.add(name)
    return sorted(names)


def variant(name: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:
        return name.upper()
    if r < 0.45:
        return name.replace(" ", " & ", 1) if " " in name else name
    if r < 0.7 and len(name) > 8:  # one typo
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if r < 0.85:
        return "ITU " + name
    return name + " Programme"


@dataclass
class FakeExtraction:
    document_id: str
    source_file: str
    datasets: dict = field(default_factory=dict)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    n = args.n

    registered = make_names(n, rng)
    unseen = [x for x in make_names(n + n // 4, random.Random(args.seed + 1)) if x not in set(registered)]
    queries = [variant(x, rng) for x in rng.sample(registered, int(n * 0.8))] + unseen[: n - int(n * 0.8)]
    rng.shuffle(queries)

    # 1. the matcher alone
    tracemalloc.start()
    t = time.perf_counter()
    idx, sc = top_k([key(q) for q in queries], [key(c) for c in registered], k=3)
    dt = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    accepted = int((sc[:, 0] >= 90).sum())
    print(f"top_k matcher: {n:,} names x {len(registered):,} keys in {dt:.2f} s "
          f"({n * len(registered) / dt / 1e6:.0f} M pairs/s), peak traced memory {peak / 2**20:.0f} MiB, "
          f"{accepted:,} best scores >= 90")

    # 2. full reconcile against a persisted registry
    with tempfile.TemporaryDirectory() as tmp:
        reg = Path(tmp) / "registry"
        ents = pd.DataFrame([{"entity_id": f"out-{i + 1:05d}", "kind": "output", "scope": "GS", "canonical_name": c,
                              "status": "active", "merged_into": "", "origin": "new", "first_document_id": "seed",
                              "n_aliases": "1", "n_documents": "1", "notes": ""} for i, c in enumerate(registered)],
                            columns=ENTITY_COLUMNS)
        als = pd.DataFrame([{"entity_id": f"out-{i + 1:05d}", "kind": "output", "scope": "GS", "alias": c,
                             "document_id": "seed", "score": "100.0", "method": "exact"} for i, c in enumerate(registered)],
                           columns=ALIAS_COLUMNS)
        write_csv(ents, reg / "entities.csv")
        write_csv(als, reg / "entity_aliases.csv")
        doc = DocumentRecord("bench", "bench.txt", "", "text", "bench", "operational_plan", 2008, 2011,
                             body="General Secretariat")
        rows = [WorkMonths("bench", q, "", "SGO", "", "department", "2008", 2008, 2008, 1.0) for q in queries]
        ex = FakeExtraction("bench", "bench.txt", {d: [] for d in Dataset})
        ex.datasets[Dataset.DOCUMENTS] = [doc]
        ex.datasets[Dataset.WORK_MONTHS] = rows
        decisions = Path(tmp) / "decisions.csv"
        decisions.write_text("kind,scope,alias,entity_id,notes\n")
        tracemalloc.start()
        t = time.perf_counter()
        res = reconcile([ex], reg, decisions)
        dt = time.perf_counter() - t
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        al = res.aliases[res.aliases["document_id"] == "bench"]
        methods = al["method"].value_counts().to_dict()
        print(f"reconcile(): {len(set(queries)):,} distinct names against {n:,} entities in {dt:.2f} s, "
              f"peak traced memory {peak / 2**20:.0f} MiB; methods {methods}; "
              f"{len(res.entities) - n:,} new entities, {res.candidates['assigned_entity_id'].nunique():,} in review")
    print(f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
