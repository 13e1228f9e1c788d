"""`ituplans` with faults injected from environment variables, for the reliability tests.

    python tests/reliability/faulty_cli.py run PATHS --out DIR

is the real command line (`pipeline.cli.app`) after patching, in this process only:

- `ITUPLANS_FAULT_SLOW_READ=<substring>:<seconds>`: reading a file whose name contains <substring> sleeps
  <seconds> first (a parser that hangs on a hostile document).
- `ITUPLANS_FAULT_PUBLISH_DELAY=<seconds>`: every write step of pipeline.publish (each dataset's CSV and
  Parquet, each JSON file, the rename into runs/, the switch of `latest`, the quarantine) sleeps <seconds>
  first, so a test can kill the process at a chosen point or hold the output lock for a while.
"""

from __future__ import annotations

import os
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
