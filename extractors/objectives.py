"""Goals, objectives and enablers wherever they are stated: paragraphs, list items, headings and table cells
(`Objective 3: Produce recommendations ...`, `Goal 1: Growth – Enable ...`, `R.1 (Regulation) Meet ...`,
`E.2 | Ensure ...`), with the short titles they print (`Growth`, `Regulation`) or their objectives-and-outputs
matrices give them. A line of the table of contents (a page number at its end) gives way to the body's statement;
a report about a plan states no objectives of its own."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from extractors.base import Extraction
from extractors.codes import NAME_WORDS, Statement, parse_result, parse_statement, sector_of_code
from extractors.matrices import is_mark, matrix_columns
from extractors.profile import REPORT, profile
from extractors.scope import scope_of
from extractors.text import clean, strip_quotes
from pipeline.model import Document, Heading, ListItem, Paragraph, Table, split_number
from pipeline.records import Dataset, Objective

DATASET = Dataset.OBJECTIVES
MIN_WORDS = 10
MIN_NAMED_WORDS = 4  # `Goal 3: Sustainability – Manage challenges ...`: the name says it is a statement
MIN_CODED_WORDS = 5  # `E.1 Ensure efficient use of resources`
_IN_WORD_HYPHEN = re.compile(r"\b([A-Za-z]{2,})-([a-z]{2,})\b")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def _column_title(cell_text: str, title: str) -> str:
    """The matrix column's title without a document heading that the source put into the same cell (the next
    PART's heading glued under the last column: `... frameworks) PART V- Financial Plan`)."""
    lines = [clean(line) for line in cell_text.splitlines() if clean(line)]
    for k, line in enumerate(lines[1:], start=1):
        if _opens_part(line):
            cut = clean(" ".join(lines[k:]))
            return clean(title[: len(title) - len(cut)]) if title.endswith(cut) else title
    return title


def _opens_part(line: str) -> bool:
    """Does the line open a part or section of the document (`PART V- Financial Plan`, `9.1 ...`)?"""
    number = split_number(clean(line))[0]
    return number.upper().startswith("PART") or "." in number


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
            if any(_opens_part(below[col]) for col in untitled if below.get(col)):
                break  # the next part's heading glued under the table (a table without rules read from a PDF)
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


@dataclass
class _Found:
    record: Objective
    toc: bool  # from a line of the table of contents: the body's statement of the same objective wins


def _enough(statement: str, st: Statement) -> bool:
    """A statement, not a label: long enough for its form (a named or coded statement may be short:
    `Goal 3: Sustainability – Manage challenges resulting from ...`)."""
    words = len(statement.split())
    if st.title:
        return words >= MIN_NAMED_WORDS
    return words >= (MIN_CODED_WORDS if st.coded else MIN_WORDS)


class _Collector:
    def __init__(self, doc: Document):
        self.doc = doc
        self.titles = _titles(doc)
        self.labels: dict[tuple[str, str, str], Counter] = {}  # titles printed as short labels
        self.found: dict[tuple[str, str, str], _Found] = {}
        self.named: list[tuple[tuple[str, str, str], str, str]] = []  # (key, name, statement after the name)
        self.tables: set[int] = set()  # tables a statement was read from

    def scope(self, st: Statement, context=None, chain: tuple[str, ...] = (), near: str = "") -> str:
        if st.kind == "goal":
            return "Union"
        return sector_of_code(st.number) or scope_of(self.doc, context, near, chain)

    def add(self, st: Statement, statement: str, scope: str, follower: str = "", table: int | None = None) -> None:
        """One statement as read; `follower` is the text that follows a short label (next paragraph or cell)."""
        key = (scope, st.kind, st.number)
        if table is not None and (_enough(statement, st) or (follower and _enough(follower, st))):
            self.tables.add(table)
        if not _enough(statement, st):
            # a short label that refers to an objective, not a statement: its text is the objective's title
            label = st.title or _label_title(statement)
            if label and not st.title and not statement.startswith("("):
                self.labels.setdefault(key, Counter())[label] += 1
            if label and follower and _enough(follower, Statement(st.kind, st.number, label, follower, st.coded)):
                self.named.append((key, label, follower))
            return
        title = st.title or self.titles.get(key, "")
        found = self.found.get(key)
        if found is None or (found.toc and not st.toc):
            self.found[key] = _Found(Objective(self.doc.document_id, scope, st.kind, st.number, title, statement), st.toc)
        elif title and not found.record.title:
            found.record = replace(found.record, title=title)

    def records(self) -> list[Objective]:
        for key, name, statement in self.named:  # `Goal 1: Growth` then the statement in the next paragraph
            if key not in self.found:
                self.found[key] = _Found(Objective(self.doc.document_id, *key, name, statement), False)
        records = [f.record for f in self.found.values()]
        words = _word_counts(self.doc) if records else Counter()
        return [replace(r, title=dehyphenate(r.title or _most_printed(self.labels.get((r.scope, r.kind, r.number))),
                                             words)) for r in records]


