"""Objective titles as the documents print them (issue 16): the title of the last matrix column without the next
PART's heading glued on, words divided in a narrow cell joined again, and titles printed only as short labels
(`Objective 1 – Information to membership ...`) taken when no matrix gives one."""

from __future__ import annotations

import docx
import pytest

from extractors import objectives
from pipeline.gold import load_gold, norm_text
from pipeline.readers import read_document
from pipeline.records import Dataset

from .conftest import DOCUMENTS, FORMATS

STATEMENT = ("Goal {n}: Developing the tools, based on contributions from the members, to safeguard the networks "
             "of {what}.")


def _plan(tmp_path, *, last_header: str, labels: list[str], extra: list[str] = ()) -> object:
    """A small strategic plan as a .docx: goal statements, label lines, a goals matrix whose header cells hold
    `Goal N` and a short title."""
    d = docx.Document()
    d.add_paragraph("Strategic Plan of the Union 2012-2015")
    for n, what in ((1, "the world"), (2, "the Union, with interoperability and a good environment")):
        d.add_paragraph(STATEMENT.format(n=n, what=what))
    for line in [*labels, *extra]:
        d.add_paragraph(line)
    d.add_paragraph("Goals and outputs")
    table = d.add_table(rows=2, cols=3)
    table.rows[0].cells[1].text = "Goal 1\nSafeguard networks (security, interopera-bility, pro-competitive know-how)"
    table.rows[0].cells[2].text = last_header
    table.rows[1].cells[0].text = "Conferences"
    table.rows[1].cells[1].text = "x"
    d.add_paragraph("After the table.")
    path = tmp_path / "strategic-plan-2012-2015.docx"
    d.save(path)
    return read_document(path)


def _titles(doc) -> dict[str, str]:
    return {r.number: r.title for r in objectives.extract(doc).records[Dataset.OBJECTIVES]}


def test_heading_in_the_last_column_header_is_not_part_of_the_title(tmp_path):
    doc = _plan(tmp_path, last_header="Goal 2\nPromote an enabling environment (e.g. supportive policies)\n"
                                      "PART V- Financial Plan", labels=[])
    assert _titles(doc)["2"] == "Promote an enabling environment (e.g. supportive policies)"


def test_divided_words_are_joined_only_when_the_document_prints_them_joined(tmp_path):
    doc = _plan(tmp_path, last_header="Goal 2\nFoster an environ-ment for networks", labels=[])
    titles = _titles(doc)
    # `interoperability` and `environment` are printed joined in the statements; `pro-competitive` and
    # `know-how` never are: real compounds keep their hyphen
    assert titles["1"] == "Safeguard networks (security, interoperability, pro-competitive know-how)"
    assert titles["2"] == "Foster an environment for networks"


def test_titles_printed_only_as_labels(tmp_path):
    doc = _plan(tmp_path, last_header="Goal 9\nNot a goal of this plan", labels=[
        "Goal 2 – Networks of the Union", "· Goal 2 – Networks of the Union;", "Goal 2: connecting the Union",
        "Goal 1 – A label the matrix title wins over"])
    titles = _titles(doc)
    assert titles["2"] == "Networks of the Union"  # printed twice; the lower-case phrase is no title
    assert titles["1"].startswith("Safeguard networks")  # the matrix title wins over a label


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_titles_are_the_gold_titles(fmt, sample_extraction):
    """Goal 7 without `PART V- Financial Plan`, no divided words, the operational plan's five titles found."""
    for name in DOCUMENTS:
        gold = load_gold(name, Dataset.OBJECTIVES)
        expected = {(g["scope"], g["kind"], g["number"]): norm_text(g["title"]) for g in gold.to_dict("records")}
        got = {(r.scope, r.kind, r.number): norm_text(r.title)
               for r in sample_extraction(name, fmt).datasets[Dataset.OBJECTIVES]}
        assert got == expected, f"{name}.{fmt}"


def test_titles_in_the_row_under_the_labels(tmp_path):
    """A header whose labels and titles came apart into two rows (a table without ruling lines read from a PDF):
    the row under the labels, text under every objective column and nothing else, holds the titles."""
    d = docx.Document()
    d.add_paragraph("Strategic Plan of the Union 2012-2015")
    d.add_heading("4 Telecommunication Standardization Sector (ITU-T)", level=1)
    for n in (1, 2):
        d.add_paragraph(f"Objective {n}: Develop and publish the required global standards at the right time, "
                        f"number {n} of the objectives of the Sector.")
    d.add_paragraph("ITU-T objectives and outputs")
    table = d.add_table(rows=4, cols=3)
    for r, texts in enumerate([("", "Objective 1", "Objective 2"), ("", "Develop and publish standards",
                                                                   "Identify areas for future work"),
                               ("WTSA", "x", ""), ("Study Groups", "", "x")]):
        for cell, text in zip(table.rows[r].cells, texts):
            cell.text = text
    path = tmp_path / "strategic-plan-2012-2015.docx"
    d.save(path)
    assert _titles(read_document(path)) == {"1": "Develop and publish standards", "2": "Identify areas for future work"}


def _broken_header_plan(tmp_path, rows: list[list[str]]) -> object:
    """A goals matrix whose header is broken over rows (as a table without rules is read from a PDF): `Goal N`
    alone in the first row, the titles in the rows below."""
    d = docx.Document()
    d.add_paragraph("Strategic Plan of the Union 2012-2015")
    for n, what in ((1, "the world"), (2, "the Union, with interoperability and a good environment")):
        d.add_paragraph(STATEMENT.format(n=n, what=what))
    table = d.add_table(rows=len(rows) + 1, cols=3)
    for r, row in enumerate([["", "Goal 1", "Goal 2"], *rows]):
        for c, text in enumerate(row):
            table.rows[r].cells[c].text = text
    path = tmp_path / "strategic-plan-2012-2015.docx"
    d.save(path)
    return read_document(path)


@pytest.mark.parametrize("rows, title_2", [
    ([["", "Safeguard networks", "Promote an enabling"], ["", "", "environment (e.g. supportive policies)"],
      ["Conferences", "x", ""]], "Promote an enabling environment (e.g. supportive policies)"),
    ([["", "Safeguard networks", "Promote an enabling environment"], ["", "", "PART V- Financial Plan"]],
     "Promote an enabling environment"),
    ([["", "Safeguard networks", "Promote an enabling environment"], ["", "", "9.1 Budget of the Union"],
      ["", "", "The budget of the Union for the period is set out below"]], "Promote an enabling environment"),
], ids=["title-over-two-rows", "part-heading-below", "section-below"])
def test_title_rows_below_a_broken_header_stop_at_the_next_heading(tmp_path, rows, title_2):
    titles = _titles(_broken_header_plan(tmp_path, rows))
    assert (titles["1"], titles["2"]) == ("Safeguard networks", title_2)
