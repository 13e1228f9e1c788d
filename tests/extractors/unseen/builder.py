"""Build hand-written test documents in two renderings: a real .docx (python-docx: Heading styles, real tables,
horizontal merges with cell.merge) and a Word plain-text export (.txt) in the seed format (a cell is a line starting
with TAB, further paragraphs of the cell on lines without TAB, a blank line after each row, two after a table).

A document is data (`Doc`): headings, paragraphs, bullets, numbered items and tables whose rows are lists of
cells; a cell is a string (paragraphs separated by "\\n"; an empty paragraph is an empty line; U+2028 is a manual
line break inside a paragraph) or `C(text, span)` for a merged cell. A table's `style` is a Word table style name
or a function that dresses the python-docx table (house styles: rules only, shading, an outer box ...).
The expected records are hand-written CSV files in `<document id>/<dataset>.csv` next to this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class C:
    text: str
    span: int = 1


@dataclass(frozen=True)
class H:
    level: int
    text: str


@dataclass(frozen=True)
class P:
    text: str
    style: str = ""  # "Title" for the title page line


@dataclass(frozen=True)
class B:
    """A bulleted paragraph (Word "List Bullet"; `·` + TAB in the text export)."""

    text: str


@dataclass(frozen=True)
class N:
    """A numbered paragraph (Word "List Number"; `1.` + TAB in the text export, counting from 1 after any other
    block)."""

    text: str


@dataclass(frozen=True)
class T:
    rows: list
    gap: int = 2  # blank lines after the table in the text export (1: a heading follows right after)
    style: object = "Table Grid"  # a Word table style name, or a function(python-docx table) -> None


@dataclass(frozen=True)
class PB:
    """A page break (.docx: a page break; text export: a form feed on its own line)."""


@dataclass
class Doc:
    stem: str
    blocks: list = field(default_factory=list)
    bom: bool = False  # the text export starts with a UTF-8 byte order mark (Word's "Unicode (UTF-8)")
    meta_title: str = ""  # the .docx metadata title (core properties), often generic or stale in real files
    page_header: str = ""  # text of the page header (.docx / PDF only: Word's text export leaves headers out)


def _cells(row) -> list[C]:
    return [c if isinstance(c, C) else C(c) for c in row]


def width(table: T) -> int:
    return max(sum(c.span for c in _cells(r)) for r in table.rows)


def write_docx(doc: Doc, path: Path) -> Path:
    from docx import Document

    d = Document()
    d.core_properties.created = dt.datetime(2010, 9, 1)
    d.core_properties.modified = dt.datetime(2010, 9, 1)
    if doc.meta_title:
        d.core_properties.title = doc.meta_title
    if doc.page_header:
        d.sections[0].header.paragraphs[0].text = doc.page_header
    for block in doc.blocks:
        if isinstance(block, H):
            d.add_heading(block.text, level=block.level)
        elif isinstance(block, P):
            d.add_paragraph(_breaks(block.text), style=block.style or None)
        elif isinstance(block, B):
            d.add_paragraph(_breaks(block.text), style="List Bullet")
        elif isinstance(block, N):
            d.add_paragraph(_breaks(block.text), style="List Number")
        elif isinstance(block, PB):
            d.add_page_break()
        elif isinstance(block, T):
            n = width(block)
            table = d.add_table(rows=len(block.rows), cols=n)
            if isinstance(block.style, str):
                table.style = d.styles[block.style]
            for r, row in enumerate(block.rows):
                col = 0
                cells = _cells(row)
                for k, cell in enumerate(cells):
                    span = cell.span if k < len(cells) - 1 else n - col  # the last cell reaches the edge
                    target = table.cell(r, col)
                    if span > 1:
                        target = target.merge(table.cell(r, col + span - 1))
                    paragraphs = cell.text.split("\n")
                    target.paragraphs[0].text = _breaks(paragraphs[0])
                    for extra in paragraphs[1:]:
                        target.add_paragraph(_breaks(extra))
                    col += span
            if callable(block.style):
                block.style(table)
            d.add_paragraph("")
    d.save(path)
    return path


def _breaks(text: str) -> str:
    """U+2028 as a manual line break (python-docx writes `\\n` in a run as <w:br/>)."""
    return text.replace("\u2028", "\n")


def export_text(doc: Doc) -> str:
    lines: list[str] = []
    number = 0
    for block in doc.blocks:
        number = number + 1 if isinstance(block, N) else 0
        if isinstance(block, N):
            lines += [f"{number}.\t{block.text}", ""]
        elif isinstance(block, H):
            lines += [block.text, ""]
        elif isinstance(block, P):
            lines += [block.text, ""]
        elif isinstance(block, B):
            lines += [f"·\t{block.text}", ""]
        elif isinstance(block, PB):
            lines += ["\f"]
        elif isinstance(block, T):
            if lines and lines[-1] == "":
                lines.pop()  # the caption stands right above the table
            for row in block.rows:
                for cell in _cells(row):
                    paragraphs = cell.text.split("\n")
                    lines.append("\t" + paragraphs[0])
                    lines.extend(paragraphs[1:])
                lines.append("")
            lines += [""] * (block.gap - 1)
    return "\n".join(lines).replace("\u2028", "\n") + "\n"


def write_text(doc: Doc, path: Path) -> Path:
    data = export_text(doc).replace("\n", "\r\n").encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if doc.bom else b"") + data)
    return path


def build(doc: Doc, out_dir: Path) -> dict[str, Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "docx": write_docx(doc, out_dir / f"{doc.stem}.docx"),
        "txt": write_text(doc, out_dir / f"{doc.stem}.txt"),
    }


def truth_dir(doc: Doc) -> Path:
    return HERE / doc.stem


if __name__ == "__main__":  # python -m tests.extractors.unseen.builder OUT_DIR: write the documents to look at
    import sys

    from tests.extractors.unseen.documents import DOCUMENTS

    for d in DOCUMENTS:
        print(build(d, Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/unseen")))
