"""Every caller takes the one document path (`pipeline.steps`): the flow with a task run per step, the flow with
one task run per document (Dask) and the benchmark's bare loop (`bench.bare.bare_pipeline`) publish byte-identical
datasets for the same documents, and the reviewer report shows what `process_document` gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.process import run_batch
from bench.bare import bare_pipeline
from pipeline.steps import process_document

REPO = Path(__file__).resolve().parents[2]
DATASETS = ("documents", "objectives", "output_objective_links", "work_months", "service_levels",
            "expected_results", "kpis", "risks", "activities", "errors", "entities", "entity_aliases")


@pytest.fixture
def documents(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("strategic-plan-2008-2011.txt", "gs-operational-plan-2008-2011.docx"):
        shutil.copy(REPO / "samples" / name, folder / name)
    (folder / "empty.pdf").write_bytes(b"")
    return folder


def test_flow_fused_flow_and_bare_loop_publish_the_same(prefect_harness, documents, tmp_path):
    gold = REPO / "gold"
    staged = run_batch([documents], tmp_path / "staged", gold_dir=gold)
    fused = run_batch([documents], tmp_path / "fused", stage_tasks=False, refresh_cache=True, gold_dir=gold)
    bare = Path(bare_pipeline(sorted(documents.iterdir()), tmp_path / "bare")["version_dir"])
    assert {d.status for d in staged.documents} == {"ok", "failed"}
    for name in DATASETS:
        expected = (tmp_path / "staged" / "latest" / f"{name}.csv").read_bytes()
        assert (tmp_path / "fused" / "latest" / f"{name}.csv").read_bytes() == expected, name
        assert (bare / f"{name}.csv").read_bytes() == expected, name


def test_the_review_report_shows_what_process_document_gives(documents, tmp_path, monkeypatch):
    import pipeline.review.html_page as html_page

    shown = []
    real = html_page.render_report

    def capture(data):
        shown.append(data)
        return real(data)

    monkeypatch.setattr(html_page, "render_report", capture)
    from pipeline.review.report import build_report

    path = documents / "gs-operational-plan-2008-2011.docx"
    build_report(path, tmp_path / "review", REPO / "gold")
    (data,) = shown
    expected = process_document(path, gold_dir=REPO / "gold").extraction.datasets
    assert data.published.datasets == expected and sum(map(len, expected.values())) > 100
