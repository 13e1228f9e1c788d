"""Records to DataFrames: the one way the datasets of extractions become frames, typed and in the column order
of the data dictionary (`pipeline.schema.to_frame`). Publishing (`pipeline.batch`), the review comparison and the
tests all build their frames here, so what a test scores is what a run publishes."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from pipeline import schema
from pipeline.records import Dataset


def to_frame(dataset: Dataset, records: list) -> pd.DataFrame:
    return schema.to_frame(dataset, records)


def frames_of(extractions) -> dict[Dataset, pd.DataFrame]:
    """One frame per dataset from several `DocumentExtraction`s, each row stamped with its source file when the
    extraction did not stamp it (`pipeline.steps` does; a bare `extract_all` does not)."""
    by: dict[Dataset, list] = {d: [] for d in Dataset}
    for ex in extractions:
        source = getattr(ex, "source_file", "")
        for d, records in ex.datasets.items():
            by[Dataset(d)].extend(
                replace(r, source_file=source) if source and hasattr(r, "source_file") and not r.source_file else r
                for r in records)
    return {d: to_frame(d, rs) for d, rs in by.items()}
