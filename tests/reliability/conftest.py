"""Reliability suite: the real `ituplans` command in subprocesses, on hostile inputs and under faults.

Subprocess runs share one throw-away Prefect home (its database migrated once here, so two runs started at
the same moment never race to create it), one Prefect API server started here for the session (`PREFECT_API_URL`:
a run then costs what its work costs, not the 10-20 s of starting Prefect's ephemeral API; the ephemeral mode of
`make run` is tested in tests/flows/test_cli.py) and the session's read/extract cache (tests/conftest.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
FAULTY_CLI = Path(__file__).resolve().parent / "faulty_cli.py"


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API_URL", "ITUPLANS_FAULT_"))}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PYTHONUNBUFFERED="1",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120")
    prefect = VENV_BIN / "prefect"
    subprocess.run([str(prefect), "server", "database", "upgrade", "-y"], env=env, check=True, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = _free_port()
    log = home / "server.log"
    with open(log, "wb") as fh:
        server = subprocess.Popen([str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                                  env={**env, "PREFECT_UI_ENABLED": "false"}, stdout=fh, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, log.read_text(errors="replace")
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the Prefect server did not become healthy in 240 s"
            time.sleep(0.5)
        yield {**env, "PREFECT_API_URL": api}
    finally:
        kill_group(server)
        server.wait(timeout=60)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli_command(*args: str) -> list[str]:
    """`ituplans ARGS` through faulty_cli.py (faults only when ITUPLANS_FAULT_* is set in the environment)."""
    return [sys.executable, str(FAULTY_CLI), *args]


def run_cli(env: dict[str, str], *args: str, timeout: float = 300, **extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(*args), env={**env, **extra_env}, cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


def start_cli(env: dict[str, str], *args: str, **extra_env: str) -> subprocess.Popen:
    """In its own process group: `kill_group` also ends Prefect's ephemeral API server, a child that outlives a
    SIGKILLed `ituplans run` (docs/RELIABILITY.md)."""
    return subprocess.Popen(cli_command(*args), env={**env, **extra_env}, cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# --------------------------------------------------------------------------------------- output invariants


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)


def assert_valid_version(version: Path) -> dict:
    """A complete version: manifest present, every file it lists present with its sha256, every CSV parses and
    has the row count the manifest gives. Returns the manifest."""
    manifest_path = version / "manifest.json"
    assert manifest_path.is_file(), f"{version}: no manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["run_id"] == version.name
    assert (version / "datapackage.json").is_file()
    for name, info in manifest["files"].items():
        data = (version / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"], f"{version / name}: hash differs from manifest"
    for dataset, rows in manifest["row_counts"].items():
        df = read_csv(version / f"{dataset}.csv")
        assert len(df) == rows, f"{version}/{dataset}.csv: {len(df)} rows, manifest says {rows}"
    return manifest


def assert_output_consistent(out: Path, latest_required: bool = True) -> str | None:
    """`latest` (if any) points at a complete version under runs/; every visible version is complete; only
    hidden `.tmp-*` folders (ignored, removed by the next publish) may be half-written. Returns latest's run id."""
    runs = out / "runs"
    visible = sorted(p for p in runs.iterdir() if not p.name.startswith(".")) if runs.exists() else []
    for v in visible:
        assert_valid_version(v)
    hidden = [p for p in runs.iterdir() if p.name.startswith(".")] if runs.exists() else []
    assert all(p.name.startswith(".tmp-") for p in hidden), hidden
    link = out / "latest"
    if not link.is_symlink():
        assert not link.exists(), f"{link} exists and is not a symlink"
        assert not latest_required, f"{out}: no latest"
        return None
    target = link.resolve()
    assert target.parent == runs.resolve(), f"latest -> {os.readlink(link)}: not a version under runs/"
    assert target.is_dir(), f"latest -> {os.readlink(link)} dangles"
    assert_valid_version(target)
    return target.name
