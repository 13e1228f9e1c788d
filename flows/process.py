"""The `process-documents` flow: discover -> per document (read -> extract -> validate) -> reconcile -> publish.

- **discover** downloads URL sources (flows/sources.py) and expands paths and folders into document files.
- **read / extract / validate** are mapped over the documents (with Dask, one `document` task per file runs
  the three: see `document_task`). Task run names show the file name. All three
  persist their results under `pipeline.settings.CACHE_DIR` with a cache key made of the file's sha256, its name
  and a digest of the code the stage runs (`pipeline.settings.code_fingerprint`; validate also the document's
  gold folder, whose accepted reviews it applies), so an unchanged document is not parsed or checked again and
  editing a reader, an extractor or the data dictionary invalidates only what depends on it.
  Results are plain protocol-5 pickles (`DocStatePickle`) with their cache keys' metadata under `<cache>/keys/`,
  and a damaged entry (a run killed while writing it) is a cache miss (flows/cache.py).
- Per-task overhead (bench/flow_overhead.py, bench/RESULTS.md "Flow overhead"): each task gets its upstream's
  DocState `whole` (not walked by Prefect looking for futures), the flow learns which stages came from the cache
  from `DocState.made_by` instead of fetching the read / extract results, and local Dask workers report to the
  flow's ephemeral API instead of starting their own (`shared_api`).
- A document that is bad in a way the project knows (`pipeline.exceptions.IngestError`: empty, corrupt,
  unsupported, encrypted, scan, ...) becomes an `ErrorItem`; the rest of the batch goes on. An unexpected
  exception (a bug) fails that document's task run in Prefect (visible, never cached) and is reported the same way.
- **reconcile** calls `pipeline.reconcile.reconcile(extractions)` when that module exists (it may return the
  list of extractions, or an object with `.extractions` and optionally `.tables`, a dict of extra tables such as
  `entities` to publish beside the datasets); identity otherwise.
- **publish** validates every dataset against `pipeline/schema.py` and writes a new version (pipeline/publish.py).
- A markdown artifact per run lists documents, rows per dataset and failures.

Run it with `run_batch(...)` (what `ituplans run` calls) to choose the task runner: threads (default) or Dask.
"""

from __future__ import annotations

import pipeline.settings  # noqa: F401  (before prefect)

import os
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from prefect import flow, task, unmapped
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import opaque, quote

from flows.cache import DocStatePickle, cache_policy, digest_key
from pipeline import schema
from pipeline.exceptions import IngestError, PublishError
import pipeline.limits
from pipeline.limits import TimeLimitExceededError, run_with_time_limit
from pipeline.model import Document, document_id_for
from pipeline.publish import SourceInfo, new_run_id, output_lock, publish
from pipeline.readers import EXTENSIONS
from pipeline.records import DocumentRecord, Dataset, ErrorItem, Status
from pipeline.settings import CACHE_DIR, code_fingerprint
from pipeline.readers.common import file_sha256 as _file_sha256

URL_PREFIXES = ("http://", "https://", "ftp://")


# ---------------------------------------------------------------------------------------------------------
# What travels between the tasks


@dataclass
class DocState:
    """One document on its way through the stages."""

    path: str
    source_file: str
    document_id: str
    sha256: str = ""
    size: int | None = None
    format: str = ""
    title: str = ""
    page_count: int | None = None
    tables: int = 0
    document: Document | None = None  # after read; dropped after extract
    extraction: Any = None  # extractors.DocumentExtraction, after extract
    errors: list[ErrorItem] = field(default_factory=list)
    failed_stage: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    cached: list[str] = field(default_factory=list)  # stages served from the cache (set by the flow)
    glossary: Any = None  # pipeline.reconcile.learn.Glossary of the document, after extract
    # stage -> the run token of the flow run that computed it (a result served from the cache carries an older
    # run's token): how the flow tells cached stages without fetching the read / extract results themselves.
    made_by: dict[str, str] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.failed_stage:
            return Status.FAILED.value
        return Status.PARTIAL.value if self.errors else Status.OK.value

    def rows(self) -> dict[str, int]:
        if self.extraction is None:
            return {}
        return {d.value: len(rs) for d, rs in self.extraction.datasets.items()}


