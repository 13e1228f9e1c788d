"""The review queue's score: how likely a candidate is the same entity as the printed name, from all the evidence.

Every candidate of a provisional entity (pipeline/reconcile/resolve.py) gets an `Evidence` and one score, 0-100,
read as "chance in 100 that the reviewer will say *same*". It is a logistic combination (log-odds added up) with
hand-set weights, not a fitted model; the weights are in `WEIGHTS` and docs/RECONCILIATION.md, and
tests/reconcile/test_editions.py measures that true candidates score above false ones on the edition pairs.

| evidence | log-odds |
|---|---|
| name similarity s (0-100, `matching.top_k`): (s - 85) / 4 | 85 -> 0, 90 -> +1.25, 75 -> -2.5 |
| two acronyms: letters in common, in order (SPU / SPM = 2 of 3) instead of s: 6 x share - 5 | 2/3 -> -1 |
| the same distinctive words, any order or repetition | +3 |
| the same words, some abbreviated (Regs / Regulations) | +3 |
| one is the other's acronym (defined in a document, initials, the project's list) | +2.5 |
| each name has a distinctive word the other lacks (terrestrial / space notices): a different thing | -2 |
| one names an organizational unit (department, unit, division, office) and the other does not | -2 |
| the candidate was printed in the previous edition of this document and is not printed in this one | +2 |
| the document says the candidate ended (abolished, merged into something else) or the name is a merger target of it | -5 |
| no other candidate within 10 points of similarity | +0.5 |
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WEIGHTS = {
    "same_words": 3.0,
    "abbreviated_words": 3.0,
    "acronym": 2.5,
    "replaced": -2.0,
    "unit_mismatch": -2.0,
    "orphan": 2.0,
    "ended": -5.0,
    "unique": 0.5,
}
CENTER = 85.0  # the similarity that is even odds on its own
SPREAD = 4.0  # similarity points per unit of log-odds


@dataclass(frozen=True)
class Evidence:
    similarity: float = 0.0  # 0-100, matching.top_k's score
    letters: float | None = None  # two acronyms: share of letters in common in order; replaces similarity
    same_words: bool = False
    abbreviated_words: bool = False
    acronym: bool = False
    replaced: bool = False
    unit_mismatch: bool = False
    orphan: bool = False
    ended: bool = False
    unique: bool = False

    def log_odds(self) -> float:
        if self.letters is not None:
            z = 6.0 * self.letters - 5.0
        else:
            z = (self.similarity - CENTER) / SPREAD
        for name, weight in WEIGHTS.items():
            if getattr(self, name):
                z += weight
        return z

    def score(self) -> float:
        """0.5 .. 99.5: never certain either way (certainty is a decision's job)."""
        p = 100.0 / (1.0 + math.exp(-self.log_odds()))
        return round(min(99.5, max(0.5, p)), 1)

    def summary(self) -> str:
        """What the reviewer reads in the queue's `reason` column."""
        parts = [f"letters {self.letters:.2f}" if self.letters is not None else f"similarity {self.similarity:.0f}"]
        labels = {"same_words": "same words", "abbreviated_words": "same words abbreviated",
                  "acronym": "acronym", "replaced": "words replaced", "unit_mismatch": "unit vs not a unit",
                  "orphan": "not printed since the last edition", "ended": "stated ended", "unique": "clear best"}
        parts += [label for name, label in labels.items() if getattr(self, name)]
        return ", ".join(parts)


def words_replaced(a: list[str], b: list[str]) -> bool:
    """Each side has a distinctive word the other lacks (neither is the other plus words)."""
    sa, sb = set(a), set(b)
    return bool(sa - sb) and bool(sb - sa)


def common_letters(a: str, b: str) -> float:
    """Share of the longer acronym's letters the two have in common, in order, from the first letter:
    'spu' / 'spm' -> 2/3; a different first letter -> 0."""
    if not a or not b or a[0] != b[0]:
        return 0.0
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        for j in range(m):
            table[i + 1][j + 1] = table[i][j] + 1 if a[i] == b[j] else max(table[i][j + 1], table[i + 1][j])
    return table[n][m] / max(n, m)
