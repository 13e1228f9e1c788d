"""Goals and objectives stated in running text (`Objective 3: Produce recommendations ...`), with the short
titles their objectives-and-outputs matrices give them."""

from __future__ import annotations

import re

from extractors.base import Extraction
from extractors.matrices import matrix_columns
from extractors.scope import scope_of
from extractors.text import clean, strip_quotes
from pipeline.model import Document, Heading, ListItem, Paragraph, Table, split_number
from pipeline.records import Dataset, Objective

DATASET = Dataset.OBJECTIVES
# "Objective 3: ...", "Goal 1:", "Strategic goal 2 -", "Objective R.1:" (sector-prefixed numbers of later plans)
NUMBER = r"((?:[A-Z]{1,2}[.-]?)?\d{1,2}(?:\.\d{1,2})?)"
_STATEMENT = re.compile(
    r"^[“”\"'‘’\s]*(?:(?:strategic|sectoral|intersectoral|specific)\s+)?(Objective|Goal)\s+" + NUMBER
    + r"(?![\d.]*\d)\s*[:.–—-]?\s*(.*)$", re.I | re.S,
)
MIN_WORDS = 10


def _titles(doc: Document) -> dict[tuple[str, str, str], str]:
    titles = {}
    for table in doc.tables:
        found = matrix_columns(table)
        if not found:
            continue
        scope = scope_of(doc, table.context, clean(table.context.caption))
        for kind, number, title in found[1].values():
            key = ("Union" if kind == "goal" else scope, kind, number)
            titles.setdefault(key, title)
    return titles


def extract(doc: Document) -> Extraction:
    titles = _titles(doc)
    seen, records = set(), []
    headings: list[Heading] = []
    blocks = [b for b in doc.blocks]
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            continue
        if isinstance(block, Heading):
            # "4.2.3 Objective 3: Produce ..." is often short enough to look like a heading
            if not _STATEMENT.match(block.text):
                while headings and headings[-1].level >= block.level:
                    headings.pop()
                headings.append(block)
                continue
        text = clean(block.text)
        number_prefix, rest = split_number(text)
        if number_prefix and _STATEMENT.match(rest):  # "4.2.1 Objective 1: ..."
            text = rest
        m = _STATEMENT.match(text)
        if not m:
            continue
        kind, number, statement = m.group(1).lower(), m.group(2), m.group(3)
        if not statement.strip() and i + 1 < len(blocks) and isinstance(blocks[i + 1], (Paragraph, ListItem)):
            statement = clean(blocks[i + 1].text)  # "Goal 1:" alone, the statement in the next paragraph
        statement = strip_quotes(clean(statement)).rstrip(";").strip()
        statement = strip_quotes(statement)
        if len(statement.split()) < MIN_WORDS:
            continue  # a short label that refers to an objective, not a statement
        chain = tuple(h.full_text for h in headings)
        scope = "Union" if kind == "goal" else scope_of(doc, None, "", chain)
        key = (scope, kind, number)
        if key in seen:
            continue
        seen.add(key)
        records.append(Objective(doc.document_id, scope, kind, number, titles.get(key, ""), statement))
    return Extraction({DATASET: records}, frozenset())