@dataclass
class Discovery:
    paths: list[str]
    errors: list[ErrorItem]


@dataclass
class DocSummary:
    path: str
    source_file: str
    status: str
    format: str
    rows: dict[str, int]
    errors: list[str]
    cached: list[str]
    seconds: float
    tables_used: int = 0  # tables an extractor took records from
    tables_total: int = 0  # tables in the document (the others are none of the kinds: skipped)


@dataclass
class RunSummary:
    run_id: str | None
    version_dir: str | None
    latest_switched: bool
    documents: list[DocSummary]
    row_counts: dict[str, int]
    errors: list[ErrorItem]
    changes: dict[str, dict[str, int]]
    seconds: float
    discovery_errors: list[ErrorItem] = field(default_factory=list)
    gold_f1: dict[str, dict[str, float]] = field(default_factory=dict)  # file -> dataset -> F1, where gold exists

    @property
    def all_failed(self) -> bool:
        """True when no document made it (including: nothing to process)."""
        return not any(d.status != Status.FAILED.value for d in self.documents)


class whole(opaque):
    """`opaque` for a task input: the upstream future is resolved to its result, which Prefect then does NOT walk
    looking for nested futures. A DocState holds a whole Document or extraction: walking it visits about a
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


# ---------------------------------------------------------------------------------------------------------
# Progress hooks (the CLI prints a line per document; the flow body calls these, so they work with any runner)

_PROGRESS: list[Callable[[DocSummary], None]] = []


def add_progress_listener(fn: Callable[[DocSummary], None]) -> None:
    _PROGRESS.append(fn)


def remove_progress_listener(fn: Callable[[DocSummary], None]) -> None:
    if fn in _PROGRESS:
        _PROGRESS.remove(fn)


def _emit(summary: DocSummary) -> None:
    for fn in list(_PROGRESS):
        try:
            fn(summary)
        except Exception:  # a broken listener must not break the run
            pass


# ---------------------------------------------------------------------------------------------------------
# Discover




def _candidates(folder: Path, errors: list[ErrorItem]) -> list[Path]:
    """Document files under `folder`. A symbolic link that leads out of the folder is not followed (an inbox
    that others can write to must not publish, or copy into the quarantine, whatever file a link points at)."""
    out = []
    root = folder.resolve()
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).parts
        if any(part.startswith((".", "~$")) for part in rel) or not p.is_file():
            continue
        if p.suffix.lower() not in EXTENSIONS:
            continue
        target = p.resolve()
        if not target.is_relative_to(root):
            errors.append(ErrorItem(p.name, "discover", f"{p} is a symbolic link to {target}, outside {folder}: "
                                    "not followed"))
            continue
        out.append(p)
    return out


def discover(sources: Iterable[str | Path]) -> Discovery:
    """Document files from paths and folders (searched recursively for .docx, .pdf, .doc, .txt).

    A file named explicitly is kept whatever its extension (so it is reported if it cannot be read). Two
    different files with the same name cannot be in one batch: their rows would share a document_id.
    """
    errors: list[ErrorItem] = []
    found: list[Path] = []
    for src in sources:
        text = str(src)
        if text.lower().startswith(URL_PREFIXES):
            errors.append(ErrorItem(text, "discover", "URL sources are not supported yet; download the file and "
                                    "pass its path"))
            continue
        p = Path(text).expanduser().absolute()  # absolute: task runners' workers may have another cwd
        if p.is_dir():
            found.extend(_candidates(p, errors))
        elif p.is_file():
            found.append(p)
        else:
            errors.append(ErrorItem(text, "discover", "no such file or folder"))
    by_name: dict[str, Path] = {}
    paths: list[str] = []
    seen: set[Path] = set()
    for p in found:
        rp = p.resolve()
        if rp in seen:
            continue
        seen.add(rp)
        first = by_name.get(p.name)
        if first is None:
            by_name[p.name] = p
            paths.append(str(p))
            continue
        try:
            same = _file_sha256(first) == _file_sha256(p)
        except OSError:
            same = False
        if not same:
            errors.append(ErrorItem(p.name, "discover", f"{p} has the same name as {first} but other content; "
                                    "document ids come from file names, so rename one of them"))
    return Discovery(paths, errors)


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(sources: list[str]) -> Discovery:
    return discover(sources)


# ---------------------------------------------------------------------------------------------------------
# Read


def _format_of(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    return fmt.value if fmt is not None else ""


def read_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    """sha256 of the file + its name (document ids come from names) + the reader code's digest."""
    path = Path(parameters["path"])
    try:
        digest = _file_sha256(path)
    except OSError:
        return None  # unreadable now: do not cache
    env = ""
    if path.suffix.lower() == ".doc":  # .doc needs LibreOffice: its presence changes the outcome
        env = "soffice" if (shutil.which("soffice") or shutil.which("libreoffice")) else "no-soffice"
    return "read-" + digest_key(digest, path.name, code_fingerprint("read"), env)


