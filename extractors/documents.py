"""One record per document: its title, what kind of plan it is, about which body and period."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.cover import cover_of
from extractors.profile import built_title, profile
from pipeline.model import Document
from pipeline.records import Dataset, DocumentRecord

DATASET = Dataset.DOCUMENTS


def extract(doc: Document) -> Extraction:
    p = profile(doc)
    # The title printed on the first page (a Council cover sheet's `Subject` included), else the file's metadata
    # title; a section heading guessed as the title (text exports have no metadata) would name the same document
    # differently in each format: the title is then built from what the document says about itself.
    title = p.title or built_title(doc, p) or doc.title
    cover = cover_of(doc)  # read as the document's cover (profile), not as one of the plan's tables
    record = DocumentRecord(
        doc.document_id, doc.source_file, doc.sha256, doc.format.value, title, p.plan_kind,
        p.period_start, p.period_end, p.body, doc.page_count, len(doc.tables),
    )
    return Extraction({DATASET: [record]}, frozenset([cover.table_index] if cover is not None else []))
