"""Crash safety: SIGKILL at random points while publishing.

After every kill, `output/latest` points at a complete, valid version (manifest, all CSVs parse, row counts and
hashes match the manifest), no half-written version is visible under runs/ (only hidden `.tmp-*` folders, which
the next publish removes), the quarantine holds no partial file, the stale lock does not block the next run, and
a re-run completes. Two levels: a publishing loop killed many times (fast, pipeline.publish directly), and the
real `ituplans run` killed once in the middle of publishing.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import publish as pub
from pipeline.publish import output_lock
from pipeline.records import ErrorItem
from tests.reliability.conftest import (REPO, assert_output_consistent, kill_group, read_csv, run_cli,
                                        start_cli)

WORKER = Path(__file__).resolve().parent / "publish_worker.py"
KILLS = 4
# (phase, before/after, n-th call): every window of publish, deterministically
KILL_POINTS = [
    ("clean-stale", "after", 1),  # lock taken, nothing written
    ("parquet", "before", 3),  # some datasets written into runs/.tmp-*
    ("json", "after", 3),  # version complete in runs/.tmp-*, quarantine not written
    ("copy", "after", 1),  # quarantine copy in its temporary file, not renamed
    ("quarantine", "after", 1),  # quarantine written, version not renamed into runs/
    ("rename-into-runs", "after", 1),  # version in runs/, latest not switched
    ("switch-latest", "after", 1),  # latest switched, lock not released
]
SEED = int(os.environ.get("ITUPLANS_CRASH_SEED", "20261122"))


def _bad_file(tmp_path: Path) -> Path:
    bad = tmp_path / "in" / "damaged-plan.docx"
    bad.parent.mkdir()
    bad.write_bytes(b"PK\x03\x04" + random.Random(1).randbytes(8 * 2**20))  # 8 MiB: its copy takes a while
    return bad


def _worker(out: Path, bad: Path, seed: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), str(out), str(bad), str(seed), *extra],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _wait_for(proc: subprocess.Popen, prefix: str) -> str:
    while True:
        line = proc.stdout.readline()
        assert line, f"worker ended before {prefix!r}"
        if line.startswith(prefix):
            return line.strip()


def _assert_quarantine_whole(out: Path, bad: Path) -> None:
    q = out / "quarantine"
    if not q.exists():
        return
    for p in q.iterdir():
        if p.name.startswith("."):
            assert ".tmp-" in p.name, p  # an interrupted copy: hidden, removed by the next publish
            continue
        if p.name.endswith(".reason.txt"):
            text = p.read_text(encoding="utf-8")
            assert text.startswith(f"file: {bad.name}\n") and "\nreason: " in text and text.endswith("\n"), text
        else:
            assert p.read_bytes() == bad.read_bytes(), f"{p}: partial copy"


def _assert_lock_free(out: Path) -> None:
    with output_lock(out, timeout=0):  # a SIGKILLed holder's flock is gone with its process
        pass


def test_sigkill_at_random_points_of_publishing(tmp_path):
    out = tmp_path / "out"
    bad = _bad_file(tmp_path)
    rng = random.Random(SEED)
    phases, published = [], 0
    for i in range(KILLS):
        proc = _worker(out, bad, rng.randrange(10**6))
        seen = [_wait_for(proc, "ready")]
        if i % 2 == 0:  # somewhere in the first publish of the process (slow: imports, first Parquet)
            seen.append(_wait_for(proc, "phase clean-stale"))
            time.sleep(rng.uniform(0, 2.0))
        else:  # somewhere in a later, fast cycle
            seen.append(_wait_for(proc, "published"))
            time.sleep(rng.uniform(0, 0.4))
        proc.send_signal(signal.SIGKILL)
        rest = seen + proc.communicate(timeout=30)[0].splitlines()
        published += sum(1 for line in rest if line.startswith("published"))
        phase = next((line for line in reversed(rest) if line.startswith(("phase", "published"))), "before publish")
        phases.append(phase)
        assert proc.returncode == -signal.SIGKILL
        latest = assert_output_consistent(out, latest_required=published > 0)
        if latest:  # every version that `latest` may show has its quarantine copy and reason file
            errors = read_csv(out / "latest" / "errors.csv")
            assert list(errors["file"]) == [bad.name]
        _assert_quarantine_whole(out, bad)
        _assert_lock_free(out)
    print("kills landed at:", *phases, sep="\n  ")
    assert published > 0
    _rerun_completes(out, bad)


def _rerun_completes(out: Path, bad: Path) -> None:
    """A re-run completes, removes what the killed runs left half-written, and moves latest."""
    before = (out / "latest").resolve().name if (out / "latest").exists() else None
    err = ErrorItem(bad.name, "read", "the file is a damaged zip archive")
    result = pub.publish(out, {}, [err], quarantine=[(str(bad), err)], lock_timeout=0)
    assert assert_output_consistent(out) == result.run_id != before
    assert not list((out / "runs").glob(".tmp-*")) and not list(out.glob(".latest.tmp-*"))
    assert not list((out / "quarantine").glob(".*.tmp-*"))
    _assert_quarantine_whole(out, bad)


def test_sigkill_in_every_window_of_publishing(tmp_path):
    out = tmp_path / "out"
    bad = _bad_file(tmp_path)
    pub.publish(out, {})
    for phase, when, n in KILL_POINTS:
        before = assert_output_consistent(out)
        proc = _worker(out, bad, n, "--once", "--kill-at", f"{phase}:{when}:{n}")
        stdout = proc.communicate(timeout=60)[0]
        assert proc.returncode == -signal.SIGKILL and "killing myself" in stdout, stdout
        after = assert_output_consistent(out)
        # latest moves only once the version is complete and renamed into runs/, and only by the switch
        assert after == before if phase != "switch-latest" else after != before, (phase, before, after)
        if phase == "rename-into-runs":  # a complete version not (yet) latest: visible, valid, ignored by latest
            assert len([p for p in (out / "runs").iterdir() if not p.name.startswith(".")]) >= 2
        if phase == "copy":
            assert list((out / "quarantine").glob(".*.tmp-*"))  # hidden, left for the next run to remove
        _assert_quarantine_whole(out, bad)
        _assert_lock_free(out)
    _rerun_completes(out, bad)


def test_a_kill_between_rename_and_switch_leaves_latest_and_a_quarantined_version(tmp_path, monkeypatch):
    """Regression: the quarantine used to be written after `latest` was switched, so a run that died in
    between published an errors.csv whose documents were never quarantined."""
    out = tmp_path / "out"
    bad = _bad_file(tmp_path)
    first = pub.publish(out, {})

    def die(*a, **k):
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(pub, "_switch_latest", die)
    err = ErrorItem(bad.name, "read", "damaged")
    with pytest.raises(KeyboardInterrupt):
        pub.publish(out, {}, [err], quarantine=[(str(bad), err)])
    assert assert_output_consistent(out) == first.run_id  # latest untouched
    assert (out / "quarantine" / bad.name).read_bytes() == bad.read_bytes()
    assert "reason: damaged\n" in (out / "quarantine" / f"{bad.name}.reason.txt").read_text(encoding="utf-8")


def test_an_interrupted_quarantine_copy_leaves_the_old_copy_whole(tmp_path, monkeypatch):
    """Regression: quarantine copies and reason files were written in place (a kill left a partial file)."""
    out = tmp_path / "out"
    bad = _bad_file(tmp_path)
    err = ErrorItem(bad.name, "read", "damaged")
    pub.publish(out, {}, [err], quarantine=[(str(bad), err)])
    old = bad.read_bytes()
    bad.write_bytes(b"PK\x03\x04" + b"new content" * 1000)

    def half_copy(src, dst, *a, **k):
        Path(dst).write_bytes(Path(src).read_bytes()[:100])
        raise KeyboardInterrupt("killed mid-copy")

    monkeypatch.setattr(pub.shutil, "copy2", half_copy)
    with pytest.raises(KeyboardInterrupt):
        pub.publish(out, {}, [err], quarantine=[(str(bad), err)])
    assert (out / "quarantine" / bad.name).read_bytes() == old
    assert not [p for p in (out / "quarantine").iterdir() if p.name.startswith(".")]


def test_real_cli_killed_while_publishing_then_rerun(tmp_path, cli_env):
    """`ituplans run` with pauses in every publish step, SIGKILLed once its version is half-written."""
    out = tmp_path / "out"
    seed = pub.publish(out, {})  # a previous complete version
    docs = tmp_path / "docs"
    docs.mkdir()
    good = REPO / "samples" / "strategic-plan-2008-2011.txt"
    (docs / good.name).write_bytes(good.read_bytes())
    (docs / "empty.pdf").write_bytes(b"")
    proc = start_cli(cli_env, "run", str(docs), "--out", str(out), ITUPLANS_FAULT_PUBLISH_DELAY="0.25")
    deadline = time.monotonic() + 240
    while not list((out / "runs").glob(".tmp-*")):
        assert proc.poll() is None, proc.stdout.read()
        assert time.monotonic() < deadline, "publishing never started"
        time.sleep(0.05)
    time.sleep(random.Random(SEED).uniform(0.5, 4.0))  # some datasets written, others not
    assert list((out / "runs").glob(".tmp-*/*.csv")), "killed before any dataset was written"
    proc.send_signal(signal.SIGKILL)  # the ituplans process only, as `kill -9 PID` would
    try:
        proc.wait(timeout=30)
    finally:
        kill_group(proc)  # Prefect's ephemeral API server survives its parent's SIGKILL: end it
    proc.stdout.close()
    assert assert_output_consistent(out) == seed.run_id  # latest untouched, half version hidden
    assert list((out / "runs").glob(".tmp-*"))  # ... and left for the next run to remove
    _assert_lock_free(out)

    done = run_cli(cli_env, "run", str(docs), "--out", str(out))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    latest = assert_output_consistent(out)
    assert latest != seed.run_id
    assert not list((out / "runs").glob(".tmp-*"))
    assert (read_csv(out / "latest" / "objectives.csv")["source_file"] == good.name).sum() == 31
    assert (out / "quarantine" / "empty.pdf.reason.txt").exists()


def test_real_cli_killed_while_rewriting_a_cache_entry_then_rerun(tmp_path, cli_env):
    """Regression: a run killed while Prefect rewrote a cached result (here `--refresh`) left it cut short, and
    every later run failed the document (UnpicklingError). The damaged entry is now computed again."""
    from flows.cache import intact

    out, cache, docs = tmp_path / "out", tmp_path / "cache", tmp_path / "docs"
    docs.mkdir()
    good = REPO / "samples" / "strategic-plan-2008-2011.txt"
    (docs / good.name).write_bytes(good.read_bytes())
    first = run_cli(cli_env, "run", str(docs), "--out", str(out), ITUPLANS_CACHE_DIR=str(cache))
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    published = assert_output_consistent(out)

    proc = start_cli(cli_env, "run", str(docs), "--out", str(out), "--refresh", ITUPLANS_CACHE_DIR=str(cache),
                     ITUPLANS_FAULT_KILL_IN_CACHE_WRITE="read-")
    try:
        assert proc.wait(timeout=300) == -signal.SIGKILL, proc.stdout.read()[-3000:]
    finally:
        kill_group(proc)
        proc.stdout.close()
    (entry,) = cache.glob("read-*")
    assert not intact(entry.read_bytes())  # the kill left the entry cut short
    assert assert_output_consistent(out) == published

    again = run_cli(cli_env, "run", str(docs), "--out", str(out), ITUPLANS_CACHE_DIR=str(cache))
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert assert_output_consistent(out) != published
    docs_csv = read_csv(out / "latest" / "documents.csv")
    assert list(docs_csv["status"]) == ["ok"]
    assert read_csv(out / "latest" / "errors.csv").empty
    assert (read_csv(out / "latest" / "objectives.csv")["source_file"] == good.name).sum() == 31
    assert intact(entry.read_bytes())
