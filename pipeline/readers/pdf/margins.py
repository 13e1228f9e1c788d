"""Running headers and footers, dropped before anything else looks at the page.

A line is a running header or footer when it stands in the top or bottom `MARGIN_SHARE` of the page (and not
below the page's first table or above its last) and its text, digits ignored, comes back at the same height
(within 4 pt) on at least half of the pages with text (two at least). In a one-page document a page number in
the margin ("3", "Page 3 of 9", "- 3 -") is dropped too.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from pipeline.model import normalize_space
from pipeline.readers.pdf.fragments import Fragment, Page
from pipeline.readers.pdf.lines import Line

MARGIN_SHARE = 0.12  # top/bottom share of the page where running headers and footers live
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def strip_running_lines(pages: list[Page]) -> None:
    """Remove running headers/footers: margin lines whose text (digits ignored) recurs at one height."""
    candidates: list[tuple[Page, Line, str]] = []
    for p in pages:
        tables = [i for i in p.items if isinstance(i, Fragment)]
        first_table = min((t.top for t in tables), default=math.inf)
        last_table = max((t.bottom for t in tables), default=-math.inf)
        for item in p.items:
            if not isinstance(item, Line):
                continue
            in_top = item.bottom <= p.height * MARGIN_SHARE and item.bottom <= first_table
            in_bottom = item.top >= p.height * (1 - MARGIN_SHARE) and item.top >= last_table
            if in_top or in_bottom:
                key = re.sub(r"\d+", "#", normalize_space(item.text).lower())
                candidates.append((p, item, key))
    n_pages = sum(1 for p in pages if p.n_chars)
    need = max(2, math.ceil(0.5 * n_pages))
    groups: dict[str, list[tuple[Page, Line]]] = defaultdict(list)
    for p, line, key in candidates:
        groups[key].append((p, line))
    drop: set[int] = set()
    for key, members in groups.items():
        # cluster by height; a group counts the pages it is seen on
        members.sort(key=lambda m: m[1].top)
        clusters: list[list[tuple[Page, Line]]] = []
        for m in members:
            if clusters and m[1].top - clusters[-1][-1][1].top <= 4.0:
                clusters[-1].append(m)
            else:
                clusters.append([m])
        for cl in clusters:
            if len({p.number for p, _ in cl}) >= need:
                drop.update(id(line) for _, line in cl)
            elif n_pages == 1 and _PAGE_NUMBER.match(key.replace("#", "1")):
                drop.update(id(line) for _, line in cl)
    for p in pages:
        p.items = [i for i in p.items if id(i) not in drop]
