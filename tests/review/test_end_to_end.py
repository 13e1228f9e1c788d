"""The reviewer's sequence at library level (no Prefect), on copies of the sample and of gold/:

read -> extract -> build report -> correct one KPI text and one work-month figure in the companion CSVs ->
accept -> extract again + apply_reviews -> the corrections are there (review_status = reviewed); then the
document's bytes change -> the gold is not applied any more and the report says so.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from extractors import extract_all
from pipeline import schema
from pipeline.readers import read_document
from pipeline.records import Dataset
from pipeline.review.accept import accept
from pipeline.review.report import build_report
from pipeline.reviewed import REVIEWED_FILE, apply_reviews

from .conftest import DOC_ID, REPO

OLD_KPI = "Quality and timely reports were published by Council on the activities of the Union for 2003-2006, and " \
          "on the establishment of the strategic plan"
NEW_KPI = "Quality and timely reports on the activities of the Union for 2003-2006 were published by Council"
WM = ("Plenipotentiary Conference", "SGO", "2007")


def edit_csv(path: Path, match, change) -> int:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        columns, rows = reader.fieldnames, list(reader)
    n = 0
    for r in rows:
        if match(r):
            change(r)
            n += 1
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return n


def work_month(extraction):
    return [r for r in extraction.datasets[Dataset.WORK_MONTHS] if (r.output, r.unit, r.period) == WM]


def test_reviewer_sequence(tmp_path, sample_doc, gold_copy):
    repo_gold_before = {p: p.read_bytes() for p in (Path(__file__).resolve().parents[2] / "gold").rglob("*.csv")}
    review = tmp_path / "review"

    # 1. read, extract, build the report
    doc = read_document(sample_doc)
    first = extract_all(doc)
    (wm,) = work_month(first)
    assert wm.work_months == 4.7
    assert any(k.kpi == OLD_KPI for k in first.datasets[Dataset.KPIS])
    report = build_report(sample_doc, review, gold_copy)
    folder = report.parent
    assert report.name == "report.html" and folder == review / DOC_ID

    # 2. correct one KPI text and one work-month figure, as a reviewer would in a spreadsheet
    assert edit_csv(folder / "kpis.csv", lambda r: r["kpi"] == OLD_KPI, lambda r: r.update(kpi=NEW_KPI)) == 1
    assert edit_csv(folder / "work_months.csv", lambda r: (r["output"], r["unit"], r["period"]) == WM,
                    lambda r: r.update(work_months="5.2", notes="corrected: page 4 prints 5.2")) == 1

    # 3. accept: the two changed datasets, nothing else
    gold_before = {p.name: p.read_bytes() for p in (gold_copy / DOC_ID).glob("*.csv")}
    results = {r.dataset: r for r in accept(sample_doc, review, gold_copy)}
    assert set(results) == {d.value for d in Dataset}
    assert {n for n, r in results.items() if r.outcome != "unchanged"} == {"kpis", "work_months"}
    assert results["kpis"].rows == len(first.datasets[Dataset.KPIS])
    assert (results["kpis"].changes.changed, results["kpis"].changes.columns) == (1, (("kpi", 1),))
    assert results["work_months"].changes.columns == (("work_months", 1), ("notes", 1))
    reviewed = json.loads((gold_copy / DOC_ID / REVIEWED_FILE).read_text())
    assert set(reviewed["datasets"]) == {"kpis", "work_months"}
    assert reviewed["datasets"]["kpis"]["sha256"] == doc.sha256
    gold_after = {p.name: p.read_bytes() for p in (gold_copy / DOC_ID).glob("*.csv")}
    assert {n for n in gold_before if gold_after[n] != gold_before[n]} == {"kpis.csv", "work_months.csv"}
    assert NEW_KPI in (gold_copy / DOC_ID / "kpis.csv").read_text(encoding="utf-8")

    # 4. a later run: extract again (unchanged extractor output) and apply the reviews
    again = extract_all(read_document(sample_doc))
    assert work_month(again)[0].work_months == 4.7  # the extractor still gets it "wrong"
    published = apply_reviews(again, doc.sha256, gold_copy)
    (wm,) = work_month(published)
    assert wm.work_months == 5.2 and wm.review_status == "reviewed" and wm.source_file == sample_doc.name
    assert wm.output_id == "" and wm.unit_id == ""  # reconciliation fills the ids later
    kpis = published.datasets[Dataset.KPIS]
    new = [k for k in kpis if k.kpi == NEW_KPI]
    assert len(new) == 1 and new[0].review_status == "reviewed" and new[0].table_index >= 0
    assert not any(k.kpi == OLD_KPI for k in kpis)
    for d in Dataset:
        if d is not Dataset.DOCUMENTS:
            status = "reviewed" if d in (Dataset.KPIS, Dataset.WORK_MONTHS) else "extracted"
            assert {r.review_status for r in published.datasets[d]} <= {status}, d
            schema.validate(d, schema.to_frame(d, published.datasets[d]))  # the flow will not drop them

    # the report built now pre-fills the companion CSVs with the reviewed rows and says "reviewed"
    report = build_report(sample_doc, review, gold_copy)
    assert "5.2,corrected: page 4 prints 5.2" in (folder / "work_months.csv").read_text(encoding="utf-8-sig")
    assert '<span class="badge reviewed">reviewed</span>' in report.read_text(encoding="utf-8")

    # 5. the document's bytes change: the gold is not applied, rows are extracted again
    changed_dir = tmp_path / "changed"
    changed_dir.mkdir()
    changed = changed_dir / sample_doc.name
    changed.write_bytes(sample_doc.read_bytes() + b"\nA line added in a later revision.\n")
    changed_doc = read_document(changed)
    assert changed_doc.sha256 != doc.sha256
    out = apply_reviews(extract_all(changed_doc), changed_doc.sha256, gold_copy)
    (wm,) = work_month(out)
    assert wm.work_months == 4.7 and wm.review_status == "extracted"
    assert any(k.kpi == OLD_KPI for k in out.datasets[Dataset.KPIS])
    assert {r.review_status for r in out.datasets[Dataset.KPIS]} == {"extracted"}
    # ... and its report compares with the (now stale) gold and shows the difference
    html_text = build_report(changed, tmp_path / "review2", gold_copy).read_text(encoding="utf-8")
    assert '<span class="badge stale">stale</span>' in html_text
    assert '<td class="diff">4.7<span class="gold">gold: 5.2</span></td>' in html_text

    # the repository's gold was never touched
    assert {p: p.read_bytes() for p in repo_gold_before} == repo_gold_before


def test_cli_review_and_accept(tmp_path, sample_doc, gold_copy):
    import typer

    from pipeline.review.cli import gold_app, review_command

    app = typer.Typer()
    app.command("review")(review_command)  # exactly how pipeline/cli.py registers them
    app.add_typer(gold_app, name="gold")
    runner = CliRunner()
    review = tmp_path / "rv"

    res = runner.invoke(app, ["review", str(sample_doc), "--out", str(review), "--gold", str(gold_copy)])
    assert res.exit_code == 0, res.output
    report = review / DOC_ID / "report.html"
    assert res.stdout.strip() == str(report) and report.exists()
    # the command shown works after `make run`: on the PATH, or the script the project's Makefile installs
    shown = re.search(r"^  (\S+) gold accept ", res.stderr, re.M).group(1)
    assert shutil.which(shown) or (REPO / shown).is_file(), shown
    assert f"{shown} gold accept" in report.read_text(encoding="utf-8")

    bad = review / DOC_ID / "work_months.csv"
    edit_csv(bad, lambda r: (r["output"], r["unit"], r["period"]) == WM, lambda r: r.update(work_months="4.7.1"))
    res = runner.invoke(app, ["gold", "accept", str(sample_doc), "--review-dir", str(review), "--gold", str(gold_copy)])
    assert res.exit_code == 1
    assert "Not accepted" in res.output and "work_months.csv line 2" in res.output and "'4.7.1'" in res.output

    edit_csv(bad, lambda r: (r["output"], r["unit"], r["period"]) == WM, lambda r: r.update(work_months="5.2"))
    res = runner.invoke(app, ["gold", "accept", str(sample_doc), "--dataset", "work_months", "--review-dir",
                              str(review), "--gold", str(gold_copy)])
    assert res.exit_code == 0, res.output
    assert "accepted  work_months: 538 rows (was 538 rows: 1 changed (work_months: 1))" in res.output
    res = runner.invoke(app, ["gold", "status", str(sample_doc), "--gold", str(gold_copy)])
    assert res.exit_code == 0
    assert "work_months" in res.output and "reviewed (gold applied)" in res.output
    res = runner.invoke(app, ["gold", "undo", str(sample_doc), "--gold", str(gold_copy)])
    assert res.exit_code == 0 and "restored work_months.csv, REVIEWED.json" in res.output, res.output
    repo_file = REPO / "gold" / DOC_ID / "work_months.csv"
    assert (gold_copy / DOC_ID / "work_months.csv").read_bytes() == repo_file.read_bytes()
    res = runner.invoke(app, ["gold", "undo", str(sample_doc), "--gold", str(gold_copy)])
    assert res.exit_code == 1 and "nothing to undo" in res.output

    res = runner.invoke(app, ["review", str(tmp_path / "missing.txt"), "--out", str(review)])
    assert res.exit_code == 1 and "Cannot review" in res.output
    shutil.rmtree(review)
