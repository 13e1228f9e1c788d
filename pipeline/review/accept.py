"""`ituplans gold accept DOCUMENT`: the reviewer's corrections become the document's gold; and undoing that.

An accept changes exactly what the reviewer changed:

- every selected companion CSV is checked first; if any has a problem nothing is written and `AcceptError` lists
  them all (file, line, what to fix);
- a CSV the reviewer did not change (the same rows as `ituplans review` wrote, however a spreadsheet saved them)
  is not accepted, unless its dataset is named with `--dataset` (the reviewer confirms it is right);
- a changed CSV replaces the gold file, rows the reviewer left alone keep their exact text, and REVIEWED.json
  records the dataset as accepted for the document's current bytes; the summary counts rows added, removed and
  changed, and the columns changed;
- the files about to be replaced are kept first (pipeline/review/history.py), so `ituplans gold undo DOCUMENT`
  restores the gold as it was before the last accept.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pipeline.atomic import write_text_atomically
from pipeline.exceptions import ReviewError
from pipeline.gold import GOLD_DIR, load_gold
from pipeline.gold_rows import GOLD_COLUMNS, formatted, frame_rows, gold_records, parse_gold_rows
from pipeline.model import document_id_for
from pipeline.readers.common import file_sha256
from pipeline.records import Dataset
from pipeline.review import history
from pipeline.review.changes import Row, RowChanges, row_changes, rows_digest, unchanged_rows
from pipeline.review.companion import read_companion
from pipeline.review.manifest import check_made_from, read_manifest
from pipeline.review.state import RESERVED_IDS, command as default_command, dataset_of
from pipeline.reviewed import load_reviewed, reviewed_path

NEW, CHANGED, CONFIRMED, UNCHANGED = "new", "changed", "confirmed", "unchanged"


class AcceptError(ReviewError):
    """Edited companion CSVs that cannot become gold; `problems` has one line per bad file / row / value."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = self.problems[:50]
        more = f"\n... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__("Nothing was accepted; please fix these problems and run accept again:\n"
                         + "\n".join(f"  - {p}" for p in shown) + more)


@dataclass(frozen=True)
class Accepted:
    dataset: str
    outcome: str  # new (gold file created) | changed | confirmed (unchanged, named) | unchanged (not accepted)
    rows: int
    previous_rows: int | None  # rows of the gold file before (None: there was none)
    changes: RowChanges
    gold_file: str


@dataclass(frozen=True)
class _Previous:
    raw: list[Row]  # the gold file's rows as written
    rows: list[Row]  # the same, checked and formatted as an accept would write them
    sha256: str | None


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _previous(gold_dir: Path, document_id: str, dataset: Dataset) -> _Previous | None:
    frame = load_gold(document_id, dataset, gold_dir)
    if frame is None:
        return None
    columns = GOLD_COLUMNS[dataset]
    raw = [tuple(str(r.get(c, "") or "") for c in columns) for r in frame.to_dict("records")]
    typed, problems = parse_gold_rows(frame_rows(frame), dataset, document_id, "gold")
    path = Path(gold_dir) / document_id / f"{dataset.value}.csv"
    return _Previous(raw, raw if problems else formatted(typed, dataset),
                     hashlib.sha256(path.read_bytes()).hexdigest())


def _gold_text(dataset: Dataset, new: list[Row], previous: _Previous | None) -> str:
    """The new gold file; a row the reviewer left as it was keeps the exact text it had."""
    kept = unchanged_rows(previous.rows, new) if previous is not None else {}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(GOLD_COLUMNS[dataset])
    for j, row in enumerate(new):
        w.writerow(previous.raw[kept[j]] if j in kept else row)
    return buf.getvalue()


def _selected(folder: Path, document: Path, dataset: Dataset | str | None, command: str) -> list[Dataset]:
    if dataset is not None:
        chosen = dataset_of(dataset)
        if not (folder / f"{chosen.value}.csv").exists():
            raise ReviewError(f"{folder / (chosen.value + '.csv')} does not exist; run `{command} review "
                              f"{document}` first")
        return [chosen]
    found = [d for d in Dataset if (folder / f"{d.value}.csv").exists()]
    if not found:
        raise ReviewError(f"no companion CSV files in {folder}; run `{command} review {document}` first")
    return found


