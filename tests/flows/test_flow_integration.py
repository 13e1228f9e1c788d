"""The `process-documents` flow end to end against a temporary Prefect API (one harness per session)."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from flows.process import add_progress_listener, remove_progress_listener, run_batch


@pytest.fixture
def batch(good_text_file):
    bad = good_text_file.parent / "empty.pdf"
    bad.write_bytes(b"")
    return good_text_file.parent, good_text_file, bad


def test_good_document_published_bad_one_reported(prefect_harness, batch, tmp_path):
    folder, good, bad = batch
    out = tmp_path / "out"
    seen = []
    listener = seen.append
    add_progress_listener(listener)
    try:
        summary = run_batch([folder], out)
    finally:
        remove_progress_listener(listener)

    status = {d.source_file: d.status for d in summary.documents}
    assert status == {good.name: "ok", bad.name: "failed"}
    assert sorted(s.source_file for s in seen) == sorted(status)  # one progress line per document
    assert not summary.all_failed and summary.latest_switched

    latest = out / "latest"
    assert os.readlink(latest) == f"runs/{summary.run_id}"
    docs = pd.read_csv(latest / "documents.csv", keep_default_na=False).set_index("source_file")
    assert docs.loc[good.name, "status"] == "ok"
    assert docs.loc[good.name, "document_id"] == good.stem.lower()
    errors = pd.read_csv(latest / "errors.csv", keep_default_na=False)
    assert list(errors["file"]) == [bad.name]
    assert "empty" in errors.loc[0, "reason"]
    assert (out / "quarantine" / bad.name).exists()
    manifest = json.loads((latest / "manifest.json").read_text())
    assert {s["source_file"] for s in manifest["sources"]} == {good.name, bad.name}
    assert manifest["documents_failed"] == 1

    # Second run on the same inputs: served from the cache, and the CSVs are byte-identical.
    again = run_batch([folder], out)
    cached = {d.source_file: d.cached for d in again.documents}
    assert {"read", "extract", "validate"} <= set(cached[good.name])
    for name in ("documents", "objectives", "work_months", "expected_results", "errors"):
        a = (out / "runs" / summary.run_id / f"{name}.csv").read_bytes()
        b = (out / "runs" / again.run_id / f"{name}.csv").read_bytes()
        assert a == b, name
    assert os.readlink(latest) == f"runs/{again.run_id}"


def test_every_document_failing_leaves_latest(prefect_harness, tmp_path):
    bad = tmp_path / "in" / "empty.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    summary = run_batch([bad], tmp_path / "out")
    assert summary.all_failed and not summary.latest_switched
    assert not (tmp_path / "out" / "latest").exists()
    assert summary.errors and summary.errors[0].stage == "read"


def test_accepted_reviews_reach_the_next_run_through_the_cache(prefect_harness, good_text_file, tmp_path,
                                                               monkeypatch):
    """validate is cached on the document, the code and the document's reviews: accepting a review re-runs it.
    The gold folder is a parameter of the run."""
    from pipeline.review.accept import accept
    from pipeline.review.report import build_report

    gold = tmp_path / "gold"
    gold.mkdir()
    out = tmp_path / "out"
    run_batch([good_text_file], out, gold_dir=gold)
    again = run_batch([good_text_file], out, gold_dir=gold)
    assert {"read", "extract", "validate"} <= set(again.documents[0].cached)
    before = pd.read_csv(out / "latest" / "objectives.csv", keep_default_na=False)
    assert len(before) and set(before["review_status"]) == {"extracted"}

    build_report(good_text_file, tmp_path / "review", gold)
    accept(good_text_file, tmp_path / "review", gold, dataset="objectives")
    third = run_batch([good_text_file], out, gold_dir=gold)
    (doc,) = third.documents
    assert {"read", "extract"} <= set(doc.cached) and "validate" not in doc.cached
    after = pd.read_csv(out / "latest" / "objectives.csv", keep_default_na=False)
    assert set(after["review_status"]) == {"reviewed"} and len(after) == len(before)


def test_one_task_run_per_document(prefect_harness, batch, tmp_path, monkeypatch):
    """stage_tasks=False (what Dask runs): the same datasets as the staged flow, cached as a whole, and a bug
    reported with the stage that raised."""
    folder, good, bad = batch
    staged = run_batch([folder], tmp_path / "staged")
    fused = run_batch([folder], tmp_path / "fused", stage_tasks=False, refresh_cache=True)
    assert {d.source_file: d.status for d in fused.documents} == {d.source_file: d.status for d in staged.documents}
    for name in ("documents", "objectives", "work_months", "expected_results", "kpis", "risks", "errors"):
        a = (tmp_path / "staged" / "latest" / f"{name}.csv").read_bytes()
        b = (tmp_path / "fused" / "latest" / f"{name}.csv").read_bytes()
        assert a == b, name

    again = run_batch([folder], tmp_path / "fused", stage_tasks=False)
    assert {d.source_file: d.cached for d in again.documents}[good.name] == ["read", "extract", "validate"]

    import extractors

    def bug(doc):
        raise RuntimeError("an extractor bug")

    monkeypatch.setattr(extractors, "extract_all", bug)
    broken = run_batch([good], tmp_path / "broken", stage_tasks=False, refresh_cache=True)
    assert broken.all_failed
    (err,) = broken.errors
    assert err.stage == "extract" and "RuntimeError: an extractor bug" in err.reason


def test_a_damaged_cache_entry_is_computed_again(prefect_harness, good_text_file, tmp_path):
    """Regression: a result file cut short (a run killed while rewriting it) failed the document with
    UnpicklingError in every later run, until --refresh."""
    from flows.cache import intact
    from flows.tasks import read_cache_key
    from pipeline.settings import CACHE_DIR

    out = tmp_path / "out"
    run_batch([good_text_file], out, refresh_cache=True)
    result = CACHE_DIR / read_cache_key(None, {"path": str(good_text_file)})
    blob = result.read_bytes()
    result.write_bytes(blob[: len(blob) // 2])

    healed = run_batch([good_text_file], out)
    (doc,) = healed.documents
    assert doc.status == "ok" and not doc.errors, doc.errors
    assert intact(result.read_bytes())  # read ran again and wrote its result whole
    again = run_batch([good_text_file], out)
    assert again.documents[0].status == "ok" and "read" in again.documents[0].cached
