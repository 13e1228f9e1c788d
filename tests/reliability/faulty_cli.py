"""`ituplans` with faults injected from environment variables, for the reliability tests.

    python tests/reliability/faulty_cli.py run PATHS --out DIR

is the real command line (`pipeline.cli.app`) after patching, in this process only:

- `ITUPLANS_FAULT_SLOW_READ=<substring>:<seconds>`: reading a file whose name contains <substring> sleeps
  <seconds> first (a parser that hangs on a hostile document).
- `ITUPLANS_FAULT_PUBLISH_DELAY=<seconds>`: every write step of pipeline.publish (each dataset's CSV and
  Parquet, each JSON file, the rename into runs/, the switch of `latest`, the quarantine) sleeps <seconds>
  first, so a test can kill the process at a chosen point or hold the output lock for a while.
- `ITUPLANS_FAULT_KILL_IN_CACHE_WRITE=<prefix>`: when Prefect writes a cached result whose file name starts with
  <prefix> (`read-`, `extract-`, ...), it truncates the file and writes half of it, as its own write would, and
  then the process SIGKILLs itself: a run killed while it rewrites a cache entry.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pipeline.settings  # noqa: E402,F401  (before prefect)


def _install() -> None:
    slow = os.environ.get("ITUPLANS_FAULT_SLOW_READ")
    if slow:
        import pipeline.readers as readers

        needle, _, seconds = slow.rpartition(":")
        real = readers.read_document

        def slow_read(path, *args, **kwargs):
            if needle in Path(path).name:
                time.sleep(float(seconds))
            return real(path, *args, **kwargs)

        readers.read_document = slow_read
    delay = float(os.environ.get("ITUPLANS_FAULT_PUBLISH_DELAY") or 0)
    if delay:
        import pipeline.publish as pub

        def slowed(fn):
            def wrapper(*args, **kwargs):
                time.sleep(delay)
                return fn(*args, **kwargs)

            return wrapper

        for name in ("csv_bytes", "_write_parquet", "_write_json", "_switch_latest", "_quarantine"):
            setattr(pub, name, slowed(getattr(pub, name)))
        pub.os = _SlowOs(delay)  # os.rename of the finished version into runs/


    kill_prefix = os.environ.get("ITUPLANS_FAULT_KILL_IN_CACHE_WRITE")
    if kill_prefix:
        from prefect.filesystems import LocalFileSystem

        real_write = LocalFileSystem.write_path

        def dying_write(self, path, content, _sync=None):
            if Path(str(path)).name.startswith(kill_prefix):
                with open(self._resolve_path(path), "wb") as fh:  # Prefect's own write: truncate, then write
                    fh.write(content[: len(content) // 2])
                    fh.flush()
                os.kill(os.getpid(), signal.SIGKILL)
            return real_write(self, path, content, _sync=_sync)

        LocalFileSystem.write_path = dying_write


class _SlowOs:
    def __init__(self, delay: float) -> None:
        self._delay = delay

    def rename(self, *args, **kwargs):
        time.sleep(self._delay)
        return os.rename(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(os, name)


if __name__ == "__main__":
    _install()
    from pipeline.cli import app

    sys.exit(app())
