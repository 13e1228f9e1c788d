"""accept (validation of edited companion CSVs, gold written, REVIEWED.json) and apply_reviews (sha-bound)."""

from __future__ import annotations

import json
import shutil
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest

from pipeline.exceptions import ReviewError
from pipeline.gold import KEYS, load_gold
from pipeline.gold_rows import GOLD_COLUMNS, parse_gold_rows
from pipeline.readers.common import file_sha256
from pipeline.records import Dataset
from pipeline.review.accept import AcceptError, accept
from pipeline.review.companion import READ_ONLY, read_companion
from pipeline.review.manifest import MANIFEST_FILE
from pipeline.review.report import build_report
from pipeline.reviewed import REVIEWED_FILE, apply_reviews

from .conftest import DOC_ID, REPO, read_rows, snapshot, write_rows


# ---------------------------------------------------------------------------------------------------------
# The gold layout


def test_gold_columns_are_the_headers_of_the_gold_files():
    seen = 0
    for doc in (REPO / "gold").iterdir():
        for d in Dataset:
            path = doc / f"{d.value}.csv"
            if path.exists():
                header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
                assert tuple(header) == GOLD_COLUMNS[d], path
                seen += 1
    assert seen >= len(Dataset)


def test_companion_csvs_have_the_gold_layout_and_start_from_the_gold(reviewed):
    _, _, gold, folder = reviewed
    for d in Dataset:
        path = folder / f"{d.value}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets see UTF-8
        header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert tuple(header) == READ_ONLY + GOLD_COLUMNS[d]
        rows = read_rows(path)
        expected = load_gold(DOC_ID, d, gold).to_dict("records")
        assert [{c: r[c] for c in GOLD_COLUMNS[d]} for r in rows if not r["check"].startswith("not in gold")] \
            == expected, d
    wm = read_rows(folder / "work_months.csv")
    assert {"table": "1", "output": "Plenipotentiary Conference", "unit": "SGO", "period": "2007",
            "work_months": "4.7"}.items() <= wm[0].items()


def test_parsing_keeps_the_gold_files_as_they_are():
    """Every repo gold file passes the same checks an edited companion CSV must pass."""
    for doc in (REPO / "gold").iterdir():
        for d in Dataset:
            path = doc / f"{d.value}.csv"
            if path.exists():
                rows, problems = read_companion(path, d, doc.name)
                assert problems == [], problems[:3]
                assert len(rows) == len(pd.read_csv(path, dtype=str, keep_default_na=False))


# ---------------------------------------------------------------------------------------------------------
# accept


def test_accept_of_an_unedited_named_dataset_confirms_it(reviewed):
    doc, review, gold, folder = reviewed
    before = (gold / DOC_ID / "work_months.csv").read_bytes()
    results = accept(doc, review, gold, dataset="work_months")
    assert [(r.dataset, r.outcome) for r in results] == [("work_months", "confirmed")]
    assert results[0].rows == 538 and not results[0].changes.any
    assert (gold / DOC_ID / "work_months.csv").read_bytes() == before
    data = json.loads((gold / DOC_ID / REVIEWED_FILE).read_text())
    entry = data["datasets"]["work_months"]
    assert entry["sha256"] == file_sha256(doc)
    assert entry["source_file"] == doc.name
    assert entry["accepted_at"].startswith("20")
    assert list(data["datasets"]) == ["work_months"]
    assert data["history"][-1]["dataset"] == "work_months"
    text = (gold / DOC_ID / "work_months.csv").read_text(encoding="utf-8")
    assert text.startswith("document_id,output,unit,row_kind,period,period_start,period_end,work_months,notes\n")
    assert "Plenipotentiary Conference,SGO,department,2007,2007,2007,4.7," in text
    assert not list((gold / DOC_ID).glob(".*.tmp*"))  # no temporary files left behind


@pytest.mark.parametrize(
    "dataset, column, value, expected",
    [
        ("work_months", "work_months", "4,7", ["work_months.csv line 2", "'work_months' is '4,7', not a number"]),
        ("work_months", "work_months", "", ["work_months.csv line 2", "column 'work_months' is empty"]),
        ("work_months", "row_kind", "dept", ["line 2", "'row_kind' is 'dept'", "department, grade, total"]),
        ("work_months", "period", "Nov-09", ["line 2", "'Nov-09' is not a period", "turned it into a date"]),
        ("work_months", "period_start", "2006", ["line 2", "period_start is 2006 but period '2007' gives 2007"]),
        ("work_months", "period_end", "20x7", ["line 2", "'period_end' is '20x7', not a whole number"]),
        ("work_months", "document_id", "other-doc", ["line 2", "document_id is 'other-doc'"]),
        ("kpis", "kpi", "  ", ["kpis.csv line 2", "column 'kpi' is empty"]),
        ("service_levels", "quantity", "lots", ["service_levels.csv line 2", "'quantity' is 'lots'"]),
    ],
)
def test_bad_edits_are_rejected_naming_file_row_and_column(reviewed, dataset, column, value, expected):
    doc, review, gold, folder = reviewed
    path = folder / f"{dataset}.csv"
    rows = read_rows(path)
    rows[0][column] = value
    write_rows(path, rows)
    before = snapshot(gold / DOC_ID)
    with pytest.raises(AcceptError) as info:
        accept(doc, review, gold)
    message = str(info.value)
    assert message.startswith("Nothing was accepted")
    for part in expected:
        assert part in message, message
    assert str(path) in message
    assert snapshot(gold / DOC_ID) == before  # nothing written, not even the valid datasets
    assert not (gold / DOC_ID / REVIEWED_FILE).exists()


