"""Accepted reviews in production: which datasets of a document a reviewer accepted, for which bytes, and the
extraction with those datasets replaced by their gold rows.

`gold/<document_id>/REVIEWED.json` records, per dataset, the sha256 of the file it was accepted for
(`pipeline.review.accept` writes it). `apply_reviews` is called by the `finish` step (pipeline/steps.py) after
extraction: every dataset accepted for exactly these bytes comes from gold (`review_status = reviewed`); when the
document's bytes change, its gold is no longer applied. `reviews_digest` is part of the cache key of that step.

This module and pipeline/gold_rows.py are all production needs of the reviewer's work; the reviewer workflow
itself (report, companion CSVs, accept, undo) is pipeline/review/, which production never imports.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from pipeline.exceptions import ReviewError
from pipeline.gold import GOLD_DIR, load_gold
from pipeline.gold_rows import frame_rows, gold_records, parse_gold_rows
from pipeline.records import Dataset, ErrorItem

REVIEWED_FILE = "REVIEWED.json"


def reviewed_path(gold_dir: str | Path, document_id: str) -> Path:
    return Path(gold_dir) / document_id / REVIEWED_FILE


def load_reviewed(gold_dir: str | Path, document_id: str) -> dict:
    """`{"document_id", "datasets": {name: {sha256, source_file, accepted_at, rows}}, "history": [...]}`.
    Raises ReviewError when the file exists but cannot be read."""
    path = reviewed_path(gold_dir, document_id)
    empty = {"document_id": document_id, "datasets": {}, "history": []}
    if not path.exists():
        return empty
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReviewError(f"{path} is not valid JSON ({exc}); restore it from git") from None
    if not isinstance(data, dict) or not isinstance(data.get("datasets", {}), dict):
        raise ReviewError(f"{path} does not have the expected structure; restore it from git")
    data.setdefault("document_id", document_id)
    data.setdefault("datasets", {})
    data.setdefault("history", [])
    return data


def reviews_digest(document_id: str, gold_dir: str | Path = GOLD_DIR) -> str:
    """A digest of everything `apply_reviews` reads for one document (the files of its gold folder: REVIEWED.json
    and the dataset files), so a cached result that applied the reviews is used only while they are unchanged."""
    h = hashlib.sha256()
    folder = Path(gold_dir) / document_id
    if folder.is_dir():
        for f in sorted(p for p in folder.iterdir() if p.is_file()):
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def apply_reviews(extraction, sha256: str, gold_dir: str | Path = GOLD_DIR):
    """The extraction with every dataset accepted for exactly these bytes replaced by its gold rows.

    Pure: returns a new `DocumentExtraction`, the input is not modified. Datasets accepted for other bytes (the
    document changed since) and datasets never accepted keep their extracted rows (review_status "extracted").
    A reviewed gold file that cannot be read or parsed does not stop the run: the dataset stays extracted and an
    ErrorItem (stage validate) says why.
    """
    document_id = extraction.document_id
    errors = list(extraction.errors)
    try:
        entries = load_reviewed(gold_dir, document_id)["datasets"]
    except ReviewError as exc:
        return replace(extraction, errors=errors + [ErrorItem(extraction.source_file, "validate", str(exc))])
    datasets = dict(extraction.datasets)
    for name, entry in sorted(entries.items()):
        if not isinstance(entry, dict) or entry.get("sha256") != sha256:
            continue
        where = Path(gold_dir) / document_id / f"{name}.csv"
        try:
            dataset = Dataset(name)
            gold = load_gold(document_id, dataset, gold_dir)
            if gold is None:
                raise ReviewError(f"{where} is missing")
            rows, problems = parse_gold_rows(frame_rows(gold), dataset, document_id, str(where))
            if problems:
                raise ReviewError("; ".join(problems[:3]))
            datasets[dataset] = gold_records(dataset, rows, list(extraction.datasets.get(dataset, [])),
                                             extraction.source_file, sha256)
        except Exception as exc:
            errors.append(ErrorItem(extraction.source_file, "validate",
                                    f"reviewed gold for {name} was not applied: {exc}", None, name))
    return replace(extraction, datasets=datasets, errors=errors)
