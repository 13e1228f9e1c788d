"""Documentation / service-level tables (pages translated, typed, reproduced per period)."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.tables import heading_subject, numeric_body, numeric_kind, title_above
from extractors.text import has_term, label as row_label, parse_period
from pipeline.model import Document
from pipeline.records import Dataset, ServiceLevel

DATASET = Dataset.SERVICE_LEVELS


def extract(doc: Document) -> Extraction:
    records, used = [], set()
    for table in doc.tables:
        kind = numeric_kind(table)
        if not kind or kind[0] != "service_levels":
            continue
        header = kind[1]
        measure = header.corner if has_term(header.corner, "service_levels") or len(header.corner.split()) <= 2 else ""
        title = title_above(table, header.row)
        if title == header.corner:
            title = ""
        output = title or heading_subject(table.context)
        used.add(table.index)
        for label_cell, values in numeric_body(table, header):
            service = row_label(label_cell.text)
            if not service:
                continue
            for col, value in values.items():
                label = header.columns[col]
                start, end = parse_period(label)
                records.append(
                    ServiceLevel(doc.document_id, output, "", service, label, start, end, value, measure, table.index)
                )
    return Extraction({DATASET: records}, frozenset(used))
