"""The neutral document model every reader produces and every extractor reads.

A `Document` is an ordered sequence of blocks (headings, paragraphs, list items, tables). Tables are grids of
`Cell`s: each cell is stored once, at its top-left grid position, with its row and column span, so merged
cells (Word gridSpan / vMerge, PDF spanning cells, short rows of text exports) are represented, not repeated.
Nothing here knows about python-docx, pdfplumber or Prefect.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Iterator, Union


# List-marker glyphs as Word and its Symbol / Wingdings fonts print them: dashes, bullets, squares, arrows, check
# marks, and the fonts' private-use code points for the common ones. Readers and extractors share this set.
BULLET_GLYPHS = "-–—·•▪◦●○■□*➢➤►▶✓✔❖⮚\uf0b7\uf0a7\uf0d8\uf076\uf0fc"
BULLET_CLASS = "[" + re.escape(BULLET_GLYPHS) + "]"


class Format(str, Enum):
    DOCX = "docx"
    PDF = "pdf"
    DOC = "doc"
    TEXT = "text"


@dataclass(frozen=True)
class Provenance:
    """Where a block or cell came from: page and bounding box (PDF), table/row/column index (.docx, text)."""

    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table_index: int | None = None
    row_index: int | None = None
    col_index: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class Heading:
    text: str
    number: str = ""  # printed number such as "II.1.4", empty when unnumbered
    level: int = 1
    provenance: Provenance = field(default_factory=Provenance)

    @property
    def full_text(self) -> str:
        return f"{self.number} {self.text}".strip()


@dataclass(frozen=True)
class Paragraph:
    text: str
    provenance: Provenance = field(default_factory=Provenance)


@dataclass(frozen=True)
class ListItem:
    text: str
    marker: str = ""  # "·", "-", "1.", "a." ...
    level: int = 0
    provenance: Provenance = field(default_factory=Provenance)


@dataclass(frozen=True)
class Cell:
    text: str  # paragraphs joined with "\n"
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    provenance: Provenance = field(default_factory=Provenance)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n")]

    @property
    def flat(self) -> str:
        """The cell's text on one line with whitespace collapsed."""
        return normalize_space(self.text)


@dataclass(frozen=True)
class TableContext:
    """What stands before a table: the nearest heading and the text just before it (its caption)."""

    heading: str = ""
    heading_number: str = ""
    headings: tuple[str, ...] = ()  # the chain of enclosing headings, outermost first
    preceding_text: str = ""
    caption: str = ""  # the short line just before the table, e.g. "ITU-R Objectives and Outputs"


@dataclass(frozen=True)
class Table:
    index: int
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    context: TableContext = field(default_factory=TableContext)
    pages: tuple[int, ...] = ()

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the row they start in, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out

    def grid(self) -> list[list[Cell | None]]:
        """Full grid; positions covered by a merged cell point to that cell."""
        g: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.row_span, self.n_rows)):
                for k in range(c.col, min(c.col + c.col_span, self.n_cols)):
                    g[r][k] = c
        return g

    def row_texts(self) -> list[list[str]]:
        """Texts of the cells starting in each row (merged cells once)."""
        return [[c.text for c in row] for row in self.rows()]

    def shape_signature(self) -> list[list[str]]:
        """Rows of normalized cell texts; what parity tests compare across formats."""
        return [[normalize_space(t) for t in row] for row in self.row_texts()]


Block = Union[Heading, Paragraph, ListItem, Table]


@dataclass(frozen=True)
class Document:
    source_file: str
    sha256: str
    format: Format
    title: str
    page_count: int
    blocks: tuple[Block, ...]

    @property
    def document_id(self) -> str:
        return document_id_for(self.source_file)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def iter_text_blocks(self) -> Iterator[Heading | Paragraph | ListItem]:
        for b in self.blocks:
            if not isinstance(b, Table):
                yield b


_SPACE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


# Latin letters that have no decomposition into a plain letter and an accent.
_LATIN_LETTERS = {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}


def _ascii_fold(char: str) -> str:
    """A letter with accents as its plain ASCII letter (`é` -> `e`, `ﬁ` -> `fi`, `²` -> `2`, `ø` -> `o`); a letter
    of another script kept as it is (`日`, `й`, `ガ`: dropping their marks would merge different words)."""
    if char in _LATIN_LETTERS:
        return _LATIN_LETTERS[char]
    plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return plain if plain and plain.isascii() else char


@lru_cache(maxsize=4096)  # a pure function of the name, asked for every record
def document_id_for(file_name: str) -> str:
    """Slug of a file's name without its extension: the same document in any format has one id.

    Lower-case letters and digits joined by `-`. Accented Latin letters are transliterated (NFKD without the
    accents: `Plan stratégique` -> `plan-strategique`); letters of other scripts are kept with their marks
    (`Plan 日本` -> `plan-日本`), so two names that differ only there keep different ids. Two different files
    that still share an id are refused by discovery, unless they are one document in two formats."""
    stem = file_name.rsplit("/", 1)[-1]
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    out: list[str] = []
    for c in unicodedata.normalize("NFC", unicodedata.normalize("NFC", stem).casefold()):
        if unicodedata.category(c).startswith("M"):  # a mark left over (`İ` casefolds to i + a combining dot)
            if out and not out[-1].isascii():
                out.append(c)  # part of a letter of another script (Devanagari vowel signs, ...)
        elif c.isalnum():
            out.append(_ascii_fold(c))
        elif out and out[-1] != "-":
            out.append("-")
    slug = "".join(out).strip("-")
    return slug or "document"


# Printed section numbers: "PART II", "PART III -", "II.1.4", "II.I.5", "4.2.1", "III.1.1a)", "2", "II.4 –"
_PART = re.compile(r"^(PART\s+[IVX]+)\b\s*[:\-–—]?\s*(.*)$", re.I)
_NUMBER = re.compile(
    r"^((?:[IVX]+\.(?:[IVX]+|\d+)|\d+)(?:\.(?:[IVX]+|\d+))*(?:[a-z]\))?)\.?(?:\s+[–—-]\s*|\s+|$)(.*)$"
)


def split_number(text: str) -> tuple[str, str]:
    """("II.1.4", "Resources ...") for a numbered line, ("", text) otherwise."""
    t = text.strip()
    m = _PART.match(t)
    if m:
        return m.group(1).upper().replace("  ", " "), m.group(2).strip()
    m = _NUMBER.match(t)
    if m and not re.fullmatch(r"\d{4}", m.group(1)):  # a year is not a section number
        return m.group(1), m.group(2).strip()
    return "", t