def _read_name(parameters: dict[str, Any]) -> str:
    return f"read {Path(str(parameters.get('path', '?'))).name}"


@task(name="read", task_run_name=_read_name, cache_policy=cache_policy(read_cache_key), persist_result=True,
      result_storage=CACHE_DIR, result_serializer=DocStatePickle(), cache_expiration=None)
def read_task(path: str, run_token: str = "") -> DocState:
    """The document model of one file, or the reason it cannot be read (IngestError -> ErrorItem).

    `run_token` (not part of the cache key) is recorded in `made_by`: a result served from the cache carries the
    token of the run that computed it."""
    from pipeline.readers import read_document

    p = Path(path)
    st = DocState(path=str(path), source_file=p.name, document_id=document_id_for(p.name), format=_format_of(p),
                  made_by={"read": run_token})
    started = time.perf_counter()
    try:
        st.size = p.stat().st_size
        st.sha256 = _file_sha256(p)
    except OSError as exc:
        st.errors.append(ErrorItem(p.name, "read", f"cannot open the file: {exc.strerror or exc}"))
        st.failed_stage = "read"
        return st
    limits = pipeline.limits.DEFAULT_LIMITS
    try:
        doc = run_with_time_limit(lambda: read_document(p, limits), str(p), limits.max_seconds, "reading")
    except TimeLimitExceededError:
        raise  # a failed task run is not cached: a time-out depends on the machine's load, not only on the file
    except IngestError as exc:
        st.errors.append(ErrorItem(p.name, exc.stage or "read", exc.reason))
        st.failed_stage = "read"
        return st
    finally:
        st.seconds["read"] = round(time.perf_counter() - started, 3)
    st.document = doc
    st.format = doc.format.value
    st.title = doc.title
    st.page_count = doc.page_count
    st.tables = len(doc.tables)
    return st


# ---------------------------------------------------------------------------------------------------------
# Extract


def extract_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    st: DocState = parameters["state"]
    if st.document is None or not st.sha256:
        return None
    return "extract-" + digest_key(st.sha256, st.source_file, code_fingerprint("read"), code_fingerprint("extract"))


def _extract_name(parameters: dict[str, Any]) -> str:
    st = parameters.get("state")
    return f"extract {getattr(st, 'source_file', '?')}"


@task(name="extract", task_run_name=_extract_name, cache_policy=cache_policy(extract_cache_key),
      persist_result=True, result_storage=CACHE_DIR, result_serializer=DocStatePickle(), cache_expiration=None)
def extract_task(state: DocState, run_token: str = "") -> DocState:
    """Every extractor on one document (each extractor's failure is an ErrorItem, the others still run)."""
    from extractors import extract_all

    if state.document is None:
        return state
    made_by = {**state.made_by, "extract": run_token}
    started = time.perf_counter()
    limit = pipeline.limits.DEFAULT_LIMITS.max_seconds  # per document: reading and extraction together
    left = max(limit - state.seconds.get("read", 0.0), 1.0) if limit > 0 else 0
    try:
        extraction = run_with_time_limit(lambda: extract_all(state.document), state.path, left,
                                         "reading and extraction", limit)
    except TimeLimitExceededError:
        raise  # not cached (see read_task)
    except IngestError as exc:
        return replace(state, document=None, failed_stage="extract", made_by=made_by,
                       errors=state.errors + [ErrorItem(state.source_file, "extract", exc.reason)])
    errors = list(state.errors) + list(extraction.errors)
    seconds = {**state.seconds, "extract": round(time.perf_counter() - started, 3)}
    # What reconciliation needs from the whole text (acronym definitions, renames) is learned here, where the
    # document is at hand, so the model itself never travels back to the flow.
    from pipeline.reconcile.learn import learn_document

    return replace(state, document=None, extraction=extraction, errors=errors, seconds=seconds,
                   glossary=learn_document(state.document), made_by=made_by)


