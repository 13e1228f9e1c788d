"""Codes as identity: results-based plans number their objectives and outputs (`R.1`, `R.1-7`); an output keeps
its id across editions by its code, and a changed text is recorded as a rename.

The records are built by hand (`Output`, the results-based plans' outputs dataset), so each edition says exactly
what changed; any dataset whose records have `output`, `output_id` and `output_number` takes part the same way
(pipeline/reconcile/mentions.py).
"""

from __future__ import annotations

from extractors import DocumentExtraction
from pipeline.records import Dataset, DocumentRecord, Objective, Output
from pipeline.reconcile import reconcile


def _doc_row(doc: str) -> DocumentRecord:
    return DocumentRecord(document_id=doc, source_file=f"{doc}.docx", sha256="0" * 64, format="docx", title=doc,
                          plan_kind="operational_plan", period_start=2016, period_end=2019, body="ITU-R")


def _edition(doc: str, outputs: list[tuple[str, str]], objectives: list[tuple[str, str]] = ()) -> DocumentExtraction:
    ex = DocumentExtraction(doc, f"{doc}.docx", {d: [] for d in Dataset})
    ex.datasets[Dataset.DOCUMENTS] = [_doc_row(doc)]
    ex.datasets[Dataset.OUTPUTS] = [Output(document_id=doc, scope="ITU-R", objective_number=code.split("-")[0],
                                           output_number=code, output=name, output_id="") for code, name in outputs]
    ex.datasets[Dataset.OBJECTIVES] = [Objective(document_id=doc, scope="ITU-R", kind="objective", number=n,
                                                 title=title, text=f"{title} statement") for n, title in objectives]
    return ex


def _ids(res) -> dict[tuple[str, str], str]:
    return {(ex.document_id, r.output_number): r.output_id for ex in res.extractions for r in ex.datasets[Dataset.OUTPUTS]}


def _no_decisions(tmp_path):
    p = tmp_path / "decisions.csv"
    p.write_text("kind,scope,alias,entity_id,notes\n", encoding="utf-8")
    return p


Y1 = "br-operational-plan-2016-2019"
Y2 = "br-operational-plan-2017-2020"
FIRST = [("R.1-1", "Processing of space notices"), ("R.1-2", "Improvement of ITU-R software"),
         ("R.2-1", "Regional radiocommunication seminars"), ("R.2-2", "World Radiocommunication Seminar")]


def test_a_coded_output_keeps_its_id_when_its_text_changes_and_the_rename_is_recorded(tmp_path):
    reg, dec = tmp_path / "reg", _no_decisions(tmp_path)
    first = reconcile([_edition(Y1, FIRST)], reg, dec)
    second = reconcile([_edition(Y2, [("R.1-1", "Processing of space notices"),
                                      ("R.1-2", "ITU-R software tools developed and maintained"),
                                      ("R.2-1", "Regional radiocommunication seminars"),
                                      ("R.2-2", "World Radiocommunication Seminar"),
                                      ("R.2-3", "Spectrum management training")])], reg, dec)
    a, b = _ids(first), _ids(second)
    for code in ("R.1-1", "R.1-2", "R.2-1", "R.2-2"):
        assert b[(Y2, code)] == a[(Y1, code)], code
    assert b[(Y2, "R.2-3")] not in set(a.values())
    assert len(set(b.values())) == 5, "five codes, five entities"
    al = second.aliases.set_index(["document_id", "alias"])
    assert al.loc[(Y2, "ITU-R software tools developed and maintained"), "method"] == "by_code"
    assert al.loc[(Y2, "R.2-3"), "method"] == "code"
    lin = second.lineage
    assert len(lin) == 1
    row = lin.iloc[0]
    assert (row.relation, row.from_id, row.to_id, row.document_id) == ("renamed", a[(Y1, "R.1-2")], a[(Y1, "R.1-2")], Y2)
    assert row.from_name == "Improvement of ITU-R software" and row.to_name.startswith("ITU-R software tools")
    assert "R.1-2" in row.evidence
    assert second.candidates.empty


def test_a_name_printed_with_another_code_is_not_merged_into_the_entity_of_its_old_code(tmp_path):
    """R.2-1 now prints a new output, and the seminars moved to R.2-4: the code keeps R.2-1's id for the new
    text (a rename); the seminars, whose old entity is taken by R.2-1 here, get a new id and wait for review."""
    reg, dec = tmp_path / "reg", _no_decisions(tmp_path)
    first = reconcile([_edition(Y1, FIRST)], reg, dec)
    second = reconcile([_edition(Y2, [("R.2-1", "Spectrum monitoring handbook"),
                                      ("R.2-4", "Regional radiocommunication seminars")])], reg, dec)
    a, b = _ids(first), _ids(second)
    assert b[(Y2, "R.2-1")] == a[(Y1, "R.2-1")]
    assert b[(Y2, "R.2-4")] != b[(Y2, "R.2-1")]
    queue = second.candidates
    row = queue[queue["alias"] == "Regional radiocommunication seminars"].iloc[0]
    assert row.candidate_entity_id == a[(Y1, "R.2-1")] and "another code" in row.reason


def test_names_match_as_before_when_the_records_carry_no_code(tmp_path):
    reg, dec = tmp_path / "reg", _no_decisions(tmp_path)
    first = reconcile([_edition(Y1, [("", n) for _c, n in FIRST])], reg, dec)
    second = reconcile([_edition(Y2, [("", "Processing of space notices"),
                                      ("", "World Radiocommunication Seminar")])], reg, dec)
    names = {(ex.document_id, r.output): r.output_id for res in (first, second) for ex in res.extractions
             for r in ex.datasets[Dataset.OUTPUTS]}
    assert names[(Y2, "Processing of space notices")] == names[(Y1, "Processing of space notices")]
    assert not (second.aliases["method"] == "code").any()


def test_an_objective_keeps_its_id_by_number_and_a_new_title_is_a_rename(tmp_path):
    reg, dec = tmp_path / "reg", _no_decisions(tmp_path)
    first = reconcile([_edition(Y1, FIRST[:1], [("R.1", "Regulation"), ("R.2", "Dissemination")])], reg, dec)
    second = reconcile([_edition(Y2, FIRST[:1], [("R.1", "Spectrum regulation"), ("R.2", "Dissemination")])],
                       reg, dec)
    objectives = first.entities[first.entities["kind"] == "objective"].set_index("canonical_name")["entity_id"]
    again = second.entities[second.entities["kind"] == "objective"].set_index("canonical_name")["entity_id"]
    assert again.equals(objectives)
    lin = second.lineage[second.lineage["kind"] == "objective"]
    assert list(zip(lin.from_id, lin.relation, lin.from_name, lin.to_name)) == [
        (objectives["ITU-R objective R.1"], "renamed", "Regulation", "Spectrum regulation")]
