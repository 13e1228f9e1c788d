"""Properties every extraction must have, whatever the document."""

from __future__ import annotations

from collections import defaultdict

import pytest

from pipeline.records import Dataset, RowKind

from .conftest import DOCUMENTS, FORMATS


@pytest.mark.parametrize("fmt", FORMATS)
def test_work_month_totals_equal_the_sum_of_their_rows(fmt, sample_extraction):
    ex = sample_extraction("gs-operational-plan-2008-2011", fmt)
    totals, sums = {}, defaultdict(float)
    for r in ex.datasets[Dataset.WORK_MONTHS]:
        key = (r.table_index, r.period)
        if r.row_kind == RowKind.TOTAL.value:
            totals[key] = r.work_months
        else:
            sums[key] += r.work_months
    assert len(totals) >= 20
    for key, total in totals.items():
        assert sums[key] == pytest.approx(total, abs=0.05), key


@pytest.mark.parametrize("name", DOCUMENTS)
def test_record_keys_are_unique(name, sample_extraction):
    ex = sample_extraction(name, "txt")
    keys = {
        Dataset.WORK_MONTHS: lambda r: (r.table_index, r.unit, r.period),
        Dataset.SERVICE_LEVELS: lambda r: (r.table_index, r.service, r.period),
        Dataset.LINKS: lambda r: (r.table_index, r.output, r.objective_number),
        Dataset.ACTIVITIES: lambda r: r.code,
        Dataset.OBJECTIVES: lambda r: (r.scope, r.kind, r.number),
    }
    for dataset, key in keys.items():
        values = [key(r) for r in ex.datasets[dataset]]
        assert len(values) == len(set(values)), dataset


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_statement_starts_with_a_spreadsheet_formula_character(name, sample_extraction):
    ex = sample_extraction(name, "txt")
    for dataset, field in [(Dataset.KPIS, "kpi"), (Dataset.RISKS, "risk"), (Dataset.EXPECTED_RESULTS, "expected_result")]:
        for r in ex.datasets[dataset]:
            assert not getattr(r, field).startswith(("=", "+", "-", "@")), getattr(r, field)


def test_tables_used_and_skipped_are_counted(sample_extraction):
    ex = sample_extraction("gs-operational-plan-2008-2011", "txt")
    assert ex.tables_total == len(ex.tables_used) + ex.tables_skipped
    assert ex.tables_skipped >= 4  # the TELECOM percentage breakdowns are none of the kinds
