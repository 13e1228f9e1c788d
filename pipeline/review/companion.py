"""The companion CSVs: one per dataset, the file a reviewer corrects in a spreadsheet.

A companion CSV is the gold layout (pipeline/gold_rows.py) after two read-only columns:

- `check`: how the row stands against the extraction. Where gold exists the file starts from the gold rows, so an
  unchanged file changes nothing when accepted; `check` says where the extraction differs
  (`extracted: work_months=4.7`) or did not find the row (`not extracted`). A row the extraction has and gold
  has not is listed too, marked `not in gold: ...`; accept leaves such a row out until the reviewer empties its
  `check` cell. Without gold the file holds the extracted rows, `check` empty.
- `table`: the number of the source table the row comes from, as the report numbers tables ("Table 12").

Written UTF-8 with a byte-order mark (spreadsheets then detect UTF-8); read back with `,`, `;` or tab delimiters.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from pipeline.atomic import write_text_atomically
from pipeline.gold_rows import FORMULA_START, GOLD_COLUMNS, gold_row_of, parse_gold_rows
from pipeline.records import Dataset
from pipeline.review.compare import CHANGED, EXTRA, Comparison, differing_columns

CHECK, TABLE = "check", "table"
READ_ONLY = (CHECK, TABLE)
NOT_IN_GOLD = "not in gold: empty this cell to add the row"
NOT_EXTRACTED = "not extracted"


def companion_columns(dataset: Dataset) -> tuple[str, ...]:
    return READ_ONLY + GOLD_COLUMNS[dataset]


def table_label(record: Any) -> str:
    """The report's number of the table a record comes from ("" for rows not from a table)."""
    ti = getattr(record, "table_index", None)
    return str(ti + 1) if isinstance(ti, int) and ti >= 0 else ""


def _differences(record: Any, gold_row: dict, dataset: Dataset) -> str:
    extracted = gold_row_of(record, dataset)
    return "extracted: " + " | ".join(f"{c}={extracted.get(c, '')}" for c in differing_columns(record, gold_row, dataset))


def companion_rows(dataset: Dataset, records: list, comparison: Comparison) -> list[dict[str, str]]:
    """The rows of one companion CSV: the gold rows in gold order (the extraction's differences in `check`), each
    followed by the extracted rows not in gold that come after it in the document; without gold, the records."""
    if not comparison.has_gold:
        return [{CHECK: "", TABLE: table_label(r), **gold_row_of(r, dataset)} for r in records]
    extras_after: dict[int, list[dict[str, str]]] = defaultdict(list)  # gold position -> extra rows after it
    check: dict[int, str] = {}
    table: dict[int, str] = {}
    last = -1
    for i, r in enumerate(records):
        gi = comparison.gold_index(comparison.gold_match[i])
        if gi is None or comparison.status[i] == EXTRA:
            extras_after[last].append({CHECK: NOT_IN_GOLD, TABLE: table_label(r), **gold_row_of(r, dataset)})
            continue
        last = gi
        table[gi] = table_label(r)
        check[gi] = _differences(r, comparison.gold[gi], dataset) if comparison.status[i] == CHANGED else ""
    rows = list(extras_after[-1])
    for gi, g in enumerate(comparison.gold):
        rows.append({CHECK: check.get(gi, NOT_EXTRACTED), TABLE: table.get(gi, ""),
                     **{c: str(g.get(c, "") or "") for c in GOLD_COLUMNS[dataset]}})
        rows.extend(extras_after[gi])
    return rows


def _guard(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (documents are untrusted); accept removes the guard."""
    return "'" + value if value and value[0] in FORMULA_START else value


def write_companion(path: Path, dataset: Dataset, rows: list[dict[str, str]]) -> None:
    columns = companion_columns(dataset)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for row in rows:
        w.writerow([_guard(str(row.get(c, ""))) for c in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, buf.getvalue(), "utf-8-sig")


def _sniff_delimiter(header_line: str) -> str:
    """Spreadsheets in some languages save CSV with ';' (or tabs): pick the delimiter the header uses."""
    best, count = ",", header_line.count(",")
    for d in (";", "\t"):
        if header_line.count(d) > count:
            best, count = d, header_line.count(d)
    return best


def _header_problems(where: str, header: list[str], dataset: Dataset) -> list[str]:
    expected = list(companion_columns(dataset))
    shown = ",".join(expected)
    problems = []
    missing = [c for c in GOLD_COLUMNS[dataset] if c not in header and c != "notes"]
    unknown = [h for h in header if h not in expected and h]
    if missing:
        problems.append(f"{where}: missing column(s) {', '.join(repr(c) for c in missing)}; the header row must "
                        f"be: {shown}")
    if unknown:
        problems.append(f"{where}: unknown column(s) {', '.join(repr(c) for c in unknown)}; the header row must "
                        f"be: {shown}")
    dupes = [h for h, n in Counter(header).items() if n > 1 and h]
    if dupes:
        problems.append(f"{where}: column(s) {', '.join(repr(c) for c in dupes)} appear more than once")
    return problems


def _decoded(path: Path) -> tuple[str | None, str | None]:
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"{where}: cannot be read ({exc.strerror or exc})"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, (f"{where}: is not saved as UTF-8; in your spreadsheet use 'Save as' > 'CSV UTF-8' (comma "
                      "delimited)")
    if not text.strip():
        return None, f"{where}: is empty; it needs at least the header row"
    return text, None


def read_companion(path: Path, dataset: Dataset, document_id: str) -> tuple[list[dict[str, Any]], list[str]]:
    """An edited companion CSV, checked: (typed rows in the gold layout, problems). Rows still marked
    `not in gold` are left out; the read-only columns are dropped."""
    where = str(path)
    text, problem = _decoded(path)
    if problem:
        return [], [problem]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text.splitlines()[0]))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
        body = list(reader)
    except csv.Error as exc:
        return [], [f"{where}: is not a readable CSV file ({exc})"]
    problems = _header_problems(where, header, dataset)
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
        row = {h: (cells[k] if k < len(cells) else "") for k, h in enumerate(header) if h}
        if row.get(CHECK, "").strip().lower().startswith(NOT_IN_GOLD.split(":")[0]):
            continue  # an extracted row the reviewer did not take into gold
        rows.append((i, {c: v for c, v in row.items() if c not in READ_ONLY}))
    typed, row_problems = parse_gold_rows(rows, dataset, document_id, where)
    return typed, problems + row_problems
