"""Budgets by cost category (extractors/cost_categories.py): what gives no rows, and says why. The layouts that
give rows are held to their truth in the Bureau test documents (tests/extractors/older/bureaux.py, every format);
each case here is a minimal Word text export of one table."""

from __future__ import annotations

import pytest

from extractors import extract_all
from extractors.money import ACROSS, NO_CURRENCY
from extractors.text import has_term
from pipeline.readers import text as text_reader
from pipeline.records import Dataset

from .test_unseen_rules import _rows


def _extract(tmp_path, text: str):
    path = tmp_path / "br-operational-plan-2004-2007.txt"
    path.write_text("ITU-R OPERATIONAL PLAN FOR 2004-2007\n\n" + text + "After.\n", encoding="utf-8")
    return extract_all(text_reader.read(path))


def test_periods_down_the_side_name_no_subject(tmp_path):
    """`Year | Regular budget | Extra-budgetary funds` used to publish the years as subjects."""
    ex = _extract(tmp_path, "Funding of the Bureau, in CHF thousands:\n" + _rows("""
        Year | Regular budget | Extra-budgetary funds
        2004 | 1'200 | 900
        2005 | 1'250 | 950
    """))
    assert ex.datasets[Dataset.FINANCIAL_RESOURCES] == []
    assert list(ex.skipped.values()) == ["periods down the side: the table says no subject the money is for"]


def test_revenue_in_a_budget_section_is_not_an_allocation(tmp_path):
    ex = _extract(tmp_path, "3 Budget\n\nIn thousands of Swiss francs:\n" + _rows("""
        | 2004 | 2005
        Staff costs | 1'850 | 2'940
        Cost recovery | 1'900 | 2'050
    """))
    assert ex.datasets[Dataset.FINANCIAL_RESOURCES] == []
    assert "by cost category" in " ".join(ex.skipped.values()) and not ex.used_by


def test_categories_across_by_year_need_a_resources_section(tmp_path):
    """Years down, categories across: the subject is the resources section's; without one, nothing."""
    table = _rows("""
        Year | Staff costs | Non-staff costs
        2004 | 1'850 | 260
        2005 | 2'940 | 1'060
    """)
    ex = _extract(tmp_path, "4 Conference support\n\nThe figures below are in CHF thousands.\n" + table)
    assert ex.datasets[Dataset.FINANCIAL_RESOURCES] == []
    assert list(ex.skipped.values()) == [ACROSS]
    ex = _extract(tmp_path, "4 Conference support\n\n4.3 Resources allocation for 2004-2005 (CHF thousands)\n\n" + table)
    rows = {(r.subject, r.cost_category, r.period, r.amount_chf) for r in ex.datasets[Dataset.FINANCIAL_RESOURCES]}
    assert rows == {("Conference support", "Staff costs", "2004", 1_850_000.0),
                    ("Conference support", "Non-staff costs", "2004", 260_000.0),
                    ("Conference support", "Staff costs", "2005", 2_940_000.0),
                    ("Conference support", "Non-staff costs", "2005", 1_060_000.0)}


def test_a_title_row_names_the_allocation_and_its_period(tmp_path):
    """No resources heading: the title row across the table says what it is and for which biennium."""
    ex = _extract(tmp_path, "4 Conference support\n\n4.2 Major outputs/outcomes\n\n" + _rows("""
        Resources allocation for 2004-2005 (CHF thousands)
        | CHF thousands
        Staff costs | 4'790
        Non-staff costs | 1'320
    """))
    rows = {(r.subject, r.cost_category, r.period, r.amount_chf) for r in ex.datasets[Dataset.FINANCIAL_RESOURCES]}
    assert rows == {("Conference support", "Staff costs", "2004-2005", 4_790_000.0),
                    ("Conference support", "Non-staff costs", "2004-2005", 1_320_000.0)}


def test_a_category_over_its_parts_is_not_a_subject(tmp_path):
    ex = _extract(tmp_path, "4 Conference support\n\n4.3 Resources allocation (CHF thousands)\n\n" + _rows("""
        | 2004 | 2005
        Staff costs
        Salaries | 1'500 | 2'500
        Overtime | 350 | 440
        Non-staff costs | 260 | 1'060
    """))
    rows = {(r.subject, r.cost_category, r.period, r.amount_chf) for r in ex.datasets[Dataset.FINANCIAL_RESOURCES]}
    assert {(s, c) for s, c, _, _ in rows} == {("Conference support", "Salaries"), ("Conference support", "Overtime"),
                                               ("Conference support", "Non-staff costs")}


def _amounts(ex) -> set:
    return {(r.subject, r.cost_category, r.period, r.amount_chf, r.measure)
            for r in ex.datasets[Dataset.FINANCIAL_RESOURCES]}


