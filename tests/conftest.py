"""Shared test set-up.

- The read/extract cache goes to a throw-away folder for the session (never the developer's .prefect/).
- `prefect_harness`: ONE session-scoped Prefect test harness (temporary SQLite API, ~25 s to start). Only flow
  integration tests use it; unit tests call tasks with `task.fn()` and need no server.
- Two LibreOffice conversions at a time for the whole session, whatever runs them (the test renderings, the .doc
  reader, the CLI in a subprocess) and however many pytest-xdist workers (`make test` runs two): `soffice` and
  `libreoffice` on PATH are the real program behind one of two lock slots shared by the workers (`_soffice_gate`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_CACHE = tempfile.mkdtemp(prefix="ituplans-test-cache-")
os.environ["ITUPLANS_CACHE_DIR"] = _CACHE  # read by pipeline.settings, before flows are imported

import pipeline.settings  # noqa: E402,F401  (before anything imports prefect)

REPO = Path(__file__).resolve().parents[1]
SLOTS = 2  # LibreOffice conversions at a time, across the session's workers

_GATE = """#!/bin/bash
# {real} behind one of {slots} lock slots in {dir} (written by tests/conftest.py)
while :; do
  for i in $(seq 0 $(({slots} - 1))); do
    exec {{fd}}>"{dir}/slot$i"
    if flock -n "$fd"; then
      "{real}" "$@" {{fd}}>&-
      exit $?
    fi
    exec {{fd}}>&-
  done
  sleep 0.2
done
"""


def _soffice_gate() -> None:
    """Put gated `soffice`/`libreoffice` first on PATH (the workers of one run share the lock slots)."""
    real = shutil.which("soffice") or shutil.which("libreoffice")
    if real is None or os.environ.get("ITUPLANS_SOFFICE_GATE"):
        return  # no LibreOffice (the tests needing it say so), or gated already (a worker of this run, a subprocess)
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or str(os.getpid())
    folder = Path(tempfile.gettempdir()) / f"ituplans-soffice-{os.getuid()}-{run}"
    folder.mkdir(exist_ok=True)
    for name in ("soffice", "libreoffice"):
        tmp = folder / f".{name}.{os.getpid()}"
        tmp.write_text(_GATE.format(real=real, slots=SLOTS, dir=folder), encoding="utf-8")
        tmp.chmod(0o755)
        os.replace(tmp, folder / name)
    os.environ["PATH"] = f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"
    os.environ["ITUPLANS_SOFFICE_GATE"] = str(folder)


_soffice_gate()


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def sample_text_files() -> list[Path]:
    """Word text exports to run on: samples/*.txt, else the shared seeds (smallest first)."""
    candidates = sorted((REPO / "samples").glob("*.txt"))
    if not candidates:
        for seeds in (REPO.parent / "shared" / "seeds", Path("/work/shared/seeds")):
            candidates = sorted(seeds.glob("*.txt"))
            if candidates:
                break
    return sorted(candidates, key=lambda p: p.stat().st_size)


SYNTHETIC_TEXT = """Draft four-year rolling Operational Plan for the General Secretariat 2008-2011

1
Introduction

The General Secretariat supports the Union in its work and this plan describes what it will deliver.

\tOutput
\t2008
\t2009

\tConferences
\t12
\t14
"""


@pytest.fixture
def good_text_file(tmp_path: Path) -> Path:
    """One small readable document: the smallest sample text export, copied; a synthetic one if none exists."""
    files = sample_text_files()
    dest = tmp_path / "docs"
    dest.mkdir()
    if files:
        target = dest / files[0].name
        shutil.copy(files[0], target)
    else:
        target = dest / "synthetic-operational-plan-2008-2011.txt"
        target.write_text(SYNTHETIC_TEXT, encoding="utf-8")
    return target


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_CACHE, ignore_errors=True)
    if not os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("ITUPLANS_SOFFICE_GATE"):
        shutil.rmtree(os.environ["ITUPLANS_SOFFICE_GATE"], ignore_errors=True)  # the run's gate, once it is over
