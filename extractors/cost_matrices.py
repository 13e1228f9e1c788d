"""Cost-weighted matrices: outputs (or objectives, or Sectors) down the side, objectives or goals across the
top, amounts in thousands of Swiss francs instead of `x` marks (`Linkage between Intersectoral Outputs and General
Secretariat Objectives`, a spanning `GS Objectives` over bare numerals, a first `Total` column, `0` for no link,
a `Total` row). One record per non-empty money cell: the row's subject, the column's objective or goal number
(empty in the Total column), the amount in Swiss francs. A `0` is a row here and never a link in
output_objective_links: numbers are not `x` marks."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.money import GOAL, OBJECTIVE, body_rows, not_subjects, read_money_table, subject_of
from extractors.profile import REPORT, profile
from extractors.scope import scope_of
from pipeline.model import Document
from pipeline.records import Dataset, FinancialResource

DATASET = Dataset.FINANCIAL_RESOURCES


def extract(doc: Document) -> Extraction:
    if profile(doc).plan_kind == REPORT:
        return Extraction({DATASET: []})
    records, used, skipped = [], set(), {}
    for table in doc.tables:
        money = read_money_table(table)
        if money is None or not any(c.kind in (OBJECTIVE, GOAL) for c in money.columns.values()):
            continue
        rows = body_rows(table, money)
        why = not_subjects([label for label, _ in rows])
        if why:
            skipped[table.index] = why
            continue
        used.add(table.index)
        scope = scope_of(doc, table.context, f"{money.title} {table.context.preceding_text}")
        for row_label, values in rows:
            if not row_label or not values:
                continue
            subject, kind = subject_of(row_label)
            for col, amount in values.items():
                column = money.columns[col]
                objective = column.label if column.kind == OBJECTIVE else ""
                goal = column.label if column.kind == GOAL else ""
                period, (start, end) = (column.label, column.period) if column.period else ("", (None, None))
                records.append(FinancialResource(
                    doc.document_id, scope, subject, kind, objective, goal, period, start, end,
                    amount * money.factor, money.measure, table.index))
    return Extraction({DATASET: records}, frozenset(used), skipped)
