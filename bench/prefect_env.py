"""`ituplans run` measured from outside: a throwaway PREFECT_HOME and read/extract cache, so nothing is served
from a cache and the project's .prefect/ is left alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.inputs import ROOT
from bench.measure import run_measured

VENV_BIN = Path(sys.executable).parent


class PrefectEnv:
    """A throwaway PREFECT_HOME (database migrated once, before any timing) and read/extract cache. With `home`
    given (already migrated, e.g. the project's .prefect/), no migration."""

    def __init__(self, base: Path, home: Path | None = None):
        self.home = home or base / "prefect-home"
        self.cache = base / "cache"
        self.env = dict(os.environ)
        for k in list(self.env):
            if k.startswith("PREFECT_API_") or k == "ITUPLANS_CACHE_DIR":
                del self.env[k]
        self.env.update(PREFECT_HOME=str(self.home), ITUPLANS_CACHE_DIR=str(self.cache),
                        PREFECT_SERVER_ANALYTICS_ENABLED="false",
                        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120")
        self.home.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        if home is None:
            subprocess.run([str(VENV_BIN / "prefect"), "server", "database", "upgrade", "-y"], env=self.env, cwd=ROOT,
                           check=True, capture_output=True, timeout=600)
        self.migrate_seconds = time.perf_counter() - t0 if home is None else None

    def run(self, paths: list[Path], out: Path, *extra: str, refresh: bool = True, keep_cache: bool = False) -> dict:
        """`ituplans run` on `paths` (cold: the cache emptied first and --refresh; `keep_cache` and
        refresh=False for a warm run served from the previous run's cache)."""
        if not keep_cache:
            shutil.rmtree(self.cache, ignore_errors=True)
        cmd = [str(VENV_BIN / "ituplans"), "run", *map(str, paths), "--out", str(out),
               *(["--refresh"] if refresh else []), *extra]
        res = run_measured(cmd, env=self.env)
        if res["rc"] != 0:
            raise RuntimeError(f"ituplans run failed ({res['rc']}): {res['stderr'][-3000:]}\n{res['stdout'][-2000:]}")
        manifest = json.loads((out / "latest" / "manifest.json").read_text())
        res["flow_timing"] = manifest.get("timing_seconds", {})
        res["row_counts"] = manifest.get("row_counts", {})
        res.pop("stdout")
        res.pop("stderr")
        return res
