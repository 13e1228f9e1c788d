"""Variants of the samples that real documents of other years show: the extractors must give the same records.

Each variant rewrites the tables of the model read from a sample (the same change a different rendering or a
later year's document makes) and compares the records with those of the unchanged document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from extractors import service_levels, work_months
from extractors.matrices import extract as extract_links
from extractors.results import extract as extract_results
from pipeline.model import Cell, Document, Table
from pipeline.records import Dataset

OPPLAN = "gs-operational-plan-2008-2011"


def _with_tables(doc: Document, change) -> Document:
    blocks = tuple(change(b) if isinstance(b, Table) else b for b in doc.blocks)
    return replace(doc, blocks=blocks)


def _rebuild(table: Table, rows: list[list[Cell]]) -> Table:
    cells = []
    for r, row in enumerate(rows):
        for c in row:
            cells.append(replace(c, row=r))
    width = max((c.col + c.col_span for c in cells), default=0)
    return replace(table, n_rows=len(rows), n_cols=width, cells=tuple(cells))


def _is_work_month_table(t: Table) -> bool:
    return any("work months" in c.text.lower() for c in t.cells)


def _wm_key(r):
    return (r.output, r.unit, r.period_start, r.period_end, r.work_months)


def _work_months(doc):
    return Counter(_wm_key(r) for r in work_months.extract(doc).records[Dataset.WORK_MONTHS])


def test_title_merged_into_the_header_row(sample_doc):
    """`Work months` title rows removed and the subject written in the header's corner cell (as TELECOM does)."""
    doc = sample_doc(OPPLAN, "txt")

    def change(t: Table) -> Table:
        if not _is_work_month_table(t):
            return t
        rows = t.rows()
        header = next(i for i, r in enumerate(rows) if len(r) > 2 and r[1].text.strip()[:2] == "20")
        title = next(c.text for r in rows[:header] for c in r if c.text.strip() and "work months" not in c.text.lower())
        head = [replace(rows[header][0], text=title)] + rows[header][1:]
        return _rebuild(t, [head] + rows[header + 1:])

    variant = _with_tables(doc, change)
    assert _work_months(variant) == _work_months(doc)


def test_title_row_spanning_the_whole_table(sample_doc):
    """A single merged title cell over all columns, then a `Work months` row."""
    doc = sample_doc(OPPLAN, "txt")

    def change(t: Table) -> Table:
        if not _is_work_month_table(t):
            return t
        rows = t.rows()
        first = rows[0]
        if len(first) != 2:
            return t
        title = replace(first[0], col_span=t.n_cols)
        label = replace(first[1], col=0, col_span=t.n_cols)
        return _rebuild(t, [[title], [label]] + rows[1:])

    variant = _with_tables(doc, change)
    assert _work_months(variant) == _work_months(doc)


def test_period_columns_in_another_order(sample_doc):
    doc = sample_doc(OPPLAN, "txt")

    def change(t: Table) -> Table:
        if not any(c.text.strip() in ("2007", "2008") for c in t.cells):
            return t
        order = {1: 3, 2: 1, 3: 2}  # 2007 2008 2009-11 -> 2008 2009-11 2007
        cells = [replace(c, col=order.get(c.col, c.col)) if c.col_span == 1 else c for c in t.cells]
        return replace(t, cells=tuple(cells))

    variant = _with_tables(doc, change)
    assert _work_months(variant) == _work_months(doc)
    before = Counter((r.output, r.service, r.period, r.quantity) for r in service_levels.extract(doc).records[Dataset.SERVICE_LEVELS])
    after = Counter((r.output, r.service, r.period, r.quantity) for r in service_levels.extract(variant).records[Dataset.SERVICE_LEVELS])
    assert after == before


@pytest.mark.parametrize("printed", ["2009-11", "2009–2011", "2009 - 2011", "2009-2011"])
def test_periods_written_differently(sample_doc, printed):
    doc = sample_doc(OPPLAN, "txt")

    def change(t: Table) -> Table:
        cells = [replace(c, text=printed) if c.text.strip() in ("2009-2011", "2009-11") else c for c in t.cells]
        return replace(t, cells=tuple(cells))

    variant = _with_tables(doc, change)
    records = work_months.extract(variant).records[Dataset.WORK_MONTHS]
    assert {r.period for r in records if r.period_start == 2009} == {printed}
    assert all(r.period_end == 2011 for r in records if r.period_start == 2009)
    assert _work_months(variant) == _work_months(doc)


