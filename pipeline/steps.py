"""The one document path: `process_document(path) = read -> extract -> finish`.

Every caller takes this path and no other: the Prefect tasks (`flows/tasks.py`, one task per step, or one task
for the three on Dask), the benchmark's bare loop (`bench/`) and the reviewer report (`pipeline/review/`). The
steps are plain functions of plain values, so each can be cached, timed or run on another machine on its own:

1. **read**: the file -> `pipeline.model.Document` (`pipeline.readers.read_document`), held to the `Limits`
   (size, pages, zip and stream bombs) and to the per-document time limit. A document the project knows to be
   bad (`IngestError`: empty, damaged, encrypted, a scan ...) becomes an `ErrorItem` and the result is failed
   at stage `read`; nothing raises for a bad document.
2. **extract**: every extractor on the model (`extractors.extract_all`, each extractor's failure an ErrorItem)
   within what is left of the time limit, and the document's glossary for reconciliation
   (`pipeline.reconcile.learn.learn_document`: acronyms and renames learned where the whole text is at hand).
   The model is dropped afterwards: it never travels further.
3. **finish** (stage `validate` in errors.csv and timings): accepted reviews applied (`apply_reviews`: a dataset accepted for exactly
   these bytes comes from gold), provenance filled (`source_file`, `review_status`), every dataset validated
   against the data dictionary (a failing dataset is dropped for this document with an ErrorItem: status
   `partial`), and the `documents` row completed (tables used / skipped, status). A document that gave no row
   at all, without any other error, is `partial` with the reason "nothing recognized: ..." (stage `extract`),
   which names why its tables were skipped (`DocumentExtraction.table_rows`, extractors/table_report.py).

A time limit that runs out raises `TimeLimitExceededError` (an `IngestError` carrying its stage): the flow's
task fails and is not cached, since a time-out depends on the machine's load, not only on the file. Any other
exception is a bug of ours and propagates with the stage that raised it in `exc.ituplans_stage`.

`failed_result` builds the result of a document whose step raised (what the flow reports for it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Sequence

from pipeline import schema
from pipeline.exceptions import IngestError, TimeLimitExceededError
from pipeline.limits import Limits, run_with_time_limit
from pipeline.model import Document, document_id_for
from pipeline.readers import EXTENSIONS
from pipeline.readers.common import file_sha256
from pipeline.records import Dataset, DocumentRecord, ErrorItem, Status

# The stage names of errors.csv, one per step (`finish` reports as `validate`).
STAGES = ("read", "extract", "validate")


@dataclass
class DocumentResult:
    """One document on its way through the steps, and what came of it."""

    path: str
    source_file: str
    document_id: str
    format: str = ""
    sha256: str = ""
    size: int | None = None
    title: str = ""
    page_count: int | None = None
    tables: int = 0
    document: Document | None = None  # after read; dropped by extract
    extraction: Any = None  # extractors.DocumentExtraction, after extract
    errors: list[ErrorItem] = field(default_factory=list)
    failed_stage: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    glossary: Any = None  # pipeline.reconcile.learn.Glossary of the document, after extract
    # Set by the flow, not by the steps: stages served from the cache, and stage -> token of the run that
    # computed it (a result served from the cache carries an older run's token).
    cached: list[str] = field(default_factory=list)
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


def format_of(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    return fmt.value if fmt is not None else ""


def _new_result(path: str | Path) -> DocumentResult:
    p = Path(path)
    return DocumentResult(path=str(path), source_file=p.name, document_id=document_id_for(p.name),
                          format=format_of(p))


def _tag_stage(exc: BaseException, stage: str) -> None:
    if getattr(exc, "ituplans_stage", None) is None:
        try:
            exc.ituplans_stage = stage  # read by the flow: the stage that raised
        except AttributeError:  # pragma: no cover - an exception type without a __dict__
            pass


# ---------------------------------------------------------------------------------------------------------
# 1. read


def read(path: str | Path, *, limits: Limits | None = None) -> DocumentResult:
    """The document model of one file, or the reason it cannot be read (an ErrorItem, stage `read`)."""
    from pipeline.readers import read_document

    limits = limits or Limits()
    p = Path(path)
    result = _new_result(path)
    started = time.perf_counter()
    try:
        result.size = p.stat().st_size
        result.sha256 = file_sha256(p)
    except OSError as exc:
        result.errors.append(ErrorItem(p.name, "read", f"cannot open the file: {exc.strerror or exc}"))
        result.failed_stage = "read"
        return result
    try:
        doc = run_with_time_limit(lambda: read_document(p, limits), str(p), limits.max_seconds, "reading")
    except TimeLimitExceededError as exc:
        _tag_stage(exc, "read")
        raise
    except IngestError as exc:
        result.errors.append(ErrorItem(p.name, exc.stage or "read", exc.reason))
        result.failed_stage = "read"
        return result
    except BaseException as exc:
        _tag_stage(exc, "read")
        raise
    finally:
        result.seconds["read"] = round(time.perf_counter() - started, 3)
    result.document = doc
    result.format = doc.format.value
    result.title = doc.title
    result.page_count = doc.page_count
    result.tables = len(doc.tables)
    return result


# ---------------------------------------------------------------------------------------------------------
# 2. extract


def extract(result: DocumentResult, *, limits: Limits | None = None) -> DocumentResult:
    """Every extractor on the document read (the time limit counts reading and extraction together)."""
    from extractors import extract_all
    from pipeline.reconcile.learn import learn_document

    if result.document is None:
        return result
    limits = limits or Limits()
    limit = limits.max_seconds
    left = max(limit - result.seconds.get("read", 0.0), 1.0) if limit > 0 else 0
    started = time.perf_counter()
    try:
        extraction = run_with_time_limit(lambda: extract_all(result.document), result.path, left,
                                         "reading and extraction", limit)
        glossary = learn_document(result.document)
    except TimeLimitExceededError as exc:
        _tag_stage(exc, "extract")
        raise
    except IngestError as exc:
        return replace(result, document=None, failed_stage="extract",
                       errors=result.errors + [ErrorItem(result.source_file, "extract", exc.reason)])
    except BaseException as exc:
        _tag_stage(exc, "extract")
        raise
    return replace(result, document=None, extraction=extraction, glossary=glossary,
                   errors=list(result.errors) + list(extraction.errors),
                   seconds={**result.seconds, "extract": round(time.perf_counter() - started, 3)})


# ---------------------------------------------------------------------------------------------------------
# 3. finish


def _fill_provenance(record: Any, source_file: str) -> Any:
    names = {f.name for f in fields(record)}
    changes = {}
    if "source_file" in names and not getattr(record, "source_file"):
        changes["source_file"] = source_file
    if "review_status" in names and not getattr(record, "review_status"):
        changes["review_status"] = "extracted"
    return replace(record, **changes) if changes else record


def document_record(result: DocumentResult, base: DocumentRecord | None = None) -> DocumentRecord | None:
    """The documents.csv row: the extractor's record completed with what the steps know (tables, status).
    None for a file that could not even be identified (errors.csv only)."""
    if base is None:
        if not result.sha256 or result.format not in schema.FORMATS:
            return None
        base = DocumentRecord(result.document_id, result.source_file, result.sha256, result.format, result.title,
                              "other", None, None, page_count=result.page_count)
    ex = result.extraction
    used = len(ex.tables_used) if ex is not None else 0
    total = ex.tables_total if ex is not None else result.tables
    return replace(
        base,
        document_id=base.document_id or result.document_id,
        source_file=result.source_file,
        sha256=result.sha256 or base.sha256,
        format=base.format or result.format,
        title=base.title or result.title,
        page_count=base.page_count if base.page_count is not None else result.page_count,
        tables=total,
        tables_used=used,
        tables_skipped=max(total - used, 0),
        status=result.status,
    )


def _validated(dataset: Dataset, records: list, source_file: str, errors: list[ErrorItem]) -> list:
    """The records when the dataset passes the data dictionary; else none, and an ErrorItem says why."""
    if not records:
        return records
    try:
        schema.validate(dataset, schema.to_frame(dataset, records), source=source_file)
    except schema.DatasetValidationError as exc:
        errors.append(ErrorItem(source_file, "validate", exc.reason, None, dataset.value))
        return []
    return records


def nothing_recognized(tables: int, skipped: Sequence[Any] = ()) -> str:
    """The reason a document that was read but gave no row at all is `partial`, not `ok` with 0 rows; `skipped`:
    its skipped tables (`TableRow`s), whose reasons it names."""
    if not tables:
        return "nothing recognized: no tables, and no objectives, results or other rows in the text (0 rows)"
    by_reason: dict[str, list[str]] = {}
    for row in skipped:
        by_reason.setdefault(row.reason, []).append(str(row.table_index))
    why = "; ".join(f"table_index {', '.join(indexes)}: {reason}" for reason, indexes in by_reason.items())
    if len(skipped) == tables:
        head = f"all {tables} tables were skipped" if tables > 1 else "its only table was skipped"
    else:
        head = f"none of its {tables} table{'s' if tables != 1 else ''} gave rows"
        why = f"skipped: {why}" if why else ""
    return f"nothing recognized: {head}{f' ({why})' if why else ''}, and no rows in the text (0 rows)"


def finish(result: DocumentResult, *, gold_dir: str | Path | None = None) -> DocumentResult:
    """Accepted reviews -> provenance -> validation per dataset -> the documents row."""
    from pipeline.reviewed import apply_reviews
    from pipeline.gold import GOLD_DIR

    if result.extraction is None:
        return result
    started = time.perf_counter()
    try:
        # Applied here, after the (cacheable) extraction, so a freshly accepted review takes effect next run.
        ex = apply_reviews(result.extraction, result.sha256, GOLD_DIR if gold_dir is None else gold_dir)
        errors = list(result.errors) + ex.errors[len(result.extraction.errors):]
        datasets: dict[Dataset, list] = {}
        for d in Dataset:
            if d is not Dataset.DOCUMENTS:
                records = [_fill_provenance(r, result.source_file) for r in ex.datasets.get(d, [])]
                datasets[d] = _validated(d, records, result.source_file, errors)
        if not errors and not any(datasets.values()):  # nothing silent: a readable file nothing was taken from
            errors.append(ErrorItem(result.source_file, "extract",
                                    nothing_recognized(ex.tables_total, ex.skipped_tables)))
        extracted = [r for r in ex.datasets.get(Dataset.DOCUMENTS, []) if isinstance(r, DocumentRecord)]
        result = replace(result, errors=errors, extraction=replace(ex, datasets=datasets))
        record = document_record(result, extracted[0] if extracted else None)
        if not _validated(Dataset.DOCUMENTS, [record], result.source_file, errors):
            record = document_record(result, None)  # the extractor's row failed: the steps' own facts
        result = replace(result, errors=errors,
                         seconds={**result.seconds, "validate": round(time.perf_counter() - started, 3)})
        datasets[Dataset.DOCUMENTS] = [replace(record, status=result.status)]
    except BaseException as exc:
        _tag_stage(exc, "validate")
        raise
    return result


# ---------------------------------------------------------------------------------------------------------
# The three in order


def process_document(path: str | Path, *, limits: Limits | None = None,
                     gold_dir: str | Path | None = None) -> DocumentResult:
    """read -> extract -> finish of one file. Bad documents come back failed with their ErrorItems; a time-out
    or a bug raises (with `exc.ituplans_stage`)."""
    limits = limits or Limits()
    return finish(extract(read(path, limits=limits), limits=limits), gold_dir=gold_dir)


def failed_result(path: str | Path, stage: str, exc: BaseException | None, message: str = "") -> DocumentResult:
    """The result of a document whose step raised: a known problem raised on purpose (a time limit) keeps its
    own reason, anything else is an unexpected error (a bug of ours) and says so."""
    if isinstance(exc, IngestError):
        reason = exc.reason
    elif exc is not None:
        reason = f"unexpected error ({type(exc).__name__}: {exc})"
    else:
        reason = f"unexpected error: {message}"
    result = _new_result(path)
    p = Path(path)
    try:
        result.sha256 = file_sha256(p)
        result.size = p.stat().st_size
    except OSError:
        pass
    result.errors.append(ErrorItem(p.name, stage, reason))
    result.failed_stage = stage
    return result
