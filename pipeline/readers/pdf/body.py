"""Body text: the document's own measures (type size, heading sizes, line pitch, right margin, vocabulary) and
its visual lines outside tables turned into paragraphs and headings.

Decisions:
* the body's type size is the size most characters outside tables have, measured after borderless tables are
  found, so a document whose tables were not ruled still has its body text (not the tables' smaller type) as the
  reference; a line at least 15% larger is a heading, its level the rank of its size (a bare section number is
  not a heading);
* the line pitch per size is the smallest frequent step between lines of that size on one page (larger steps
  include paragraph spacing), at most 1.4 times the size; a step under the type size (lines side by side in two
  columns of a table, their baselines staggered) is none;
* the right margin is where 98% of the lines end;
* a paragraph goes on over a page break (the next page's first line continuing the last one) under the same
  rules as within a page, except that only an unfinished sentence is taken to go on;
* table cells get the document's vocabulary (`lines.Vocab`): the inner words of every line (a line's first and
  last words may be parts of a word the layout broke) and every word printed, to mend words broken at a column
  edge.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from pipeline.model import Provenance, normalize_space
from pipeline.readers.blocks import RawLine, split_number
from pipeline.readers.pdf.fragments import FragCell, Fragment, Page
from pipeline.readers.pdf.lines import Line, Vocab, breaks, join_lines


@dataclass(frozen=True)
class BodyStyle:
    size: float  # the body's type size
    heading_sizes: list[float]  # larger sizes, largest first: heading levels 1, 2, ...
    right_limit: float  # where body lines end
    pitch: dict[float, float]  # per type size, the line pitch within a paragraph

    @classmethod
    def of(cls, lines: list[Line]) -> "BodyStyle":
        size_weight: Counter = Counter()
        for l in lines:
            size_weight[l.size] += len(l.text)
        size = size_weight.most_common(1)[0][0] if size_weight else 10.0
        heading_sizes = sorted({l.size for l in lines if l.size >= size * 1.15}, reverse=True)
        return cls(size, heading_sizes, _right_margin(lines), body_pitch(lines))


def attach_vocab(pages: list[Page]) -> None:
    """Give every table cell the words the document prints (`lines.Vocab`: inside lines, and anywhere)."""
    lines: list[Line] = []
    cells: list[FragCell] = []
    for p in pages:
        for item in p.items:
            if isinstance(item, Fragment):
                cells.extend(item.cells)
                lines.extend(l for c in item.cells for l in c.lines)
            else:
                lines.append(item)
    vocab = Vocab.of(lines)
    for c in cells:
        c.vocab = vocab


def _right_margin(lines: list[Line]) -> float:
    if not lines:
        return 0.0
    xs = sorted(l.x1 for l in lines)
    return xs[int(0.98 * (len(xs) - 1))]


def body_pitch(lines: list[Line]) -> dict[float, float]:
    """Per font size, the usual distance between the tops of two lines of one paragraph."""
    steps: dict[float, list[float]] = defaultdict(list)
    for a, b in zip(lines, lines[1:]):
        # a step under the type size is no line pitch: lines side by side in two columns, baselines staggered
        if a.page == b.page and a.size == b.size and b.top - a.top >= 0.95 * a.size:
            steps[a.size].append(round(b.top - a.top, 1))
    out = {}
    for size, s in steps.items():
        common = Counter(s).most_common()
        # the smallest frequent step is the line pitch; larger ones include paragraph spacing
        frequent = [v for v, n in common if n >= max(2, 0.1 * len(s))] or [min(s)]
        # a size used only for one-line paragraphs (headings) has no line pitch of its own
        out[size] = min(min(frequent), 1.4 * size)
    return out


def pitch_ratio(lines: list[Line]) -> float | None:
    """Line pitch over type size for the most used size (lines of one paragraph, table or not)."""
    weight: Counter = Counter()
    for l in lines:
        weight[l.size] += len(l.text)
    pitch = body_pitch(lines)
    for size, _ in weight.most_common():
        if size in pitch and size > 0:
            return pitch[size] / size
    return None


def body_paragraphs(lines: list[Line], style: BodyStyle) -> list[RawLine]:
    """Consecutive visual lines (nothing else between them in reading order) as paragraphs and headings; a
    paragraph may go on from the foot of one page to the top of the next."""
    paras: list[list[Line]] = []
    for line in lines:
        last = paras[-1][-1] if paras else None
        if last is not None:
            same_page = last.page == line.page
            if (same_page or line.page == last.page + 1) and not breaks(
                last, line, style.right_limit, style.pitch.get(line.size), same_page
            ):
                paras[-1].append(line)
                continue
        paras.append([line])
    return [_raw_line(p, style) for p in paras]


def _raw_line(lines: list[Line], style: BodyStyle) -> RawLine:
    text = join_lines(lines)
    first = lines[0]
    level = None
    if first.size in style.heading_sizes and len(text) <= 200:
        number, rest = split_number(normalize_space(text))
        if not (number and not rest):
            level = style.heading_sizes.index(first.size) + 1
    x0 = min(l.x0 for l in lines)
    x1 = max(l.x1 for l in lines)
    bbox = (round(x0, 2), round(lines[0].top, 2), round(x1, 2), round(lines[-1].bottom, 2))
    if any(l.page != first.page for l in lines):
        bbox = (round(x0, 2), round(first.top, 2), round(x1, 2), round(max(l.bottom for l in lines if l.page == first.page), 2))
    return RawLine(text, level, Provenance(page=first.page, bbox=bbox))
