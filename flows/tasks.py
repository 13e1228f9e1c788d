"""The Prefect tasks: a few lines each around `pipeline.steps` and `pipeline.batch`, plus their cache keys.

- `read`, `extract`, `validate` (the `finish` step) are mapped over the documents with the thread pool, each
  cached on its own; with any other task runner (Dask) one `document` task runs the three (each Prefect task run
  costs about 0.15 s of CPU in the worker and as much again in the flow and the API server: three per document
  made the Dask runs slower than the threads, bench/RESULTS.md "Scale"). Its cache is all or nothing per document.
- Cache keys (computed in pipeline/cache.py, with which the reviewer report reads the cache too): the file's
  sha256 and name, the digest of the code the step runs (`pipeline.fingerprint`, derived from the step's
  imports), and what else changes the outcome: the limits (read), LibreOffice's presence (.doc),
  the document's gold folder (validate applies accepted reviews). A time-out or a bug fails the task run, which
  is never cached. Results are protocol-5 pickles with an integrity trailer (flows/cache.py).
- `run_token` (not part of any key) is recorded in `DocumentResult.made_by`: a result served from the cache
  carries the token of the run that computed it, so the flow knows which stages were cached without fetching them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.cache import DocStatePickle, cache_policy
from pipeline import cache as cache_keys, steps
from pipeline.batch import Reconciled, publish_batch, reconcile_batch
from pipeline.discover import Discovery, discover
import pipeline.gold
from pipeline.limits import Limits
from pipeline.settings import CACHE_DIR
from pipeline.steps import DocumentResult

_CACHED = dict(persist_result=True, result_storage=CACHE_DIR, result_serializer=DocStatePickle(),
               cache_expiration=None)


def _limits(parameters: dict[str, Any]) -> Limits:
    return parameters.get("limits") or Limits()


def _gold(parameters: dict[str, Any]) -> str:
    return str(parameters.get("gold_dir") or pipeline.gold.GOLD_DIR)  # looked up now: the default may be set late


# ---------------------------------------------------------------------------------------------------------
# Cache keys


def read_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    """pipeline/cache.py `read_key`: sha256 and name of the file, the read code's digest, the limits."""
    return cache_keys.read_key(parameters["path"], _limits(parameters))


def extract_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    st: DocumentResult = parameters["state"]
    if st.document is None or not st.sha256:
        return None
    return cache_keys.extract_key(st.sha256, st.source_file)


def validate_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    """The extraction's key parts + the validate code's digest + the document's reviews (its gold folder)."""
    st: DocumentResult = parameters["state"]
    if st.extraction is None or not st.sha256:
        return None
    return cache_keys.validate_key(st.sha256, st.source_file, st.document_id, _gold(parameters))


def document_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    """Everything the read, extract and validate keys depend on, computed from the path alone."""
    return cache_keys.document_key(parameters["path"], _limits(parameters), _gold(parameters))


# ---------------------------------------------------------------------------------------------------------
# Tasks


def _run_name(stage: str):
    def name(parameters: dict[str, Any]) -> str:
        if "path" in parameters:
            return f"{stage} {Path(str(parameters['path'])).name}"
        return f"{stage} {getattr(parameters.get('state'), 'source_file', '?')}"

    name.__name__ = f"_{stage}_name"
    return name


def _stamped(result: DocumentResult, stage: str, run_token: str) -> DocumentResult:
    return replace(result, made_by={**result.made_by, stage: run_token})


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(sources: list[str]) -> Discovery:
    return discover(sources)


@task(name="read", task_run_name=_run_name("read"), cache_policy=cache_policy(read_cache_key), **_CACHED)
def read_task(path: str, run_token: str = "", limits: Limits | None = None) -> DocumentResult:
    return _stamped(steps.read(path, limits=limits), "read", run_token)


@task(name="extract", task_run_name=_run_name("extract"), cache_policy=cache_policy(extract_cache_key), **_CACHED)
def extract_task(state: DocumentResult, run_token: str = "", limits: Limits | None = None) -> DocumentResult:
    if state.document is None:
        return state
    return _stamped(steps.extract(state, limits=limits), "extract", run_token)


@task(name="validate", task_run_name=_run_name("validate"), cache_policy=cache_policy(validate_cache_key),
      **_CACHED)
def validate_task(state: DocumentResult, run_token: str = "", gold_dir: str | None = None) -> DocumentResult:
    if state.extraction is None:
        return state
    return _stamped(steps.finish(state, gold_dir=gold_dir), "validate", run_token)


@task(name="document", task_run_name=_run_name("document"), cache_policy=cache_policy(document_cache_key),
      **_CACHED)
def document_task(path: str, run_token: str = "", limits: Limits | None = None,
                  gold_dir: str | None = None) -> DocumentResult:
    """read -> extract -> validate of one file in one task run (see the module docstring)."""
    result = steps.process_document(path, limits=limits, gold_dir=gold_dir)
    ran = ["read"] + (["extract"] if result.failed_stage != "read" else []) + \
        (["validate"] if result.extraction is not None else [])
    return replace(result, made_by={stage: run_token for stage in ran})


@task(name="reconcile", cache_policy=NO_CACHE)
def reconcile_task(results: list[DocumentResult], registry_dir: str | None = None,
                   decisions: str | None = None) -> Reconciled:
    return reconcile_batch(results, registry_dir, decisions)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(out_dir: str, results: list[DocumentResult], reconciled: Reconciled, errors: list, run_id: str,
                 timing: dict[str, float], lock_timeout: float, lock_held: bool = False):
    return publish_batch(out_dir, results, reconciled, errors, run_id=run_id, timing=timing,
                         lock_timeout=lock_timeout, lock_held=lock_held)
