"""Objectives-and-outputs matrices: outputs down the side, objectives (or goals) across the top, an "x" where
an output serves an objective. One record per marked cell."""

from __future__ import annotations

import re

from extractors.base import Extraction
from extractors.scope import scope_of
from extractors.text import clean, label
from pipeline.model import Document, Table
from pipeline.records import Dataset, OutputObjectiveLink

DATASET = Dataset.LINKS
_COLUMN = re.compile(r"^\s*(?:(?:strategic|sectoral|intersectoral)\s+)?(objective|goal)\s*((?:[A-Z]{1,2}[.-]?)?\d{1,2}(?:\.\d{1,2})?)\b", re.I)
_MARK = re.compile(r"^\s*[x✓✔√☑•■●X]\s*$")


def is_mark(text: str) -> bool:
    """A cell that marks a link (`x`, a tick, a bullet)."""
    return bool(_MARK.match(text or ""))


def matrix_columns(table: Table) -> tuple[int, dict[int, tuple[str, str, str]]] | None:
    """(header row, {grid column: (kind, number, short title)}) when a table is an objectives matrix."""
    for r, row in enumerate(table.rows()[:3]):
        cols = {}
        for c in row:
            m = _COLUMN.match(clean(c.text))
            if m:
                title = clean(_COLUMN.sub("", clean(c.text), count=1)).lstrip(":–- ")
                cols[c.col] = (m.group(1).lower(), m.group(2), title)
        if len(cols) >= 2:
            return r, cols
    return None


def extract(doc: Document) -> Extraction:
    records, used = [], set()
    for table in doc.tables:
        found = matrix_columns(table)
        if not found:
            continue
        header_row, cols = found
        used.add(table.index)
        caption = clean(table.context.caption or table.context.preceding_text)
        scope = scope_of(doc, table.context, caption)
        grid = table.grid()
        for r, row in enumerate(table.rows()):
            if r <= header_row or grid[r][0] is None:
                continue
            output = label(grid[r][0].text)  # the label may be merged down over several rows
            if not output:
                continue
            for c in row:
                if c.col == 0:
                    continue
                if c.col in cols and is_mark(c.text):
                    kind, number, _ = cols[c.col]
                    records.append(
                        OutputObjectiveLink(doc.document_id, caption, scope, output, "", number, kind, table.index)
                    )
    return Extraction({DATASET: records}, frozenset(used))
