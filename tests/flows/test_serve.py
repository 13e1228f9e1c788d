"""`ituplans serve` for real: its own Prefect server on a free loopback port, a 5 s interval, documents dropped
into the inbox, new versions published. Runs in a subprocess (its own PREFECT_HOME and process group), so it
never touches the session's Prefect test harness; everything is killed at the end, whatever happens."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import REPO

SP = REPO / "samples" / "strategic-plan-2008-2011.txt"
GS = REPO / "samples" / "gs-operational-plan-2008-2011.txt"
ITUPLANS = Path(sys.executable).with_name("ituplans")


def _wait(cond, timeout: float, what: str, proc: subprocess.Popen, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        if proc.poll() is not None:
            pytest.fail(f"ituplans serve exited ({proc.returncode}) while waiting for {what}:\n"
                        f"{log.read_text(errors='replace')[-4000:]}")
        time.sleep(1)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}:\n{log.read_text(errors='replace')[-4000:]}")


def _killpg(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is not alive
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not ITUPLANS.exists(), reason="the ituplans script is not installed in this environment")
def test_serve_publishes_new_documents_on_schedule(tmp_path):
    home, inbox, out, log = tmp_path / "prefect", tmp_path / "inbox", tmp_path / "out", tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({
        "PREFECT_HOME": str(home),  # a fresh database for the server it starts itself
        "ITUPLANS_CACHE_DIR": str(tmp_path / "cache"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "ITUPLANS_INBOX_SETTLE_SECONDS": "1",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    })
    server_pid_file = home / "serve" / "server.pid"
    server_pid = None
    with open(log, "wb") as fh:
        proc = subprocess.Popen([str(ITUPLANS), "serve", "--inbox", str(inbox), "--interval", "5", "--out", str(out)],
                                cwd=tmp_path, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait(lambda: "Serving deployment" in log.read_text(errors="replace"), 150, "the server and deployment",
              proc, log)
        server_pid = int(server_pid_file.read_text())
        text = log.read_text(errors="replace")
        assert "starting a local Prefect server on http://127.0.0.1:" in text

        # The empty inbox is looked at (runs happen) but nothing is published, and the log says why.
        _wait(lambda: "Nothing new" in log.read_text(errors="replace"), 60, "a first (empty) run", proc, log)
        assert f"Nothing new: the inbox {inbox} is empty: nothing published" in log.read_text(errors="replace")
        assert not (out / "latest").exists()

        # A document dropped into the inbox: a version appears.
        shutil.copy(SP, inbox / (SP.name + ".tmp"))
        os.replace(inbox / (SP.name + ".tmp"), inbox / SP.name)
        first = _wait(lambda: (out / "latest").is_symlink() and os.readlink(out / "latest"), 150,
                      "a version with the first document", proc, log)
        docs = pd.read_csv(out / "latest" / "documents.csv", keep_default_na=False)
        assert list(docs["source_file"]) == [SP.name]

        # A second document: a new version containing both (the first one carried over).
        shutil.copy(GS, inbox / (GS.name + ".tmp"))
        os.replace(inbox / (GS.name + ".tmp"), inbox / GS.name)
        second = _wait(lambda: os.readlink(out / "latest") != first and os.readlink(out / "latest"), 150,
                       "a version with the second document", proc, log)
        latest = out / second
        docs = pd.read_csv(latest / "documents.csv", keep_default_na=False)
        assert sorted(docs["source_file"]) == sorted([SP.name, GS.name])
        manifest = json.loads((latest / "manifest.json").read_text())
        assert {s["sha256"] for s in manifest["sources"]} == {hashlib.sha256(p.read_bytes()).hexdigest()
                                                             for p in (SP, GS)}
        # Runs with nothing new in between published nothing: exactly two versions.
        assert len([p for p in (out / "runs").iterdir() if not p.name.startswith(".")]) == 2

        # SIGTERM: serve stops and takes its Prefect server with it. With a run due every 5 s one is nearly always
        # starting or in progress: it is let finish, and no run is left Cancelled or Crashed.
        proc.send_signal(signal.SIGTERM)
        proc.wait(150)
        deadline = time.monotonic() + 30
        while _alive(server_pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _alive(server_pid), "the Prefect server outlived ituplans serve"
        assert "Stopping the local Prefect server" in log.read_text(errors="replace")
        with sqlite3.connect(home / "serve" / "prefect.db") as db:
            states = db.execute("SELECT name, state_type FROM flow_run").fetchall()
        assert sum(1 for _, state in states if state == "COMPLETED") >= 3
        assert not [name for name, state in states if state not in ("COMPLETED", "SCHEDULED")], states
    finally:
        if proc.poll() is None:
            _killpg(proc.pid)
            proc.wait(10)
        if server_pid is None and server_pid_file.exists():
            server_pid = int(server_pid_file.read_text())
        if server_pid is not None and _alive(server_pid):
            _killpg(server_pid)


def test_serve_arguments_are_checked_before_anything_starts(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    runner = CliRunner()
    assert "serve" in runner.invoke(app, ["--help"]).output
    assert runner.invoke(app, ["serve"]).exit_code == 2  # no --inbox / --index-url
    both = runner.invoke(app, ["serve", "--inbox", str(tmp_path), "--cron", "0 6 * * 1", "--interval", "60"])
    assert both.exit_code == 2 and "not both" in both.output
    assert runner.invoke(app, ["serve", "--inbox", str(tmp_path), "--interval", "0"]).exit_code == 2
    assert runner.invoke(app, ["serve", "--inbox", str(tmp_path), "--task-runner", "x"]).exit_code == 2
