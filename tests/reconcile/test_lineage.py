"""Lineage statements: the sentences that say an output or a unit was merged, renamed, split or abolished
(pipeline/reconcile/lineage.py), and the entity_lineage rows they give on the real samples."""

from __future__ import annotations

import pytest

from pipeline.reconcile.lineage import statements
from pipeline.reconcile import reconcile

from .conftest import DECISIONS, extract


@pytest.mark.parametrize("text, relation, sources, targets", [
    ("The Finance and Personnel Departments have been merged into the Administration and Finance Management "
     "Department (AFM).", "merged_into", ("Finance and Personnel Departments", "Finance Department",
                                          "Personnel Department"),
     ("Administration and Finance Management Department (AFM)",)),
    ("Since the last plan, the UIFN Registrar and the UIPRN/UISCN Registrar were merged to form the International "
     "Numbering Resources Registrar.", "merged_into",
     ("UIFN Registrar and the UIPRN/UISCN Registrar", "UIFN Registrar", "UIPRN/UISCN Registrar"),
     ("International Numbering Resources Registrar",)),
    ("the establishment of a Department of Administration (combining the former Finance and Personnel "
     "Departments)", "merged_into", ("Finance and Personnel Departments", "Finance Department",
                                     "Personnel Department"), ("Department of Administration",)),
    ("The Personnel Department was merged with the Finance Department.", "merged_into", ("Personnel Department",),
     ("Finance Department",)),
    ("6.4 The output Human capacity building has been renamed Capacity Development.", "renamed",
     ("Human capacity building",), ("Capacity Development",)),
    ("The Human Resources Management Department (HRM), formerly known as Personnel Department, manages staff.",
     "renamed", ("Personnel Department",), ("Human Resources Management Department",)),
    ("ITU Strategic Foresight Programme (formerly ITU New Initiatives Programme)", "renamed",
     ("ITU New Initiatives Programme",), ("ITU Strategic Foresight Programme",)),
    ("The Telecom Development Unit was split into the Regulatory Unit and the Network Unit in 2009.", "split_from",
     ("Telecom Development Unit",), ("Regulatory Unit and the Network Unit", "Regulatory Unit", "Network Unit")),
    ("The Regulatory Unit and the Network Unit were created from the Telecom Development Unit.", "split_from",
     ("Telecom Development Unit",), ("Regulatory Unit and the Network Unit", "Regulatory Unit", "Network Unit")),
    ("During 2007 the Common Services Department (SC) was abolished, with its business units distributed.",
     "abolished", ("Common Services Department (SC)",), ()),
    ("7.3 The Building Digital Bridges Programme has been discontinued.", "abolished",
     ("Building Digital Bridges Programme",), ()),
    ("... and the elimination of the Common Services Department.", "abolished", ("Common Services Department",), ()),
])
def test_statements_are_read_from_sentences(text, relation, sources, targets):
    """`targets` as expected: the whole later phrase first (then its parts, used when the whole names nothing)."""
    found = [(s.relation, s.sources, s.targets[:len(targets)]) for s in statements(text, "d")]
    assert (relation, sources, targets) in found, found


@pytest.mark.parametrize("text", [
    "The Council acts as the governing body of the Union between plenipotentiary conferences.",
    "Responsibility for the Forum was transferred from SPU to TELECOM in March 2007.",
    "The expected outputs for the years 2007 to 2011 are: ITU Telecom Africa 08, ITU Telecom Asia 08.",
])
def test_sentences_stating_no_change_give_no_statement(text):
    assert statements(text, "d") == []


def test_the_samples_state_a_merger_and_an_abolition(sample_docs, tmp_path):
    """The operational plan's foreword: "the establishment of a Department of Administration (combining the former
    Finance and Personnel Departments), the new SPM, and the elimination of the Common Services Department"."""
    res = reconcile(extract(sample_docs), tmp_path / "reg", DECISIONS, documents=sample_docs)
    lin = res.lineage
    assert set(lin["document_id"]) == {"gs-operational-plan-2008-2011"}
    units = res.aliases[res.aliases["kind"] == "unit"].set_index("alias")["entity_id"]
    rows = {(r.kind, r.from_id, r.relation, r.to_id, r.to_name) for r in lin.itertuples()}
    assert ("unit", units["FIN"], "merged_into", "", "Department of Administration") in rows
    assert ("unit", units["PER"], "merged_into", "", "Department of Administration") in rows
    assert ("unit", units["CS"], "abolished", "", "") in rows
    assert set(lin["relation"]) == {"merged_into", "abolished"}
    assert all("Common Services Department" in e or "Finance and Personnel" in e for e in lin["evidence"])