# ---------------------------------------------------------------------------------------------------------
# Validate


def _fill_provenance(record: Any, source_file: str) -> Any:
    names = {f.name for f in fields(record)}
    changes = {}
    if "source_file" in names and not getattr(record, "source_file"):
        changes["source_file"] = source_file
    if "review_status" in names and not getattr(record, "review_status"):
        changes["review_status"] = "extracted"
    return replace(record, **changes) if changes else record


def document_record(state: DocState, base: DocumentRecord | None = None) -> DocumentRecord | None:
    """documents.csv row: the extractor's record completed with what the flow knows (tables, status)."""
    if base is None:
        if not state.sha256 or state.format not in schema.FORMATS:
            return None  # not a document we could even identify: errors.csv only
        base = DocumentRecord(state.document_id, state.source_file, state.sha256, state.format, state.title,
                              "other", None, None, page_count=state.page_count)
    ex = state.extraction
    used = len(ex.tables_used) if ex is not None else 0
    total = ex.tables_total if ex is not None else state.tables
    return replace(
        base,
        document_id=base.document_id or state.document_id,
        source_file=state.source_file,
        sha256=state.sha256 or base.sha256,
        format=base.format or state.format,
        title=base.title or state.title,
        page_count=base.page_count if base.page_count is not None else state.page_count,
        tables=total,
        tables_used=used,
        tables_skipped=max(total - used, 0),
        status=state.status,
    )


def validate_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    """The extraction's key parts + the validate code's digest + the document's reviews (gold folder): an
    unchanged document with unchanged reviews is not validated again."""
    from pipeline.gold import GOLD_DIR
    from pipeline.review import reviews_digest

    st: DocState = parameters["state"]
    if st.extraction is None or not st.sha256:
        return None
    return "validate-" + digest_key(st.sha256, st.source_file, code_fingerprint("read"), code_fingerprint("extract"),
                                     code_fingerprint("validate"), reviews_digest(st.document_id, GOLD_DIR))


def _validate_name(parameters: dict[str, Any]) -> str:
    st = parameters.get("state")
    return f"validate {getattr(st, 'source_file', '?')}"


@task(name="validate", task_run_name=_validate_name, cache_policy=cache_policy(validate_cache_key),
      persist_result=True, result_storage=CACHE_DIR, result_serializer=DocStatePickle(), cache_expiration=None)
def validate_task(state: DocState, run_token: str = "") -> DocState:
    """Each dataset of one document checked against the data dictionary; a failing dataset is dropped for
    this document (ErrorItem, status partial), the others are kept. Fills source_file / review_status and
    completes the documents row (tables used / skipped, status)."""
    if state.extraction is None:
        return state
    state = replace(state, made_by={**state.made_by, "validate": run_token})
    started = time.perf_counter()
    # Reviewed datasets come from gold while the document's bytes are unchanged. Applied here, not in the cached
    # extract task, so a freshly accepted review takes effect on the next run.
    from pipeline.gold import GOLD_DIR
    from pipeline.review import apply_reviews

    ex = apply_reviews(state.extraction, state.sha256, GOLD_DIR)
    errors = list(state.errors) + ex.errors[len(state.extraction.errors):]
    datasets: dict[Dataset, list] = {}
    for d in Dataset:
        if d is Dataset.DOCUMENTS:
            continue
        records = [_fill_provenance(r, state.source_file) for r in ex.datasets.get(d, [])]
        if records:
            try:
                schema.validate(d, schema.to_frame(d, records), source=state.source_file)
            except schema.DatasetValidationError as exc:
                errors.append(ErrorItem(state.source_file, "validate", exc.reason, None, d.value))
                records = []
        datasets[d] = records
    extracted = [r for r in ex.datasets.get(Dataset.DOCUMENTS, []) if isinstance(r, DocumentRecord)]
    state = replace(state, errors=errors, extraction=replace(ex, datasets=datasets))
    record = document_record(state, extracted[0] if extracted else None)
    try:
        schema.validate(Dataset.DOCUMENTS, schema.to_frame(Dataset.DOCUMENTS, [record]), source=state.source_file)
    except schema.DatasetValidationError as exc:
        errors.append(ErrorItem(state.source_file, "validate", exc.reason, None, Dataset.DOCUMENTS.value))
        record = document_record(state, None)
    state = replace(state, errors=errors, seconds={**state.seconds,
                                                   "validate": round(time.perf_counter() - started, 3)})
    datasets[Dataset.DOCUMENTS] = [replace(record, status=state.status)]
    return state


