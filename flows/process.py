"""The `process-documents` flow: discover -> documents (mapped: read -> extract -> validate) -> reconcile -> publish.

The flow body reads as the pipeline; what each step does lives in `pipeline/` (`pipeline.discover`,
`pipeline.steps`, `pipeline.batch`), the tasks around them and their cache keys in `flows/tasks.py`, the run's
report in `flows/summary.py`, the choice of task runner in `flows/runners.py`.

- URL sources are downloaded first into `<out>/staging/<run-id>/` by retried tasks (flows/sources.py).
- The documents are mapped over the task runner: per stage with the thread pool (each stage cached on its own,
  so a new review re-runs only validate), one `document` task per file otherwise (Dask). A bad document is an
  ErrorItem and the batch goes on; a task run that raised (a time-out, a bug) is reported for its document
  with the stage that raised and is never cached.
- Reconcile and publish run under the output folder's lock (the entity registry and the versions are shared
  state of the folder: concurrent runs take turns).
- Configuration is explicit: the gold folder (accepted reviews), the entity decisions file and the limits are
  flow parameters, with the project's defaults.

Run it with `run_batch(...)` (what `ituplans run` calls) to choose the task runner: threads (default) or Dask.
"""

from __future__ import annotations

import pipeline.settings  # noqa: F401  (before prefect)

import time
import uuid
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from prefect import flow, unmapped
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.runners import default_thread_workers, make_task_runner, shared_api, whole
from flows.summary import (DocSummary, RunSummary, add_progress_listener, artifact_markdown, doc_summary, emit,
                           remove_progress_listener)
from flows.tasks import (discover_task, document_task, extract_task, publish_task, read_task, reconcile_task,
                         validate_task)
from pipeline.discover import Discovery
from pipeline.exceptions import PublishError
from pipeline.gold_scores import GoldScores, score_version
from pipeline.limits import Limits
from pipeline.publish import new_run_id, output_lock
from pipeline.steps import DocumentResult, failed_result


