"""What a part of a document lists, from its heading or a short label paragraph (`Outcomes and outcome
indicators`, `2.2 Outputs`, `Targets of the Union`, `Enablers`): coded lines (`R.1-7 ...`) are outcomes or outputs
by the section they stand in, never by their code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from extractors.text import clean, has_term
from pipeline.model import Block, Document, Heading, ListItem, Paragraph

OUTCOMES, OUTPUTS, TARGETS, INDICATORS, ENABLERS = "outcomes", "outputs", "targets", "indicators", "enablers"
_ROLES = {OUTCOMES: "outcome_column", OUTPUTS: "outputs_header", TARGETS: "target_section",
          INDICATORS: "indicator_column", ENABLERS: "enabler_section"}
LABEL_WORDS = 6  # a label paragraph (`Outcomes:`, `Outputs`) is short


def roles_of(text: str) -> frozenset[str]:
    t = clean(text)
    found = {name for name, role in _ROLES.items() if has_term(t, role)}
    if INDICATORS in found and OUTCOMES in found and not has_term(t.replace("outcome indicator", ""), "outcome_column"):
        found.discard(OUTCOMES)  # `Outcome indicators` alone: the indicators of outcomes, not outcomes
    return frozenset(found)


def is_label(block: Block) -> bool:
    """A short paragraph that names what follows (`Outcomes:`, `Enablers`), not a sentence."""
    if not isinstance(block, Paragraph):
        return False
    text = clean(block.text)
    return 0 < len(text.split()) <= LABEL_WORDS and not text.endswith(".") and bool(roles_of(text))


@dataclass(frozen=True)
class Placed:
    index: int
    block: Block
    roles: frozenset[str]  # what the enclosing section lists
    headings: tuple[str, ...]  # the enclosing headings, outermost first (a heading: those above it)


def walk(doc: Document) -> Iterator[Placed]:
    """Every block with the roles of the section it stands in (the nearest heading's, or a label paragraph's
    since that heading) and the chain of headings it stands under."""
    roles: frozenset[str] = frozenset()
    chain: list[Heading] = []
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            while chain and chain[-1].level >= block.level:
                chain.pop()
            yield Placed(i, block, roles_of(block.text), tuple(h.full_text for h in chain))
            chain.append(block)
            roles = roles_of(block.text)
            continue
        if is_label(block):
            label = roles_of(block.text)
            roles = roles | label if label == {INDICATORS} else label  # `Outcome indicators:` inside outcomes
        yield Placed(i, block, roles, tuple(h.full_text for h in chain))


def text_of(block: Block) -> str:
    if isinstance(block, Heading):
        return block.full_text
    if isinstance(block, (Paragraph, ListItem)):
        return block.text
    return ""