def test_a_unit_renamed(sample_doc):
    doc = sample_doc(OPPLAN, "txt")

    def change(t: Table) -> Table:
        cells = [replace(c, text="Conferences & Publications") if c.text.strip() == "C&P" else c for c in t.cells]
        return replace(t, cells=tuple(cells))

    renamed = Counter(
        (("Conferences & Publications" if k[1] == "C&P" else k[1]),) + k[2:] for k in _work_months(doc).elements()
    )
    got = Counter(k[1:] for k in _work_months(_with_tables(doc, change)).elements())
    assert got == renamed


def test_results_columns_swapped(sample_doc):
    """KPI and expected-result columns in the other order: the header says which is which."""
    doc = sample_doc(OPPLAN, "txt")

    def change(t: Table) -> Table:
        if not any(c.text.strip().lower().startswith("expected result") for c in t.cells) or t.n_cols != 2:
            return t
        cells = [replace(c, col=1 - c.col) if c.col_span == 1 else c for c in t.cells]
        return replace(t, cells=tuple(cells))

    key = lambda r: (r.output, r.horizon, r.result_number, r.expected_result)  # noqa: E731
    before = Counter(key(r) for r in extract_results(doc).records[Dataset.EXPECTED_RESULTS])
    after = Counter(key(r) for r in extract_results(_with_tables(doc, change)).records[Dataset.EXPECTED_RESULTS])
    common = sum((before & after).values())
    assert common / sum(before.values()) >= 0.95


def test_matrix_with_objectives_reordered(sample_doc):
    doc = sample_doc("strategic-plan-2008-2011", "txt")

    def change(t: Table) -> Table:
        if t.n_cols < 4:
            return t
        last = t.n_cols - 1
        cells = [replace(c, col={1: last, last: 1}.get(c.col, c.col)) if c.col_span == 1 else c for c in t.cells]
        return replace(t, cells=tuple(cells))

    key = lambda r: (r.scope, r.output, r.objective_number)  # noqa: E731
    before = Counter(key(r) for r in extract_links(doc).records[Dataset.LINKS])
    after = Counter(key(r) for r in extract_links(_with_tables(doc, change)).records[Dataset.LINKS])
    assert after == before and len(before) == 131


def test_title_cell_merged_down_over_the_period_row(sample_doc):
    """Word layout: the subject in a cell spanning two rows, `Work months` over the period columns, periods below."""
    doc = sample_doc(OPPLAN, "txt")

    def change(t: Table) -> Table:
        if not _is_work_month_table(t):
            return t
        rows = t.rows()
        if len(rows[0]) != 2 or len(rows[1]) != t.n_cols:
            return t
        title = replace(rows[0][0], row_span=2, col_span=1)
        label = replace(rows[0][1], col=1, col_span=t.n_cols - 1)
        periods = rows[1][1:]
        return _rebuild(t, [[title, label], periods] + rows[2:])

    variant = _with_tables(doc, change)
    assert sum(1 for t in variant.tables if any(c.row_span == 2 for c in t.cells)) >= 10
    assert _work_months(variant) == _work_months(doc)


@pytest.mark.parametrize("corner", ["Department", "Dept.", "Grade", "Bureau/Dept"])
def test_label_column_header_is_not_the_subject(sample_doc, corner):
    """No title row, and `Department | 2007 | 2008 | 2009-2011` as the header: the subject comes from the heading,
    never from the label column's header."""
    doc = sample_doc(OPPLAN, "txt")

    def change(t: Table) -> Table:
        if not _is_work_month_table(t):
            return t
        rows = t.rows()
        header = next(i for i, r in enumerate(rows) if len(r) > 2 and r[1].text.strip()[:2] == "20")
        return _rebuild(t, [[replace(rows[header][0], text=corner)] + rows[header][1:]] + rows[header + 1:])

    records = work_months.extract(_with_tables(doc, change)).records[Dataset.WORK_MONTHS]
    assert records and not any(r.output == corner for r in records)
    assert Counter(_wm_key(r)[1:] for r in records) == Counter(k[1:] for k in _work_months(doc).elements())
