"""One record per document: its title, what kind of plan it is, about which body and period."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.profile import profile
from pipeline.model import Document
from pipeline.records import Dataset, DocumentRecord

DATASET = Dataset.DOCUMENTS


def extract(doc: Document) -> Extraction:
    p = profile(doc)
    record = DocumentRecord(
        doc.document_id, doc.source_file, doc.sha256, doc.format.value, p.title, p.plan_kind,
        p.period_start, p.period_end, p.body, doc.page_count, len(doc.tables),
    )
    return Extraction({DATASET: [record]}, frozenset())
