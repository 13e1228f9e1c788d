"""Regression: a result row whose KPI and risk cells are empty, just before the next part's title row, is a
result (it was taken for a title because a period row follows it)."""

from __future__ import annotations

from extractors import results
from pipeline.readers import text as text_reader
from pipeline.records import Dataset

EXPORT = """II.6 Publications department expected results

\tPublications Department
operational plan for 2007

\tExpected Results
\tKPIs
\tRisk factors

\tProduction of CD-Roms
\tTarget delivery dates met
\t

\tIncrease in automation for faster output
\t
\t

\tPublications Department
operational plan for 2008-2011

\tExpected Results
\tKPIs
\tRisk factors

\tIncrease in automation for faster output
\tMonthly statistical reporting
\t


After the table.
"""


def test_result_row_with_empty_cells_before_a_title_row(tmp_path):
    path = tmp_path / "pub-operational-plan-2008-2011.txt"
    path.write_text(EXPORT, encoding="utf-8")
    ers = results.extract(text_reader.read(path)).records[Dataset.EXPECTED_RESULTS]
    assert [(r.output, r.horizon, r.expected_result) for r in ers] == [
        ("Publications Department", "2007", "Production of CD-Roms"),
        ("Publications Department", "2007", "Increase in automation for faster output"),
        ("Publications Department", "2008-2011", "Increase in automation for faster output"),
    ]
