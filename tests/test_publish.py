"""pipeline/publish.py: versions, atomic switch of `latest`, determinism, lock, changelog, quarantine."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline import publish as pub
from pipeline import schema
from pipeline.exceptions import PublishError
from pipeline.records import Dataset, DocumentRecord, ErrorItem, Objective, WorkMonths

SHA = "b" * 64


def _frames(units=("SGO", "C&P"), value=1.5, reverse=False):
    docs = [
        DocumentRecord("gs-plan", "gs-plan.txt", SHA, "text", "Operational Plan", "operational_plan", 2008, 2011),
        DocumentRecord("sp", "sp.docx", "c" * 64, "docx", "Strategic Plan", "strategic_plan", 2008, 2011),
    ]
    wm = [WorkMonths("gs-plan", "Plenipotentiary Conference", "", u, "", "department", "2009-2011", 2009, 2011,
                     value + i, 3, "gs-plan.txt") for i, u in enumerate(units)]
    obj = [Objective("sp", "ITU-R", "objective", "1", "", "Ensure rational, equitable use of spectrum", "sp.docx")]
    if reverse:
        docs, wm = docs[::-1], wm[::-1]
    return {
        Dataset.DOCUMENTS: schema.to_frame(Dataset.DOCUMENTS, docs),
        Dataset.WORK_MONTHS: schema.to_frame(Dataset.WORK_MONTHS, wm),
        Dataset.OBJECTIVES: schema.to_frame(Dataset.OBJECTIVES, obj),
    }


def _sources():
    return [pub.SourceInfo("in/gs-plan.txt", "gs-plan.txt", "gs-plan", SHA, 10, "text", "ok", {"work_months": 2})]


def test_publish_writes_a_complete_version(tmp_path):
    out = tmp_path / "out"
    res = pub.publish(out, _frames(), [ErrorItem("bad.pdf", "read", "the file is empty")], _sources(),
                      timing={"documents": 1.25})
    latest = out / "latest"
    assert latest.is_symlink() and os.readlink(latest) == f"runs/{res.run_id}"
    assert latest.resolve() == res.version_dir.resolve()
    for name in schema.all_dataset_names():
        assert (latest / f"{name}.csv").exists(), name
        assert (latest / f"{name}.parquet").exists(), name
    wm = pd.read_csv(latest / "work_months.csv")
    assert list(wm.columns) == schema.column_names(Dataset.WORK_MONTHS)
    assert len(wm) == 2
    pq = pd.read_parquet(latest / "work_months.parquet")
    assert list(pq.columns) == list(wm.columns) and len(pq) == 2
    errors = pd.read_csv(latest / "errors.csv", keep_default_na=False)
    assert list(errors.columns)[:4] == ["file", "stage", "reason", "page"]
    assert errors.loc[0, "file"] == "bad.pdf"

    manifest = json.loads((latest / "manifest.json").read_text())
    assert manifest["run_id"] == res.run_id
    assert manifest["row_counts"]["work_months"] == 2
    assert manifest["sources"][0]["sha256"] == SHA
    assert manifest["pipeline_version"].startswith("0.")
    assert manifest["errors"][0]["reason"] == "the file is empty"
    assert manifest["timing_seconds"]["documents"] == 1.25
    assert manifest["files"]["work_months.csv"]["sha256"]

    package = json.loads((latest / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(schema.all_dataset_names())
    fields = {f["name"]: f for f in resources["work_months"]["schema"]["fields"]}
    assert fields["work_months"]["type"] == "number"
    assert fields["period_start"]["type"] == "integer"
    assert fields["row_kind"]["constraints"]["enum"] == ["department", "grade", "total"]
    assert all(f["description"] for f in fields.values())

    log = json.loads((latest / "changelog.json").read_text())
    assert log["previous_run_id"] is None and log["datasets"]["work_months"]["added"] == 2
    assert (latest / "changelog.md").read_text().startswith("# Changes in")


def test_same_inputs_give_byte_identical_csvs(tmp_path):
    out = tmp_path / "out"
    first = pub.publish(out, _frames(), [], _sources())
    second = pub.publish(out, _frames(reverse=True), [], _sources())
    assert first.run_id != second.run_id
    for name in schema.all_dataset_names():
        a = (first.version_dir / f"{name}.csv").read_bytes()
        b = (second.version_dir / f"{name}.csv").read_bytes()
        assert a == b, name
    assert (second.version_dir / "work_months.csv").read_bytes().decode("utf-8").endswith("\n")
    log = json.loads((second.version_dir / "changelog.json").read_text())
    assert log["previous_run_id"] == first.run_id
    assert all(d["added"] == d["removed"] == d["changed"] == 0 for d in log["datasets"].values())


def test_changelog_counts_added_removed_changed(tmp_path):
    out = tmp_path / "out"
    pub.publish(out, _frames(units=("SGO", "C&P")), [], [])
    res = pub.publish(out, _frames(units=("SGO", "IS"), value=9.0), [], [])
    wm = res.changes["work_months"]
    assert wm == {"added": 1, "removed": 1, "changed": 1}  # IS added, C&P removed, SGO's value changed
    md = (res.version_dir / "changelog.md").read_text()
    assert "| work_months | 2 | 1 | 1 | 1 | 0 |" in md
    assert "- work_months: `work_months` 1" in md


def test_changelog_counts_review_status_flips_apart(tmp_path):
    """Issue 16: one accepted dataset flipped review_status on hundreds of rows, all reported as changed."""
    out = tmp_path / "out"
    pub.publish(out, _frames(units=("SGO", "C&P", "IS")), [], [])
    frames = _frames(units=("SGO", "C&P", "IS"))
    wm = frames[Dataset.WORK_MONTHS].copy()
    wm["review_status"] = "reviewed"  # every row published from gold ...
    wm.loc[wm["unit"] == "IS", "work_months"] = 7.25  # ... one with a corrected value
    res = pub.publish(out, {**frames, Dataset.WORK_MONTHS: wm}, [], [])
    log = json.loads((res.version_dir / "changelog.json").read_text())["datasets"]["work_months"]
    assert (log["changed"], log["status_only"], log["columns"]) == (1, 2, {"work_months": 1})
    assert [e["unit"] for e in log["examples"]["changed"]] == ["IS"]
    md = (res.version_dir / "changelog.md").read_text()
    assert "| work_months | 3 | 0 | 0 | 1 | 2 |" in md and "- work_months: `work_months` 1" in md


def test_failure_halfway_leaves_latest_and_no_partial_version(tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = pub.publish(out, _frames(), [], [])
    before = sorted(p.name for p in (out / "runs").iterdir())

    calls = {"n": 0}
    real = pub._write_parquet

    def flaky(name, df, path):
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("disk full")
        real(name, df, path)

    monkeypatch.setattr(pub, "_write_parquet", flaky)
    with pytest.raises(OSError, match="disk full"):
        pub.publish(out, _frames(units=("X",)), [], [])
    assert os.readlink(out / "latest") == f"runs/{first.run_id}"
    assert sorted(p.name for p in (out / "runs").iterdir()) == before  # no half-written version, no tmp dir
    assert (out / "latest" / "work_months.csv").read_bytes() == (first.version_dir / "work_months.csv").read_bytes()


def test_invalid_dataset_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    frames = _frames()
    frames[Dataset.WORK_MONTHS].loc[0, "row_kind"] = "bogus"
    with pytest.raises(schema.DatasetValidationError) as info:
        pub.publish(out, frames, [], [])
    assert info.value.dataset == "work_months" and "row_kind" in info.value.columns
    assert not (out / "latest").exists()
    assert not (out / "runs").exists() or not any((out / "runs").iterdir())


def test_switch_latest_false_keeps_latest(tmp_path):
    out = tmp_path / "out"
    first = pub.publish(out, _frames(), [], [])
    second = pub.publish(out, {}, [ErrorItem("a.pdf", "read", "empty")], [], switch_latest=False)
    assert second.version_dir.exists() and not second.latest_switched
    assert os.readlink(out / "latest") == f"runs/{first.run_id}"


def test_stale_temporary_versions_are_cleaned(tmp_path):
    out = tmp_path / "out"
    stale = out / "runs" / ".tmp-20200101T000000Z-dead-beef"
    stale.mkdir(parents=True)
    (stale / "documents.csv").write_text("half")
    pub.publish(out, _frames(), [], [])
    assert not stale.exists()


def test_latest_as_real_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    (out / "latest").mkdir(parents=True)
    with pytest.raises(PublishError, match="real folder"):
        pub.publish(out, _frames(), [], [])


def test_lock_makes_a_second_run_wait_then_give_up(tmp_path):
    out = tmp_path / "out"
    with pub.output_lock(out, run_id="first"):
        started = time.monotonic()
        with pytest.raises(PublishError) as info:
            pub.publish(out, _frames(), [], [], lock_timeout=0.5)
        assert time.monotonic() - started >= 0.5
    msg = str(info.value)
    assert "another ituplans run" in msg and "first" in msg and "Nothing was written" in msg
    assert not (out / "latest").exists()


def test_lock_second_run_proceeds_when_the_first_finishes(tmp_path):
    out = tmp_path / "out"
    holding = threading.Event()

    def hold():
        with pub.output_lock(out, run_id="first"):
            holding.set()
            time.sleep(0.5)

    t = threading.Thread(target=hold)
    t.start()
    holding.wait(5)
    res = pub.publish(out, _frames(), [], [], lock_timeout=10)
    t.join()
    assert os.readlink(out / "latest") == f"runs/{res.run_id}"


def test_concurrent_publishes_all_land_complete(tmp_path):
    out = tmp_path / "out"
    results, errors = [], []

    def go(i):
        try:
            results.append(pub.publish(out, _frames(value=float(i)), [], [], lock_timeout=30))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=go, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    versions = [p for p in (out / "runs").iterdir()]
    assert len(versions) == 4 and all((v / "manifest.json").exists() for v in versions)
    assert (out / "latest").resolve() in {r.version_dir.resolve() for r in results}


def test_quarantine_copies_failed_documents_with_a_reason(tmp_path):
    bad = tmp_path / "in" / "broken.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.4 garbage")
    out = tmp_path / "out"
    err = ErrorItem("broken.pdf", "read", "the PDF is damaged")
    res = pub.publish(out, _frames(), [err], [], quarantine=[(str(bad), err)])
    q = out / "quarantine"
    assert (q / "broken.pdf").read_bytes() == bad.read_bytes()
    reason = (q / "broken.pdf.reason.txt").read_text()
    assert "the PDF is damaged" in reason and res.run_id in reason and "stage: read" in reason


def test_a_document_refused_for_its_size_is_not_copied_into_the_quarantine(tmp_path, monkeypatch):
    monkeypatch.setenv("ITUPLANS_MAX_FILE_MB", "1")
    big = tmp_path / "in" / "huge.pdf"
    big.parent.mkdir()
    with open(big, "wb") as fh:
        fh.truncate(3 * 2**20)  # sparse: 3 MiB of size, no disk
    out = tmp_path / "out"
    err = ErrorItem("huge.pdf", "read", "file is 3.0 MiB, over the 1 MiB limit (ITUPLANS_MAX_FILE_MB)")
    pub.publish(out, _frames(), [err], [], quarantine=[(str(big), err)])
    q = out / "quarantine"
    assert not (q / "huge.pdf").exists()
    reason = (q / "huge.pdf.reason.txt").read_text()
    assert "copy: not made (the file is 3.0 MiB" in reason and f"path: {big}" in reason


def test_run_ids_sort_by_time():
    a = pub.new_run_id()
    time.sleep(1.1)
    b = pub.new_run_id()
    assert a < b


def test_extra_tables_are_published(tmp_path):
    out = tmp_path / "out"
    # A table no declaration in pipeline/datasets names is published as text, sorted by all its columns (declared
    # ones, such as reconciliation's entities, are typed and validated: tests/test_schema.py).
    draft = pd.DataFrame({"entity_id": ["o2", "o1"], "kind": ["output", "output"], "canonical_name": ["B", "A"]})
    res = pub.publish(out, _frames(), [], [], extra_tables={"draft_entities": draft})
    csv = (res.version_dir / "draft_entities.csv").read_text().splitlines()
    assert csv == ["entity_id,kind,canonical_name", "o1,output,A", "o2,output,B"]
    package = json.loads((res.version_dir / "datapackage.json").read_text())
    assert "draft_entities" in {r["name"] for r in package["resources"]}


def test_latest_version_helper(tmp_path: Path):
    assert pub.latest_version(tmp_path) is None
    res = pub.publish(tmp_path, _frames(), [], [])
    assert pub.latest_version(tmp_path) == res.version_dir.resolve()


def test_every_published_csv_reads_back_in_pandas_with_its_declared_types(tmp_path):
    """Issue 16: `objectives.number` read as int in pandas though the contract says text. datapackage.json gives
    each CSV's `pandas.read_csv` arguments (`x-pandas-read-csv`): text columns read back exactly as published
    (`1` stays "1", an empty cell ""), number columns as numbers with an empty cell missing."""
    from bench.bare import bare_pipeline

    samples = Path(__file__).resolve().parents[1] / "samples"
    docs = [samples / "strategic-plan-2008-2011.txt", samples / "gs-operational-plan-2008-2011.txt"]
    version = Path(bare_pipeline(docs, tmp_path / "out")["version_dir"])
    package = json.loads((version / "datapackage.json").read_text())
    checked = 0
    for res in package["resources"]:
        raw = pd.read_csv(version / res["path"], dtype=str, keep_default_na=False)
        typed = pd.read_csv(version / res["path"], **res["x-pandas-read-csv"])
        assert list(typed.columns) == [f["name"] for f in res["schema"]["fields"]], res["name"]
        for f in res["schema"]["fields"]:
            column, text = typed[f["name"]], raw[f["name"]]
            if f["type"] == "string":
                assert column.tolist() == text.tolist(), (res["name"], f["name"])
            else:
                assert pd.api.types.is_numeric_dtype(column), (res["name"], f["name"])
                assert column.isna().tolist() == (text == "").tolist(), (res["name"], f["name"])
            checked += len(column)
    objectives = next(r for r in package["resources"] if r["name"] == "objectives")
    numbers = pd.read_csv(version / "objectives.csv", **objectives["x-pandas-read-csv"])["number"].tolist()
    assert "1" in numbers and 1 not in numbers and checked > 10000
