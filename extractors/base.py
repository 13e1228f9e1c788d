"""The one small interface all extractors share."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.records import Dataset


@dataclass(frozen=True)
class Extraction:
    records: dict[Dataset, list] = field(default_factory=dict)
    tables_used: frozenset[int] = frozenset()
    # tables an extractor recognized as its kind but did not read, with the reason (table index -> reason): a
    # user sees them in the tables report instead of losing them silently
    skipped: dict[int, str] = field(default_factory=dict)
