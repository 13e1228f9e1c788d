"""Extractors: pure functions of the document model, one module per kind of table or list.

Every module exposes `DATASET` and `extract(doc) -> Extraction`; they are registered in `EXTRACTORS` (under the
dataset they yield, or a name of their own when another module already yields it), and
`extract_all` runs them all on one document, keeping each failure as an `ErrorItem` instead of stopping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors import (
    accomplishments, activities, documents, matrices, objectives, programmes, results, service_levels, unit_tables,
    work_months,
)
from extractors.base import Extraction
from pipeline.model import Document
from pipeline.records import Dataset, ErrorItem

EXTRACTORS = {
    Dataset.DOCUMENTS: documents.extract,
    Dataset.OBJECTIVES: objectives.extract,
    Dataset.LINKS: matrices.extract,
    Dataset.WORK_MONTHS: work_months.extract,
    Dataset.SERVICE_LEVELS: service_levels.extract,
    Dataset.EXPECTED_RESULTS: results.extract,  # also yields kpis and risks
    Dataset.ACTIVITIES: activities.extract,
    "unit_tables": unit_tables.extract,  # General Secretariat plans 2003-2007: expected_results, kpis, work_months
    "accomplishments": accomplishments.extract,  # Bureau plans 2000-2007: expected_results, kpis (status)
    "programmes": programmes.extract,  # ITU-D action-plan programme sub-items (1.3 ...): activities
}


@dataclass
class DocumentExtraction:
    document_id: str
    source_file: str
    datasets: dict[Dataset, list] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    tables_used: set[int] = field(default_factory=set)
    tables_total: int = 0

    @property
    def tables_skipped(self) -> int:
        return self.tables_total - len(self.tables_used)


def extract_all(doc: Document) -> DocumentExtraction:
    out = DocumentExtraction(doc.document_id, doc.source_file, {d: [] for d in Dataset}, [], set(), len(doc.tables))
    for name, fn in EXTRACTORS.items():
        try:
            ex = fn(doc)
        except Exception as exc:  # one broken extractor must not lose the others' datasets
            out.errors.append(ErrorItem(doc.source_file, "extract", f"{type(exc).__name__}: {exc}", None,
                                        getattr(name, "value", name)))
            continue
        for dataset, records in ex.records.items():
            out.datasets[dataset].extend(records)
        out.tables_used |= set(ex.tables_used)
    return out
