"""An accept changes exactly what the reviewer changed (issue 16): companion CSVs start from the gold, with the
extraction's differences marked; an unchanged file changes nothing; the summary counts every changed row and
column; the gold before each accept is kept and the last accept can be undone."""

from __future__ import annotations

import json

import pytest

from pipeline.exceptions import ReviewError
from pipeline.records import Dataset
from pipeline.review.accept import accept, undo
from pipeline.review.companion import NOT_EXTRACTED, NOT_IN_GOLD
from pipeline.review.history import HISTORY, entries
from pipeline.review.report import build_report
from pipeline.reviewed import REVIEWED_FILE

from .conftest import DOC_ID, read_rows, snapshot, write_rows

WM = ("Plenipotentiary Conference", "SGO", "2007")


def _is_wm(row: dict) -> bool:
    return (row["output"], row["unit"], row["period"]) == WM


def _edit_gold(gold, name: str, change) -> None:
    """Change the gold copy before the report is built (as if an earlier review had corrected it)."""
    path = gold / DOC_ID / name
    rows = read_rows(path)
    rows = change(rows)
    text = path.read_text(encoding="utf-8")
    write_rows(path, rows, columns=text.splitlines()[0].split(","), encoding="utf-8")


def test_accepting_unchanged_files_changes_nothing(reviewed):
    doc, review, gold, _ = reviewed
    before = snapshot(gold)
    results = accept(doc, review, gold)
    assert {r.outcome for r in results} == {"unchanged"} and len(results) == len(Dataset)
    assert snapshot(gold) == before  # no gold file, no REVIEWED.json, no history entry


def test_a_spreadsheet_saving_the_file_again_is_no_change(reviewed):
    doc, review, gold, folder = reviewed
    before = snapshot(gold)
    rows = read_rows(folder / "kpis.csv")
    write_rows(folder / "kpis.csv", rows, delimiter=";", encoding="utf-8")  # other delimiter, no BOM
    assert [r.outcome for r in accept(doc, review, gold) if r.dataset == "kpis"] == ["unchanged"]
    assert snapshot(gold) == before


def test_one_change_is_all_that_changes_and_the_summary_counts_it(reviewed):
    doc, review, gold, folder = reviewed
    before = snapshot(gold / DOC_ID)
    rows = read_rows(folder / "work_months.csv")
    (row,) = [r for r in rows if _is_wm(r)]
    row["work_months"], row["notes"] = "5.2", "page 4 prints 5.2"
    write_rows(folder / "work_months.csv", rows)
    results = {r.dataset: r for r in accept(doc, review, gold)}
    wm = results.pop("work_months")
    assert (wm.outcome, wm.rows, wm.previous_rows) == ("changed", 538, 538)
    assert (wm.changes.added, wm.changes.removed, wm.changes.changed) == (0, 0, 1)
    assert wm.changes.columns == (("work_months", 1), ("notes", 1))
    assert wm.changes.summary() == "1 changed (work_months: 1, notes: 1)"
    assert {r.outcome for r in results.values()} == {"unchanged"}
    after = snapshot(gold / DOC_ID)
    changed = {name for name in after if before.get(name) != after[name]}
    assert {n for n in changed if not n.startswith(HISTORY)} == {"work_months.csv", REVIEWED_FILE}
    old_lines = before["work_months.csv"].decode().splitlines()
    new_lines = after["work_months.csv"].decode().splitlines()
    assert [(a, b) for a, b in zip(old_lines, new_lines) if a != b] == [
        ("gs-operational-plan-2008-2011,Plenipotentiary Conference,SGO,department,2007,2007,2007,4.7,",
         "gs-operational-plan-2008-2011,Plenipotentiary Conference,SGO,department,2007,2007,2007,5.2,"
         "page 4 prints 5.2")]
    assert list(json.loads(after[REVIEWED_FILE])["datasets"]) == ["work_months"]


def test_rows_added_and_removed_are_counted(reviewed):
    doc, review, gold, folder = reviewed
    rows = read_rows(folder / "risks.csv")
    removed = rows.pop(3)
    rows.insert(10, {**removed, "risk": "A risk the extraction missed", "check": ""})
    rows.append({**removed, "risk": "Another one", "check": ""})
    write_rows(folder / "risks.csv", rows)
    (r,) = [r for r in accept(doc, review, gold) if r.dataset == "risks"]
    assert (r.changes.added, r.changes.removed, r.changes.changed) == (2, 1, 0)
    assert r.changes.summary() == "2 added, 1 removed"


