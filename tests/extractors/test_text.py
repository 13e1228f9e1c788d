"""Numbers, periods and statements as printed in these documents."""

from __future__ import annotations

import pytest

from extractors.text import (
    clean,
    is_period_label,
    parse_number,
    parse_period,
    pull_focal_points,
    split_result_number,
    split_statements,
    strip_marker,
)


@pytest.mark.parametrize(
    "printed, value",
    [("1'772", 1772), ("41’200", 41200), ("5,320,000", 5320000), ("  173,000 ", 173000), ("4.7", 4.7), ("0.0", 0),
     ("0", 0), ("1 415", 1415), ("x", None), ("", None), ("12%", None), ("2009-2011", None)],
)
def test_numbers_as_printed(printed, value):
    assert parse_number(printed) == value


@pytest.mark.parametrize(
    "label, period, is_label",
    [
        ("2009-11", (2009, 2011), True),
        ("2009-2011", (2009, 2011), True),
        ("2008‑2011", (2008, 2011), True),
        ("2007", (2007, 2007), True),
        ("2009 – 2011", (2009, 2011), True),
        ("2007 (continued), 2008-2011", (2008, 2011), False),
        ("2006-2007 implementation (at 31.05.2007)", (2006, 2007), False),
        ("2006-2007 (to 31 May 2007)", (2006, 2007), True),
        ("Project start date 2012-2015", (2012, 2015), False),
        ("Pages", None, False),
        ("In the 2006-07 budget, this is an unfunded mandated activity", (2006, 2007), False),
    ],
)
def test_periods(label, period, is_label):
    assert parse_period(label) == period
    assert is_period_label(label) == is_label


@pytest.mark.parametrize(
    "cell, number, rest",
    [("1. Adopt general policies", "1", "Adopt general policies"), ("3a. Establish", "3a", "Establish"),
     ("3a) Revise the financial Regulations", "3a", "Revise the financial Regulations"),
     ("2.1\nInvolvement of all", "2.1", "Involvement of all"), ("1.1  Decision 9", "1.1", "Decision 9"),
     ("2006 In house production", "", "2006 In house production"), ("Payment of benefits", "", "Payment of benefits")],
)
def test_result_numbers(cell, number, rest):
    assert split_result_number(cell) == (number, rest)


def test_focal_points_are_pulled_out_with_nested_brackets():
    text, focal = pull_focal_points("Continue ITU role (Focal Point: BDT (C2) and SPU (C5)) and more (Focal Point: CEC)")
    assert text == "Continue ITU role and more"
    assert focal == "BDT (C2) and SPU (C5); CEC"


@pytest.mark.parametrize(
    "printed, cleaned",
    [("WTSA Regional Consul-\ntation", "WTSA Regional Consultation"), ("UIPRN/\nUISCN Registrar", "UIPRN/UISCN Registrar"),
     ("e-strategies, e-services, \ne-applications", "e-strategies, e-services, e-applications"),
     ("ITU-R \nPublications", "ITU-R Publications"), ("activities\uf02a", "activities")],
)
def test_clean(printed, cleaned):
    assert clean(printed) == cleaned


@pytest.mark.parametrize(
    "marked, text",
    [("- Trend in ITU membership", "Trend in ITU membership"), ("· Timely provision", "Timely provision"),
     ("(b) Create tools", "Create tools"), ("1.1 Timeliness", "Timeliness"), ("68 Ministers from 48 countries", "68 Ministers from 48 countries"),
     ("= formula", "= formula")],
)
def test_list_markers(marked, text):
    assert strip_marker(marked) == text


KPI_CELL = """In addition to KPIs listed above:

Customer:
- Trend in ITU membership and retention rate

- % of MS satisfied with meeting preparation and follow-up
Financial: 
- Expenditure versus budget (C07-C10)
Staff:
- level of staff competency
- Number of consulting tasks completed versus
Number of consulting tasks requested
Process:
- National economies
and priorities
Coverage. Benchmarking of how ITU is perceived. Sales figures on client base.
Timely development of model host-country agreement (doc. C07/22).
As above"""


def test_kpi_cell_split_into_statements_with_categories():
    assert split_statements(KPI_CELL) == [
        ("Customer", "Trend in ITU membership and retention rate"),
        ("Customer", "% of MS satisfied with meeting preparation and follow-up"),
        ("Financial", "Expenditure versus budget (C07-C10)"),
        ("Staff", "level of staff competency"),
        ("Staff", "Number of consulting tasks completed versus Number of consulting tasks requested"),
        ("Process", "National economies and priorities"),
        ("Process", "Coverage."),
        ("Process", "Benchmarking of how ITU is perceived."),
        ("Process", "Sales figures on client base."),
        ("Process", "Timely development of model host-country agreement (doc. C07/22)."),
    ]


def test_bullet_glyph_alone_on_its_line_starts_a_new_statement():
    assert split_statements("(\nTimely submission of documents\n(\neffective time management") == [
        ("", "Timely submission of documents"), ("", "effective time management")]
