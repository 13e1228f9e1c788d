"""`ituplans review DOCUMENT`: the review report and the companion CSVs of one document.

The document takes the one document path production takes (pipeline/steps.py: read -> extract -> finish, with
the same limits and time limit), so the reviewer sees what a run extracts and publishes. The read and extract
results (and the finished, validated rows, for the same gold) come from the run's cache when a run with the same
code and limits left them there (the flow's keys, pipeline/cache.py): a review after `ituplans run` does not read
the document again. Written to
`<out>/<document_id>/`: `report.html` (self-contained: each source table next to the rows extracted from it,
differences with gold highlighted; pipeline/review/html_page.py), one companion CSV per dataset to correct
(pipeline/review/companion.py) and REVIEW.json (pipeline/review/manifest.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.atomic import write_text_atomically
from pipeline.exceptions import ReviewError
from pipeline.gold import GOLD_DIR, load_gold
from pipeline.gold_rows import formatted
from pipeline.limits import Limits
from pipeline.records import Dataset
from pipeline.review.changes import rows_digest
from pipeline.review.compare import Comparison, compare
from pipeline.review.companion import companion_rows, read_companion, write_companion
from pipeline.review.manifest import write_manifest
from pipeline.review.state import command as default_command, review_state

REPORT_FILE = "report.html"


@dataclass
class ReportData:
    """Everything the HTML needs (built here, rendered by pipeline/review/html_page.py)."""

    document: Any  # pipeline.model.Document
    extraction: Any  # what the extractors found (DocumentExtraction)
    published: Any  # what a run publishes for this file: reviews applied, datasets validated
    comparisons: dict[Dataset, Comparison]  # the extraction against gold
    states: dict[Dataset, dict]
    companion_files: dict[Dataset, str]
    built_at: str
    command: str  # how the reviewer runs ituplans (`.venv/bin/ituplans`)


def _steps(path: Path, limits: Limits | None, cache_dir: str | Path | None = None) -> tuple[Any, Any, Any]:
    """(document, extraction, extracted) through pipeline/steps.py, the read and extract results taken from the
    run's cache when a run with the same code and limits computed them (pipeline/cache.py: the flow's own keys),
    so a review after a run does not read the document again. A document that cannot be read or extracted
    raises ReviewError with the reason a run would give."""
    from pipeline import cache, steps

    limits = limits or Limits()
    read = cache.load(cache.read_key(path, limits), cache_dir)
    if not isinstance(read, steps.DocumentResult) or (read.document is None and not read.failed_stage):
        read = steps.read(path, limits=limits)
    read = replace(read, path=str(path))
    doc = read.document
    extracted = read
    if doc is not None:
        extracted = cache.load(cache.extract_key(read.sha256, read.source_file), cache_dir)
        if not isinstance(extracted, steps.DocumentResult) or extracted.extraction is None:
            extracted = steps.extract(read, limits=limits)
        extracted = replace(extracted, path=str(path))
    if doc is None or extracted.extraction is None:
        reason = extracted.errors[-1].reason if extracted.errors else "cannot be read"
        raise ReviewError(f"{path}: {reason}")
    return doc, extracted.extraction, extracted


def _finished(extracted: Any, gold_dir: str | Path, cache_dir: str | Path | None) -> Any:
    """What a run publishes for the document: the run's cached `finish` result for the same code and gold (the
    validate key holds the document's accepted reviews), else `steps.finish` now."""
    from pipeline import cache, steps

    key = cache.validate_key(extracted.sha256, extracted.source_file, extracted.document_id, gold_dir)
    cached = cache.load(key, cache_dir)
    if isinstance(cached, steps.DocumentResult) and cached.extraction is not None:
        return cached.extraction
    return steps.finish(extracted, gold_dir=gold_dir).extraction


def _sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def build_report(path_to_document: str | Path, out_dir: str | Path = "review", gold_dir: str | Path = GOLD_DIR,
                 *, limits: Limits | None = None, command: str | None = None,
                 cache_dir: str | Path | None = None) -> Path:
    """Read, extract and finish one document (from the run's cache when it holds the results: `cache_dir`, default
    pipeline.settings.CACHE_DIR); write its report, companion CSVs and REVIEW.json. Returns the report's path. A
    time limit that runs out raises `TimeLimitExceededError` (an IngestError)."""
    from pipeline.review.html_page import render_report

    path = Path(path_to_document)
    doc, extraction, extracted = _steps(path, limits, cache_dir)
    published = _finished(extracted, gold_dir, cache_dir)
    states = review_state(gold_dir, doc.document_id, doc.sha256)
    folder = Path(out_dir) / doc.document_id
    folder.mkdir(parents=True, exist_ok=True)
    comparisons: dict[Dataset, Comparison] = {}
    companion_files: dict[Dataset, str] = {}
    datasets: dict[str, dict] = {}
    for d in Dataset:
        records = list(extraction.datasets.get(d, []))
        comparisons[d] = compare(d, records, load_gold(doc.document_id, d, gold_dir))
        target = folder / f"{d.value}.csv"
        write_companion(target, d, companion_rows(d, records, comparisons[d]))
        companion_files[d] = target.name
        written, _ = read_companion(target, d, doc.document_id)  # what accept will read back if left alone
        datasets[d.value] = {"file": target.name, "rows": len(written), "state": states[d]["state"],
                             "baseline": rows_digest(formatted(written, d)),
                             "gold_sha256": _sha256(Path(gold_dir) / doc.document_id / target.name)}
    built_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    data = ReportData(doc, extraction, published, comparisons, states, companion_files, built_at,
                      command or default_command())
    report = folder / REPORT_FILE
    write_text_atomically(report, render_report(data))
    write_manifest(folder, {"document_id": doc.document_id, "source_file": doc.source_file,
                            "source_path": str(path.resolve()), "sha256": doc.sha256, "built_at": built_at,
                            "datasets": datasets})
    return report
