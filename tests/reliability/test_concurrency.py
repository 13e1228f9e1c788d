"""Concurrent runs on one output folder: real `ituplans run` subprocesses started at the same moment.

The output lock (`<out>/.lock`, an flock held around reconcile + publish) makes them take turns: a run waits
up to --lock-timeout seconds, then exits 3 with a message naming the holder, having written nothing.
"""

from __future__ import annotations

import json
import shutil
import time

from pipeline.publish import output_lock
from tests.reliability.conftest import REPO, assert_output_consistent, kill_group, read_csv, start_cli

GOOD = REPO / "samples" / "strategic-plan-2008-2011.txt"


def _finish(proc, timeout: float = 300) -> str:
    try:
        out, _ = proc.communicate(timeout=timeout)
    finally:
        kill_group(proc)
    return out


def test_concurrent_runs_take_turns_and_an_impatient_one_exits_clearly(tmp_path, cli_env):
    out = tmp_path / "out"
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(GOOD, docs / GOOD.name)
    (docs / "empty.pdf").write_bytes(b"")

    # Another run holds the folder (this test process) while three runs start at the same moment.
    with output_lock(out, timeout=0, run_id="held-by-the-test"):
        slow = {"ITUPLANS_FAULT_PUBLISH_DELAY": "0.1"}  # each publish holds the lock ~4 s
        a = start_cli(cli_env, "run", str(docs), "--out", str(out), "--lock-timeout", "300", **slow)
        b = start_cli(cli_env, "run", str(docs), "--out", str(out), "--lock-timeout", "300", **slow)
        c = start_cli(cli_env, "run", str(docs), "--out", str(out), "--lock-timeout", "2")
        impatient = " ".join(_finish(c).split())  # rich wraps long lines
        assert c.returncode == 3, impatient
        assert "Not published" in impatient and "another ituplans run is publishing into this folder" in impatient
        assert "held-by-the-test" in impatient and "Nothing was written" in impatient
        assert not (out / "runs").exists() and not (out / "latest").exists()
        time.sleep(1)
        assert a.poll() is None and b.poll() is None  # still waiting for the lock
    first, second = _finish(a), _finish(b)
    assert a.returncode == 0, first
    assert b.returncode == 0, second
    for text in (first, second):  # a waiting run says so instead of hanging silently
        assert "another ituplans run is publishing into this folder" in " ".join(text.split()), text

    # Both published, one after the other: each saw the other's version as the previous one, never half of it.
    # Run ids sort by the time a run *started*; the order of publication is the chain of previous_run_id in
    # the manifests, and `latest` is the last one published (which need not be the largest run id).
    latest = assert_output_consistent(out)
    versions = [p for p in (out / "runs").iterdir() if not p.name.startswith(".")]
    assert len(versions) == 2
    previous = {v.name: json.loads((v / "manifest.json").read_text(encoding="utf-8"))["previous_run_id"]
                for v in versions}
    (first_published,) = [v for v in versions if previous[v.name] is None]
    (second_published,) = [v for v in versions if previous[v.name] == first_published.name]
    assert latest == second_published.name
    versions = [first_published, second_published]
    changes = json.loads((versions[1] / "changelog.json").read_text(encoding="utf-8"))["datasets"]
    assert all(d["added"] == d["removed"] == d["changed"] == 0 for d in changes.values()), changes
    # the shared entity registry was updated by one run at a time: same ids in both versions
    ents = [read_csv(v / "entities.csv") for v in versions]
    assert ents[0].equals(ents[1]) and len(ents[0]) > 0
    assert (read_csv(out / "latest" / "objectives.csv")["source_file"] == GOOD.name).sum() == 31
    assert (out / "quarantine" / "empty.pdf.reason.txt").exists()
