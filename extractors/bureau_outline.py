"""The outline of a Bureau plan of 2000-2007 (family B): where each block stands.

These plans give one numbered section per activity (`4 World Radiocommunication Conference`) or, in the ITU-D
action plans, per programme and numbered sub-item (`1 Regulatory reform`, `1.3 Assistance to members`, gaps in the
numbering allowed), each with subsections named by their first words: `Description of the activity`, `Resources
allocation for 2004-2005`, `Expected accomplishments and performance indicator for 2004-2007`, `Realized
accomplishments and measurement indicator for 2003` (vocab roles `bureau_section_*`). A subsection may also be a
short unnumbered line. `PART`, `CHAPTER`, `SECTION` lines divide the plan; a division naming programmes or an
action plan holds programmes. Lines of a table of contents (ending with a page number) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.text import clean, has_term, periods_in, vocab
from pipeline.model import Block, Document, Heading, ListItem, Paragraph, Table

EXPECTED, REALIZED, RESOURCES, OTHER = "expected", "realized", "resources", "other"
_KINDS = (REALIZED, EXPECTED, RESOURCES, OTHER)  # the first whose words a heading starts with
_TOC_LINE = re.compile(r"(?:\.{3,}|…+|\t)\s*\d{1,3}$")
_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*$")


@dataclass(frozen=True)
class Place:
    """Where a block stands: the activity it belongs to (`output`, empty at summary level), the programme of an
    action-plan sub-item (`programme`), the subsection kind and the period its heading prints."""

    output: str = ""
    programme: str = ""
    kind: str = ""
    period: tuple[int, int] | None = None
    label: str = ""  # the subsection heading as printed


@dataclass(frozen=True)
class _Entry:
    level: int
    number: str
    title: str
    kind: str  # a subsection kind, or "" for an activity / programme / sub-item heading


def section_kind(text: str) -> str:
    """`expected` / `realized` / `resources` / `other` for a subsection heading (by its first words), else ``."""
    t = re.sub(r"\s*/\s*", "/", clean(text)).lower().lstrip("0123456789. ")
    for kind in _KINDS:
        if any(_starts_with(t, w) for w in vocab().get(f"bureau_section_{kind}", ())):
            return kind
    return ""


def _starts_with(text: str, words: str) -> bool:
    """`resources allocation for 2004` starts with `resources allocation`; `budgetary` does not with `budget`."""
    if not text.startswith(words):
        return False
    rest = text[len(words):]
    return not rest or not rest[0].isalpha() or (rest[0] == "s" and (len(rest) == 1 or not rest[1].isalpha()))


def is_toc_line(text: str) -> bool:
    return bool(_TOC_LINE.search(text.rstrip()))


def _division(text: str) -> bool:
    first = clean(text).split(" ", 1)[0].lower().rstrip(":")
    return first in vocab().get("division", ()) and len(clean(text).split()) <= 12


def _label_section(text: str) -> str:
    """A short unnumbered line naming a subsection (`Realized accomplishments in 2001`), not a sentence."""
    t = clean(text)
    if len(t.split()) > 14 or t.endswith((".", ";", ":")) or ":" in t:
        return ""  # `Realized accomplishments:` labels the items below it (extractors/accomplishments.py)
    return section_kind(t)


@dataclass
class Outline:
    """The walk's state; `place()` says where the current block stands."""

    stack: list[_Entry]
    programmes: bool = False  # inside a division holding programmes
    part_programmes: bool = False
    label: tuple[str, tuple[int, int] | None, str] | None = None  # an unnumbered subsection line

    def place(self) -> Place:
        kind, period, label = "", None, ""
        for e in reversed(self.stack):
            if e.kind:
                kind, period, label = e.kind, _period(e.title), e.title
                break
        if self.label is not None:
            kind, period, label = self.label
        subjects = [e for e in self.stack if not e.kind]
        output = subjects[-1].title if subjects else ""
        programme = ""
        if self.programmes and len(subjects) >= 2 and _NUMBER.match(subjects[0].number):
            programme = subjects[0].title
        return Place(output, programme, kind, period, label)

    def sub_items(self) -> tuple[str, str, str] | None:
        """(programme, number, title) when the last heading is a numbered sub-item of an action-plan programme."""
        subjects = [e for e in self.stack if not e.kind]
        if not self.programmes or len(subjects) != 2 or self.stack[-1] is not subjects[-1]:
            return None
        top, item = subjects
        if not (_NUMBER.match(top.number) and _NUMBER.match(item.number) and item.number.startswith(top.number + ".")):
            return None
        return top.title, item.number, item.title


def _period(text: str) -> tuple[int, int] | None:
    found = periods_in(text)
    return found[-1] if found else None


def outline(doc: Document):
    """Yield (block, place, state) for every block of the document, table of contents lines left out."""
    state = Outline([])
    for block in doc.blocks:
        if isinstance(block, Table):
            yield block, state.place(), state
            continue
        text = block.full_text if isinstance(block, Heading) else block.text
        if is_toc_line(text):
            continue
        if _division(text) and not isinstance(block, ListItem):
            own = has_term(text, "programme_division")
            if clean(text).split(" ", 1)[0].lower() == "part":
                state.part_programmes = own
                state.programmes = own
            else:
                state.programmes = own or state.part_programmes
            state.stack, state.label = [], None
            yield block, state.place(), state
            continue
        if isinstance(block, Heading):
            state.label = None
            while state.stack and state.stack[-1].level >= block.level:
                state.stack.pop()
            state.stack.append(_Entry(block.level, block.number, clean(block.text), section_kind(block.text)))
        elif isinstance(block, Paragraph) and _label_section(text):
            state.label = (_label_section(text), _period(text), clean(text))
        yield block, state.place(), state
