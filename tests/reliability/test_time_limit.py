"""Per-document time limit (Limits.max_seconds, ITUPLANS_MAX_SECONDS): a document whose reading or extraction
runs past it is reported with an error naming the file and the limit, and the batch goes on.

The end-to-end proof (the real CLI, a hanging reader, the rest of the batch published) is in
test_bad_inputs.py; these are the unit checks, without a Prefect server.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

import pipeline.limits
import pipeline.readers
from flows import tasks as process
from pipeline.steps import failed_result
from pipeline.exceptions import LimitExceededError
from pipeline.limits import Limits, TimeLimitExceededError, run_with_time_limit

GOOD = Path(__file__).resolve().parents[2] / "samples" / "strategic-plan-2008-2011.txt"


def test_run_with_time_limit_stops_waiting_and_names_file_and_limit():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceededError, match=r"hang\.pdf: reading took longer than the 0\.2 s limit.*"
                                                     r"ITUPLANS_MAX_SECONDS") as info:
        run_with_time_limit(lambda: time.sleep(5), "/x/hang.pdf", 0.2)
    assert time.monotonic() - started < 2
    assert isinstance(info.value, LimitExceededError)  # the family of safety limits


def test_run_with_time_limit_passes_results_and_errors_through():
    assert run_with_time_limit(lambda: 42, "a.txt", 5) == 42
    assert run_with_time_limit(lambda: 7, "a.txt", 0) == 7  # 0: no limit
    with pytest.raises(ZeroDivisionError):
        run_with_time_limit(lambda: 1 / 0, "a.txt", 5)


ONE_SECOND = Limits(max_seconds=1)


def test_read_task_times_out_without_caching(monkeypatch, tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_text("Plan\n\nprose\n", encoding="utf-8")
    real = pipeline.readers.read_document

    def hang(path, *a, **kw):
        time.sleep(10)
        return real(path, *a, **kw)

    monkeypatch.setattr(pipeline.readers, "read_document", hang)
    started = time.monotonic()
    # raised (a failed task run), not returned as a cached DocState: the next run tries again
    with pytest.raises(TimeLimitExceededError, match=r"slow\.txt: reading took longer than the 1 s limit"):
        process.read_task.fn(str(slow), limits=ONE_SECOND)
    assert time.monotonic() - started < 5


def test_extract_task_gets_what_is_left_of_the_documents_limit(monkeypatch):
    st = process.read_task.fn(str(GOOD), limits=ONE_SECOND)
    assert st.document is not None
    import extractors

    monkeypatch.setattr(extractors, "extract_all", lambda doc: time.sleep(10))
    with pytest.raises(TimeLimitExceededError, match=r"strategic-plan-2008-2011\.txt: reading and extraction "
                                                     r"took longer than the 1 s limit"):
        process.extract_task.fn(replace(st, seconds={"read": 0.5}), limits=ONE_SECOND)


def test_a_time_out_is_reported_with_its_own_reason(tmp_path):
    exc = TimeLimitExceededError("/d/slow.txt", "reading took longer than the 1 s limit per document")
    st = failed_result(str(tmp_path / "slow.txt"), "read", exc)
    assert st.status == "failed"
    (err,) = st.errors
    assert (err.source_file, err.stage) == ("slow.txt", "read")
    assert err.reason.startswith("reading took longer") and "unexpected" not in err.reason
