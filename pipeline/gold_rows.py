"""Rows in the gold layout, both ways: text cells (a gold file, a reviewer's edited CSV) -> checked, typed rows ->
record dataclasses; and records -> text cells as the gold files print them.

The gold layout of a dataset is its columns without generated ids and pipeline provenance, plus a free-text `notes`
column (declared in pipeline/datasets/resources.py). Production reads gold through this module when it applies
accepted reviews (pipeline/reviewed.py); the reviewer workflow (pipeline/review/) writes and checks it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import fields, replace
from typing import Any, Iterable

import pandas as pd

from pipeline.datasets import resource
from pipeline.exceptions import ReviewError
from pipeline.gold import KEYS, NUMERIC, norm_number, norm_text
from pipeline.model import normalize_space
from pipeline.records import RECORD_TYPES, Dataset, DocumentRecord

REVIEWED = "reviewed"
NOTES = "notes"

# The layout of the gold files (and of the companion CSVs), declared per dataset in pipeline/datasets/resources.py
# (`review`): the dataset's columns without generated ids and pipeline provenance, plus a free-text `notes`
# column. tests/review checks these against gold/*/ headers.
GOLD_COLUMNS: dict[Dataset, tuple[str, ...]] = {d: resource(d).gold_columns for d in Dataset}
ID_COLUMNS = {c for d in Dataset for c in resource(d).id_columns}
# Gold columns that may be empty (every other column needs a value in every row).
MAY_BE_EMPTY: dict[Dataset, set[str]] = {d: set(resource(d).review_may_be_empty) for d in Dataset}
# Record fields a gold row does not carry and that are taken from the matching extracted row when there is one.
_CARRIED = {c: v for d in Dataset if d is not Dataset.DOCUMENTS for c, v in resource(d).carried.items()}
# A spreadsheet runs a cell starting with one of these as a formula: the reviewer's CSV guards it with a `'`.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def field_types(dataset: Dataset) -> dict[str, str]:
    """'int' / 'float' / 'str' per record field, as the schema types them."""
    from pipeline.schema import field_specs

    return {s.name: s.type for s in field_specs(dataset)}


def allowed_values(dataset: Dataset, column: str) -> tuple[str, ...] | None:
    from pipeline.schema import ALLOWED, ALLOWED_PER_DATASET

    return ALLOWED_PER_DATASET.get((dataset.value, column)) or ALLOWED.get(column)


def row_key(row: dict, dataset: Dataset) -> tuple:
    """The evaluation key of one row, normalized exactly as `pipeline.gold.key_tuples` does."""
    return tuple(norm_number(row.get(k)) if k in NUMERIC else norm_text(row.get(k)) for k in KEYS[dataset])


def record_dict(record: Any) -> dict:
    return {f.name: getattr(record, f.name) for f in fields(record)}


def format_value(column: str, value: Any, ftype: str) -> str:
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
    types = field_types(dataset)
    d = record_dict(record)
    return {c: ("" if c == NOTES else format_value(c, d.get(c), types.get(c, "str"))) for c in GOLD_COLUMNS[dataset]}


def formatted(rows: Iterable[dict[str, Any]], dataset: Dataset) -> list[tuple[str, ...]]:
    """Typed rows (from `parse_gold_rows`) as the text tuples a gold file holds, in GOLD_COLUMNS order."""
    types = field_types(dataset)
    return [tuple(("" if c == NOTES and not r.get(c) else format_value(c, r.get(c), types.get(c, "str")))
                  for c in GOLD_COLUMNS[dataset]) for r in rows]


# ---------------------------------------------------------------------------------------------------------
# Text cells -> typed rows


def _parse_int(text: str) -> int | None:
    from extractors.text import parse_number

    n = parse_number(text)
    if n is None or not float(n).is_integer():
        return None
    return int(n)


def _typed_cell(dataset: Dataset, col: str, text: str, ftype: str, optional: set[str],
                bad: list[str], unparsable: set[str]) -> Any:
    from extractors.text import parse_number

    if not text:
        if col != NOTES and col not in optional and col not in {"period_start", "period_end"}:
            bad.append(f"column '{col}' is empty; every row needs a value there (delete the row if it is not a "
                       "real one)")
        return None if ftype in ("int", "float") else ""
    if ftype == "int":
        n = _parse_int(text)
        if n is None:
            unparsable.add(col)
            bad.append(f"column '{col}' is {text!r}, not a whole number (a year like 2008)")
        return n
    if ftype == "float":
        n = parse_number(text)
        if n is None:
            bad.append(f"column '{col}' is {text!r}, not a number (write e.g. 4.7 or 1200000; use a point for "
                       "decimals)")
        return n
    allowed = allowed_values(dataset, col)
    if allowed is not None and text not in allowed:
        bad.append(f"column '{col}' is {text!r}; allowed values: {', '.join(allowed)}")
    return text


def _check_period(row: dict[str, Any], unparsable: set[str], bad: list[str]) -> None:
    from extractors.text import parse_period

    p = parse_period(row["period"])
    if p is None:
        bad.append(f"period {row['period']!r} is not a period like 2008 or 2009-2011 (a spreadsheet may have "
                   "turned it into a date: format the column as text and type it again)")
        return
    for col, value in (("period_start", p[0]), ("period_end", p[1])):
        if row.get(col) is None and col not in unparsable:
            row[col] = value  # empty: computed from the period
        elif row.get(col) is not None and row[col] != value:
            bad.append(f"{col} is {row[col]} but period {row['period']!r} gives {value} (correct one of them, or "
                       "empty period_start/period_end to have them computed)")


def parse_gold_rows(rows: Iterable[tuple[int, dict[str, str]]], dataset: Dataset, document_id: str,
                    where: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Check and type rows in the gold layout. `rows` are (line number, {column: text}).

    Returns (typed rows, problems); each problem names `where` and the line, says what is wrong and how to fix it.
    """
    types = field_types(dataset)
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
            if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
                text = text[1:]  # the guard the companion CSV puts before cells a spreadsheet would run
            text = text if col == NOTES else normalize_space(text)
            if col == "document_id":
                if text and text != document_id:
                    bad.append(f"document_id is {text!r} but this document is {document_id!r}")
                row[col] = document_id
                continue
            row[col] = _typed_cell(dataset, col, text, types.get(col, "str"), optional, bad, unparsable)
        if "period" in GOLD_COLUMNS[dataset] and row.get("period"):
            _check_period(row, unparsable, bad)
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


def frame_rows(frame: pd.DataFrame) -> list[tuple[int, dict[str, str]]]:
    """A gold file read as strings -> (line number, row) pairs for `parse_gold_rows` (line 1 is the header)."""
    return [(i + 2, r) for i, r in enumerate(frame.to_dict("records"))]


# ---------------------------------------------------------------------------------------------------------
# Typed rows -> records


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
        return [replace(base, **{c: row[c] for c in GOLD_COLUMNS[dataset] if c not in (NOTES, "document_id")},
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
