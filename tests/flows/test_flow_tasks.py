"""The flow's tasks as plain functions (`task.fn()`): no Prefect server needed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import flows.process as fp
import flows.tasks as ft
from extractors import DocumentExtraction
from flows.runners import make_task_runner
from flows.summary import DocSummary, RunSummary, artifact_markdown
from pipeline.gold_scores import DatasetScore, GoldScores, score_version
from pipeline.batch import Reconciled
from pipeline.discover import discover
from pipeline.steps import DocumentResult
from pipeline.records import Dataset, DocumentRecord, ErrorItem, WorkMonths


def _state_with(extraction: DocumentExtraction, source_file="plan.txt") -> DocumentResult:
    return DocumentResult(path=f"/in/{source_file}", source_file=source_file, document_id="plan", sha256="d" * 64,
                       size=10, format="text", title="Plan", page_count=3, tables=2, extraction=extraction)


# discover ------------------------------------------------------------------------------------------------


def test_discover_folders_files_and_problems(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "two.docx").write_bytes(b"PK")
    (tmp_path / "a" / "notes.md").write_text("not a document")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / "~$lock.docx").write_text("x")
    (tmp_path / "a" / "sub").mkdir()
    (tmp_path / "a" / "sub" / "three.PDF").write_bytes(b"%PDF")
    explicit = tmp_path / "sheet.xlsx"
    explicit.write_text("x")
    found = discover([tmp_path / "a", explicit, tmp_path / "missing", "https://www.itu.int/plan.pdf"])
    names = [Path(p).name for p in found.paths]
    assert names == ["one.txt", "three.PDF", "two.docx", "sheet.xlsx"]
    reasons = {e.source_file: e.reason for e in found.errors}
    assert reasons[str(tmp_path / "missing")] == "no such file or folder"
    assert "not supported yet" in reasons["https://www.itu.int/plan.pdf"]
    assert all(e.stage == "discover" for e in found.errors)


def test_discover_same_name_twice(tmp_path):
    for d, content in (("x", "same"), ("y", "same"), ("z", "other")):
        (tmp_path / d).mkdir()
        (tmp_path / d / "plan.txt").write_text(content)
    found = discover([tmp_path / "x", tmp_path / "y", tmp_path / "z", tmp_path / "x" / "plan.txt"])
    assert found.paths == [str(tmp_path / "x" / "plan.txt")]
    assert len(found.errors) == 1 and "same name" in found.errors[0].reason


def test_discover_does_not_follow_links_out_of_the_folder(tmp_path):
    inbox, elsewhere = tmp_path / "inbox", tmp_path / "elsewhere"
    inbox.mkdir()
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("not for publishing")
    (elsewhere / "docs").mkdir()
    (elsewhere / "docs" / "deep.txt").write_text("x")
    (inbox / "plan.txt").write_text("x")
    (inbox / "alias.txt").symlink_to(inbox / "plan.txt")  # inside: the same file, once
    (inbox / "leak.txt").symlink_to(elsewhere / "secret.txt")
    (inbox / "linked-dir").symlink_to(elsewhere / "docs", target_is_directory=True)
    found = discover([inbox])
    assert [Path(p).name for p in found.paths] == ["alias.txt"]  # plan.txt is the same file (sorted first: alias)
    outside = {e.source_file: e.reason for e in found.errors}
    # deep.txt is reported when rglob walks into the linked folder, unseen when it does not: never published
    assert set(outside) <= {"leak.txt", "deep.txt"} and "leak.txt" in outside
    assert "symbolic link" in outside["leak.txt"] and "not followed" in outside["leak.txt"]
    # a file named on the command line is the user's choice, link or not
    assert discover([inbox / "leak.txt"]).paths == [str(inbox / "leak.txt")]


def test_discover_task_fn(tmp_path):
    (tmp_path / "one.txt").write_text("x")
    assert ft.discover_task.fn([str(tmp_path)]).paths == [str(tmp_path / "one.txt")]


# read ----------------------------------------------------------------------------------------------------


def test_read_good_document(good_text_file):
    st = ft.read_task.fn(str(good_text_file))
    assert st.failed_stage is None and not st.errors
    assert st.document is not None and st.format == "text"
    assert len(st.sha256) == 64 and st.size == good_text_file.stat().st_size
    assert st.document_id == good_text_file.stem.lower()


@pytest.mark.parametrize(
    "name,content,needle",
    [("empty.pdf", b"", "empty"), ("named.pdf", b"just text", "named .pdf"), ("sheet.xlsx", b"x", "unsupported")],
)
def test_read_bad_document_becomes_an_error_item(tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    st = ft.read_task.fn(str(path))
    assert st.failed_stage == "read" and st.status == "failed" and st.document is None
    assert len(st.errors) == 1
    err = st.errors[0]
    assert err.source_file == name and err.stage == "read" and needle in err.reason


def test_read_missing_file(tmp_path):
    st = ft.read_task.fn(str(tmp_path / "gone.txt"))
    assert st.failed_stage == "read" and "cannot open" in st.errors[0].reason


def test_read_cache_key_follows_content_and_name(tmp_path, good_text_file):
    key = ft.read_cache_key(None, {"path": str(good_text_file)})
    assert key == ft.read_cache_key(None, {"path": str(good_text_file)})
    copy = tmp_path / "copy" / good_text_file.name
    copy.parent.mkdir()
    shutil.copy(good_text_file, copy)
    assert ft.read_cache_key(None, {"path": str(copy)}) == key  # same bytes, same name: same document
    renamed = tmp_path / "copy" / "renamed.txt"
    shutil.copy(good_text_file, renamed)
    assert ft.read_cache_key(None, {"path": str(renamed)}) != key  # another name is another document_id
    with open(copy, "ab") as fh:
        fh.write(b"\nOne more line.\n")
    assert ft.read_cache_key(None, {"path": str(copy)}) != key
    assert ft.read_cache_key(None, {"path": str(tmp_path / "gone.txt")}) is None


def test_task_run_names_show_the_file_name():
    assert ft._run_name("read")({"path": "/x/y/plan.docx"}) == "read plan.docx"
    st = DocumentResult(path="/x/plan.docx", source_file="plan.docx", document_id="plan")
    assert ft._run_name("extract")({"state": st}) == "extract plan.docx"
    assert ft._run_name("validate")({"state": st}) == "validate plan.docx"


# extract / validate --------------------------------------------------------------------------------------


def test_extract_and_validate_a_good_document(good_text_file):
    st = ft.extract_task.fn(ft.read_task.fn(str(good_text_file)))
    assert st.document is None  # the model is not carried further than needed
    assert st.extraction is not None and st.extraction.source_file == good_text_file.name
    assert ft.extract_cache_key(None, {"state": st}) is None  # nothing to extract from any more
    done = ft.validate_task.fn(st)
    docs = done.extraction.datasets[Dataset.DOCUMENTS]
    assert len(docs) == 1
    rec = docs[0]
    assert rec.source_file == good_text_file.name and rec.status == done.status
    assert rec.tables == done.extraction.tables_total
    assert rec.tables_used + rec.tables_skipped == rec.tables
    for d, records in done.extraction.datasets.items():
        for r in records:
            assert r.source_file == good_text_file.name, d
            if hasattr(r, "review_status"):
                assert r.review_status in ("extracted", "reviewed")


def test_extract_skips_failed_reads(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    st = ft.read_task.fn(str(tmp_path / "empty.pdf"))
    assert ft.extract_cache_key(None, {"state": st}) is None
    assert ft.extract_task.fn(st) is st
    assert ft.validate_task.fn(st) is st


def test_validate_drops_only_the_invalid_dataset():
    ex = DocumentExtraction("plan", "plan.txt", {d: [] for d in Dataset}, [], {0}, 2)
    ex.datasets[Dataset.WORK_MONTHS] = [
        WorkMonths("plan", "PP", "", "SGO", "", "nonsense", "2009", 2009, 2009, 1.0, 0),
    ]
    ex.datasets[Dataset.DOCUMENTS] = [
        DocumentRecord("plan", "", "d" * 64, "text", "Plan", "operational_plan", 2008, 2011, body="Union"),
    ]
    done = ft.validate_task.fn(_state_with(ex))
    assert done.status == "partial"
    assert done.extraction.datasets[Dataset.WORK_MONTHS] == []
    (err,) = done.errors
    assert err.stage == "validate" and err.component == "work_months" and "row_kind" in err.reason
    (doc,) = done.extraction.datasets[Dataset.DOCUMENTS]
    assert doc.plan_kind == "operational_plan" and doc.body == "Union"  # the extractor's record is kept...
    assert (doc.source_file, doc.status, doc.tables, doc.tables_used, doc.tables_skipped) == (
        "plan.txt", "partial", 2, 1, 1)  # ...and completed by the flow


def test_validate_falls_back_when_the_documents_record_is_invalid():
    ex = DocumentExtraction("plan", "plan.txt", {d: [] for d in Dataset}, [], set(), 0)
    ex.datasets[Dataset.DOCUMENTS] = [DocumentRecord("plan", "", "d" * 64, "text", "Plan", "weird_kind", 2008, 2011)]
    done = ft.validate_task.fn(_state_with(ex))
    (doc,) = done.extraction.datasets[Dataset.DOCUMENTS]
    assert doc.plan_kind == "other" and doc.status == "partial"
    assert any(e.component == "documents" for e in done.errors)


def test_extractor_errors_make_the_document_partial(good_text_file, monkeypatch):
    import extractors

    def boom(doc):
        raise RuntimeError("extractor bug")

    monkeypatch.setitem(extractors.EXTRACTORS, Dataset.ACTIVITIES, boom)
    st = ft.validate_task.fn(ft.extract_task.fn(ft.read_task.fn(str(good_text_file))))
    assert st.status == "partial"
    assert any(e.stage == "extract" and e.component == "activities" for e in st.errors)


# reconcile -----------------------------------------------------------------------------------------------


def test_reconcile_task_fills_ids_and_learns_from_glossaries(tmp_path, good_text_file):
    from pipeline.reconcile.learn import Glossary

    st = ft.extract_task.fn(ft.read_task.fn(str(good_text_file)))
    assert st.document is None and st.glossary is not None  # the model does not travel past extract
    out = ft.reconcile_task.fn([st], str(tmp_path / "registry"))
    links = out.extractions[0].datasets[Dataset.LINKS]
    assert links and all(r.output_id for r in links)
    assert "entities" in out.tables and (tmp_path / "registry" / "entities.csv").exists()
    assert isinstance(st.glossary, Glossary)


def test_reconcile_failure_publishes_rows_without_ids(monkeypatch, tmp_path):
    import pipeline.reconcile as reconciliation

    def broken(*args, **kwargs):
        raise KeyError("registry")

    monkeypatch.setattr(reconciliation, "reconcile", broken)
    exs = [DocumentExtraction("a", "a.txt")]
    out = ft.reconcile_task.fn([DocumentResult("/in/a.txt", "a.txt", "a", extraction=exs[0])], str(tmp_path / "registry"))
    assert out.extractions == exs and out.errors[0].stage == "reconcile" and "KeyError" in out.errors[0].reason


# publish -------------------------------------------------------------------------------------------------


def test_publish_task_fn_end_to_end(tmp_path, good_text_file):
    bad = good_text_file.parent / "empty.pdf"
    bad.write_bytes(b"")
    states = [ft.validate_task.fn(ft.extract_task.fn(ft.read_task.fn(str(p)))) for p in (good_text_file, bad)]
    reconciled = ft.reconcile_task.fn(states, registry_dir=str(tmp_path / "out" / "registry"))
    errors = [e for s in states for e in s.errors]
    res = ft.publish_task.fn(str(tmp_path / "out"), states, reconciled, errors, "20260101T000000Z-abcdef", {}, 5.0)
    assert res.latest_switched
    docs = pd.read_csv(res.version_dir / "documents.csv", keep_default_na=False).set_index("source_file")
    assert docs.loc[good_text_file.name, "status"] == "ok"
    assert docs.loc["empty.pdf", "status"] == "failed"
    assert (tmp_path / "out" / "quarantine" / "empty.pdf").exists()
    errs = pd.read_csv(res.version_dir / "errors.csv", keep_default_na=False)
    assert list(errs["file"]) == ["empty.pdf"] and list(errs["stage"]) == ["read"]


def test_all_failed_batch_does_not_switch_latest(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    st = ft.read_task.fn(str(bad))
    res = ft.publish_task.fn(str(tmp_path / "out"), [st], Reconciled([]), st.errors, "20260101T000000Z-000000",
                             {}, 5.0)
    assert not res.latest_switched and not (tmp_path / "out" / "latest").exists()


def test_artifact_markdown_lists_documents_rows_and_failures():
    summary = RunSummary(
        run_id="r1", version_dir="output/runs/r1", latest_switched=True,
        documents=[DocSummary("/in/a.txt", "a.txt", "ok", "text", {"objectives": 3}, [], ["read"], 0.1, 4, 5),
                   DocSummary("/in/b.pdf", "b.pdf", "failed", "pdf", {}, ["read: the file is empty"], [], 0.0)],
        row_counts={"objectives": 3}, errors=[ErrorItem("b.pdf", "read", "the file is empty")],
        changes={"objectives": {"added": 3, "removed": 0, "changed": 0}}, seconds=1.0,
    )
    md = artifact_markdown(summary)
    assert "F1 against gold" not in md  # no gold for these documents
    assert "| a.txt | ok | text | 3 | 4 | 1 | read |" in md  # 4 tables used, 1 of none of the kinds skipped
    assert "| objectives | 3 | 3 | 0 | 0 |" in md
    assert "## Failures" in md and "| b.pdf | read | the file is empty |" in md
    assert not summary.all_failed
    summary.gold = GoldScores((DatasetScore("a.txt", "a", "objectives", 1.0, 3, 3, 3),
                               DatasetScore("a.txt", "a", "kpis", 0.9567, 23, 23, 22, (("kpi", 0.9567),))))
    md = artifact_markdown(summary)
    assert "| file | objectives | kpis |" in md and "| a.txt | 1.000 | 0.957 |" in md
    assert "## Columns that differ from gold" in md and "| a.txt | kpis | 0.957 | kpi 0.957 |" in md
    summary.gold = GoldScores(problem="ParserError: bad CSV")
    assert "Not scored: ParserError: bad CSV" in artifact_markdown(summary)


def test_gold_scores_of_a_published_version(tmp_path):
    """The artifact's gold sections are what `ituplans evaluate` computes: the published sample scores 1.0 in
    every column; a value changed in the published CSV shows as its column."""
    sample = tmp_path / "strategic-plan-2008-2011.txt"
    shutil.copy(Path(__file__).resolve().parents[2] / "samples" / sample.name, sample)
    st = ft.validate_task.fn(ft.extract_task.fn(ft.read_task.fn(str(sample))))
    res = ft.publish_task.fn(str(tmp_path / "out"), [st], Reconciled([st.extraction]), [], "20260101T000000Z-000001",
                             {}, 5.0)
    scores = score_version(res.version_dir)
    assert set(scores.f1()) == {sample.name}
    assert scores.f1()[sample.name]["output_objective_links"] == 1.0 and scores.f1()[sample.name]["objectives"] == 1.0
    n = len(list((Path(__file__).resolve().parents[2] / "gold" / "strategic-plan-2008-2011").glob("*.csv")))
    assert scores.differing() == [] and scores.text_lines() == [f"{sample.name}: {n} of {n} datasets match gold in "
                                                                "every column"]
    objectives = Path(res.version_dir) / "objectives.csv"
    frame = pd.read_csv(objectives, dtype=str, keep_default_na=False)
    frame.loc[0, "title"] = frame.loc[0, "title"] + " PART V- Financial Plan"
    frame.to_csv(objectives, index=False)
    (bad,) = score_version(res.version_dir).differing()
    assert (bad.dataset, [c for c, _ in bad.differing]) == ("objectives", ["title"]) and bad.f1 < 1
    assert score_version(tmp_path / "nowhere").scores == ()


def test_make_task_runner():
    from prefect.task_runners import ThreadPoolTaskRunner

    assert isinstance(make_task_runner("threads"), ThreadPoolTaskRunner)
    # bounded (CPU-bound work holds the GIL): Prefect's own default pool is unbounded
    cores = os.cpu_count() or 1
    assert make_task_runner("threads")._max_workers == cores + 2 == fp.process_documents.task_runner._max_workers
    assert make_task_runner("threads", workers=3)._max_workers == 3
    from prefect_dask import DaskTaskRunner

    assert isinstance(make_task_runner("dask", "tcp://127.0.0.1:8786"), DaskTaskRunner)
    assert isinstance(make_task_runner("dask"), DaskTaskRunner)  # LocalCluster, started only when used
    with pytest.raises(ValueError):
        make_task_runner("processes")


# one task run per document (the Dask path) ----------------------------------------------------------------


def test_document_task_is_the_three_stages(good_text_file):
    staged = ft.validate_task.fn(ft.extract_task.fn(ft.read_task.fn(str(good_text_file), "t"), "t"), "t")
    fused = ft.document_task.fn(str(good_text_file), "t")
    assert fused.status == staged.status == "ok"
    assert fused.made_by == {"read": "t", "extract": "t", "validate": "t"}
    assert fused.extraction.datasets == staged.extraction.datasets
    assert fused.errors == staged.errors


@pytest.mark.parametrize("module, name, stage", [("extractors", "extract_all", "extract"),
                                                  ("pipeline.schema", "validate", "validate")])
def test_document_task_names_the_stage_that_raised(good_text_file, monkeypatch, module, name, stage):
    import importlib

    def boom(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(importlib.import_module(module), name, boom)
    with pytest.raises(RuntimeError) as info:
        ft.document_task.fn(str(good_text_file))
    assert info.value.ituplans_stage == stage


def test_document_cache_key_follows_content_code_and_reviews(tmp_path, good_text_file):
    gold = str(tmp_path / "gold")
    key = ft.document_cache_key(None, {"path": str(good_text_file), "gold_dir": gold})
    assert key.startswith("document-") and key == ft.document_cache_key(None, {"path": str(good_text_file),
                                                                                 "gold_dir": gold})
    other = tmp_path / "other.txt"
    other.write_bytes(good_text_file.read_bytes() + b"\r\nmore\r\n")
    assert ft.document_cache_key(None, {"path": str(other), "gold_dir": gold}) != key
    (tmp_path / "gold" / good_text_file.stem.lower()).mkdir(parents=True)
    (tmp_path / "gold" / good_text_file.stem.lower() / "kpis.csv").write_text("kpi\nx\n")
    assert ft.document_cache_key(None, {"path": str(good_text_file), "gold_dir": gold}) != key  # a review changes it
    assert ft.document_cache_key(None, {"path": str(good_text_file), "gold_dir": str(tmp_path)}) != key  # another gold
    assert ft.document_cache_key(None, {"path": str(tmp_path / "missing.txt")}) is None
