"""One record per document: what kind of plan it is, about which body and period."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.cover import cover_of
from extractors.profile import profile
from pipeline.model import Document
from pipeline.records import Dataset, DocumentRecord

DATASET = Dataset.DOCUMENTS


def extract(doc: Document) -> Extraction:
    p = profile(doc)
    record = DocumentRecord(
        doc.document_id, doc.source_file, doc.sha256, doc.format.value, doc.title, p.plan_kind,
        p.period_start, p.period_end, p.body, doc.page_count, len(doc.tables),
    )
    cover = cover_of(doc)  # read as the document's cover (profile), not as one of the plan's tables
    return Extraction({DATASET: [record]}, frozenset([cover.table_index] if cover is not None else []))
