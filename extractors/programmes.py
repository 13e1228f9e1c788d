"""The numbered sub-items of the ITU-D action-plan programmes (Bureau plans 2000-2003): `1 Regulatory reform`
with `1.1 Creation of tools for effective regulation`, `1.3 Assistance to members`, ... (gaps in the numbering are
the plan's own: items are taken as printed, never renumbered). One activities row per sub-item: `group` the
programme, `code` its number, `description` its title. Only inside a division holding programmes
(extractors/bureau_outline.py): the numbered sections of an introduction are not programmes."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.bureau_outline import outline
from pipeline.model import Document, Heading
from pipeline.records import Activity, Dataset

DATASET = Dataset.ACTIVITIES


def extract(doc: Document) -> Extraction:
    records, seen = [], set()
    for block, _, state in outline(doc):
        if not isinstance(block, Heading):
            continue
        item = state.sub_items()
        if item is not None and item not in seen:
            seen.add(item)
            programme, number, title = item
            records.append(Activity(doc.document_id, programme, number, title))
    return Extraction({DATASET: records}, frozenset())
