"""Issue 16 replayed: a new user reviews the operational plan's PDF, corrects one risk, accepts without `--dataset`
(as README step 3 shows) and runs again. The accept used to rewrite the gold of every dataset from the PDF's
extraction (the objectives lost their reviewed titles). Now every other gold file stays byte-identical and the
next run publishes the one correction, through the document path a run takes (pipeline/steps.py)."""

from __future__ import annotations

import shutil
from dataclasses import asdict

import pytest

from pipeline import steps
from pipeline.records import Dataset
from pipeline.review.accept import accept
from pipeline.review.report import build_report

from .conftest import DOC_ID, REPO, read_rows, snapshot, write_rows

PDF = REPO / "samples" / f"{DOC_ID}.pdf"
OLD = "Labour market for précis-writers"
NEW = "Labour market for précis-writers and editors"


@pytest.fixture
def pdf(tmp_path):
    target = tmp_path / "docs" / PDF.name
    target.parent.mkdir()
    shutil.copy(PDF, target)
    return target


def _published(extracted, gold) -> dict[Dataset, list[dict]]:
    out = steps.finish(extracted, gold_dir=gold).extraction.datasets
    return {d: [asdict(r) for r in out[d]] for d in Dataset}


def test_review_correct_one_risk_accept_run(pdf, gold_copy, tmp_path):
    review = tmp_path / "review"
    extracted = steps.extract(steps.read(pdf))
    before_run = _published(extracted, gold_copy)
    gold_before = snapshot(gold_copy)

    report = build_report(pdf, review, gold_copy)
    rows = read_rows(report.parent / "risks.csv")
    (row,) = [r for r in rows if r["risk"] == OLD]
    row["risk"] = NEW
    write_rows(report.parent / "risks.csv", rows)

    results = {r.dataset: r for r in accept(pdf, review, gold_copy)}
    assert {n for n, r in results.items() if r.outcome != "unchanged"} == {"risks"}
    assert results["risks"].changes.summary() == "1 changed (risk: 1)"
    gold_after = snapshot(gold_copy)
    changed = {p for p in gold_after if gold_before.get(p) != gold_after[p]}
    assert {p for p in changed if "/history/" not in p} == {f"{DOC_ID}/risks.csv", f"{DOC_ID}/REVIEWED.json"}
    assert all(gold_before[p] == gold_after[p] for p in gold_before if p != f"{DOC_ID}/risks.csv")

    after_run = _published(extracted, gold_copy)
    for d in Dataset:
        if d is not Dataset.RISKS:
            assert after_run[d] == before_run[d], d
    risks = after_run[Dataset.RISKS]
    assert {r["review_status"] for r in risks} == {"reviewed"}
    assert [r["risk"] for r in risks if r["risk"] in (OLD, NEW)] == [NEW]
    assert len(risks) == len(before_run[Dataset.RISKS])
    strip = [{k: v for k, v in r.items() if k not in ("review_status", "output_id")} for r in risks]
    was = [{k: v for k, v in r.items() if k not in ("review_status", "output_id")} for r in before_run[Dataset.RISKS]]
    assert [(a, b) for a, b in zip(was, strip) if a != b] == [
        (next(r for r in was if r["risk"] == OLD), next(r for r in strip if r["risk"] == NEW))]
