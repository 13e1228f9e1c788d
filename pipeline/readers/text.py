"""Reader for Word plain-text exports.

In these exports a table cell is a line starting with a TAB, a cell's further paragraphs follow on lines
without a TAB, rows are separated by blank lines, and a table ends at a non-TAB line after two or more blank
lines. Blank lines also appear *inside* rows (a cell ending with an empty paragraph), so row boundaries are
decided by `pipeline.readers.text_rows` from the table's width and the kinds of its cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.exceptions import EmptyDocumentError, UnsupportedFormatError
from pipeline.model import Document, Format, Provenance, Table, normalize_space
from pipeline.model import Heading
from pipeline.readers.blocks import RawLine, assemble, classify, make_table, split_number
from pipeline.readers.text_rows import RawCell, group_rows

LINES_PER_PAGE = 50  # for an estimated page count


def decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise UnsupportedFormatError(path, "binary data, not a Word text export")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Word's "Windows (default)" text encoding


@dataclass
class _TableDraft:
    cells: list[RawCell] = field(default_factory=list)


def _finish(draft: _TableDraft) -> Table:
    rows = group_rows(draft.cells)
    return make_table(
        [[(c.text, 1, 1, Provenance(line=c.line, row_index=r, col_index=k)) for k, c in enumerate(row)]
         for r, row in enumerate(rows)]
    )


def parse_text(text: str, path: str) -> tuple[list[RawLine | Table], int]:
    items: list[RawLine | Table] = []
    draft: _TableDraft | None = None
    blank = 0
    lines = text.splitlines()
    for n, line in enumerate(lines, start=1):
        if line.startswith("\t"):
            if draft is None:
                draft = _TableDraft()
            draft.cells.append(RawCell([line[1:]], blank, n))
        elif not line.strip():
            blank += 1
            continue
        elif draft is not None:
            ends = blank >= 2 or (blank >= 1 and _is_heading(line) and _row_complete(draft))
            if ends:
                items.append(_finish(draft))
                draft = None
                items.append(RawLine(line, provenance=Provenance(line=n)))
            else:
                draft.cells[-1].paragraphs.append(line)
        else:
            items.append(RawLine(line, provenance=Provenance(line=n)))
        blank = 0
    if draft is not None:
        items.append(_finish(draft))
    return items, len(lines)


def _is_heading(line: str) -> bool:
    """A numbered section heading (`II.2.4b) Documentation ...`) ends a table even after a single blank line."""
    number, _ = split_number(normalize_space(line))
    return bool(number) and ("." in number or number.upper().startswith("PART")) and isinstance(classify(RawLine(line)), Heading)


def _row_complete(draft: _TableDraft) -> bool:
    rows = group_rows(draft.cells, wider=False)
    width = max(len(r) for r in rows)
    return len(rows[-1]) == width


def read(path: str | Path, data: bytes | None = None, sha256: str = "") -> Document:
    path = Path(path)
    data = path.read_bytes() if data is None else data
    text = decode(data, str(path))
    if not text.strip():
        raise EmptyDocumentError(str(path), "the text export is empty")
    items, n_lines = parse_text(text, str(path))
    blocks = assemble(items)
    from pipeline.readers.common import guess_title

    return Document(
        source_file=path.name,
        sha256=sha256,
        format=Format.TEXT,
        title=guess_title(blocks),
        page_count=max(1, -(-n_lines // LINES_PER_PAGE)),
        blocks=blocks,
    )
