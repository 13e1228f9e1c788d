"""What happens to a batch of processed documents: reconcile (entity ids) -> publish (one new version).

The flow (`flows/process.py`) and the benchmark's bare loop (`bench/`) both call these two functions on the
`pipeline.steps.DocumentResult`s of a batch; Prefect only wraps them in tasks.

- `reconcile_batch`: entity ids for every record (`pipeline.reconcile.reconcile`) with the acronyms and renames
  learned from each document (its glossary) and the registry in `<out>/registry`. A failure publishes the rows
  without ids rather than nothing, and says so (an ErrorItem, stage `reconcile`).
- `publish_batch`: the datasets of every document as frames, a `documents` row also for documents that failed
  as a whole, tables.csv (every table of every document read, used or skipped and why), the manifest's
  sources, the quarantine of failed documents, and `latest` switched unless every document failed
  (pipeline/publish.py writes the version atomically).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from pipeline import schema
from pipeline.frames import frames_of
from pipeline.publish import PublishResult, SourceInfo, publish
from pipeline.records import Dataset, ErrorItem, Status
from pipeline.steps import DocumentResult, document_record

TABLES = "tables"  # the run's report of every table found (pipeline/datasets/resources.py)


@dataclass
class Reconciled:
    extractions: list
    tables: dict[str, Any] = field(default_factory=dict)  # extra tables to publish (entities, aliases, ...)
    errors: list[ErrorItem] = field(default_factory=list)


def reconcile_batch(results: Sequence[DocumentResult], registry_dir: str | Path | None = None,
                    decisions: str | Path | None = None) -> Reconciled:
    """Entity ids for the records of every document that was extracted."""
    import pipeline.reconcile as reconciliation

    done = [r for r in results if r.extraction is not None]
    extractions = [r.extraction for r in done]
    glossaries = {r.document_id: r.glossary for r in done if r.glossary is not None}
    try:
        result = reconciliation.reconcile(extractions, Path(registry_dir) if registry_dir else None,
                                          Path(decisions) if decisions else None, glossaries=glossaries or None)
    except Exception as exc:
        return Reconciled(extractions, {}, [ErrorItem("(batch)", "reconcile", f"{type(exc).__name__}: {exc}")])
    return Reconciled(list(result.extractions), dict(result.tables))


def source_info(result: DocumentResult) -> SourceInfo:
    return SourceInfo(result.path, result.source_file, result.document_id, result.sha256, result.size,
                      result.format, result.status, result.rows(), len(result.errors), bool(result.cached))


def publish_batch(out_dir: str | Path, results: Sequence[DocumentResult], reconciled: Reconciled,
                  errors: Sequence[ErrorItem], *, run_id: str, timing: dict[str, float] | None = None,
                  lock_timeout: float = 120.0, lock_held: bool = False) -> PublishResult:
    """One new version of every dataset from a processed batch (see the module docstring)."""
    frames: dict[Dataset | str, pd.DataFrame] = dict(frames_of(reconciled.extractions))
    frames[TABLES] = schema.to_frame(TABLES, [row for r in results if r.extraction is not None
                                              for row in r.extraction.table_rows])
    failed = [r for r in results if r.status == Status.FAILED.value]
    rows = [r for r in (document_record(f) for f in failed) if r is not None]
    if rows:
        frames[Dataset.DOCUMENTS] = pd.concat([frames[Dataset.DOCUMENTS], schema.to_frame(Dataset.DOCUMENTS, rows)],
                                              ignore_index=True)
    quarantine = [(f.path, next(e for e in f.errors if e.stage in ("read", "extract")))
                  for f in failed if any(e.stage in ("read", "extract") for e in f.errors)]
    all_failed = not any(r.status != Status.FAILED.value for r in results)
    return publish(out_dir, frames, list(errors), [source_info(r) for r in results], run_id=run_id, timing=timing,
                   extra_tables=reconciled.tables, quarantine=quarantine, switch_latest=not all_failed,
                   lock_timeout=lock_timeout, acquire_lock=not lock_held)
