"""Every caller takes the one document path (`pipeline.steps`): the flow with a task run per step, the flow with
one task run per document (Dask), and a bare loop of `process_document` + `pipeline.batch` (what the benchmark
runs) publish byte-identical datasets for the same documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.process import run_batch
from pipeline.batch import publish_batch, reconcile_batch
from pipeline.publish import new_run_id
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
    paths = sorted(str(p) for p in documents.iterdir())
    results = [process_document(p, gold_dir=gold) for p in paths]
    reconciled = reconcile_batch(results, tmp_path / "bare" / "registry")
    errors = [e for r in results for e in r.errors] + reconciled.errors
    bare = publish_batch(tmp_path / "bare", results, reconciled, errors, run_id=new_run_id())
    assert {d.status for d in staged.documents} == {"ok", "failed"}
    for name in DATASETS:
        expected = (tmp_path / "staged" / "latest" / f"{name}.csv").read_bytes()
        assert (tmp_path / "fused" / "latest" / f"{name}.csv").read_bytes() == expected, name
        assert (bare.version_dir / f"{name}.csv").read_bytes() == expected, name
