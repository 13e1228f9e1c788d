"""Targets of the Union (strategic plans since 2016): `Target 1.1: Worldwide, 55% of households should have
access to the Internet by 2020`, in paragraphs, list items or table cells, numbered under their goal (`1.1`,
`2.1.A`). The year a target is set for (`by 2020`) is published as target_year."""

from __future__ import annotations

import re

from extractors.base import Extraction
from extractors.profile import REPORT, profile
from extractors.text import clean, strip_quotes
from pipeline.model import Document, Heading, ListItem, Paragraph, Table
from pipeline.model import split_number
from pipeline.records import Dataset, Target

DATASET = Dataset.TARGETS
_TARGET = re.compile(r"^[“”\"'‘’\s]*target\s+((\d{1,2})(?:\.\d{1,2})*(?:\.?[A-Z])?)\s*[:.–—-]?\s+(?=\S)(.*)$", re.I | re.S)
_YEAR = re.compile(r"\b(?:by|until|before|in|through|for)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b", re.I)
MIN_WORDS = 4


def target_year(text: str) -> int | None:
    """`... by 2020` -> 2020 (the last such year); None when the target names no year."""
    found = _YEAR.findall(text)
    return int(found[-1]) if found else None


def parse_target(text: str) -> tuple[str, str, str] | None:
    """(goal number, target number, target) from `Target 2.1.A: In the developing world, ...`."""
    t = clean(text)
    m = _TARGET.match(t)
    if m is None:
        number, rest = split_number(t)
        m = _TARGET.match(rest) if number else None
    if m is None:
        return None
    target = strip_quotes(clean(m.group(3))).rstrip(";").strip()
    if len(target.split()) < MIN_WORDS:
        return None  # `Target 1.1` as a label or a reference
    return m.group(2), m.group(1), target


def extract(doc: Document) -> Extraction:
    if profile(doc).plan_kind == REPORT:
        return Extraction({DATASET: []})
    records, seen, used = [], set(), set()
    for block in doc.blocks:
        texts: list[tuple[str, int]] = []
        if isinstance(block, Table):
            texts = [(p, block.index) for c in block.cells for p in c.text.split("\n")]
        elif isinstance(block, (Heading, Paragraph, ListItem)):
            texts = [(block.full_text if isinstance(block, Heading) else block.text, -1)]
        for text, table_index in texts:
            found = parse_target(text)
            if found is None or found[1] in seen:
                continue
            seen.add(found[1])
            goal, number, target = found
            records.append(Target(doc.document_id, goal, number, target, target_year(target), table_index))
            if table_index >= 0:
                used.add(table_index)
    return Extraction({DATASET: records}, frozenset(used))
