"""The reviewer workflow: compare an extraction with gold, let a person correct it, make the correction stick.

Three steps, all library functions (the CLI in `pipeline/review_cli.py` only calls them):

1. `build_report(document, out_dir, gold_dir)` writes `<out>/<document_id>/report.html` (self-contained: the
   source tables next to the rows extracted from them, differences with gold highlighted) and one *companion
   CSV* per dataset, `<out>/<document_id>/<dataset>.csv`, in the layout of the gold files (`GOLD_COLUMNS`),
   pre-filled with what the pipeline publishes for the document today. The reviewer edits the CSVs.
2. `accept(document, review_dir, gold_dir, dataset=None)` validates the edited CSVs (columns, numbers, allowed
   values, periods), writes them to `gold/<document_id>/<dataset>.csv` (atomic replace) and records in
   `gold/<document_id>/REVIEWED.json` which datasets were accepted for which bytes (sha256) of the document.
3. `apply_reviews(extraction, sha256, gold_dir)`: after extraction, every dataset accepted for exactly these
   bytes is replaced by its gold rows (`review_status = "reviewed"`); other datasets stay as extracted. When
   the document's bytes change, its gold is no longer applied (only used for comparison in the report).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from pipeline.datasets import resource
from pipeline.gold import GOLD_DIR, KEYS, NUMERIC, differences, load_gold, norm_number, norm_text
from pipeline.model import document_id_for, normalize_space
from pipeline.records import RECORD_TYPES, Dataset, DocumentRecord, ErrorItem
from pipeline.readers.common import file_sha256

REVIEWED_FILE = "REVIEWED.json"
MANIFEST_FILE = "REVIEW.json"
REPORT_FILE = "report.html"
REVIEWED = "reviewed"
EXTRACTED = "extracted"

# The layout of the gold files (and of the companion CSVs), declared per dataset in pipeline/datasets/resources.py
# (`review`): the dataset's columns without generated ids and pipeline provenance, plus a free-text `notes`
# column. tests/review checks these against gold/*/ headers.
GOLD_COLUMNS: dict[Dataset, tuple[str, ...]] = {d: resource(d).gold_columns for d in Dataset}
ID_COLUMNS = {c for d in Dataset for c in resource(d).id_columns}
# Gold columns that may be empty (every other column needs a value in every row).
MAY_BE_EMPTY: dict[Dataset, set[str]] = {d: set(resource(d).review_may_be_empty) for d in Dataset}
# Record fields a gold row does not carry and that are taken from the matching extracted row when there is one.
_CARRIED = {c: v for d in Dataset if d is not Dataset.DOCUMENTS for c, v in resource(d).carried.items()}
# Reserved folder names inside gold/ that are not documents.
_RESERVED_IDS = {"build", "entities"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ReviewError(ValueError):
    """A reviewer-facing problem (missing files, wrong document); the message says what to do."""


class AcceptError(ReviewError):
    """Edited companion CSVs that cannot become gold; `problems` has one line per bad file / row / value."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = self.problems[:50]
        more = f"\n... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__("Nothing was accepted; please fix these problems and run accept again:\n"
                         + "\n".join(f"  - {p}" for p in shown) + more)


# ---------------------------------------------------------------------------------------------------------
# Small helpers




