"""Process-wide settings. Import this module before anything imports `prefect`.

Prefect reads its settings from the environment when it is first imported, so the project sets them here
(with `os.environ.setdefault`, so a value the user exported still wins) instead of asking every user to
configure their shell:

- `PREFECT_HOME` is project-local (`<project>/.prefect`): the ephemeral API's SQLite database, logs and
  persisted task results (the read/extract cache) live there, not in the user's home directory.
- analytics are off, and the ephemeral API gets 120 s to start (the first start migrates the database).

`flows/__init__.py` and `pipeline/cli.py` import this module first.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

PACKAGE_VERSION = "0.1.0"

_HERE = Path(__file__).resolve().parent


def _project_root() -> Path:
    """The checkout the package runs from (editable install), else the current directory."""
    env = os.environ.get("ITUPLANS_HOME")
    if env:
        return Path(env).resolve()
    root = _HERE.parent
    if (root / "pyproject.toml").exists():
        return root
    return Path.cwd()


PROJECT_ROOT = _project_root()

os.environ.setdefault("PREFECT_HOME", str(PROJECT_ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

PREFECT_HOME = Path(os.environ["PREFECT_HOME"])

# Where the read/extract tasks persist their results; an unchanged document is served from here.
CACHE_DIR = Path(os.environ.get("ITUPLANS_CACHE_DIR", str(PREFECT_HOME / "ituplans-cache")))

DEFAULT_SAMPLES = PROJECT_ROOT / "samples"
DEFAULT_OUTPUT = Path(os.environ.get("ITUPLANS_OUTPUT", "output"))


def code_fingerprint(stage: str) -> str:
    """A short digest of the code a step runs (`pipeline.fingerprint`: derived from the step's imports)."""
    from pipeline.fingerprint import code_fingerprint as derived

    return derived(stage)


@lru_cache(maxsize=None)
def pipeline_version() -> str:
    """The package version plus a digest of the reading and extraction code, e.g. `0.1.0+3f2a9c1d0e4b`."""
    digest = hashlib.sha256((code_fingerprint("read") + code_fingerprint("extract")).encode()).hexdigest()[:12]
    return f"{PACKAGE_VERSION}+{digest}"
