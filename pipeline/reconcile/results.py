"""Expected results linked across horizons: the 2008-2011 restatement of a 2006-2007 result.

Within one output of one document, results are grouped by horizon; each horizon is linked to the next later
one. Pairs are scored with rapidfuzz (`token_sort_ratio` on folded text, vectorized with `cdist`) and
assigned greedily best-first, each result used at most once; pairs scoring below `MIN_SCORE` are not links.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from pipeline.datasets import resource
from pipeline.records import Dataset
from pipeline.reconcile.normalize import fold

MIN_SCORE = 75.0
LINK_COLUMNS = list(resource("result_links").columns)  # declared in pipeline/datasets/resources.py


def _horizon_key(h: str) -> tuple[int, int]:
    years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", h)]
    return (years[0], years[-1]) if years else (9999, 9999)


def _text(s: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(s)).split())


def link_results(extractions: list, min_score: float = MIN_SCORE) -> pd.DataFrame:
    rows = []
    for ex in extractions:
        groups: dict[str, dict[str, list]] = {}
        for r in ex.datasets.get(Dataset.EXPECTED_RESULTS, []):
            if r.output_id:
                groups.setdefault(r.output_id, {}).setdefault(r.horizon, []).append(r)
        for oid, by_h in groups.items():
            hs = sorted(by_h, key=_horizon_key)
            for a, b in zip(hs, hs[1:]):
                A, B = by_h[a], by_h[b]
                s = process.cdist([_text(r.expected_result) for r in A], [_text(r.expected_result) for r in B],
                                  scorer=fuzz.token_sort_ratio, dtype=np.float32)
                order = np.dstack(np.unravel_index(np.argsort(-s, axis=None, kind="stable"), s.shape))[0]
                used_a, used_b = set(), set()
                for i, j in order:
                    if s[i, j] < min_score:
                        break
                    if i in used_a or j in used_b:
                        continue
                    used_a.add(i)
                    used_b.add(j)
                    ra, rb = A[i], B[j]
                    rows.append({"document_id": ex.document_id, "source_file": ex.source_file, "output_id": oid,
                                 "from_horizon": a,
                                 "from_result_number": ra.result_number, "from_result": ra.expected_result,
                                 "to_horizon": b, "to_result_number": rb.result_number, "to_result": rb.expected_result,
                                 "score": round(float(s[i, j]), 1),
                                 "method": "same" if s[i, j] >= 100 else "reworded"})
    return pd.DataFrame(rows, columns=LINK_COLUMNS)