def _dataset(value: Dataset | str) -> Dataset:
    if isinstance(value, Dataset):
        return value
    name = str(value).strip().lower().removesuffix(".csv")
    try:
        return Dataset(name)
    except ValueError:
        raise ReviewError(f"unknown dataset {value!r}; use one of: {', '.join(d.value for d in Dataset)}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temp_beside(path: Path) -> tuple[int, str]:
    """A temporary file in the folder of `path` (so os.replace is atomic) with normal permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o666 & ~_umask())
    return fd, tmp


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _field_types(dataset: Dataset) -> dict[str, str]:
    """'int' / 'float' / 'str' per record field, as the schema types them."""
    from pipeline.schema import field_specs

    return {s.name: s.type for s in field_specs(dataset)}


def _allowed(dataset: Dataset, column: str) -> tuple[str, ...] | None:
    from pipeline.schema import ALLOWED, ALLOWED_PER_DATASET

    return ALLOWED_PER_DATASET.get((dataset.value, column)) or ALLOWED.get(column)


def row_key(row: dict, dataset: Dataset) -> tuple:
    """The evaluation key of one row, normalized exactly as `pipeline.gold.key_tuples` does."""
    return tuple(norm_number(row.get(k)) if k in NUMERIC else norm_text(row.get(k)) for k in KEYS[dataset])


def record_dict(record: Any) -> dict:
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _format_value(column: str, value: Any, ftype: str) -> str:
    """A value as the gold files print it: ints plain, work_months as a float (`0.0`), quantities without `.0`."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if ftype == "int":
        return str(int(value))
    if ftype == "float":
        f = float(value)
        if column == "quantity" and f.is_integer():
            return str(int(f))
        return repr(f)
    return str(value)


def gold_row_of(record: Any, dataset: Dataset) -> dict[str, str]:
    """A record in the gold column layout (strings; `notes` empty)."""
    types = _field_types(dataset)
    d = record_dict(record)
    return {c: ("" if c == "notes" else _format_value(c, d.get(c), types.get(c, "str"))) for c in GOLD_COLUMNS[dataset]}


# ---------------------------------------------------------------------------------------------------------
# REVIEWED.json: which datasets were accepted for which bytes


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


def review_state(gold_dir: str | Path, document_id: str, sha256: str) -> dict[Dataset, dict]:
    """Per dataset with gold: `{"state": "reviewed"|"stale"|"gold"|"none", "entry": {...} or None}`.

    reviewed = accepted for these bytes (gold applied); stale = accepted for other bytes (not applied);
    gold = a gold file exists but was never accepted through review; none = no gold file."""
    try:
        entries = load_reviewed(gold_dir, document_id)["datasets"]
    except ReviewError:
        entries = {}
    out = {}
    for d in Dataset:
        entry = entries.get(d.value)
        has_gold = (Path(gold_dir) / document_id / f"{d.value}.csv").exists()
        if entry and has_gold:
            state = "reviewed" if entry.get("sha256") == sha256 else "stale"
        else:
            state = "gold" if has_gold else "none"
        out[d] = {"state": state, "entry": entry}
    return out


# ---------------------------------------------------------------------------------------------------------
# Parsing rows in the gold layout (edited companion CSVs and gold files alike)


def _parse_int(text: str) -> int | None:
    from extractors.text import parse_number

    n = parse_number(text)
    if n is None or not float(n).is_integer():
        return None
    return int(n)


def parse_gold_rows(rows: Iterable[tuple[int, dict[str, str]]], dataset: Dataset, document_id: str,
                    where: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Check and type rows in the gold layout. `rows` are (line number, {column: text}).

    Returns (typed rows, problems); each problem names `where` and the line, says what is wrong and how to fix it.
    """
    from extractors.text import parse_number, parse_period

    types = _field_types(dataset)
    optional = MAY_BE_EMPTY.get(dataset, set())
    out: list[dict[str, Any]] = []
    problems: list[str] = []
    for line, raw in rows:
        bad: list[str] = []
        unparsable: set[str] = set()
        row: dict[str, Any] = {}
        for col in GOLD_COLUMNS[dataset]:
            text = raw.get(col, "")
            text = "" if text is None else str(text)
            if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA_START:
                text = text[1:]  # the guard the companion CSV puts before cells a spreadsheet would run
            text = text if col == "notes" else normalize_space(text)
            ftype = types.get(col, "str")
            if col == "document_id":
                if text and text != document_id:
                    bad.append(f"document_id is {text!r} but this document is {document_id!r}")
                row[col] = document_id
                continue
            if not text:
                if col != "notes" and col not in optional and col not in {"period_start", "period_end"}:
                    bad.append(f"column '{col}' is empty; every row needs a value there (delete the row if it "
                               "is not a real one)")
                row[col] = None if ftype in ("int", "float") else ""
                continue
            if ftype == "int":
                n = _parse_int(text)
                if n is None:
                    unparsable.add(col)
                    bad.append(f"column '{col}' is {text!r}, not a whole number (a year like 2008)")
                row[col] = n
            elif ftype == "float":
                n = parse_number(text)
                if n is None:
                    bad.append(f"column '{col}' is {text!r}, not a number (write e.g. 4.7 or 1200000; use a "
                               "point for decimals)")
                row[col] = n
            else:
                allowed = _allowed(dataset, col)
                if allowed is not None and text not in allowed:
                    bad.append(f"column '{col}' is {text!r}; allowed values: {', '.join(allowed)}")
                row[col] = text
        if "period" in GOLD_COLUMNS[dataset] and row.get("period"):
            p = parse_period(row["period"])
            if p is None:
                bad.append(f"period {row['period']!r} is not a period like 2008 or 2009-2011 (a spreadsheet may "
                           "have turned it into a date: format the column as text and type it again)")
            else:
                for col, value in (("period_start", p[0]), ("period_end", p[1])):
                    if row.get(col) is None and col not in unparsable:
                        row[col] = value  # empty: computed from the period
                    elif row.get(col) is not None and row[col] != value:
                        bad.append(f"{col} is {row[col]} but period {row['period']!r} gives {value} (correct one "
                                   "of them, or empty period_start/period_end to have them computed)")
        ps, pe = row.get("period_start"), row.get("period_end")
        if isinstance(ps, int) and isinstance(pe, int) and pe < ps:
            bad.append(f"period_end {pe} is before period_start {ps}")
        if dataset is Dataset.LINKS and not row.get("column_kind"):
            row["column_kind"] = "objective"
        problems.extend(f"{where} line {line}: {b}" for b in bad)
        if not bad:
            out.append(row)
    if dataset is Dataset.DOCUMENTS and not problems and len(out) != 1:
        problems.append(f"{where}: documents.csv must have exactly one row (it has {len(out)})")
    return out, problems


def _sniff_delimiter(header_line: str) -> str:
    """Spreadsheets in some languages save CSV with ';' (or tabs): pick the delimiter the header uses."""
    best, count = ",", header_line.count(",")
    for d in (";", "\t"):
        if header_line.count(d) > count:
            best, count = d, header_line.count(d)
    return best


def read_companion(path: Path, dataset: Dataset, document_id: str) -> tuple[list[dict[str, Any]], list[str]]:
    """An edited companion CSV, checked: (typed rows, problems)."""
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [f"{where}: cannot be read ({exc.strerror or exc})"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [f"{where}: is not saved as UTF-8; in your spreadsheet use 'Save as' > 'CSV UTF-8' "
                    "(comma delimited)"]
    if not text.strip():
        return [], [f"{where}: is empty; it needs at least the header row"]
    first = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
        body = list(reader)
    except csv.Error as exc:
        return [], [f"{where}: is not a readable CSV file ({exc})"]
    expected = list(GOLD_COLUMNS[dataset])
    problems = []
    missing = [c for c in expected if c not in header and c != "notes"]
    unknown = [h for h in header if h not in expected and h]
    if missing:
        problems.append(f"{where}: missing column(s) {', '.join(repr(c) for c in missing)}; the header row must be: "
                        f"{','.join(expected)}")
    if unknown:
        problems.append(f"{where}: unknown column(s) {', '.join(repr(c) for c in unknown)}; the header row must be: "
                        f"{','.join(expected)}")
    dupes = [h for h, n in Counter(header).items() if n > 1 and h]
    if dupes:
        problems.append(f"{where}: column(s) {', '.join(repr(c) for c in dupes)} appear more than once")
    if problems:
        return [], problems
    rows = []
    for i, cells in enumerate(body, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank line
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(f"{where} line {i}: has {len(cells)} cells but the header has {len(header)} columns "
                            "(a comma inside a text that is not in quotes?)")
            continue
        rows.append((i, {h: (cells[k] if k < len(cells) else "") for k, h in enumerate(header) if h}))
    typed, row_problems = parse_gold_rows(rows, dataset, document_id, where)
    return typed, problems + row_problems


# ---------------------------------------------------------------------------------------------------------
# Gold rows -> record dataclasses


def _prefix_index(records: list, dataset: Dataset) -> tuple[dict, dict, dict]:
    """Extracted records by full key, by key without its last column, and by first key column."""
    by_key: dict = defaultdict(list)
    by_prefix: dict = {}
    by_first: dict = {}
    for r in records:
        k = row_key(record_dict(r), dataset)
        by_key[k].append(r)
        by_prefix.setdefault(k[:-1], r)
        by_first.setdefault(k[:1], r)
    return by_key, by_prefix, by_first


def gold_records(dataset: Dataset, rows: list[dict[str, Any]], extracted: list, source_file: str,
                 sha256: str = "") -> list:
    """Typed gold rows as the record dataclasses of `dataset`: review_status "reviewed", `source_file` set, id
    columns empty (reconciliation fills them). Fields gold does not carry (`table_index`, `horizon_label`) come
    from the matching extracted row when there is one."""
    cls = RECORD_TYPES[dataset]
    if dataset is Dataset.DOCUMENTS:
        base = next((r for r in extracted if isinstance(r, DocumentRecord)), None)
        if base is None:
            raise ReviewError("no extracted documents row to apply the reviewed title/period to")
        row = rows[0]
        return [replace(base, **{c: row[c] for c in GOLD_COLUMNS[dataset] if c not in ("notes", "document_id")},
                        source_file=base.source_file or source_file, sha256=base.sha256 or sha256)]
    by_key, by_prefix, by_first = _prefix_index(extracted, dataset)
    used: Counter = Counter()
    out = []
    names = [f.name for f in fields(cls)]
    for row in rows:
        k = row_key(row, dataset)
        match = None
        candidates = by_key.get(k, [])
        if used[k] < len(candidates):
            match = candidates[used[k]]
            used[k] += 1
        match = match or by_prefix.get(k[:-1]) or by_first.get(k[:1])
        values: dict[str, Any] = {}
        for name in names:
            if name in ID_COLUMNS:
                values[name] = ""
            elif name == "source_file":
                values[name] = source_file
            elif name == "review_status":
                values[name] = REVIEWED
            elif name in row:
                values[name] = row[name]
            elif name in _CARRIED:
                values[name] = getattr(match, name) if match is not None else _CARRIED[name]
        out.append(cls(**values))
    return out


# ---------------------------------------------------------------------------------------------------------
# 3. apply_reviews


def reviews_digest(document_id: str, gold_dir: str | Path = GOLD_DIR) -> str:
    """A digest of everything `apply_reviews` reads for one document (its gold folder: REVIEWED.json and the
    dataset files), so a cached result that applied the reviews is used only while they are unchanged."""
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
        try:
            dataset = Dataset(name)
            gold = load_gold(document_id, dataset, gold_dir)
            if gold is None:
                raise ReviewError(f"{Path(gold_dir) / document_id / (name + '.csv')} is missing")
            rows, problems = parse_gold_rows(
                ((i + 2, r) for i, r in enumerate(gold.to_dict("records"))), dataset, document_id,
                f"{Path(gold_dir) / document_id / (name + '.csv')}")
            if problems:
                raise ReviewError("; ".join(problems[:3]))
            datasets[dataset] = gold_records(dataset, rows, list(extraction.datasets.get(dataset, [])),
                                             extraction.source_file, sha256)
        except Exception as exc:
            errors.append(ErrorItem(extraction.source_file, "validate",
                                    f"reviewed gold for {name} was not applied: {exc}", None, name))
    return replace(extraction, datasets=datasets, errors=errors)


# ---------------------------------------------------------------------------------------------------------
# Comparing an extraction with gold (what the report shows)


@dataclass
class Comparison:
    """One dataset of one document against its gold file."""

    dataset: Dataset
    has_gold: bool
    extracted_rows: int = 0
    gold_rows: int = 0
    status: list[str] = field(default_factory=list)  # per extracted record: ok | extra | changed | nogold
    gold_match: list[dict | None] = field(default_factory=list)  # per extracted record: its gold row (ok/changed)
    missing: list[dict] = field(default_factory=list)  # gold rows nothing was extracted for

    @property
    def counts(self) -> Counter:
        c = Counter(self.status)
        c["missing"] = len(self.missing)
        return c


def _similarity(a: tuple, b: tuple) -> float:
    from rapidfuzz import fuzz

    x, y = a[-1], b[-1]
    if x is None or y is None or isinstance(x, float) or isinstance(y, float):
        return 50.0  # numbers: same place, other value
    return fuzz.ratio(str(x), str(y))


def same_value(column: str, a: Any, b: Any) -> bool:
    """Equal as the evaluation compares them (numbers exactly, text normalized)."""
    if column in NUMERIC:
        return norm_number(a) == norm_number(b)
    return norm_text(a) == norm_text(b)


def _other_columns_differ(record: Any, gold_row: dict, dataset: Dataset) -> bool:
    row = gold_row_of(record, dataset)
    return any(not same_value(c, row.get(c, ""), gold_row.get(c, "")) for c in GOLD_COLUMNS[dataset]
               if c not in ("document_id", "notes") and c in gold_row)


def compare(dataset: Dataset, records: list, gold: pd.DataFrame | None) -> Comparison:
    """Which extracted rows match gold, which are extra, which changed (same key except its last column, e.g.
    the same unit and period with another figure), and which gold rows are missing."""
    if gold is None:
        return Comparison(dataset, False, len(records), 0, ["nogold"] * len(records), [None] * len(records))
    from pipeline.frames import to_frame

    frame = to_frame(dataset, records)
    missing_keys, extra_keys = differences(frame, gold, dataset)
    gold_rows = gold.to_dict("records")
    gold_by_key: dict = defaultdict(list)
    for g in gold_rows:
        gold_by_key[row_key(g, dataset)].append(g)
    # pair missing and extra keys that share everything but the last key column
    miss_by_prefix: dict = defaultdict(list)
    for k in missing_keys:
        miss_by_prefix[k[:-1]].append(k)
    extra_by_prefix: dict = defaultdict(list)
    for k in extra_keys:
        extra_by_prefix[k[:-1]].append(k)
    changed: dict = defaultdict(list)  # extracted key -> gold keys
    paired_missing: Counter = Counter()
    paired_extra: Counter = Counter()
    for prefix, extras in extra_by_prefix.items():
        misses = miss_by_prefix.get(prefix, [])
        if not misses:
            continue
        pairs = sorted(((_similarity(e, m), i, j) for i, e in enumerate(extras) for j, m in enumerate(misses)),
                       key=lambda t: -t[0])
        taken_e, taken_m = set(), set()
        for sim, i, j in pairs:
            if i in taken_e or j in taken_m or sim < 40:
                continue
            taken_e.add(i)
            taken_m.add(j)
            changed[extras[i]].append(misses[j])
            paired_extra[extras[i]] += 1
            paired_missing[misses[j]] += 1
    extra_left = Counter(extra_keys) - paired_extra
    comp = Comparison(dataset, True, len(records), len(gold_rows))
    for r in records:
        k = row_key(record_dict(r), dataset)
        if changed.get(k):
            gk = changed[k].pop(0)
            comp.status.append("changed")
            comp.gold_match.append(gold_by_key[gk].pop(0) if gold_by_key.get(gk) else None)
        elif extra_left[k] > 0:
            extra_left[k] -= 1
            comp.status.append("extra")
            comp.gold_match.append(None)
        else:
            g = gold_by_key[k].pop(0) if gold_by_key.get(k) else None
            # same evaluation key, but another column (title, category, focal point, ...) differs
            comp.status.append("changed" if g is not None and _other_columns_differ(r, g, dataset) else "ok")
            comp.gold_match.append(g)
    missing_left = Counter(missing_keys) - paired_missing
    for k, n in missing_left.items():
        comp.missing.extend(gold_by_key[k][:n])
        gold_by_key[k] = gold_by_key[k][n:]
    return comp


# ---------------------------------------------------------------------------------------------------------
# Companion CSVs


def _guard(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (documents are untrusted); accept removes the guard."""
    return "'" + value if value and value[0] in _FORMULA_START else value


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, str]], *, bom: bool, guard: bool) -> None:
    """Write a CSV atomically (temporary file in the same folder, then os.replace)."""
    columns = list(columns)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(columns)
            for row in rows:
                w.writerow([_guard(str(row.get(c, ""))) if guard else str(row.get(c, "")) for c in columns])
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def companion_rows(dataset: Dataset, records: list, comparison: Comparison | None) -> list[dict[str, str]]:
    """The records in the gold layout; `notes` carries the gold note of the matching gold row, if any."""
    out = []
    for i, r in enumerate(records):
        row = gold_row_of(r, dataset)
        if comparison is not None and comparison.has_gold and i < len(comparison.gold_match):
            g = comparison.gold_match[i]
            if g is not None and comparison.status[i] == "ok":
                row["notes"] = str(g.get("notes", "") or "")
        out.append(row)
    return out