def _read_all(folder: Path, selected: list[Dataset], document_id: str, sha: str) -> dict[Dataset, list[dict]]:
    problems: list[str] = []
    parsed: dict[Dataset, list[dict]] = {}
    for d in selected:
        rows, errs = read_companion(folder / f"{d.value}.csv", d, document_id)
        problems.extend(errs)
        parsed[d] = rows
    if not problems:  # the same check the flow applies before publishing
        from pipeline import schema

        for d in selected:
            try:
                recs = gold_records(d, parsed[d], [], "review", sha) if d is not Dataset.DOCUMENTS else []
                if recs:
                    schema.validate(d, schema.to_frame(d, recs), source=str(folder / f"{d.value}.csv"))
            except Exception as exc:  # pragma: no cover - parse_gold_rows catches what the schema checks
                problems.append(f"{folder / (d.value + '.csv')}: {exc}")
    if problems:
        raise AcceptError(problems)
    return parsed


def _document(document_path: str | Path) -> tuple[Path, str, str]:
    path = Path(document_path)
    if not path.is_file():
        raise ReviewError(f"{path}: no such document file")
    document_id = document_id_for(path.name)
    if document_id in RESERVED_IDS:
        raise ReviewError(f"{path}: the name gives document id {document_id!r}, which gold/ reserves; rename the "
                          "file")
    return path, document_id, file_sha256(path)


def accept(document_path: str | Path, review_dir: str | Path = "review", gold_dir: str | Path = GOLD_DIR,
           dataset: Dataset | str | None = None, reviewer: str = "", command: str | None = None) -> list[Accepted]:
    """Make the reviewer's changes to the companion CSV(s) the gold of this document (see the module's doc)."""
    command = command or default_command()
    document, document_id, sha = _document(document_path)
    folder = Path(review_dir) / document_id
    manifest = read_manifest(folder, document, command)
    check_made_from(manifest, folder, document, sha, command)
    selected = _selected(folder, document, dataset, command)
    parsed = _read_all(folder, selected, document_id, sha)

    gold_dir = Path(gold_dir)
    results: list[Accepted] = []
    texts: dict[Dataset, str] = {}
    for d in selected:
        new = formatted(parsed[d], d)
        previous = _previous(gold_dir, document_id, d)
        made = manifest.get("datasets", {}).get(d.value, {})
        edited = rows_digest(new) != made.get("baseline")
        target = gold_dir / document_id / f"{d.value}.csv"
        changes = row_changes(previous.rows if previous else [], new, GOLD_COLUMNS[d])
        if not edited and dataset is None:
            outcome = UNCHANGED
        elif previous is None:
            outcome = NEW
        else:
            outcome = CHANGED if changes.any else CONFIRMED
        if outcome != UNCHANGED and (previous.sha256 if previous else None) != made.get("gold_sha256"):
            raise ReviewError(f"{target} changed since the review files were made (another accept?): run "
                              f"`{command} review {document}` again and redo the corrections on the new files")
        if outcome in (NEW, CHANGED):
            texts[d] = _gold_text(d, new, previous)
        results.append(Accepted(d.value, outcome, len(new), len(previous.raw) if previous else None, changes,
                                str(target)))
    if all(r.outcome == UNCHANGED for r in results):
        return results

    now = _now()
    entry = history.snapshot(gold_dir, document_id, [f"{d.value}.csv" for d in texts],
                             {"accepted_at": now, "source_file": document.name, "reviewer": reviewer,
                              "datasets": {r.dataset: r.outcome for r in results if r.outcome != UNCHANGED}})
    for d, text in texts.items():
        write_text_atomically(gold_dir / document_id / f"{d.value}.csv", text)
    reviewed = load_reviewed(gold_dir, document_id)
    for r in results:
        if r.outcome == UNCHANGED:
            continue
        record = {"sha256": sha, "source_file": document.name, "accepted_at": now, "rows": r.rows}
        if reviewer:
            record["reviewer"] = reviewer
        reviewed["datasets"][r.dataset] = record
        reviewed["history"].append({"dataset": r.dataset, "outcome": r.outcome, **record})
    reviewed["document_id"] = document_id
    reviewed["datasets"] = dict(sorted(reviewed["datasets"].items()))
    write_text_atomically(reviewed_path(gold_dir, document_id),
                          json.dumps(reviewed, indent=2, ensure_ascii=False) + "\n")
    history.record_written(entry, gold_dir, document_id)
    return results


def undo(document_path: str | Path, gold_dir: str | Path = GOLD_DIR) -> tuple[dict, list[str]]:
    """Restore the document's gold files and REVIEWED.json as they were before its last accept."""
    _, document_id, _ = _document(document_path)
    return history.undo_last(gold_dir, document_id)
