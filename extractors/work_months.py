"""Work-month tables: resources by department (an output's table) or by staff grade (a department's own
table), one record per number cell in a period column."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.tables import (
    continues_numeric, heading_subject, is_grade, is_total, numeric_body, numeric_kind, title_above,
    without_header_words,
)
from extractors.text import label as row_label, parse_period
from pipeline.model import Document
from pipeline.records import Dataset, RowKind, WorkMonths

DATASET = Dataset.WORK_MONTHS


def extract(doc: Document) -> Extraction:
    records, used = [], set()
    previous = None  # (table, header, output) of the last work-month table
    for table in doc.tables:
        kind = numeric_kind(table)
        carried = continues_numeric(table, *(previous[:2] if previous else (None, None)))
        if carried is not None and (not kind or kind[0] == "work_months"):
            header, output = carried, previous[2]  # the same table after a page break, its header repeated
        elif not kind or kind[0] != "work_months":
            previous = None
            continue
        else:
            header = kind[1]
            # the subject of the title cell: `PKM work months` -> `PKM` (as `IS expected results ...` -> `IS`)
            output = without_header_words(title_above(table, header.row)) or heading_subject(table.context)
        previous = (table, header, output)
        used.add(table.index)
        for label_cell, values in numeric_body(table, header):
            unit = row_label(label_cell.text)
            if not unit or not values:
                continue
            row_kind = RowKind.TOTAL if is_total(unit) else RowKind.GRADE if is_grade(unit) else RowKind.DEPARTMENT
            for col, value in values.items():
                label = header.columns[col]
                start, end = parse_period(label)
                records.append(
                    WorkMonths(doc.document_id, output, "", unit, "", row_kind.value, label, start, end, value,
                               table.index)
                )
    return Extraction({DATASET: records}, frozenset(used))
