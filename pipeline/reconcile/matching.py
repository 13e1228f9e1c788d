"""Vectorized fuzzy matching of many names against many registry keys (rapidfuzz `process.cdist`).

Scores are 0..100: max(token_sort_ratio, 0.9 x token_set_ratio). Word order and typos count fully
("SOCIAL RESPONSIBILTY" = 98); a name whose words are all inside the other ("Internet Policy" in
"Cybersecurity and Internet Policy") scores 85 at most, so it goes to review, and substrings inside words count for nothing
(WRatio's partial matching made "telecom" match "World Telecommunication Policy Forum"). Except
when either side is short (<= 4 characters: acronyms, codes), where partial matches mean nothing
("fi" is not "finance") and plain `fuzz.ratio` minus a penalty of 20 is used (identical keys still score 100). Work is chunked so memory stays
O(chunk x choices) whatever the number of queries; only the top-k per query is kept.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

SHORT = 4
SUBSET_WEIGHT = 0.85  # "ITU TELECOM Events" contains "ITU TELECOM": token_set 100 -> 85, review, not accept
SHORT_PENALTY = 20  # "tsag" vs "wtsa" is 75 by ratio, and means nothing
CHUNK = 2000


def _chunk_scores(queries: list[str], choices: list[str], choice_short: np.ndarray) -> np.ndarray:
    w = process.cdist(queries, choices, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1)
    t = process.cdist(queries, choices, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1)
    np.maximum(w, (t * SUBSET_WEIGHT).astype(np.uint8), out=w)
    del t
    q_short = np.fromiter((len(q) <= SHORT for q in queries), bool, len(queries))
    short = q_short[:, None] | choice_short[None, :]
    if short.any():
        rows = np.flatnonzero(short.any(axis=1))
        r = process.cdist([queries[i] for i in rows], choices, scorer=fuzz.ratio, dtype=np.int16, workers=-1)
        r = np.where(r >= 100, 100, np.clip(r - SHORT_PENALTY, 0, 100)).astype(np.uint8)
        w[rows] = np.where(short[rows], r, w[rows])
    return w


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
    choice_short = np.fromiter((len(c) <= SHORT for c in choices), bool, m)
    kk = min(k, m)
    for start in range(0, n, CHUNK):
        qs = queries[start:start + CHUNK]
        s = _chunk_scores(qs, choices, choice_short)
        if exclude_self or before_only:
            rows = np.arange(start, start + len(qs))
            cols = np.arange(m)
            mask = cols[None, :] >= rows[:, None] if before_only else cols[None, :] == rows[:, None]
            s[mask] = 0
        part = np.argpartition(-s.astype(np.int16), kk - 1, axis=1)[:, :kk]
        part_scores = np.take_along_axis(s, part, axis=1)
        order = np.argsort(-part_scores.astype(np.int16), axis=1, kind="stable")
        best = np.take_along_axis(part, order, axis=1)
        best_scores = np.take_along_axis(part_scores, order, axis=1)
        idx[start:start + len(qs), :kk] = np.where(best_scores > 0, best, -1)
        sc[start:start + len(qs), :kk] = best_scores
    return idx, sc
