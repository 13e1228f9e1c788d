"""Nothing silent: every table the reader finds is reported as used (by which extractors) or skipped (and why),
on real .docx files and Word text exports built from the family documents and one more opening of a strategic
plan (the 2020-2023 definitional grid, a results table whose header is not understood)."""

from __future__ import annotations

import pytest

from extractors import extract_all
from extractors.table_report import DEFINITIONS, PROGRESS, SHARES, SKIPPED, UNRECOGNIZED, USED, table_rows
from pipeline.readers import read_document
from tests.extractors.families.builder import build, rules_only
from tests.extractors.families.matrices_and_wrappers import FP16, REP17, T03
from tests.extractors.families.results_based import DOCUMENTS as R_DOCUMENTS
from tests.extractors.unseen.builder import Doc, H, P, T
from tests.extractors.unseen.exports import GS10

OPENING = Doc("strategic-plan-2020-2023-opening", [
    P("Draft strategic plan for the Union for 2020-2023", "Title"),
    H(1, "1 Strategic framework"),
    T([
        ["RBM planning", "Implementation"],
        ["Vision & mission", "The vision is the better world the Union wants to see; the mission its main purposes."],
        ["Strategic goals & targets", "Goals are the high-level aims the objectives contribute to; targets show "
         "whether a goal is being achieved."],
        ["Objectives & outcomes", "Objectives are the specific aims of the activities in a period; outcomes show "
         "whether an objective is being achieved."],
        ["Outputs", "Outputs are the final deliverables, products and services of the operational plans."],
        ["Activities", "Activities turn resources into outputs and may be grouped into processes."],
    ], style=rules_only()),
    H(1, "2 Indicators"),
    T([
        ["Objective", "Indicators"],
        ["T.1", "Number of Recommendations approved"],
    ]),
])


def _report(doc, fmt, tmp_path):
    document = read_document(build(doc, tmp_path)[fmt])
    ex = extract_all(document)
    return table_rows(document, ex.used_by, ex.skipped)


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_known_kinds_are_skipped_with_their_reason(fmt, tmp_path):
    opening = _report(OPENING, fmt, tmp_path)
    assert [(r.status, r.reason) for r in opening][0] == (SKIPPED, DEFINITIONS)
    assert opening[1].status == SKIPPED and opening[1].reason.startswith("looks like a results-framework table")
    assert "Objective | Indicators" in opening[1].reason
    cover = _report(T03, fmt, tmp_path)[0]  # read as the document's cover (extractors/cover.py)
    assert (cover.status, cover.used_by) == (USED, "documents")
    assert {r.reason for r in _report(REP17, fmt, tmp_path)} == {PROGRESS}
    shares = [r for r in _report(FP16, fmt, tmp_path) if r.reason == SHARES]
    assert [r.caption for r in shares] == ["Share of each Sector in the budget (%)"]
    budget = [r for r in _report(GS10, fmt, tmp_path) if "cost category" in r.reason]
    assert [r.header for r in budget] == ["CHF thousands | 2010 | 2011 | 2012-2013", "Budget 2008-2009 | Budget 2010-2011"]


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize("doc", R_DOCUMENTS, ids=lambda d: d.stem)
def test_every_table_of_a_results_based_plan_is_read(doc, fmt, tmp_path):
    rows = _report(doc, fmt, tmp_path)
    assert rows and all(r.status == USED and r.used_by for r in rows), [(r.table_index, r.reason) for r in rows]


def test_a_table_nobody_knows_says_so(tmp_path):
    doc = Doc("other-plan-2016-2019", [P("Operational plan for 2016-2019", "Title"), P("Delegates by region"),
                                       T([["Region", "Delegates"], ["Africa", "120"], ["Europe", "310"]])])
    assert [(r.status, r.reason, r.header) for r in _report(doc, "docx", tmp_path)] == [
        (SKIPPED, UNRECOGNIZED, "Region | Delegates")]
