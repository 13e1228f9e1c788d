"""Results-framework tables of the plans since 2016: their header (`Objectives | Outcomes | Outcome indicators`,
`Objective | Outcomes | Indicators`, `No. | Output`, `Output | Description`, `Objective | Outputs`), the objective
a row belongs to (carried down while the objective cell is empty or merged), and the items of a cell (one per
coded or bulleted paragraph)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.codes import objective_code, parse_result, parse_statement
from extractors.text import clean, has_term, starts_with_glyph, strip_glyphs, vocab
from pipeline.model import Cell, Table

OBJECTIVE, OUTCOME, INDICATOR, OUTPUT, NUMBER, DESCRIPTION = (
    "objective", "outcome", "indicator", "output", "number", "description")
HEADER_WORDS = 6


def cell_role(text: str) -> str | None:
    t = clean(text)
    if not t or len(t.split()) > HEADER_WORDS:
        return None
    if has_term(t, "indicator_column"):
        return INDICATOR
    if has_term(t, "outcome_column"):
        return OUTCOME
    if has_term(t, "outputs_header"):
        return OUTPUT
    if has_term(t, "objective_column"):
        return OBJECTIVE
    if t.lower() in vocab().get("number_column", ()):
        return NUMBER
    if has_term(t, "description_column"):
        return DESCRIPTION
    return None


@dataclass(frozen=True)
class Header:
    row: int
    roles: dict[int, str]  # grid column -> role (a merged header cell gives its role to every column it covers)

    def columns(self, role: str) -> list[int]:
        return [c for c, r in self.roles.items() if r == role]


def header_of(table: Table) -> Header | None:
    """The first row (of the first three) whose every filled cell names a framework column, two at least."""
    for r, row in enumerate(table.rows()[:3]):
        filled = [c for c in row if clean(c.text)]
        roles = {c.col: cell_role(c.text) for c in filled}
        if len(filled) >= 2 and all(roles.values()) and len(set(roles.values())) >= 2:
            out = {}
            for c in filled:
                for k in range(c.col, c.col + c.col_span):
                    out[k] = roles[c.col]
            return Header(r, out)
    return None


def looks_like_framework(table: Table) -> str:
    """The header text of a table whose first rows use framework words (outcomes, indicators) though no
    framework header was understood; empty otherwise."""
    for row in table.rows()[:3]:
        text = " | ".join(clean(c.text) for c in row if clean(c.text))
        if any(cell_role(c.text) in (OUTCOME, INDICATOR) for c in row) and len(text) <= 200:
            return text
    return ""


def body(table: Table, header: Header) -> list[dict[str, list[Cell]]]:
    """Rows under the header as {role: [cells]} (cells counted once, at the row they start in)."""
    out = []
    for row in table.rows()[header.row + 1:]:
        by_role: dict[str, list[Cell]] = {}
        for c in row:
            role = header.roles.get(c.col)
            if role and clean(c.text):
                by_role.setdefault(role, []).append(c)
        out.append(by_role)
    return out


def row_objective(cells: list[Cell]) -> str:
    """The objective an objective cell names: `R.1 (Regulation) ...` -> `R.1`, `Objective 2 – ...` -> `2`, `1`."""
    for c in cells:
        first = next((clean(p) for p in c.text.split("\n") if clean(p)), "")
        st = parse_statement(first)
        if st is not None:
            return st.number
        code = objective_code(first)
        if code:
            return code
        if re.fullmatch(r"\d{1,2}", first):
            return first
    return ""


def items(cell_text: str, numbered: bool = True, every_paragraph: bool = False) -> list[tuple[str, str, str]]:
    """(objective, number, text) per item of a cell: a paragraph opening with a code (`R.1-1: ...`, `2.3 - ...`)
    or a bullet starts an item, other paragraphs carry on the one before (or, with `every_paragraph`, start
    one too: a list of outputs, one per line)."""
    out: list[list[str]] = []
    for raw in cell_text.split("\n"):
        if not clean(raw):
            continue
        coded = parse_result(raw, numbered)
        if coded is not None or starts_with_glyph(raw) or not out or every_paragraph:
            out.append([raw])
        else:
            out[-1].append(raw)
    found = []
    for parts in out:
        text = clean(strip_glyphs("\n".join(parts)))
        coded = parse_result(text, numbered)
        if coded is not None:
            found.append((coded.objective, coded.number, coded.text))
        elif text:
            found.append(("", "", text))
    return found