def test_gold_corrections_survive_a_new_review(sample_doc, gold_copy, tmp_path):
    """A gold value the extraction does not give stays in the companion CSV, the difference marked; a gold row
    the extraction lacks is marked `not extracted`; an extracted row gold lacks is offered, not taken."""
    def correct(rows):
        (row,) = [r for r in rows if _is_wm(r)]
        row["work_months"] = "5.2"
        del rows[1]  # gold without the second row: the extraction has one row more than gold
        rows.append({**rows[0], "unit": "XYZ", "work_months": "1.0"})  # and gold has one the extraction lacks
        return rows

    _edit_gold(gold_copy, "work_months.csv", correct)
    report = build_report(sample_doc, tmp_path / "review", gold_copy)
    rows = read_rows(report.parent / "work_months.csv")
    (row,) = [r for r in rows if _is_wm(r)]
    assert (row["work_months"], row["check"]) == ("5.2", "extracted: work_months=4.7")
    assert [r["unit"] for r in rows if r["check"] == NOT_EXTRACTED] == ["XYZ"]
    (extra,) = [r for r in rows if r["check"] == NOT_IN_GOLD]
    assert rows.index(extra) == 1 and extra["table"] == "1"  # where the document has it
    before = snapshot(gold_copy)
    assert {r.outcome for r in accept(sample_doc, tmp_path / "review", gold_copy)} == {"unchanged"}
    assert snapshot(gold_copy) == before

    extra["check"] = ""  # the reviewer takes the extracted row into gold
    write_rows(report.parent / "work_months.csv", rows)
    (r,) = [r for r in accept(sample_doc, tmp_path / "review", gold_copy) if r.dataset == "work_months"]
    assert (r.outcome, r.changes.added, r.changes.changed, r.changes.removed) == ("changed", 1, 0, 0)


def test_undo_restores_the_gold_before_the_last_accept(reviewed):
    doc, review, gold, folder = reviewed
    before = snapshot(gold)
    rows = read_rows(folder / "kpis.csv")
    rows[0]["kpi"] = "Corrected KPI text"
    write_rows(folder / "kpis.csv", rows)
    accept(doc, review, gold)
    accept(doc, review, gold, dataset="risks")  # a second accept: confirms risks
    assert len(entries(gold, DOC_ID)) == 2
    info, files = undo(doc, gold)
    assert info["datasets"] == {"risks": "confirmed"} and files == [REVIEWED_FILE]
    assert list(json.loads((gold / DOC_ID / REVIEWED_FILE).read_text())["datasets"]) == ["kpis"]
    info, files = undo(doc, gold)
    assert info["datasets"] == {"kpis": "changed"} and files == ["kpis.csv", REVIEWED_FILE]
    assert snapshot(gold) == before
    with pytest.raises(ReviewError, match="nothing to undo"):
        undo(doc, gold)


def test_undo_refuses_when_the_gold_was_edited_after_the_accept(reviewed):
    doc, review, gold, folder = reviewed
    rows = read_rows(folder / "kpis.csv")
    rows[0]["kpi"] = "Corrected KPI text"
    write_rows(folder / "kpis.csv", rows)
    accept(doc, review, gold)
    path = gold / DOC_ID / "kpis.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Corrected KPI text", "Edited by hand"), encoding="utf-8")
    with pytest.raises(ReviewError, match="changed after the accept"):
        undo(doc, gold)
    assert "Edited by hand" in path.read_text(encoding="utf-8")


def test_an_old_companion_file_cannot_overwrite_a_newer_accept(reviewed, tmp_path):
    doc, review, gold, folder = reviewed
    import shutil

    stale = tmp_path / "stale-review"
    shutil.copytree(review, stale)
    rows = read_rows(folder / "kpis.csv")
    rows[0]["kpi"] = "First correction"
    write_rows(folder / "kpis.csv", rows)
    accept(doc, review, gold)
    rows = read_rows(stale / DOC_ID / "kpis.csv")
    rows[1]["kpi"] = "Second correction from old files"
    write_rows(stale / DOC_ID / "kpis.csv", rows)
    with pytest.raises(ReviewError, match="kpis.csv changed since the review files were made"):
        accept(doc, stale, gold)
    assert "First correction" in (gold / DOC_ID / "kpis.csv").read_text(encoding="utf-8")
