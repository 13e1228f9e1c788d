"""Records to DataFrames, in the column order of the data dictionary."""

from __future__ import annotations

from dataclasses import asdict, replace

import pandas as pd

from pipeline.records import Dataset, columns


def to_frame(dataset: Dataset, records: list) -> pd.DataFrame:
    return pd.DataFrame([asdict(r) for r in records], columns=columns(dataset))


def frames_of(extractions) -> dict[Dataset, pd.DataFrame]:
    """One frame per dataset from several `DocumentExtraction`s, each row stamped with its source file."""
    out = {}
    for dataset in Dataset:
        rows = []
        for ex in extractions:
            rows.extend(
                replace(r, source_file=ex.source_file) if hasattr(r, "source_file") and not r.source_file else r
                for r in ex.datasets.get(dataset, [])
            )
        out[dataset] = to_frame(dataset, rows)
    return out