@contextmanager
def timed(timing: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timing[name] = time.perf_counter() - started


def discover_sources(sources: list[str], out_dir: str, run_id: str) -> Discovery:
    """URL sources downloaded, then paths and folders expanded into document files."""
    from flows.sources import resolve_sources

    local, fetch_errors = resolve_sources(list(map(str, sources)), out_dir, run_id)
    found = discover_task(local)
    return Discovery(found.paths, fetch_errors + list(found.errors))


def _failed(path: str, futures: list[tuple[str, Any]]) -> DocumentResult:
    """The result of a document whose task run raised: the first stage that failed, with its exception."""
    for stage, fut in futures:
        fut.wait()
        if fut.state.is_failed() or fut.state.is_crashed():
            exc = fut.state.result(raise_on_failure=False)
            exc = exc if isinstance(exc, BaseException) else None
            return failed_result(path, getattr(exc, "ituplans_stage", None) or stage, exc, fut.state.message or "")
    return failed_result(path, futures[0][0], None, "the task run did not complete")


def process_all(paths: list[str], *, stage_tasks: bool, refresh: bool, limits: Limits,
                gold_dir: str | None) -> list[DocumentResult]:
    """Every document through the steps on the flow's task runner, a progress line as each one finishes."""
    token = uuid.uuid4().hex  # this run's: a result carrying another token came from the cache
    opts = {"refresh_cache": True} if refresh else {}
    if stage_tasks:
        reads = read_task.with_options(**opts).map(paths, run_token=unmapped(token), limits=unmapped(limits))
        # whole(): each task gets its upstream's result without Prefect walking through it (flows/runners.py)
        extracts = extract_task.with_options(**opts).map(whole(reads), run_token=unmapped(token),
                                                          limits=unmapped(limits))
        finals = validate_task.with_options(**opts).map(whole(extracts), run_token=unmapped(token),
                                                         gold_dir=unmapped(gold_dir))
        chains = [[("read", r), ("extract", e), ("validate", v)] for r, e, v in zip(reads, extracts, finals)]
    else:
        finals = document_task.with_options(**opts).map(paths, run_token=unmapped(token), limits=unmapped(limits),
                                                        gold_dir=unmapped(gold_dir))
        chains = [[("read", f)] for f in finals]
    index = {id(f): i for i, f in enumerate(finals)}
    results: list[DocumentResult | None] = [None] * len(paths)
    for fut in as_completed(list(finals)):
        i = index[id(fut)]
        fut.wait()  # the final state with its data (as_completed may fire before the future holds it)
        if fut.state.is_completed():
            # A cached result carries the path it was first read from; the manifest records this run's path.
            result = replace(fut.result(), path=paths[i])
            result.cached = [s for s, t in result.made_by.items() if t != token]
        else:
            result = _failed(paths[i], chains[i])
        results[i] = result
        emit(doc_summary(result))
    return [r for r in results if r is not None]


@flow(name="process-documents", task_runner=ThreadPoolTaskRunner(max_workers=default_thread_workers()),
      validate_parameters=False)
def process_documents(sources: list[str], out_dir: str = "output", run_id: str | None = None,
                      refresh_cache: bool = False, lock_timeout: float = 120.0, stage_tasks: bool | None = None,
                      gold_dir: str | None = None, decisions: str | None = None,
                      limits: Limits | dict | None = None) -> RunSummary:
    """Read, extract, validate every document of `sources`, reconcile, and publish one version into `out_dir`.

    `stage_tasks`: a task run per stage and document, or one `document` task run per document; default: per
    stage with the thread pool, per document with any other runner. `gold_dir` (default gold/): accepted
    reviews; `decisions` (default gold/entities/decisions.csv): the reviewers' entity decisions; `limits`
    (default: from the environment, `pipeline.limits.Limits`): a Limits or a dict of its fields."""
    started, run_id, timing = time.perf_counter(), run_id or new_run_id(), {}
    limits = Limits(**limits) if isinstance(limits, dict) else (limits or Limits())
    if stage_tasks is None:
        stage_tasks = isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)

    with timed(timing, "discover"):
        found = discover_sources(sources, out_dir, run_id)
    with timed(timing, "documents"):
        results = process_all(found.paths, stage_tasks=stage_tasks, refresh=refresh_cache, limits=limits,
                              gold_dir=gold_dir)
    errors = list(found.errors) + [e for r in results for e in r.errors]
    published = None
    if results:
        with output_lock(Path(out_dir), lock_timeout, run_id):
            with timed(timing, "reconcile"):
                # quote(): large inputs are passed as they are, not traversed by Prefect looking for futures
                reconciled = reconcile_task(quote(results), str(Path(out_dir) / "registry"), decisions)
            errors += reconciled.errors
            timing["total_before_publish"] = time.perf_counter() - started
            with timed(timing, "publish"):
                published = publish_task(str(out_dir), quote(results), quote(reconciled), errors, run_id, timing,
                                         lock_timeout, lock_held=True)

    summary = RunSummary(
        run_id=published.run_id if published else None,
        version_dir=str(published.version_dir) if published else None,
        latest_switched=bool(published and published.latest_switched),
        documents=[doc_summary(r) for r in results], row_counts=published.row_counts if published else {},
        errors=errors, changes=published.changes if published else {},
        seconds=round(time.perf_counter() - started, 3), discovery_errors=list(found.errors),
        gold=score_version(published.version_dir, gold_dir) if published else GoldScores(),
    )
    try:
        create_markdown_artifact(artifact_markdown(summary), key="process-documents",
                                 description=f"ituplans run {summary.run_id or '(nothing published)'}")
    except Exception:  # the artifact is a convenience; never fail a published run over it
        pass
    return summary


def run_batch(sources: Iterable[str | Path], out_dir: str | Path = "output", task_runner: str = "threads",
              dask_address: str | None = None, workers: int | None = None, refresh_cache: bool = False,
              lock_timeout: float = 120.0, stage_tasks: bool | None = None, gold_dir: str | Path | None = None,
              decisions: str | Path | None = None, limits: Limits | None = None) -> RunSummary:
    """Run `process-documents` with the chosen task runner (what `ituplans run` calls)."""
    fl = process_documents.with_options(task_runner=make_task_runner(task_runner, dask_address, workers))
    with shared_api(task_runner):
        return fl(sources=[str(s) for s in sources], out_dir=str(out_dir), refresh_cache=refresh_cache,
                  lock_timeout=lock_timeout, stage_tasks=stage_tasks,
                  gold_dir=str(gold_dir) if gold_dir else None, decisions=str(decisions) if decisions else None,
                  limits=limits)


__all__ = [
    "DocSummary", "RunSummary", "PublishError", "add_progress_listener", "remove_progress_listener",
    "process_documents", "run_batch", "make_task_runner", "shared_api", "discover_sources", "process_all",
]