# ---------------------------------------------------------------------------------------------------------
# The three stages as one task run per document (Dask)


def document_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    """Everything the read, extract and validate keys depend on, computed from the path alone."""
    from pipeline.gold import GOLD_DIR
    from pipeline.review import reviews_digest

    read_key = read_cache_key(context, parameters)
    if read_key is None:
        return None
    name = Path(parameters["path"]).name
    return "document-" + digest_key(read_key, code_fingerprint("extract"), code_fingerprint("validate"),
                                     reviews_digest(document_id_for(name), GOLD_DIR))


def _document_name(parameters: dict[str, Any]) -> str:
    return f"document {Path(str(parameters.get('path', '?'))).name}"


@task(name="document", task_run_name=_document_name, cache_policy=cache_policy(document_cache_key),
      persist_result=True, result_storage=CACHE_DIR, result_serializer=DocStatePickle(), cache_expiration=None)
def document_task(path: str, run_token: str = "") -> DocState:
    """read -> extract -> validate of one file in one task run: what the flow maps over the documents when its
    task runner is not the thread pool (Dask). A Prefect task run costs about 0.15 s of CPU in the worker and as
    much again in the flow and the API server (bench/RESULTS.md, "Scale"); three per document made the Dask runs
    slower than the threads. The price: its cache is all or nothing per document (a new review re-reads that
    document, where the staged flow only validates it again)."""
    stage = "read"
    try:
        state = read_task.fn(path, run_token)
        stage = "extract"
        state = extract_task.fn(state, run_token)
        stage = "validate"
        return validate_task.fn(state, run_token)
    except BaseException as exc:
        try:
            exc.ituplans_stage = stage  # read by the flow: the stage that raised
        except AttributeError:  # pragma: no cover - an exception type without a __dict__
            pass
        raise


# ---------------------------------------------------------------------------------------------------------
# Reconcile and publish


@dataclass
class Reconciled:
    extractions: list
    tables: dict[str, Any] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)


@task(name="reconcile", cache_policy=NO_CACHE)
def reconcile_task(extractions: list, glossaries: dict | None = None, registry_dir: str | None = None) -> Reconciled:
    """Entity ids for every record (`pipeline.reconcile.reconcile`), with the acronyms and renames learned from
    each document (`glossaries`) and the registry in `registry_dir` (`<out>/registry`, beside the versions it
    produced). A failure publishes the rows without ids rather than nothing, and says so."""
    import pipeline.reconcile as reconciliation

    try:
        result = reconciliation.reconcile(
            extractions, Path(registry_dir) if registry_dir else None, glossaries=glossaries or None
        )
    except Exception as exc:
        return Reconciled(extractions, {}, [ErrorItem("(batch)", "reconcile", f"{type(exc).__name__}: {exc}")])
    return Reconciled(list(result.extractions), dict(result.tables))


