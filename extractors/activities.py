"""Activity-code lists (annexes): a code column (`GA001`, `TLC06`), a description column, and group rows."""

from __future__ import annotations

import re

from extractors.base import Extraction
from extractors.tables import texts
from extractors.text import clean, has_term
from pipeline.model import Document, Table
from pipeline.records import Activity, Dataset

DATASET = Dataset.ACTIVITIES
_CODE = re.compile(r"^[A-Z]{1,5}[- ]?\d{2,4}[A-Z]?$")


def is_activity_table(table: Table) -> bool:
    rows = [texts(r) for r in table.rows()]
    found = [r[0] for r in rows if r and _CODE.match(r[0])]
    header = any(has_term(" ".join(r), "activity_header") for r in rows[:2])
    return len(found) >= 3 and (header or (len(found) >= 0.6 * len(rows) and _in_series(found)))


def _in_series(codes: list[str]) -> bool:
    """Activity codes are numbered in series (`GA001`, `GA002`, `CNF01` ...): most prefixes recur. Event names
    with their year (`PP-10`, `WTDC-10`, `WTSA-08`) each stand once: a list of documents or events, not codes."""
    prefixes = [re.match(r"[A-Z]+", c).group(0) for c in codes]
    repeated = sum(1 for p in prefixes if prefixes.count(p) > 1)
    return repeated >= 0.5 * len(prefixes)


def description_columns(table: Table) -> set[int]:
    """Grid columns whose header names the description (`Activity`, `Descriptions`), when the header also names
    other columns (`Unit`, `Output`): their text is not part of the description. Empty: every column after the code."""
    for row in table.rows()[:2]:
        cells = [(c.col, clean(c.text)) for c in row]
        if not has_term(" ".join(t for _, t in cells), "activity_header") or len([t for _, t in cells if t]) < 3:
            continue
        found = {col for col, t in cells[1:] if has_term(t, "activity_description")}
        if found and len(found) < len(cells) - 1:
            return found
    return set()


def extract(doc: Document) -> Extraction:
    records, used = [], set()
    for table in doc.tables:
        if not is_activity_table(table):
            continue
        used.add(table.index)
        group = ""
        columns = description_columns(table)
        for row in table.rows():
            cells = texts(row)
            if not cells or not any(cells):
                continue
            if _CODE.match(cells[0]):
                rest = [(c.col, t) for c, t in zip(row[1:], cells[1:])]
                description = " ".join(t for col, t in rest if t and (not columns or col in columns))
                records.append(Activity(doc.document_id, group, cells[0], description, table.index))
            elif has_term(" ".join(cells), "activity_header") and len(" ".join(cells).split()) <= 4:
                continue
            else:
                label = [c for c in cells if c]
                if len(label) == 1:
                    group = label[0]
    return Extraction({DATASET: records}, frozenset(used))
