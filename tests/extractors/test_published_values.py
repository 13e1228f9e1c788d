"""Values issue 16 found wrong in the published datasets of the samples, each pinned by a regression test on a
small real document and on the samples in every format (objective titles: tests/extractors/test_objective_titles.py).
"""

from __future__ import annotations

import docx
import pytest

from extractors import results
from pipeline.frames import frames_of
from pipeline.gold import differences, load_gold
from pipeline.readers import read_document
from pipeline.records import Dataset

from .conftest import DOCUMENTS, FORMATS

JOINED = "Organization and clarity of debates Labour market for précis-writers"


def _results_plan(tmp_path, risk_cells: list[str]):
    d = docx.Document()
    d.add_paragraph("Operational Plan of the General Secretariat 2008-2011")
    d.add_heading("II.5 Conferences", level=2)
    d.add_paragraph("2008-2011 Expected results and KPIs")
    table = d.add_table(rows=1 + len(risk_cells), cols=3)
    for cell, text in zip(table.rows[0].cells, ("Expected results", "Key performance indicators", "Risk factors")):
        cell.text = text
    for k, risk in enumerate(risk_cells, start=1):
        row = table.rows[k].cells
        row[0].text, row[1].text, row[2].text = f"{k}. Meetings held as planned", "Meetings held", risk
    path = tmp_path / "gs-operational-plan-2008-2011.docx"
    d.save(path)
    return read_document(path)


def test_two_risks_a_reading_joined_are_split(tmp_path):
    doc = _results_plan(tmp_path, ["Organization and clarity of debates", JOINED, "Delays in Member States Replies"])
    risks = [r.risk for r in results.extract(doc).records[Dataset.RISKS]]
    assert risks == ["Organization and clarity of debates", "Organization and clarity of debates",
                     "Labour market for précis-writers", "Delays in Member States Replies"]


def test_a_risk_is_not_split_without_the_first_statement_printed_alone(tmp_path):
    doc = _results_plan(tmp_path, [JOINED, "Organization of debates"])
    risks = [r.risk for r in results.extract(doc).records[Dataset.RISKS]]
    assert risks == [JOINED, "Organization of debates"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_risks_are_the_gold_risks(fmt, sample_extraction):
    for name in DOCUMENTS:
        frame = frames_of([sample_extraction(name, fmt)])[Dataset.RISKS]
        missing, extra = differences(frame, load_gold(name, Dataset.RISKS), Dataset.RISKS)
        assert (missing, extra) == ([], []), f"{name}.{fmt}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_results_are_the_gold_results_in_every_column(fmt, sample_extraction):
    """Regression (issue 16): the PDF gave `Secretary – General’s report` where the document prints
    `Secretary –General’s` and the line breaks after the dash (LibreOffice prints the spaces it wraps at, and
    none follows that dash); every column of every result now equals the gold."""
    for name in DOCUMENTS:
        frame = frames_of([sample_extraction(name, fmt)])[Dataset.EXPECTED_RESULTS]
        missing, extra = differences(frame, load_gold(name, Dataset.EXPECTED_RESULTS), Dataset.EXPECTED_RESULTS)
        assert (missing, extra) == ([], []), f"{name}.{fmt}"


def _text_export(tmp_path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def _title(doc) -> str:
    from extractors import documents

    return documents.extract(doc).records[Dataset.DOCUMENTS][0].title


def test_a_section_heading_is_not_the_title_of_a_text_export(tmp_path):
    body = ("Foreword\n\n1 I have the honour to present the draft rolling operational plan of the Human Resources "
            "Department for the 2010-2013 timeframe.\n\nStructure of the Department Operational Plan\n\n2 The plan for "
            "2010-2013 is structured as follows.\n")
    doc = _text_export(tmp_path, body, "hr-operational-plan-2010-2013.txt")
    assert doc.title != _title(doc)  # the reader guesses a line of the body
    assert _title(doc) == "Draft rolling Operational Plan of the Human Resources Department 2010-2013"
    # no phrase naming the plan: kind, body and period
    doc = _text_export(tmp_path, "PART I - The Union and its membership\n\n1 The strategic plan for 2012-2015 of "
                       "the Union sets out its strategic goals for 2012-2015.\n", "strategic-plan-2012-2015.txt")
    assert _title(doc) == "Strategic Plan of the Union 2012-2015"


def test_a_title_line_naming_the_plan_and_its_period_stays(tmp_path):
    doc = _text_export(tmp_path, "Strategic Plan for the Union 2012-2015\n\nPART I - The Union\n\n1 The strategic "
                       "plan sets out the goals of the Union for 2012-2015.\n", "strategic-plan-2012-2015.txt")
    assert _title(doc) == "Strategic Plan for the Union 2012-2015"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_sample_titles_are_one_per_document(name, sample_extraction):
    gold = load_gold(name, Dataset.DOCUMENTS)
    titles = {fmt: sample_extraction(name, fmt).datasets[Dataset.DOCUMENTS][0].title for fmt in FORMATS}
    assert titles == {fmt: gold.title[0] for fmt in FORMATS}


def _results_table(tmp_path, rows: list[list[str]]):
    d = docx.Document()
    d.add_paragraph("Operational Plan of the General Secretariat 2008-2011")
    d.add_heading("II.5 Conferences", level=2)
    table = d.add_table(rows=len(rows), cols=3)
    for cells, texts in zip(table.rows, rows):
        if len(texts) == 1:
            merged = cells.cells[0].merge(cells.cells[2])
            merged.text = texts[0]
        else:
            for cell, text in zip(cells.cells, texts):
                cell.text = text
    path = tmp_path / "gs-operational-plan-2008-2011.docx"
    d.save(path)
    return read_document(path)


def test_a_title_row_repeated_after_a_page_break_keeps_the_group(tmp_path):
    """The operational plan repeats `Conferences and Publications Department / operational plan for 2008-2011
    (continued)` over a table that runs on: the results after it are still in the group above it."""
    doc = _results_table(tmp_path, [
        ["Conferences Department\noperational plan for 2008-2011"],
        ["Expected Results", "KPIs", "Risk factors"],
        ["3) Translation", "", ""],
        ["Timely delivery of translations", "Target dates met", ""],
        ["Conferences Department\noperational plan for 2008-2011 (continued)"],
        ["Application of ICT developments in translation", "Impact on service delivery", ""],
        ["Publications Department\noperational plan for 2008-2011"],
        ["Production of CD-Roms", "Sales", ""],
    ])
    ers = results.extract(doc).records[Dataset.EXPECTED_RESULTS]
    assert [(r.output, r.group) for r in ers] == [
        ("Conferences Department", "Translation"), ("Conferences Department", "Translation"),
        ("Publications Department", "")]
