"""One frozen dataclass per published row type. Field order is the CSV column order (docs/DATA_DICTIONARY.md).

Id fields (`output_id`, `unit_id`) are filled by reconciliation after extraction; `source_file` and
`review_status` by the flow that publishes. Extractors fill the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum


class Dataset(str, Enum):
    DOCUMENTS = "documents"
    OBJECTIVES = "objectives"
    LINKS = "output_objective_links"
    WORK_MONTHS = "work_months"
    SERVICE_LEVELS = "service_levels"
    EXPECTED_RESULTS = "expected_results"
    KPIS = "kpis"
    RISKS = "risks"
    ACTIVITIES = "activities"
    TARGETS = "targets"
    OUTCOMES = "outcomes"
    OUTPUTS = "outputs"
    FINANCIAL_RESOURCES = "financial_resources"
    STRATEGIC_RISKS = "strategic_risks"


class RowKind(str, Enum):
    DEPARTMENT = "department"
    GRADE = "grade"
    TOTAL = "total"


@dataclass(frozen=True)
class DocumentRecord:
    document_id: str
    source_file: str
    sha256: str
    format: str
    title: str
    plan_kind: str
    period_start: int | None
    period_end: int | None
    body: str = ""
    page_count: int | None = None
    tables: int = 0
    tables_used: int = 0
    tables_skipped: int = 0
    status: str = "ok"


@dataclass(frozen=True)
class Objective:
    document_id: str
    scope: str
    kind: str
    number: str
    title: str
    text: str
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class OutputObjectiveLink:
    document_id: str
    matrix_title: str
    scope: str
    output: str
    output_id: str
    objective_number: str
    column_kind: str = "objective"
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class WorkMonths:
    document_id: str
    output: str
    output_id: str
    unit: str
    unit_id: str
    row_kind: str
    period: str
    period_start: int
    period_end: int
    work_months: float
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class ServiceLevel:
    document_id: str
    output: str
    output_id: str
    service: str
    period: str
    period_start: int
    period_end: int
    quantity: float
    measure: str
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class ExpectedResult:
    document_id: str
    output: str
    output_id: str
    horizon: str
    horizon_label: str
    result_number: str
    expected_result: str
    focal_point: str = ""
    group: str = ""
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class Kpi:
    document_id: str
    output: str
    output_id: str
    horizon: str
    result_number: str
    category: str
    kpi: str
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"
    outcome_number: str = ""


@dataclass(frozen=True)
class Risk:
    document_id: str
    output: str
    output_id: str
    horizon: str
    result_number: str
    risk: str
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class Activity:
    document_id: str
    group: str
    code: str
    description: str
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class Target:
    document_id: str
    goal_number: str
    target_number: str
    target: str
    target_year: int | None = None
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class Outcome:
    document_id: str
    scope: str
    objective_number: str
    outcome_number: str
    outcome: str
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class Output:
    document_id: str
    scope: str
    objective_number: str
    output_number: str
    output: str
    output_id: str = ""
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class FinancialResource:
    document_id: str
    scope: str
    subject: str
    subject_kind: str
    objective_number: str
    goal_number: str
    period: str
    period_start: int | None
    period_end: int | None
    amount_chf: float
    measure: str
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


@dataclass(frozen=True)
class StrategicRisk:
    document_id: str
    risk: str
    description: str
    mitigation: str
    table_index: int = -1
    source_file: str = ""
    review_status: str = "extracted"


RECORD_TYPES: dict[Dataset, type] = {
    Dataset.DOCUMENTS: DocumentRecord,
    Dataset.OBJECTIVES: Objective,
    Dataset.LINKS: OutputObjectiveLink,
    Dataset.WORK_MONTHS: WorkMonths,
    Dataset.SERVICE_LEVELS: ServiceLevel,
    Dataset.EXPECTED_RESULTS: ExpectedResult,
    Dataset.KPIS: Kpi,
    Dataset.RISKS: Risk,
    Dataset.ACTIVITIES: Activity,
    Dataset.TARGETS: Target,
    Dataset.OUTCOMES: Outcome,
    Dataset.OUTPUTS: Output,
    Dataset.FINANCIAL_RESOURCES: FinancialResource,
    Dataset.STRATEGIC_RISKS: StrategicRisk,
}


def columns(dataset: Dataset) -> list[str]:
    return [f.name for f in fields(RECORD_TYPES[dataset])]


class Status(str, Enum):
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


@dataclass(frozen=True)
class ErrorItem:
    """One problem with one document, kept as data so a batch goes on (like docling's ErrorItem)."""

    source_file: str
    stage: str  # read | extract | validate | publish
    reason: str
    page: int | None = None
    component: str = ""  # which extractor, when stage is extract