def _follower(blocks: list, i: int) -> str:
    """The paragraph right after a block, unless it is itself a statement or does not start like one."""
    if i + 1 < len(blocks) and isinstance(blocks[i + 1], (Paragraph, ListItem)):
        text = clean(blocks[i + 1].text)
        if parse_statement(text) is None and text[:1].isupper():
            return text
    return ""


def extract(doc: Document) -> Extraction:
    if profile(doc).plan_kind == REPORT:
        return Extraction({DATASET: []}, frozenset())  # a report restates a plan's objectives; it states none
    out = _Collector(doc)
    headings: list[Heading] = []
    blocks = [b for b in doc.blocks]
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            _from_table(out, block)
            continue
        st = parse_statement(block.full_text if isinstance(block, Heading) else block.text)
        if isinstance(block, Heading) and st is None:
            # "4.2.3 Objective 3: Produce ..." is often short enough to look like a heading
            while headings and headings[-1].level >= block.level:
                headings.pop()
            headings.append(block)
            continue
        if st is None:
            continue
        follower = _follower(blocks, i)
        statement = st.text
        if not statement and not st.title and follower:
            statement = follower  # "Goal 1:" alone, the statement in the next paragraph
            follower = ""
        elif not isinstance(block, Heading):
            follower = ""  # only a heading names what the next paragraph states (`Goal 1: Growth`)
        chain = tuple(h.full_text for h in headings)
        out.add(st, statement, out.scope(st, None, chain), follower)
    return Extraction({DATASET: out.records()}, frozenset(out.tables))


def _from_table(out: _Collector, table: Table) -> None:
    """Statements in the first filled cell of a row (`R.1 (Regulation)` over its statement in the same cell), or
    a code or label cell with the statement in the next cell (`E.1 | Ensure efficient ...`)."""
    caption = clean(table.context.caption)
    for row in table.rows():
        filled = [c for c in row if clean(c.text)]
        if not filled:
            continue
        cell = filled[0]
        paragraphs = [clean(p) for p in cell.text.split("\n") if clean(p)]
        st = parse_statement(paragraphs[0])
        if st is None:
            continue
        statement, follower = st.text, ""
        if len(paragraphs) > 1:
            rest = clean(" ".join(paragraphs[1:]))
            if rest[:1].isupper() and (not statement or (not st.title and len(statement.split()) <= NAME_WORDS
                                                         and not statement.endswith("."))):
                title = st.title or statement
                st = replace(st, title=title)
                statement = rest
        elif len(filled) > 1 and parse_result(filled[1].text, numbered=False) is None \
                and clean(filled[1].text)[:1].isupper():
            follower = clean(filled[1].text)
            if not statement and not st.title:
                statement, follower = follower, ""
        out.add(st, statement, out.scope(st, table.context, (), caption), follower, table.index)


def _most_printed(counts: Counter | None) -> str:
    """The label printed most often (the first printed on a tie)."""
    return counts.most_common(1)[0][0] if counts else ""
