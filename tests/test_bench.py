"""The benchmark times the path production takes: its bare loop (bench/bare.py) publishes, byte for byte, what
the one document path and the batch functions publish (`pipeline.steps`, `pipeline.batch`; the flow publishes
the same, tests/flows/test_one_path.py), and reports a failed document with the step that failed."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.bare import STEPS, bare_pipeline
from pipeline.batch import publish_batch, reconcile_batch
from pipeline.publish import new_run_id
from pipeline.steps import process_document

REPO = Path(__file__).resolve().parents[1]


def test_bare_loop_publishes_what_the_document_path_publishes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPO / "samples" / "strategic-plan-2008-2011.txt", folder)
    (folder / "empty.pdf").write_bytes(b"")
    files = sorted(folder.iterdir())

    bare = bare_pipeline(files, tmp_path / "bare")

    results = [process_document(p) for p in files]
    reconciled = reconcile_batch(results, tmp_path / "ref" / "registry")
    errors = [e for r in results for e in r.errors] + reconciled.errors
    ref = publish_batch(tmp_path / "ref", results, reconciled, errors, run_id=new_run_id())
    csvs = sorted(p.name for p in ref.version_dir.glob("*.csv"))
    assert {"documents.csv", "objectives.csv", "errors.csv"} <= set(csvs)
    for name in csvs:
        assert (Path(bare["version_dir"]) / name).read_bytes() == (ref.version_dir / name).read_bytes(), name

    by_file = {f["file"]: f for f in bare["files"]}
    assert all(by_file["strategic-plan-2008-2011.txt"][step] > 0 for step in STEPS)
    assert "error" not in by_file["strategic-plan-2008-2011.txt"]
    assert set(by_file["empty.pdf"]) & set(STEPS) == {"read"} and by_file["empty.pdf"]["error"]
    assert bare["row_counts"]["documents"] == 2  # the failed document has its row too
    assert bare["reconcile"] > 0 and bare["publish"] > 0