def test_every_problem_is_listed_not_only_the_first(reviewed):
    doc, review, gold, folder = reviewed
    path = folder / "work_months.csv"
    rows = read_rows(path)
    rows[0]["work_months"] = "x"
    rows[5]["row_kind"] = "boss"
    write_rows(path, rows)
    with pytest.raises(AcceptError) as info:
        accept(doc, review, gold, dataset="work_months")
    assert len(info.value.problems) == 2
    assert "line 2:" in info.value.problems[0] and "line 7:" in info.value.problems[1]


def test_missing_or_unknown_columns_are_rejected(reviewed):
    doc, review, gold, folder = reviewed
    path = folder / "kpis.csv"
    rows = read_rows(path)
    cols = [c for c in GOLD_COLUMNS[Dataset.KPIS] if c != "horizon"] + ["comment"]
    for r in rows:
        r["comment"] = ""
    write_rows(path, rows, columns=cols)
    with pytest.raises(AcceptError) as info:
        accept(doc, review, gold, dataset=Dataset.KPIS)
    msg = str(info.value)
    assert "missing column(s) 'horizon'" in msg and "unknown column(s) 'comment'" in msg
    assert ",".join(("check", "table", *GOLD_COLUMNS[Dataset.KPIS])) in msg  # what it must be
    assert "check,table,document_id,output,horizon,result_number,category,kpi," in msg


def test_not_utf8_is_rejected_with_a_hint(reviewed):
    doc, review, gold, folder = reviewed
    path = folder / "kpis.csv"
    path.write_bytes("document_id,output,horizon,result_number,category,kpi,notes\nx,Caf\xe9,2007,,,k,\n"
                     .encode("latin-1"))
    with pytest.raises(AcceptError, match="CSV UTF-8"):
        accept(doc, review, gold, dataset="kpis")


def test_semicolon_csv_from_a_spreadsheet_and_notes_are_accepted(reviewed):
    doc, review, gold, folder = reviewed
    path = folder / "work_months.csv"
    rows = read_rows(path)
    rows[0]["work_months"] = "5.2"
    rows[0]["notes"] = "checked against page 4; the PDF prints 5.2"
    rows[1]["period_start"] = rows[1]["period_end"] = ""  # computed from the period
    write_rows(path, rows, delimiter=";")
    accept(doc, review, gold, dataset="work_months")
    g = load_gold(DOC_ID, Dataset.WORK_MONTHS, gold)
    assert g.iloc[0]["work_months"] == "5.2"
    assert g.iloc[0]["notes"] == "checked against page 4; the PDF prints 5.2"
    assert (g.iloc[1]["period_start"], g.iloc[1]["period_end"]) == ("2008", "2008")


def test_formula_guard_is_added_for_spreadsheets_and_removed_on_accept():
    rows, problems = parse_gold_rows(
        [(2, {"document_id": DOC_ID, "output": "X", "horizon": "2007", "result_number": "", "category": "",
              "kpi": "'=1+2 meetings held", "notes": ""})], Dataset.KPIS, DOC_ID, "kpis.csv")
    assert problems == []
    assert rows[0]["kpi"] == "=1+2 meetings held"


def test_accept_refuses_when_the_document_changed_since_the_report(reviewed):
    doc, review, gold, folder = reviewed
    doc.write_bytes(doc.read_bytes() + b"\nOne more line.\n")
    with pytest.raises(ReviewError, match="has changed since its review files were made"):
        accept(doc, review, gold)


def test_accept_with_another_rendering_names_the_reviewed_file(reviewed, tmp_path):
    doc, review, gold, folder = reviewed
    other = tmp_path / "docx" / (doc.stem + ".docx")
    other.parent.mkdir()
    shutil.copy(REPO / "samples" / other.name, other)
    with pytest.raises(ReviewError, match=f"were made from {doc.name}, not {other.name}"):
        accept(other, review, gold)


def test_accept_without_a_report_says_what_to_run(tmp_path, sample_doc, gold_copy):
    with pytest.raises(ReviewError, match=r"run `\S*ituplans review"):
        accept(sample_doc, tmp_path / "nothing", gold_copy)
    with pytest.raises(ReviewError, match="unknown dataset"):
        build_report(sample_doc, tmp_path / "r", gold_copy)
        accept(sample_doc, tmp_path / "r", gold_copy, dataset="kpi")
    assert (tmp_path / "r" / DOC_ID / MANIFEST_FILE).exists()


