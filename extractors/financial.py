"""Financial and human resources in money, by period: `ITU-R objective | 2019 | 2020 | 2021 | 2022 | %` under
`Human and financial resources`, a title cell `Human resources (CHF thousands)` over a bare `2018 | 2019 ...`
header, `Objective | Budget 2022 (CHF) | %`. One record per non-empty money cell (`0` included, `%` never), the
amount in Swiss francs (`CHF thousands` multiplied out)."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.money import AMOUNT, GOAL, OBJECTIVE, PERIOD, TOTAL, body_rows, not_subjects, read_money_table, subject_of
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
        if money is None or any(c.kind in (OBJECTIVE, GOAL) for c in money.columns.values()):
            continue  # not money, or a cost matrix (cost_matrices.py)
        if not any(c.kind in (PERIOD, AMOUNT) for c in money.columns.values()):
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
                if column.kind == TOTAL:
                    period, start, end = "", None, None
                else:
                    period = column.label
                    start, end = column.period if column.period else (None, None)
                records.append(FinancialResource(
                    doc.document_id, scope, subject, kind, "", "", period, start, end, amount * money.factor,
                    money.measure, table.index))
    return Extraction({DATASET: records}, frozenset(used), skipped)
