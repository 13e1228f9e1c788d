"""Vectorized fuzzy matching of many names against many registry keys (rapidfuzz `process.cdist`).

Score (0..100) = max(token_sort_ratio, 0.85 x token_set_ratio). Word order and typos count fully
("SOCIAL RESPONSIBILTY" = 98); a name whose words are all inside the other ("Internet Policy" in
"Cybersecurity and Internet Policy") scores 85 at most, so it goes to review rather than being accepted;
substrings inside words count for nothing (WRatio's partial matching made "telecom" match "World
Telecommunication Policy Forum"). When either side is short (<= 4 characters: acronyms, codes) plain
`ratio` minus 20 is used (identical keys still score 100): "tsag" vs "wtsa" means nothing.

Two stages keep it fast and memory-bounded:
1. `cdist` with `fuzz.ratio` on token-sorted keys (this *is* token_sort_ratio, and runs on rapidfuzz's SIMD
   path), in chunks of queries, keeping the best `PREFILTER` choices per query;
2. `cpdist` (element-wise, vectorized) with `token_set_ratio` on those (query, candidate) pairs only.
A subset match whose plain similarity is not among a query's `PREFILTER` best is missed (documented).
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

SHORT = 4
SHORT_PENALTY = 20
SUBSET_WEIGHT = 0.85  # "ITU TELECOM Events" contains "ITU TELECOM": token_set 100 -> 85, review, not accept
PREFILTER = 25
CHUNK = 500


def sort_tokens(keys: list[str]) -> list[str]:
    return [" ".join(sorted(k.split())) for k in keys]


def top_k(queries: list[str], choices: list[str], k: int = 3, exclude_self: bool = False,
          before_only: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(indices, scores), each len(queries) x k, best first; -1 / 0 where there is no candidate.

    `before_only` (queries and choices the same list): query i only sees choices j < i, which is what
    clustering names in their order of appearance needs.
    """
    n, m = len(queries), len(choices)
    idx = np.full((n, k), -1, dtype=np.int64)
    sc = np.zeros((n, k), dtype=np.uint8)
    if n == 0 or m == 0:
        return idx, sc
    sq, scs = sort_tokens(queries), sort_tokens(choices)
    q_short = np.fromiter((len(q) <= SHORT for q in queries), bool, n)
    c_short = np.fromiter((len(c) <= SHORT for c in choices), bool, m)
    pre = min(PREFILTER, m)
    for start in range(0, n, CHUNK):
        stop = min(n, start + CHUNK)
        s = process.cdist(sq[start:stop], scs, scorer=fuzz.ratio, dtype=np.uint8, workers=-1)
        if exclude_self or before_only:
            rows = np.arange(start, stop)[:, None]
            cols = np.arange(m)[None, :]
            s[cols >= rows if before_only else cols == rows] = 0
        cand = np.argpartition(-s.astype(np.int16), pre - 1, axis=1)[:, :pre]  # chunk x pre
        base = np.take_along_axis(s, cand, axis=1).astype(np.float32)
        del s
        qi = np.repeat(np.arange(start, stop), pre)
        ci = cand.ravel()
        tset = process.cpdist([queries[i] for i in qi], [choices[j] for j in ci], scorer=fuzz.token_set_ratio,
                              dtype=np.float32, workers=-1).reshape(cand.shape)
        score = np.maximum(base, tset * SUBSET_WEIGHT)
        short = q_short[qi].reshape(cand.shape) | c_short[ci].reshape(cand.shape)
        score = np.where(short, np.where(base >= 100, 100, np.clip(base - SHORT_PENALTY, 0, 100)), score)
        if exclude_self or before_only:
            rows = np.arange(start, stop)[:, None]
            score[(cand >= rows) if before_only else (cand == rows)] = 0
        score = np.floor(score).astype(np.uint8)
        order = np.argsort(-score.astype(np.int16), axis=1, kind="stable")[:, :k]
        best = np.take_along_axis(cand, order, axis=1)
        best_scores = np.take_along_axis(score, order, axis=1)
        kk = best.shape[1]
        idx[start:stop, :kk] = np.where(best_scores > 0, best, -1)
        sc[start:stop, :kk] = best_scores
    return idx, sc