# ---------------------------------------------------------------------------------------------------------
# 1. build_report


@dataclass
class ReportData:
    """Everything the HTML needs (built here, rendered by pipeline/review_html.py)."""

    document: Any
    extraction: Any
    effective: Any
    comparisons: dict[Dataset, Comparison]
    states: dict[Dataset, dict]
    companion_files: dict[Dataset, str]
    built_at: str


def build_report(path_to_document: str | Path, out_dir: str | Path = "review",
                 gold_dir: str | Path = GOLD_DIR) -> Path:
    """Read and extract one document; write `<out>/<document_id>/report.html` and the companion CSVs.

    Returns the report's path. Read errors (`pipeline.exceptions.IngestError`) propagate with their message.
    """
    from extractors import extract_all
    from pipeline.readers import read_document
    from pipeline.review_html import render_report

    doc = read_document(path_to_document)
    extraction = extract_all(doc)
    effective = apply_reviews(extraction, doc.sha256, gold_dir)
    states = review_state(gold_dir, doc.document_id, doc.sha256)
    comparisons = {}
    for d in Dataset:
        comparisons[d] = compare(d, list(extraction.datasets.get(d, [])), load_gold(doc.document_id, d, gold_dir))
    folder = Path(out_dir) / doc.document_id
    folder.mkdir(parents=True, exist_ok=True)
    companion_files = {}
    for d in Dataset:
        records = list(effective.datasets.get(d, []))
        if states[d]["state"] == "reviewed":
            cmp = compare(d, records, load_gold(doc.document_id, d, gold_dir))
        else:
            cmp = comparisons[d]
        target = folder / f"{d.value}.csv"
        write_csv(target, GOLD_COLUMNS[d], companion_rows(d, records, cmp), bom=True, guard=True)
        companion_files[d] = target.name
    data = ReportData(doc, extraction, effective, comparisons, states, companion_files, _now())
    report = folder / REPORT_FILE
    _atomic_write_text(report, render_report(data))
    manifest = {
        "document_id": doc.document_id,
        "source_file": doc.source_file,
        "source_path": str(Path(path_to_document).resolve()),
        "sha256": doc.sha256,
        "built_at": data.built_at,
        "datasets": {d.value: {"file": companion_files[d], "rows": len(effective.datasets.get(d, [])),
                               "state": states[d]["state"]} for d in Dataset},
    }
    _atomic_write_text(folder / MANIFEST_FILE, json.dumps(manifest, indent=2) + "\n")
    return report


