"""Goals and objectives stated in running text (`Objective 3: Produce recommendations ...`), with the short
titles their objectives-and-outputs matrices give them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from extractors.base import Extraction
from extractors.matrices import is_mark, matrix_columns
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
_IN_WORD_HYPHEN = re.compile(r"\b([A-Za-z]{2,})-([a-z]{2,})\b")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def _column_title(cell_text: str, title: str) -> str:
    """The matrix column's title without a document heading that the source put into the same cell (the next
    PART's heading glued under the last column: `... frameworks) PART V- Financial Plan`)."""
    lines = [clean(line) for line in cell_text.splitlines() if clean(line)]
    for k, line in enumerate(lines[1:], start=1):
        number = split_number(line)[0]
        if number.upper().startswith("PART") or "." in number:
            cut = clean(" ".join(lines[k:]))
            return clean(title[: len(title) - len(cut)]) if title.endswith(cut) else title
    return title


def _titles(doc: Document) -> dict[tuple[str, str, str], str]:
    titles = {}
    for table in doc.tables:
        found = matrix_columns(table)
        if not found:
            continue
        header_row, columns = found
        rows = table.rows()
        cells = {c.col: c.text for c in rows[header_row]}
        untitled = [col for col, (_, _, title) in columns.items() if not title]
        # A header broken over several rows (a table without rules read from a PDF): `Goal 1` above, its title in
        # the rows below, which mark no link and label no output.
        extra: dict[int, list[str]] = {}
        for row in rows[header_row + 1:] if untitled else []:
            below = {c.col: clean(c.text) for c in row}
            if any(is_mark(below.get(col, "")) for col in columns) or (0 not in columns and below.get(0)):
                break
            for col in untitled:
                if below.get(col):
                    extra.setdefault(col, []).append(below[col])
        if len(extra) * 2 >= len(untitled) > 0:
            columns = {col: (kind, number, title or clean(" ".join(extra.get(col, []))))
                       for col, (kind, number, title) in columns.items()}
        scope = scope_of(doc, table.context, clean(table.context.caption))
        for col, (kind, number, title) in columns.items():
            key = ("Union" if kind == "goal" else scope, kind, number)
            titles.setdefault(key, _column_title(cells.get(col, ""), title))
    return titles


def _word_counts(doc: Document) -> Counter:
    """How often each word (hyphenated compounds as one word) is printed in the document, lower case."""
    texts = [b.text for b in doc.blocks if not isinstance(b, Table)] + [c.text for t in doc.tables for c in t.cells]
    return Counter(w.lower() for text in texts for w in _WORD.findall(clean(text)))


def dehyphenate(title: str, words: Counter) -> str:
    """Undo a word division typed into a narrow cell (`interopera-bility`, `environ-ment`): the hyphen goes when
    the document prints the joined word at least as often as the divided one. Real compounds stay
    (`pro-competitive`, `know-how`): the document never prints them joined."""
    def join(m: re.Match) -> str:
        joined = m.group(1) + m.group(2)
        n = words[joined.lower()]
        return joined if n and n >= words[m.group(0).lower()] else m.group(0)

    return _IN_WORD_HYPHEN.sub(join, title)


def _label_title(statement: str) -> str:
    """The short title of a label line that names an objective (`Objective 1 – Information to membership on
    ...`), or "" when the text is not title-like (a lower-case phrase, a sentence)."""
    text = strip_quotes(statement).rstrip(";,").strip()
    if not text or not text[0].isupper() or text.endswith(".") or len(text.split()) >= MIN_WORDS:
        return ""
    return text


def extract(doc: Document) -> Extraction:
    titles = _titles(doc)
    labels: dict[tuple[str, str, str], Counter] = {}  # titles printed as short labels, for objectives without one
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
        chain = tuple(h.full_text for h in headings)
        scope = "Union" if kind == "goal" else scope_of(doc, None, "", chain)
        key = (scope, kind, number)
        if len(statement.split()) < MIN_WORDS:
            # a short label that refers to an objective, not a statement: its text is the objective's title
            if _label_title(statement):
                labels.setdefault(key, Counter())[_label_title(statement)] += 1
            continue
        if key in seen:
            continue
        seen.add(key)
        records.append(Objective(doc.document_id, scope, kind, number, titles.get(key, ""), statement))
    words = _word_counts(doc) if records else Counter()
    records = [replace(r, title=dehyphenate(r.title or _most_printed(labels.get((r.scope, r.kind, r.number))), words))
               for r in records]
    return Extraction({DATASET: records}, frozenset())


def _most_printed(counts: Counter | None) -> str:
    """The label printed most often (the first printed on a tie)."""
    return counts.most_common(1)[0][0] if counts else ""