def test_sources_printing_their_period_and_measure(tmp_path):
    """`Regular budget 2006-2007 (CHF thousands)`: the source is the column's cost_category, without the period or
    the measure it prints; a currency after the amount and a Swiss `.-` are read."""
    ex = _extract(tmp_path, "4 Conference support\n\n4.3 Resources allocation\n\n" + _rows("""
        Cost category | Regular budget 2006-2007 (CHF thousands) | Extrabudgetary 2006-2007 (CHF thousands)
        Staff costs | 1'850 CHF | 400.-
    """))
    assert _amounts(ex) == {("Conference support", "Staff costs / Regular budget", "2006-2007", 1_850_000.0,
                             "CHF thousands"),
                            ("Conference support", "Staff costs / Extrabudgetary", "2006-2007", 400_000.0,
                             "CHF thousands")}


def test_sources_by_year_need_a_resources_section(tmp_path):
    """Years down the side, sources across: the resources section's subject, the row's year; outside such a
    section the table names no subject (the skip is said above)."""
    table = _rows("""
        Year | Regular budget | Trust funds | Total
        2006 | CHF 500 | CHF 120 | CHF 620
        2007 | CHF 520 | | CHF 520
    """)
    ex = _extract(tmp_path, "4 Conference support\n\n4.3 Resources allocation (CHF thousands)\n\n" + table)
    assert _amounts(ex) == {
        ("Conference support", "Regular budget", "2006", 500_000.0, "CHF thousands"),
        ("Conference support", "Trust funds", "2006", 120_000.0, "CHF thousands"),
        ("Conference support", "", "2006", 620_000.0, "CHF thousands"),
        ("Conference support", "Regular budget", "2007", 520_000.0, "CHF thousands"),
        ("Conference support", "", "2007", 520_000.0, "CHF thousands")}


def test_a_budget_year_over_each_group_of_sources_without_spans(tmp_path):
    """A Word text export keeps no spans: `Budget 2006 | Budget 2007` over two groups of sources still give each
    group its year; rows naming activities need no resources section."""
    ex = _extract(tmp_path, "2 Summary\n\nFunding of the activities (CHF thousands):\n" + _rows("""
        | Budget 2006 | Budget 2007
        Activity | Regular budget | Extra-budgetary | Regular budget | Extra-budgetary
        Study groups | 100 | 20 | 110 | 25
    """))
    assert _amounts(ex) == {("Study groups", "Regular budget", "2006", 100_000.0, "CHF thousands"),
                            ("Study groups", "Extra-budgetary", "2006", 20_000.0, "CHF thousands"),
                            ("Study groups", "Regular budget", "2007", 110_000.0, "CHF thousands"),
                            ("Study groups", "Extra-budgetary", "2007", 25_000.0, "CHF thousands")}


def test_a_total_under_a_source_is_that_source_over_its_years(tmp_path):
    ex = _extract(tmp_path, "4 Conference support\n\n4.3 Resources allocation (CHF thousands)\n\n" + _rows("""
        | Regular budget | | | Extra-budgetary | | 
        Cost category | 2006 | 2007 | Total | 2006 | 2007 | Total
        Staff costs | 100 | 110 | 210 | 10 | 20 | 30
    """))
    assert {(c, p, a) for _, c, p, a, _ in _amounts(ex)} == {
        ("Staff costs / Regular budget", "2006", 100_000.0), ("Staff costs / Regular budget", "2007", 110_000.0),
        ("Staff costs / Regular budget", "2006-2007", 210_000.0),
        ("Staff costs / Extra-budgetary", "2006", 10_000.0), ("Staff costs / Extra-budgetary", "2007", 20_000.0),
        ("Staff costs / Extra-budgetary", "2006-2007", 30_000.0)}


def test_sources_down_the_side_need_a_resources_section(tmp_path):
    """`Regular budget`, `Extra-budgetary` rows are not subjects: outside a resources section no rows, and why."""
    ex = _extract(tmp_path, "2 Summary\n\nThe figures are in CHF thousands.\n" + _rows("""
        Source of funds | 2006 | 2007
        Regular budget | 3'400 | 3'570
        Extra-budgetary funds | 350 | 390
    """))
    assert ex.datasets[Dataset.FINANCIAL_RESOURCES] == []
    assert "by source of funds" in " ".join(ex.skipped.values()) and not ex.used_by


def test_a_scale_printed_in_the_cell_wins_over_the_measure(tmp_path):
    """`CHF 1.2 million` under `CHF thousands`: the cell's scale decides; the other cells take the measure."""
    ex = _extract(tmp_path, "4 Conference support\n\n4.3 Resources allocation (CHF thousands)\n\n" + _rows("""
        | 2006 | 2007
        Staff costs | CHF 1.2 million | 1'250
        Non-staff costs | 850k | 0.9 mio CHF
    """))
    assert {(c, p, a) for _, c, p, a, _ in _amounts(ex)} == {
        ("Staff costs", "2006", 1_200_000.0), ("Staff costs", "2007", 1_250_000.0),
        ("Non-staff costs", "2006", 850_000.0), ("Non-staff costs", "2007", 900_000.0)}