def frames_from(extractions: list) -> dict[Dataset, Any]:
    by: dict[Dataset, list] = {d: [] for d in Dataset}
    for ex in extractions:
        for d, records in ex.datasets.items():
            by[Dataset(d)].extend(records)
    return {d: schema.to_frame(d, rs) for d, rs in by.items()}


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(out_dir: str, states: list[DocState], reconciled: Reconciled, errors: list[ErrorItem],
                 run_id: str, timing: dict[str, float], lock_timeout: float, lock_held: bool = False):
    frames = frames_from(reconciled.extractions)
    failed_docs = [s for s in states if s.status == Status.FAILED.value]
    docs_rows = [r for r in (document_record(s) for s in failed_docs) if r is not None]
    if docs_rows:
        import pandas as pd

        extra = schema.to_frame(Dataset.DOCUMENTS, docs_rows)
        frames[Dataset.DOCUMENTS] = pd.concat([frames[Dataset.DOCUMENTS], extra], ignore_index=True)
    sources = [SourceInfo(s.path, s.source_file, s.document_id, s.sha256, s.size, s.format, s.status, s.rows(),
                          len(s.errors), bool(s.cached)) for s in states]
    quarantine = [(s.path, next(e for e in s.errors if e.stage in ("read", "extract")))
                  for s in failed_docs if s.errors]
    all_failed = not any(s.status != Status.FAILED.value for s in states)
    return publish(out_dir, frames, errors, sources, run_id=run_id, timing=timing,
                   extra_tables=reconciled.tables, quarantine=quarantine, switch_latest=not all_failed,
                   lock_timeout=lock_timeout, acquire_lock=not lock_held)


# ---------------------------------------------------------------------------------------------------------
# The flow


def _failure_state(source: str, path: str, stage: str, future: Any) -> DocState:
    """A DocState for a task run that raised an unexpected exception (a bug, not a bad document)."""
    try:
        exc = future.state.result(raise_on_failure=False)
        if isinstance(exc, IngestError):  # a known problem raised on purpose (a time limit): its own reason
            reason = exc.reason
        elif isinstance(exc, BaseException):
            reason = f"unexpected error ({type(exc).__name__}: {exc})"
        else:
            reason = f"unexpected error: {future.state.message or future.state.name}"
    except Exception as err:  # pragma: no cover - state without data
        reason = f"unexpected error: {err}"
    p = Path(path)
    st = DocState(path=path, source_file=p.name, document_id=document_id_for(p.name), format=_format_of(p))
    try:
        st.sha256 = _file_sha256(p)
        st.size = p.stat().st_size
    except OSError:
        pass
    st.errors.append(ErrorItem(source, stage, reason))
    st.failed_stage = stage
    return st


def _summary(st: DocState) -> DocSummary:
    ex = st.extraction
    return DocSummary(st.path, st.source_file, st.status, st.format, st.rows(),
                      [f"{e.stage}: {e.reason}" for e in st.errors], list(st.cached),
                      round(sum(st.seconds.values()), 3),
                      len(ex.tables_used) if ex is not None else 0, ex.tables_total if ex is not None else st.tables)


