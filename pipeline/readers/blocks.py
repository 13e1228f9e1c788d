"""Turning a reader's stream of text lines and tables into model blocks, the same way for every format.

Readers differ in how they find paragraphs and tables; what a paragraph *is* (a numbered heading written as
plain text, a bullet, a body paragraph) is decided here once, so .docx, .pdf and text exports agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

from pipeline.model import (
    BULLET_CLASS, Block, Heading, ListItem, Paragraph, Provenance, Table, TableContext, normalize_space,
    split_number,
)


@dataclass(frozen=True)
class RawLine:
    """One paragraph as a reader saw it. `style_level` is set when the source styled it as a heading;
    `list_level` (0 = outermost) when the source made it a list item (Word list styles / numbering), with
    `marker` the bullet or number the source shows for it, if known."""

    text: str
    style_level: int | None = None
    provenance: Provenance = Provenance()
    list_level: int | None = None
    marker: str = ""


_BULLET = re.compile(r"^(" + BULLET_CLASS + r"|\(?[a-z]\)|[a-z]\.|\(?\d{1,2}\))\s+(.*)$")
_SENTENCE_END = re.compile(r"[.;:!?]$")


def _level(number: str) -> int:
    if number.upper().startswith("PART"):
        return 0
    return number.count(".") + 1


def _is_title_like(text: str) -> bool:
    """Short, not a sentence: what a heading title looks like."""
    words = text.split()
    if not words or len(text) > 160 or len(words) > 22:
        return False
    if text[0].islower():
        return False
    if len(words) > 12 and (text.endswith(":") or ", " in text):
        return False  # "7.3 In line with ..., these objectives are linked ... as set out below:" is a paragraph
    return not (text.endswith(".") and len(words) > 8)


def classify(line: RawLine) -> Heading | ListItem | Paragraph:
    text = normalize_space(line.text)
    number, rest = split_number(text)
    if line.style_level is not None:
        return Heading(rest or text, number, line.style_level if not number else _level(number), line.provenance)
    if line.list_level is not None:
        m = _BULLET.match(text)  # a marker typed into the text wins over the list's own
        if m and m.group(2):
            return ListItem(m.group(2).strip(), m.group(1), line.list_level, line.provenance)
        return ListItem(text, line.marker, line.list_level, line.provenance)
    if number.upper().startswith("PART"):
        return Heading(rest, number, 0, line.provenance)
    footnote = number.isdigit() and rest.endswith(".")  # "1 Formerly known as the Policy Division."
    if number and rest and _is_title_like(rest) and ("." in number or number.isdigit() and len(rest) < 90) and not footnote:
        return Heading(rest, number, _level(number), line.provenance)
    m = _BULLET.match(text)
    if m and m.group(2):
        return ListItem(m.group(2).strip(), m.group(1), 0, line.provenance)
    return Paragraph(text, line.provenance)


def assemble(items: Iterable[RawLine | Table]) -> tuple[Block, ...]:
    """Classify lines, join a bare section number with the title on the next line, number tables and give
    each its context (enclosing headings and the text just before it)."""
    items = [i for i in items if isinstance(i, Table) or normalize_space(i.text)]
    blocks: list[Block] = []
    heading_stack: list[Heading] = []
    recent_text: list[str] = []
    table_index = 0
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, Table):
            ctx = TableContext(
                heading=heading_stack[-1].text if heading_stack else "",
                heading_number=heading_stack[-1].number if heading_stack else "",
                headings=tuple(h.full_text for h in heading_stack),
                preceding_text=" ".join(recent_text[-2:]),
                caption=recent_text[-1] if recent_text and len(recent_text[-1]) <= 120 else "",
            )
            blocks.append(replace(item, index=table_index, context=ctx))
            table_index += 1
            recent_text = []
            i += 1
            continue
        text = normalize_space(item.text)
        number, rest = split_number(text)
        nxt = items[i + 1] if i + 1 < len(items) else None
        if number and not rest and isinstance(nxt, RawLine) and item.style_level is None:
            # "II.1" on one line, "PLENIPOTENTIARY CONFERENCE" on the next
            title = normalize_space(nxt.text)
            if _is_title_like(title) and not split_number(title)[0]:
                block = Heading(title, number, _level(number), item.provenance)
                i += 2
                _push(heading_stack, block)
                blocks.append(block)
                recent_text.append(block.full_text)
                continue
            if title and not split_number(title)[0]:
                # a numbered paragraph: "1.1" then its text
                block = Paragraph(f"{number} {title}", item.provenance)
                blocks.append(block)
                recent_text.append(block.text)
                i += 2
                continue
        block = classify(item)
        if isinstance(block, Heading):
            _push(heading_stack, block)
        blocks.append(block)
        recent_text.append(block.full_text if isinstance(block, Heading) else block.text)
        i += 1
    return tuple(blocks)


def _push(stack: list[Heading], h: Heading) -> None:
    while stack and stack[-1].level >= h.level:
        stack.pop()
    stack.append(h)


def make_table(rows: list[list[tuple[str, int, int, Provenance]]], pages: tuple[int, ...] = ()) -> Table:
    """Build a table from rows of (text, row_span, col_span, provenance), cells given once at their top-left.

    Columns are placed left to right, skipping grid positions covered by a vertical merge from above. A row
    with fewer cells than the table is wide has its last cell stretched to the right edge (a merged title row).
    """
    width = 0
    for row in rows:
        width = max(width, sum(c[2] for c in row))
    covered: dict[tuple[int, int], bool] = {}
    cells = []
    from pipeline.model import Cell

    for r, row in enumerate(rows):
        col = 0
        for k, (text, rspan, cspan, prov) in enumerate(row):
            while covered.get((r, col)):
                col += 1
            if k == len(row) - 1:
                free = width - col
                # stretch the last cell over what is left, minus positions covered from above
                right_covered = sum(1 for j in range(col + cspan, width) if covered.get((r, j)))
                cspan = max(cspan, free - right_covered)
            cells.append(Cell(text, r, col, rspan, max(cspan, 1), prov))
            for rr in range(r, r + rspan):
                for cc in range(col, col + max(cspan, 1)):
                    covered[(rr, cc)] = True
            col += max(cspan, 1)
    return Table(index=-1, n_rows=len(rows), n_cols=width, cells=tuple(cells), pages=pages)
