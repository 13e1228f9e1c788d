"""Extractors: pure functions of the document model, one module per kind of table or list.

Every module exposes `DATASET` and `extract(doc) -> Extraction`; they are registered in `EXTRACTORS` (by module
name: two kinds of table may feed one dataset), and `extract_all` runs them all on one document, keeping each
failure as an `ErrorItem` instead of stopping, and each table an extractor recognized but skipped with its reason;
then it reports every table of the document, used (by which extractors) or skipped (and why):
`DocumentExtraction.table_rows`, published as tables.csv (extractors/table_report.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors import (
    accomplishments, activities, cost_categories, cost_matrices, documents, financial, matrices, objectives, outcomes,
    outputs, programmes, results, service_levels, strategic_risks, targets, unit_tables, work_months,
)
from extractors.base import Extraction
from extractors.table_report import table_rows
from pipeline.model import Document
from pipeline.records import Dataset, ErrorItem

EXTRACTORS = {
    "documents": documents.extract,
    "objectives": objectives.extract,
    "output_objective_links": matrices.extract,
    "work_months": work_months.extract,
    "service_levels": service_levels.extract,
    "expected_results": results.extract,  # also yields kpis and risks
    "activities": activities.extract,
    "unit_tables": unit_tables.extract,  # General Secretariat plans 2003-2007: expected_results, kpis, work_months
    "accomplishments": accomplishments.extract,  # Bureau plans 2000-2007: expected_results, kpis (status)
    "programmes": programmes.extract,  # ITU-D action-plan programme sub-items (1.3 ...): activities
    "targets": targets.extract,
    "outcomes": outcomes.extract,  # also yields kpis (outcome indicators)
    "outputs": outputs.extract,
    "financial_resources": financial.extract,  # money by period
    "cost_matrices": cost_matrices.extract,  # money by objective or goal, into financial_resources
    "cost_categories": cost_categories.extract,  # an activity's resources by cost category, into financial_resources
    "strategic_risks": strategic_risks.extract,
}


@dataclass
class DocumentExtraction:
    document_id: str
    source_file: str
    datasets: dict[Dataset, list] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    tables_used: set[int] = field(default_factory=set)
    tables_total: int = 0
    used_by: dict[int, list[str]] = field(default_factory=dict)  # table index -> extractors that read it
    skipped: dict[int, str] = field(default_factory=dict)  # table index -> why a recognized table was not read
    table_rows: list = field(default_factory=list)  # pipeline.records.TableRow per table: tables.csv

    @property
    def skipped_tables(self) -> list:
        """The tables no extractor read, each with its reason (`TableRow`s of status `skipped`)."""
        return [r for r in self.table_rows if r.status == "skipped"]

    @property
    def tables_skipped(self) -> int:
        return self.tables_total - len(self.tables_used)


def extract_all(doc: Document) -> DocumentExtraction:
    out = DocumentExtraction(doc.document_id, doc.source_file, {d: [] for d in Dataset}, [], set(), len(doc.tables))
    for name, fn in EXTRACTORS.items():
        try:
            ex = fn(doc)
        except Exception as exc:  # one broken extractor must not lose the others' datasets
            out.errors.append(ErrorItem(doc.source_file, "extract", f"{type(exc).__name__}: {exc}", None, name))
            continue
        for dataset, records in ex.records.items():
            out.datasets[dataset].extend(records)
        out.tables_used |= set(ex.tables_used)
        for index in ex.tables_used:
            out.used_by.setdefault(index, []).append(name)
        for index, reason in ex.skipped.items():
            out.skipped.setdefault(index, reason)
    out.table_rows = table_rows(doc, out.used_by, out.skipped)  # nothing silent: every table, used or why not
    return out
