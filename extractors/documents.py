"""One record per document: what kind of plan it is, about which body and period."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.cover import cover_of
from extractors.profile import built_title, is_title, profile
from pipeline.model import Document
from pipeline.records import Dataset, DocumentRecord

DATASET = Dataset.DOCUMENTS


def extract(doc: Document) -> Extraction:
    p = profile(doc)
    # A section heading guessed as the title (text exports have no metadata) would name the same document
    # differently in each format: the title is then built from what the document says about itself.
    # A Council cover sheet's `Subject` is the title the document prints (extractors/cover.py).
    cover = cover_of(doc)  # read as the document's cover (profile), not as one of the plan's tables
    printed = cover.subject if cover is not None else ""
    title = doc.title if is_title(doc, doc.title) else (printed or built_title(doc, p) or doc.title)
    record = DocumentRecord(
        doc.document_id, doc.source_file, doc.sha256, doc.format.value, title, p.plan_kind,
        p.period_start, p.period_end, p.body, doc.page_count, len(doc.tables),
    )
    return Extraction({DATASET: [record]}, frozenset([cover.table_index] if cover is not None else []))
