"""Where the tasks run: the thread pool (default) or Dask, and how Prefect hands large values between tasks.

- Threads: CPU cores + 2 workers (reading and extracting are CPU-bound and hold the GIL; on 2 cores this bound
  made a 40-document run's documents phase 13% faster and its peak memory 15% lower than Prefect's unbounded
  pool).
- Dask: a local cluster (one process per worker, one thread each; dashboard on loopback) unless an address is
  given. Local workers report to the flow's own ephemeral API (`shared_api`) instead of each starting one.
- `whole`: a task input Prefect does not walk looking for futures (a DocumentResult holds a whole Document).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import opaque


class whole(opaque):
    """`opaque` for a task input: the upstream future is resolved to its result, which Prefect then does NOT walk
    looking for nested futures. A DocumentResult holds a whole Document or extraction: walking it visits about a
    million objects, 0.2-0.9 s per task run, more than reading the document took.

    Prefect's annotations are tuples, and Dask's graph parsing turns a tuple holding a future into a plain tuple
    (the annotation would be lost on the worker); with the namedtuple API Dask rebuilds this type around the
    resolved value instead. Works the same with the threads runner.
    """

    __slots__ = ()
    _fields = ("value",)
    _field_defaults: dict[str, Any] = {}

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> "whole":
        return cls(*iterable)

    def _asdict(self) -> dict[str, Any]:
        return {"value": self[0]}

    def _replace(self, **changes: Any) -> "whole":
        return type(self)(changes.get("value", self[0]))

    def __getnewargs__(self) -> tuple[Any]:  # pickling and Dask rebuild it as whole(value), not whole((value,))
        return (self[0],)


def default_thread_workers() -> int:
    """Reading and extracting are CPU-bound and hold the GIL: more threads than cores (plus a few for downloads
    and file I/O) only keep more documents in memory at once."""
    return (os.cpu_count() or 1) + 2


def make_task_runner(kind: str = "threads", dask_address: str | None = None, workers: int | None = None):
    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=workers or default_thread_workers())
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        # The dashboard on loopback only (Dask's default binds every interface); ITUPLANS_DASK_DASHBOARD overrides.
        cluster_kwargs: dict[str, Any] = {"processes": True, "threads_per_worker": 1,
                                          "dashboard_address": os.environ.get("ITUPLANS_DASK_DASHBOARD",
                                                                              "127.0.0.1:8787")}
        if workers:
            cluster_kwargs["n_workers"] = workers
        return DaskTaskRunner(cluster_kwargs=cluster_kwargs)
    raise ValueError(f"unknown task runner {kind!r}; use 'threads' or 'dask'")


@contextmanager
def shared_api(task_runner: str) -> Iterator[None]:
    """Dask workers report to the flow's API instead of each starting one of their own.

    Without `PREFECT_API_URL` Prefect starts an ephemeral API server (a uvicorn subprocess) in every process
    that needs a client, and a Dask worker is a process: each worker started its own server on the same SQLite
    database on its first task run (about 10 s, ~250 MiB, and CPU the workers compete for). Here the flow's
    ephemeral server is started first and its URL goes to the workers through the environment they inherit.
    A URL already configured (a real server, the test harness) is left alone. Remote workers
    (`--dask-address`) still need `PREFECT_API_URL` set on their machines (README, "Scaling out").
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if task_runner != "dask" or PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the same instance Prefect's own get_client() would start in this process
    server.start()
    before = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield
    finally:
        if before is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = before
