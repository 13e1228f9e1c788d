"""Council cover sheets: the numbered boxes (`1 Subject:`, `2 Purpose`, `3 Background`, `4 Recommendation`,
`5 Implications`; a `Ref. doc.` column beside them) that wrap a plan submitted to the Council in 2001-2004.

A cover is read as a cover: its `Subject` is the plan's printed title and its boxes belong to the document's
opening text, never to the plan's own tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.text import clean, vocab
from pipeline.model import Document, Table

OPENING_TABLES = 2  # a cover stands before the plan: among the first tables of a document


@dataclass(frozen=True)
class Cover:
    table_index: int
    fields: tuple[tuple[str, str], ...]  # (label as a vocabulary word, text), in reading order

    def get(self, label: str) -> str:
        return next((text for name, text in self.fields if name == label and text), "")

    @property
    def subject(self) -> str:
        return self.get("subject")

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.fields if text)


def _label(paragraph: str) -> tuple[str, str] | None:
    """(`subject`, `the rest of the line`) when a paragraph opens with a box label: `1 Subject: X`, `2 Purpose`."""
    t = clean(paragraph)
    m = re.match(r"^\s*(?:\d{1,2}\s*[.)]?\s*)?([A-Za-z][A-Za-z ]{2,30}?)\s*(?::\s*(.*)|$)", t)
    if not m:
        return None
    name = m.group(1).strip().lower()
    return (name, clean(m.group(2) or "")) if name in vocab().get("cover_label", ()) else None


def _is_reference(text: str) -> bool:
    return clean(text).lower() in vocab().get("cover_reference", ())


def read_cover(table: Table) -> Cover | None:
    """The boxes of a cover table, None when fewer than three of its cells open with a box label."""
    fields: list[tuple[str, str]] = []
    for row in table.rows():
        pending = None  # a label alone in its cell: its text is in the next cell of the row
        for cell in row:
            paragraphs = [p for p in cell.text.split("\n") if clean(p)]
            if not paragraphs or _is_reference(paragraphs[0]):
                continue
            found = _label(paragraphs[0])
            if found:
                name, rest = found
                text = clean(" ".join([rest, *paragraphs[1:]]))
                fields.append((name, text))
                pending = None if text else len(fields) - 1
            elif pending is not None:
                fields[pending] = (fields[pending][0], clean(cell.text))
                pending = None
    if len({name for name, _ in fields}) < 3:
        return None
    return Cover(table.index, tuple(fields))


def cover_of(doc: Document) -> Cover | None:
    for table in doc.tables[:OPENING_TABLES]:
        found = read_cover(table)
        if found is not None:
            return found
    return None