def test_posts_by_source_of_funds_are_not_money(tmp_path):
    """`Regular budget` is a money word, but without a currency anywhere the columns count posts: no rows, and why."""
    heading = "4 Conference support\n\n4.3 Resources allocation\n\nPosts by source of funds:\n"
    ex = _extract(tmp_path, heading + _rows("""
        Grade | Regular budget | Extra-budgetary | Total
        P.4 | 3 | 1 | 4
        G.5 | 2 | – | 2
    """))
    assert ex.datasets[Dataset.FINANCIAL_RESOURCES] == [] and not ex.used_by
    assert list(ex.skipped.values()) == [NO_CURRENCY]


_BY_SOURCE = """
    Activity | {rb} | {xb} | Total
    Study groups | 1'200 | 300 | 1'500
    Workshops | 400 | 100 | 500
    Total | 1'600 | 400 | 2'000
"""


@pytest.mark.parametrize("rb, xb", [("RB", "XB"), ("Regular Budget (RB)", "Extra-budget funds (XB)"),
                                    ("Regular-budget", "Extrabudgetary")])
def test_sources_abbreviated_or_spelled_variously_are_sources(tmp_path, rb, xb):
    """`RB | XB | Total` is read like `Regular budget | Extra-budgetary | Total`: the source as printed."""
    ex = _extract(tmp_path, "2 Summary\n\nFunding of the activities (CHF thousands):\n" +
                  _rows(_BY_SOURCE.format(rb=rb, xb=xb)))
    assert {(s, c, a) for s, c, _, a, _ in _amounts(ex) if s == "Study groups"} == {
        ("Study groups", rb, 1_200_000.0), ("Study groups", xb, 300_000.0), ("Study groups", "", 1_500_000.0)}


@pytest.mark.parametrize("above, measure, factor", [
    ("Funding of the activities, 2006-2007:", "", 1.0),  # a funding title: the figures as printed
    ("The activities, 2006-2007, in thousands:", "thousands", 1000.0),  # a scale
    ("The activities, 2006-2007:", "", 1.0),  # the totals add up over amounts printed with thousands marks
])
def test_sources_without_a_currency_read_on_other_evidence(tmp_path, above, measure, factor):
    ex = _extract(tmp_path, "2 Summary\n\n" + above + "\n" + _rows(_BY_SOURCE.format(rb="RB", xb="XB")))
    assert {(s, c, p, a, m) for s, c, p, a, m in _amounts(ex) if s == "Workshops"} == {
        ("Workshops", "RB", "2006-2007", 400 * factor, measure),
        ("Workshops", "XB", "2006-2007", 100 * factor, measure),
        ("Workshops", "", "2006-2007", 500 * factor, measure)}
    assert not ex.skipped


@pytest.mark.parametrize("above, table", [
    ("Meetings by activity, 2006-2007:", """
        Activity | RB | XB | Total
        Study groups | 12 | 3 | 15
        Workshops | 4 | 1 | 5
        Total | 16 | 4 | 20
    """),  # totals add up, but nothing is printed as an amount, and nothing else says money
    ("Number of posts, budget 2006-2007 (thousands):", _BY_SOURCE.format(rb="RB", xb="XB")),  # a count is named
])
def test_sources_without_a_currency_or_other_evidence_are_not_money(tmp_path, above, table):
    ex = _extract(tmp_path, "2 Summary\n\n" + above + "\n" + _rows(table))
    assert ex.datasets[Dataset.FINANCIAL_RESOURCES] == [] and not ex.used_by
    assert list(ex.skipped.values()) == [NO_CURRENCY]


def test_an_abbreviation_is_a_whole_word_in_capitals():
    assert has_term("RB", "funding_source") and has_term("Regular budget (RB)", "funding_source")
    assert not has_term("Suburb", "funding_source") and not has_term("rb", "funding_source")
    assert not has_term("XBRL filings", "funding_source")


def test_costs_without_a_currency_read_on_a_scale(tmp_path):
    """No currency and no money word above or in the header: the resources section and the scale say money."""
    ex = _extract(tmp_path, "4 Conference support\n\n4.3 Resources for 2004-2005\n\nFigures in thousands.\n" + _rows("""
        | 2004 | 2005
        Staff costs | 1'850 | 2'940
        Non-staff costs | 260 | 1'060
    """))
    assert {(c, p, a, m) for _, c, p, a, m in _amounts(ex)} == {
        ("Staff costs", "2004", 1_850_000.0, "thousands"), ("Staff costs", "2005", 2_940_000.0, "thousands"),
        ("Non-staff costs", "2004", 260_000.0, "thousands"), ("Non-staff costs", "2005", 1_060_000.0, "thousands")}


def test_a_scale_in_the_source_columns(tmp_path):
    """`RB (k) | XB (k)`: the scale the columns print, the source without it."""
    ex = _extract(tmp_path, "2 Summary\n\nThe activities, 2006-2007:\n" +
                  _rows(_BY_SOURCE.format(rb="RB (k)", xb="XB (k)")))
    assert {(c, a, m) for s, c, _, a, m in _amounts(ex) if s == "Workshops"} == {
        ("RB", 400_000.0, "k"), ("XB", 100_000.0, "k"), ("", 500_000.0, "k")}
