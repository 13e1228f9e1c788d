"""Wrapped lines told from ended ones by the space a line was wrapped at.

A line breaker wraps a paragraph at a space, and many PDF producers (LibreOffice, Word) print that space at the
end of the line, while a paragraph's last line ends on its last letter. Where the layout says nothing (a cell's
paragraphs without spacing, the next line's first word too long for the room left), this tells a paragraph's end:
`Objective 1 – Coordination` over `Strengthen coordination ...` in a narrow cell, one output per paragraph.

Decisions:
* each word records whether a space character follows it on its line (`SPACE_AFTER`), when the page writes spaces;
* the document must show the habit: of its lines that clearly go on (the next line starts in lower case; not
  broken at a hyphen, a dash or a slash, nor inside a word; short of their column's edge by half an em, room the
  space would have taken), at least 90% end with the space, and at least three do. Otherwise the mark is
  forgotten (producers that write no spaces, or not at every wrap) and nothing changes;
* a line filled to its edge may lose the space (it would overhang), so only a line short of its edge by half an
  em or more, without the space, ends its paragraph (`lines.breaks`); not one broken at a hyphen, dash or slash,
  nor a word broken at the edge (one word on the line, the next line going on in lower case), nor before a line
  of closing punctuation.
"""

from __future__ import annotations

from pipeline.readers.pdf.fragments import Fragment, Page, lines_of
from pipeline.readers.pdf.lines import SPACE_AFTER, Line, wrap_point

MIN_SEEN = 3
SHARE = 0.9


def mark_spaces(words: list[dict], chars: list[dict]) -> None:
    """Record on each word whether a space character follows it on its line."""
    spaces: dict[int, list[dict]] = {}
    for c in chars:
        if c["text"] == " ":
            spaces.setdefault(round(c["x0"]), []).append(c)
    for w in words:
        x = w["x1"]
        w[SPACE_AFTER] = any(abs(c["x0"] - x) <= 0.6 and c["top"] < w["bottom"] and c["bottom"] > w["top"]
                             for k in (round(x) - 1, round(x), round(x) + 1) for c in spaces.get(k, ()))


def settle(pages: list[Page]) -> bool:
    """Keep the marks when the document prints the space at its wraps (see the module's decisions), else forget
    them. True when kept."""
    pairs: list[tuple[Line, Line, float]] = []
    for p in pages:
        for item in p.items:
            if isinstance(item, Fragment):
                for c in item.cells:
                    pairs += [(a, b, c.right_limit) for a, b in zip(c.lines, c.lines[1:])]
    body = lines_of(pages)
    if body:
        ends = sorted(l.x1 for l in body)
        margin = ends[int(0.98 * (len(ends) - 1))]
        pairs += [(a, b, margin) for a, b in zip(body, body[1:])
                  if a.page == b.page and 0 < b.top - a.top < 2 * a.size and a.size == b.size]
    going_on = [a for a, b, limit in pairs if b.text[:1].islower() and len(a.words) > 1
                and wrap_point(a, limit) and SPACE_AFTER in a.words[-1]]
    spaced = sum(1 for a in going_on if a.words[-1][SPACE_AFTER])
    if spaced >= MIN_SEEN and spaced >= SHARE * len(going_on):
        return True
    forget(pages)
    return False


def forget(pages: list[Page]) -> None:
    """Drop the marks: whether a space follows a word is not known."""
    for p in pages:
        for item in p.items:
            for line in [l for c in item.cells for l in c.lines] if isinstance(item, Fragment) else [item]:
                for w in line.words:
                    w.pop(SPACE_AFTER, None)
