"""What a paragraph is, decided once for every format (pipeline/readers/blocks.py)."""

from __future__ import annotations

import pytest

from pipeline.model import Heading, ListItem, Paragraph
from pipeline.readers.blocks import RawLine, classify


@pytest.mark.parametrize(
    "line, kind, number, text",
    [
        ("II.1.4 Documentation", Heading, "II.1.4", "Documentation"),
        ("2 Introduction", Heading, "2", "Introduction"),
        # regression: a footnote with its number was a level-1 heading, changing every later table's context
        ("1 Formerly known as the Policy Division.", Paragraph, "", "1 Formerly known as the Policy Division."),
        ("• Number of regulators attending", ListItem, "", "Number of regulators attending"),
        # regression: arrow bullets were plain paragraphs
        ("➢ Number of regulators attending", ListItem, "", "Number of regulators attending"),
        ("✓ Guidelines adopted", ListItem, "", "Guidelines adopted"),
    ],
)
def test_classify(line, kind, number, text):
    block = classify(RawLine(line))
    assert type(block) is kind
    assert block.text == text
    if kind is Heading:
        assert block.number == number