def artifact_markdown(summary: RunSummary) -> str:
    lines = [f"# process-documents {summary.run_id or ''}".rstrip(), ""]
    if summary.version_dir:
        switched = "and `latest` points at it" if summary.latest_switched else "(`latest` NOT switched: every document failed)"
        lines += [f"Published `{summary.version_dir}` {switched}.", ""]
    lines += ["## Documents", "", "| file | status | format | rows | tables used | tables skipped | cached | errors |",
              "|---|---|---|---:|---:|---:|---|---|"]
    for d in summary.documents:
        rows = sum(v for k, v in d.rows.items() if k != Dataset.DOCUMENTS.value)
        errs = "; ".join(d.errors).replace("|", "\\|")
        lines.append(f"| {d.source_file} | {d.status} | {d.format} | {rows} | {d.tables_used} | "
                     f"{d.tables_total - d.tables_used} | {', '.join(d.cached)} | {errs} |")
    lines += ["", "## Rows per dataset", "", "| dataset | rows | added | removed | changed |", "|---|---:|---:|---:|---:|"]
    for name, n in summary.row_counts.items():
        c = summary.changes.get(name, {})
        lines.append(f"| {name} | {n} | {c.get('added', '')} | {c.get('removed', '')} | {c.get('changed', '')} |")
    if summary.gold_f1:
        names = sorted({d for scores in summary.gold_f1.values() for d in scores})
        lines += ["", "## F1 against gold", "", "| file | " + " | ".join(names) + " |",
                  "|---|" + "---:|" * len(names)]
        for file, scores in sorted(summary.gold_f1.items()):
            cells = [f"{scores[n]:.3f}" if n in scores else "" for n in names]
            lines.append(f"| {file} | " + " | ".join(cells) + " |")
    if summary.errors:
        lines += ["", "## Failures", "", "| file | stage | reason |", "|---|---|---|"]
        for e in summary.errors:
            lines.append(f"| {e.source_file} | {e.stage}{'/' + e.component if e.component else ''} | "
                         f"{e.reason.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def gold_f1(version_dir: str | Path) -> dict[str, dict[str, float]]:
    """F1 of a published version against the gold files, per file and dataset, for the documents that have gold
    (what `ituplans evaluate` prints). Empty when there is none or it cannot be computed: a convenience of the
    run's artifact that never fails a run."""
    from pipeline.gold import GOLD_DIR, evaluate

    try:
        scores = evaluate(Path(version_dir), GOLD_DIR)
    except Exception:
        return {}
    out: dict[str, dict[str, float]] = {}
    for r in scores.to_dict("records") if not scores.empty else []:
        out.setdefault(r["source_file"], {})[r["dataset"]] = round(float(r["f1"]), 3)
    return out


def default_thread_workers() -> int:
    """Reading and extracting are CPU-bound and hold the GIL: more threads than cores (plus a few for downloads
    and file I/O) only keep more documents in memory at once."""
    return (os.cpu_count() or 1) + 2


@flow(name="process-documents", task_runner=ThreadPoolTaskRunner(max_workers=default_thread_workers()),
      validate_parameters=False)
def process_documents(
    sources: list[str],
    out_dir: str = "output",
    run_id: str | None = None,
    refresh_cache: bool = False,
    lock_timeout: float = 120.0,
    stage_tasks: bool | None = None,
) -> RunSummary:
    """Read, extract, validate every document of `sources`, reconcile, and publish one version into `out_dir`.

    `stage_tasks`: a task run per stage and document (read, extract, validate; each cached on its own), or one
    `document` task run per document. Default: per stage with the thread pool, per document with any other task
    runner (Dask), where each task run costs a round trip to the API (see `document_task`)."""
    started = time.perf_counter()
    run_id = run_id or new_run_id()
    timing: dict[str, float] = {}

    t = time.perf_counter()
    # URL sources (a document link, or an HTML / JSON index of links) are downloaded into
    # <out>/staging/<run-id>/ by retried tasks first (flows/sources.py).
    from flows.sources import resolve_sources

    local, fetch_errors = resolve_sources(list(map(str, sources)), out_dir, run_id)
    found = discover_task(local)
    found = Discovery(found.paths, fetch_errors + list(found.errors))
    timing["discover"] = time.perf_counter() - t

    t = time.perf_counter()
    if stage_tasks is None:
        stage_tasks = isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)
    stages = (read_task, extract_task, validate_task) if stage_tasks else (document_task,)
    if refresh_cache:
        stages = tuple(t.with_options(refresh_cache=True) for t in stages)
    paths = found.paths
    token = uuid.uuid4().hex  # this run's, recorded by read / extract in DocState.made_by (see `cached` below)
    if stage_tasks:
        reader, extractor, validator = stages
        reads = reader.map(paths, run_token=unmapped(token))
        # whole(): each task gets its upstream's DocState without Prefect walking through it (see `whole`)
        extracts = extractor.map(whole(reads), run_token=unmapped(token))
        validates = validator.map(whole(extracts), run_token=unmapped(token))
    else:
        validates = stages[0].map(paths, run_token=unmapped(token))

    index = {id(f): i for i, f in enumerate(validates)}
    states: list[DocState | None] = [None] * len(paths)
    for fut in as_completed(list(validates)):
        i = index[id(fut)]
        fut.wait()  # the final state with its data (as_completed may fire before the future holds it)
        if fut.state.is_completed():
            # A cached result carries the path it was first read from; the manifest records this run's path.
            st = replace(fut.result(), path=paths[i])
            # Served from the cache = computed by another run. The read / extract futures are not waited on: with
            # Dask that would fetch their results (a whole Document) from the worker into this process.
            st.cached = [stage for stage in ("read", "extract", "validate")
                         if stage in st.made_by and st.made_by[stage] != token]
        elif not stage_tasks:  # the document task raised: it names the stage
            exc = fut.state.result(raise_on_failure=False)
            st = _failure_state(Path(paths[i]).name, paths[i], getattr(exc, "ituplans_stage", "read"), fut)
        else:  # an unexpected exception upstream: find the stage that raised
            for f in (reads[i], extracts[i]):
                f.wait()
            st = None
            for stage, f in (("read", reads[i]), ("extract", extracts[i]), ("validate", validates[i])):
                if f.state.is_failed() or f.state.is_crashed():
                    st = _failure_state(Path(paths[i]).name, paths[i], stage, f)
                    break
            if st is None:
                st = _failure_state(Path(paths[i]).name, paths[i], "read", fut)
            st.cached = [stage for stage, f in (("read", reads[i]), ("extract", extracts[i]))
                         if f.state.name == "Cached"]
        states[i] = st
        _emit(_summary(st))
    done_states = [s for s in states if s is not None]
    timing["documents"] = time.perf_counter() - t

    result = None
    errors = list(found.errors) + [e for s in done_states for e in s.errors]
    if done_states:
        # The entity registry (reconcile) and the versions (publish) are shared state of the output folder:
        # one lock around both, so concurrent runs take turns.
        with output_lock(Path(out_dir), lock_timeout, run_id):
            t = time.perf_counter()
            ok_idx = [i for i, s in enumerate(states) if s is not None and s.extraction is not None]
            glossaries = {states[i].document_id: states[i].glossary for i in ok_idx if states[i].glossary is not None}
            # quote(): large inputs are passed as they are, not traversed by Prefect looking for futures
            reconciled = reconcile_task(quote([states[i].extraction for i in ok_idx]), quote(glossaries),
                                        str(Path(out_dir) / "registry"))
            timing["reconcile"] = time.perf_counter() - t
            errors += list(reconciled.errors)
            t = time.perf_counter()
            timing["total_before_publish"] = time.perf_counter() - started
            result = publish_task(str(out_dir), quote(done_states), quote(reconciled), errors, run_id, timing,
                                  lock_timeout, lock_held=True)
            timing["publish"] = time.perf_counter() - t

    summary = RunSummary(
        run_id=result.run_id if result else None,
        version_dir=str(result.version_dir) if result else None,
        latest_switched=bool(result and result.latest_switched),
        documents=[_summary(s) for s in done_states],
        row_counts=result.row_counts if result else {},
        errors=errors,
        changes=result.changes if result else {},
        seconds=round(time.perf_counter() - started, 3),
        discovery_errors=list(found.errors),
        gold_f1=gold_f1(result.version_dir) if result and result.version_dir else {},
    )
    try:
        create_markdown_artifact(artifact_markdown(summary), key="process-documents",
                                 description=f"ituplans run {summary.run_id or '(nothing published)'}")
    except Exception:  # the artifact is a convenience; never fail a published run over it
        pass
    return summary


# ---------------------------------------------------------------------------------------------------------
# Choosing the task runner


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


def run_batch(
    sources: Iterable[str | Path],
    out_dir: str | Path = "output",
    task_runner: str = "threads",
    dask_address: str | None = None,
    workers: int | None = None,
    refresh_cache: bool = False,
    lock_timeout: float = 120.0,
    stage_tasks: bool | None = None,
) -> RunSummary:
    """Run `process-documents` with the chosen task runner (what `ituplans run` calls)."""
    runner = make_task_runner(task_runner, dask_address, workers)
    fl = process_documents.with_options(task_runner=runner)
    with shared_api(task_runner):
        return fl(sources=[str(s) for s in sources], out_dir=str(out_dir), refresh_cache=refresh_cache,
                  lock_timeout=lock_timeout, stage_tasks=stage_tasks)


__all__ = [
    "DocState", "DocSummary", "RunSummary", "PublishError", "add_progress_listener", "remove_progress_listener",
    "discover", "read_task", "extract_task", "validate_task", "document_task", "reconcile_task", "publish_task",
    "process_documents", "run_batch", "make_task_runner", "shared_api",
]
