"""The Dask task runner (a LocalCluster) publishes exactly the datasets the threads runner publishes."""

from __future__ import annotations

import pytest

from tests.conftest import REPO

pytest.importorskip("prefect_dask")

DATASETS = ("documents", "objectives", "output_objective_links", "work_months", "service_levels",
            "expected_results", "kpis", "risks", "activities", "errors")


def test_dask_and_threads_publish_identical_datasets(prefect_harness, tmp_path):
    from flows.process import run_batch

    batch = tmp_path / "batch"
    batch.mkdir()
    for name in ("strategic-plan-2008-2011.txt", "gs-operational-plan-2008-2011.txt"):
        (batch / name).write_bytes((REPO / "samples" / name).read_bytes())
    (batch / "empty.pdf").write_bytes(b"")  # a failure travels back from a worker too

    threads = run_batch([batch], tmp_path / "threads")
    # refresh_cache: the workers really read and extract (no results served from the threads run's cache)
    dask = run_batch([batch], tmp_path / "dask", task_runner="dask", workers=2, refresh_cache=True)

    assert {d.source_file: d.status for d in dask.documents} == {d.source_file: d.status for d in threads.documents}
    assert all(not d.cached for d in dask.documents)
    for name in DATASETS:
        a = (tmp_path / "threads" / "latest" / f"{name}.csv").read_bytes()
        b = (tmp_path / "dask" / "latest" / f"{name}.csv").read_bytes()
        assert a == b, name
