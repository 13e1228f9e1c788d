"""An extraction against the gold file of one dataset: which extracted rows match gold, which differ from it, which
are not in it, and which gold rows were not extracted (what the report colours and the companion CSVs mark)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipeline.gold import NUMERIC, differences, norm_number, norm_text
from pipeline.gold_rows import GOLD_COLUMNS, NOTES, gold_row_of, record_dict, row_key
from pipeline.records import Dataset

OK, CHANGED, EXTRA, MISSING, NOGOLD = "ok", "changed", "extra", "missing", "nogold"


@dataclass
class Comparison:
    """One dataset of one document against its gold file."""

    dataset: Dataset
    has_gold: bool
    extracted_rows: int = 0
    gold_rows: int = 0
    status: list[str] = field(default_factory=list)  # per extracted record: ok | extra | changed | nogold
    gold_match: list[dict | None] = field(default_factory=list)  # per extracted record: its gold row (ok/changed)
    missing: list[dict] = field(default_factory=list)  # gold rows nothing was extracted for
    gold: list[dict] = field(default_factory=list)  # the gold rows, in file order (gold_match / missing are these)

    @property
    def counts(self) -> Counter:
        c = Counter(self.status)
        c[MISSING] = len(self.missing)
        return c

    def gold_index(self, row: dict | None) -> int | None:
        """The position in the gold file of a row of `gold_match` / `missing`."""
        if row is None:
            return None
        return next((i for i, g in enumerate(self.gold) if g is row), None)


def same_value(column: str, a: Any, b: Any) -> bool:
    """Equal as the evaluation compares them (numbers exactly, text normalized)."""
    if column in NUMERIC:
        return norm_number(a) == norm_number(b)
    return norm_text(a) == norm_text(b)


def differing_columns(record: Any, gold_row: dict, dataset: Dataset) -> list[str]:
    """The gold columns (not notes) in which an extracted record and a gold row differ."""
    row = gold_row_of(record, dataset)
    return [c for c in GOLD_COLUMNS[dataset] if c not in ("document_id", NOTES) and c in gold_row
            and not same_value(c, row.get(c, ""), gold_row.get(c, ""))]


def _similarity(a: tuple, b: tuple) -> float:
    from rapidfuzz import fuzz

    x, y = a[-1], b[-1]
    if x is None or y is None or isinstance(x, float) or isinstance(y, float):
        return 50.0  # numbers: same place, other value
    return fuzz.ratio(str(x), str(y))


def _pair_changed(missing_keys: list, extra_keys: list) -> tuple[dict, Counter, Counter]:
    """Missing and extra keys that share everything but the last key column, paired by similarity: the same row
    with another value (the same unit and period with another figure)."""
    miss_by_prefix: dict = defaultdict(list)
    for k in missing_keys:
        miss_by_prefix[k[:-1]].append(k)
    extra_by_prefix: dict = defaultdict(list)
    for k in extra_keys:
        extra_by_prefix[k[:-1]].append(k)
    changed: dict = defaultdict(list)  # extracted key -> gold keys
    paired_missing: Counter = Counter()
    paired_extra: Counter = Counter()
    for prefix, extras in extra_by_prefix.items():
        misses = miss_by_prefix.get(prefix, [])
        if not misses:
            continue
        pairs = sorted(((_similarity(e, m), i, j) for i, e in enumerate(extras) for j, m in enumerate(misses)),
                       key=lambda t: -t[0])
        taken_e, taken_m = set(), set()
        for sim, i, j in pairs:
            if i in taken_e or j in taken_m or sim < 40:
                continue
            taken_e.add(i)
            taken_m.add(j)
            changed[extras[i]].append(misses[j])
            paired_extra[extras[i]] += 1
            paired_missing[misses[j]] += 1
    return changed, paired_missing, paired_extra


def compare(dataset: Dataset, records: list, gold: pd.DataFrame | None) -> Comparison:
    """Which extracted rows match gold, which are extra, which changed (same key except its last column, or the
    same key with another value in a column outside the key), and which gold rows are missing."""
    if gold is None:
        return Comparison(dataset, False, len(records), 0, [NOGOLD] * len(records), [None] * len(records))
    from pipeline.frames import to_frame

    missing_keys, extra_keys = differences(to_frame(dataset, records), gold, dataset)
    gold_rows = gold.to_dict("records")
    gold_by_key: dict = defaultdict(list)
    for g in gold_rows:
        gold_by_key[row_key(g, dataset)].append(g)
    changed, paired_missing, paired_extra = _pair_changed(missing_keys, extra_keys)
    extra_left = Counter(extra_keys) - paired_extra
    comp = Comparison(dataset, True, len(records), len(gold_rows), gold=gold_rows)
    for r in records:
        k = row_key(record_dict(r), dataset)
        if changed.get(k):
            gk = changed[k].pop(0)
            comp.status.append(CHANGED)
            comp.gold_match.append(gold_by_key[gk].pop(0) if gold_by_key.get(gk) else None)
        elif extra_left[k] > 0:
            extra_left[k] -= 1
            comp.status.append(EXTRA)
            comp.gold_match.append(None)
        else:
            g = gold_by_key[k].pop(0) if gold_by_key.get(k) else None
            # same evaluation key, but another column (title, category, focal point, ...) differs
            comp.status.append(CHANGED if g is not None and differing_columns(r, g, dataset) else OK)
            comp.gold_match.append(g)
    missing_left = Counter(missing_keys) - paired_missing
    for k, n in missing_left.items():
        comp.missing.extend(gold_by_key[k][:n])
        gold_by_key[k] = gold_by_key[k][n:]
    return comp
