"""How the benchmark measures: best-of timing, and a subprocess's wall time and peak memory.

The peak RSS of a command is taken two ways: the largest single process exactly (wait4 in a small launcher,
see `_LAUNCHER`), and the sum over its process tree (the Prefect API server, Dask workers), sampled by
`TreeSampler`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.inputs import ROOT


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def best_of(fn, repeat: int) -> float:
    """The fastest of `repeat` calls of `fn()`, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


class TreeSampler:
    """The peak RSS of a process and its descendants (summed: `tree`; the largest one: `single`), sampled in a
    background thread every `interval` seconds while the `with` block runs."""

    def __init__(self, pid: int | None = None, interval: float = 0.05):
        import psutil

        self._psutil = psutil
        self._proc = psutil.Process(pid)
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self.tree = 0
        self.single = 0

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self._proc] + self._proc.children(recursive=True)
            except self._psutil.Error:
                break
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except self._psutil.Error:
                    continue
                total += rss
                self.single = max(self.single, rss)
            self.tree = max(self.tree, total)
            self._stop.wait(self._interval)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# A small launcher between us and the measured command. A child's ru_maxrss starts from its parent's RSS at fork
# time (Linux keeps the high-water mark across exec), so forking the command from this big process would report
# our own size; forked from the launcher (a fresh interpreter, ~10 MiB) it reports the command's own peak, and
# wait4 adds every descendant the command reaped (the Prefect API server, Dask workers).
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(cmd: list[str], env: dict | None = None) -> dict:
    """Run a command; wall seconds, exit code, output and the peak RSS: the largest single process (exact, from
    wait4) and the sum over the process tree (sampled every 0.05 s)."""
    out_f = tempfile.TemporaryFile("w+")
    err_f = tempfile.TemporaryFile("w+")
    rss_f = tempfile.NamedTemporaryFile("w+", suffix=".maxrss", delete=False)
    rss_f.close()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, rss_f.name, *cmd], cwd=ROOT, env=env, stdout=out_f,
                            stderr=err_f, text=True)
    with TreeSampler(proc.pid) as peak:
        proc.wait()
        wall = time.perf_counter() - t0
    out_f.seek(0)
    err_f.seek(0)
    out, err = out_f.read(), err_f.read()
    out_f.close()
    err_f.close()
    try:
        exact = int(Path(rss_f.name).read_text() or 0) * 1024
    except (OSError, ValueError):
        exact = 0
    Path(rss_f.name).unlink(missing_ok=True)
    single = max(peak.single, exact)
    return {"cmd": " ".join(cmd), "wall": wall, "rc": proc.returncode, "stdout": out, "stderr": err,
            "peak_tree_mib": max(peak.tree, single) / 2 ** 20, "peak_single_mib": single / 2 ** 20}


def last_json(text: str) -> dict:
    """The last line of `text` that is a JSON object (what a measured subprocess prints as its result)."""
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON line in the output:\n" + text[-2000:])