# ---------------------------------------------------------------------------------------------------------
# 2. accept


@dataclass(frozen=True)
class Accepted:
    dataset: str
    rows: int
    previous_rows: int | None  # rows of the gold file before (None: there was none)
    added: int  # rows not in the previous gold (by evaluation key)
    removed: int  # previous gold rows no longer there
    gold_file: str


def _atomic_write_text(path: Path, text: str) -> None:
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def accept(document_path: str | Path, review_dir: str | Path = "review", gold_dir: str | Path = GOLD_DIR,
           dataset: Dataset | str | None = None, reviewer: str = "") -> list[Accepted]:
    """Make the reviewer's edited companion CSV(s) the gold of this document.

    Every selected CSV is checked first; if any has a problem nothing is written and `AcceptError` lists them
    all (file, line, what to fix). Then each gold file is replaced atomically and REVIEWED.json records the
    dataset as accepted for the document's current bytes.
    """
    document_path = Path(document_path)
    if not document_path.is_file():
        raise ReviewError(f"{document_path}: no such document file")
    document_id = document_id_for(document_path.name)
    if document_id in _RESERVED_IDS:
        raise ReviewError(f"{document_path}: the name gives document id {document_id!r}, which gold/ reserves; "
                          "rename the file")
    sha = file_sha256(document_path)
    folder = Path(review_dir) / document_id
    manifest_path = folder / MANIFEST_FILE
    if not manifest_path.exists():
        raise ReviewError(f"no review files for {document_path.name} in {folder}: run "
                          f"`ituplans review {document_path}` first, edit the CSV files, then accept")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ReviewError(f"{manifest_path} is damaged ({exc}); run `ituplans review {document_path}` again") from None
    if manifest.get("sha256") != sha and manifest.get("source_file") not in (None, document_path.name):
        raise ReviewError(
            f"the review files in {folder} were made from {manifest.get('source_file')}, not {document_path.name}: "
            f"accept with that file, or run `ituplans review {document_path}` first")
    if manifest.get("sha256") != sha:
        raise ReviewError(
            f"{document_path.name} has changed since its review files were made (they were made from "
            f"{manifest.get('source_file', '?')} with other content): run `ituplans review {document_path}` again "
            "and redo the corrections on the new files")
    if dataset is not None:
        selected = [_dataset(dataset)]
        if not (folder / f"{selected[0].value}.csv").exists():
            raise ReviewError(f"{folder / (selected[0].value + '.csv')} does not exist; run "
                              f"`ituplans review {document_path}` first")
    else:
        selected = [d for d in Dataset if (folder / f"{d.value}.csv").exists()]
        if not selected:
            raise ReviewError(f"no companion CSV files in {folder}; run `ituplans review {document_path}` first")

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

    types_by = {d: _field_types(d) for d in selected}
    results = []
    reviewed = load_reviewed(gold_dir, document_id)
    now = _now()
    for d in selected:
        target = Path(gold_dir) / document_id / f"{d.value}.csv"
        previous = load_gold(document_id, d, gold_dir)
        rows_out = [{c: ("" if c == "notes" and not r.get(c) else _format_value(c, r.get(c), types_by[d].get(c, "str")))
                     for c in GOLD_COLUMNS[d]} for r in parsed[d]]
        new_frame = pd.DataFrame(rows_out, columns=list(GOLD_COLUMNS[d]))
        buf = io.StringIO()
        new_frame.to_csv(buf, index=False, lineterminator="\n")
        _atomic_write_text(target, buf.getvalue())
        added = removed = 0
        if previous is not None:
            removed_keys, added_keys = differences(new_frame, previous, d)
            added, removed = len(added_keys), len(removed_keys)
        results.append(Accepted(d.value, len(rows_out), None if previous is None else len(previous), added, removed,
                                str(target)))
        entry = {"sha256": sha, "source_file": document_path.name, "accepted_at": now, "rows": len(rows_out)}
        if reviewer:
            entry["reviewer"] = reviewer
        reviewed["datasets"][d.value] = entry
        reviewed["history"].append({"dataset": d.value, **entry})
    reviewed["document_id"] = document_id
    reviewed["datasets"] = dict(sorted(reviewed["datasets"].items()))
    _atomic_write_text(reviewed_path(gold_dir, document_id), json.dumps(reviewed, indent=2, ensure_ascii=False) + "\n")
    return results


__all__ = [
    "GOLD_COLUMNS", "ReviewError", "AcceptError", "Accepted", "Comparison", "build_report", "accept",
    "apply_reviews", "compare", "load_reviewed", "review_state", "read_companion", "parse_gold_rows",
    "gold_records", "file_sha256",
]
