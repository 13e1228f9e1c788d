"""One frozen dataclass per record dataset, generated from its declaration in pipeline/datasets/resources.py.

Field order is the CSV column order, types and defaults are the declared ones (`int | None` for a nullable
number), so a record and its CSV row cannot disagree. Id fields (`output_id`, `unit_id`) are filled by
reconciliation after extraction; `source_file` and `review_status` by the flow that publishes. Extractors fill
the rest. A new record dataset gets one line below (`Name = record_type(Dataset.NAME)`, the name its
declaration's `record` gives): the class must be bound here under that name for pickle (the task cache, Dask)
to find it; tests/test_schema.py checks that every record dataset has its line.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.datasets import Dataset, RowKind, Status, record_type, resource

__all__ = [
    "Dataset", "RowKind", "Status", "RECORD_TYPES", "columns", "ErrorItem", "DocumentRecord", "Objective",
    "OutputObjectiveLink", "WorkMonths", "ServiceLevel", "ExpectedResult", "Kpi", "Risk", "Activity", "Target",
    "Outcome", "Output", "FinancialResource", "StrategicRisk", "TableRow",
]

DocumentRecord = record_type(Dataset.DOCUMENTS)
Objective = record_type(Dataset.OBJECTIVES)
OutputObjectiveLink = record_type(Dataset.LINKS)
WorkMonths = record_type(Dataset.WORK_MONTHS)
ServiceLevel = record_type(Dataset.SERVICE_LEVELS)
ExpectedResult = record_type(Dataset.EXPECTED_RESULTS)
Kpi = record_type(Dataset.KPIS)
Risk = record_type(Dataset.RISKS)
Activity = record_type(Dataset.ACTIVITIES)
Target = record_type(Dataset.TARGETS)
Outcome = record_type(Dataset.OUTCOMES)
Output = record_type(Dataset.OUTPUTS)
FinancialResource = record_type(Dataset.FINANCIAL_RESOURCES)
StrategicRisk = record_type(Dataset.STRATEGIC_RISKS)

RECORD_TYPES: dict[Dataset, type] = {d: record_type(d) for d in Dataset}

# A row of tables.csv (the run's report of every table found: extractors/table_report.py), not a record dataset.
TableRow = record_type("tables")


def columns(dataset: Dataset) -> list[str]:
    return list(resource(dataset).columns)


@dataclass(frozen=True)
class ErrorItem:
    """One problem with one document, kept as data so a batch goes on (like docling's ErrorItem). Published as a
    row of errors.csv (`source_file` in its `file` column; `pipeline.schema.errors_frame`)."""

    source_file: str
    stage: str  # one of pipeline.datasets.fields.ERROR_STAGES
    reason: str
    page: int | None = None
    component: str = ""  # which extractor, when stage is extract