# ---------------------------------------------------------------------------------------------------------
# apply_reviews


def test_apply_reviews_replaces_only_datasets_accepted_for_these_bytes(reviewed, sample_extraction):
    doc, review, gold, folder = reviewed
    _, ex = sample_extraction
    path = folder / "work_months.csv"
    rows = read_rows(path)
    rows[0]["work_months"] = "5.2"
    write_rows(path, rows)
    accept(doc, review, gold, dataset="work_months")
    sha = file_sha256(doc)

    out = apply_reviews(ex, sha, gold)
    wm = out.datasets[Dataset.WORK_MONTHS]
    assert len(wm) == 538
    assert {r.review_status for r in wm} == {"reviewed"}
    assert {r.source_file for r in wm} == {ex.source_file}
    assert {r.output_id for r in wm} == {""} and {r.unit_id for r in wm} == {""}
    first = next(r for r in wm if (r.output, r.unit, r.period) == ("Plenipotentiary Conference", "SGO", "2007"))
    assert first.work_months == 5.2
    assert first.table_index == 0  # carried over from the extracted row of the same unit and period
    assert isinstance(first.period_start, int) and isinstance(first.work_months, float)
    # other datasets: untouched, still extracted
    assert out.datasets[Dataset.KPIS] is ex.datasets[Dataset.KPIS]
    assert {r.review_status for r in out.datasets[Dataset.KPIS]} == {"extracted"}
    # pure: the input is not modified
    assert {r.review_status for r in ex.datasets[Dataset.WORK_MONTHS]} == {"extracted"}
    assert out is not ex and out.errors == ex.errors

    # other bytes (a changed document): nothing applied
    other = apply_reviews(ex, "0" * 64, gold)
    assert other.datasets[Dataset.WORK_MONTHS] is ex.datasets[Dataset.WORK_MONTHS]
    assert {r.review_status for r in other.datasets[Dataset.WORK_MONTHS]} == {"extracted"}


def test_apply_reviews_without_reviews_is_identity(sample_extraction, gold_copy):
    _, ex = sample_extraction
    out = apply_reviews(ex, "f" * 64, gold_copy)  # gold exists, but nothing was accepted through review
    for d in Dataset:
        assert out.datasets[d] is ex.datasets[d]


def test_reviewed_records_pass_the_schema(reviewed, sample_extraction):
    from pipeline import schema

    doc, review, gold, folder = reviewed
    _, ex = sample_extraction
    rows = read_rows(folder / "documents.csv")
    rows[0]["title"] = "Draft Operational Plan of the General Secretariat 2008-2011"
    write_rows(folder / "documents.csv", rows)
    for d in Dataset:  # the title changed; every other dataset confirmed as it is
        accept(doc, review, gold, dataset=d)
    out = apply_reviews(ex, file_sha256(doc), gold)
    assert out.errors == ex.errors
    for d in Dataset:
        recs = out.datasets[d]
        if d is not Dataset.DOCUMENTS:
            assert all(r.review_status == "reviewed" for r in recs), d
        schema.validate(d, schema.to_frame(d, recs))
    (docrec,) = out.datasets[Dataset.DOCUMENTS]
    assert docrec.title == "Draft Operational Plan of the General Secretariat 2008-2011"
    assert docrec.sha256 == file_sha256(doc) and docrec.format == "text"


def test_broken_reviewed_gold_is_reported_not_fatal(reviewed, sample_extraction):
    doc, review, gold, _ = reviewed
    _, ex = sample_extraction
    accept(doc, review, gold, dataset="kpis")
    (gold / DOC_ID / "kpis.csv").write_text("document_id,kpi\nx,y\n", encoding="utf-8")
    out = apply_reviews(ex, file_sha256(doc), gold)
    assert out.datasets[Dataset.KPIS] is ex.datasets[Dataset.KPIS]
    (err,) = out.errors[len(ex.errors):]
    assert err.stage == "validate" and err.component == "kpis" and "reviewed gold for kpis was not applied" in err.reason

    (gold / DOC_ID / REVIEWED_FILE).write_text("{not json", encoding="utf-8")
    out = apply_reviews(ex, file_sha256(doc), gold)
    assert "not valid JSON" in out.errors[-1].reason


def test_keys_cover_the_gold_layout():
    """Evaluation keys are gold columns, so a row accepted from the CSV is compared on what the reviewer saw."""
    for d in Dataset:
        assert set(KEYS[d]) <= set(GOLD_COLUMNS[d]), d


def test_record_fields_not_in_gold_are_ids_provenance_or_carried():
    from pipeline.records import RECORD_TYPES

    for d in Dataset:
        if d is Dataset.DOCUMENTS:
            continue
        missing = {f.name for f in fields(RECORD_TYPES[d])} - set(GOLD_COLUMNS[d])
        assert missing <= {"output_id", "unit_id", "table_index", "source_file", "review_status", "horizon_label",
                           "outcome_number"}, d
