"""Shared test set-up.

- The read/extract cache goes to a throw-away folder for the session (never the developer's .prefect/).
- `prefect_harness`: ONE session-scoped Prefect test harness (temporary SQLite API, ~25 s to start). Only flow
  integration tests use it; unit tests call tasks with `task.fn()` and need no server.
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
