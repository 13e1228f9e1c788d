"""Reader for Word plain-text exports.

In these exports a table cell is a line starting with a TAB, a cell's further paragraphs follow on lines
without a TAB, rows are separated by blank lines, and a table ends at a non-TAB line after two or more blank
lines. Blank lines also appear *inside* rows (a cell ending with an empty paragraph), so row boundaries are
decided with the table's width: a short row is completed from the next run of cells unless both look like
separate title rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.exceptions import EmptyDocumentError, UnsupportedFormatError
from pipeline.model import Document, Format, Provenance, Table, normalize_space
from pipeline.model import Heading
from pipeline.readers.blocks import RawLine, assemble, classify, make_table, split_number

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
class _Cell:
    paragraphs: list[str]
    gap: int  # blank lines before the cell's first line
    line: int

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.paragraphs if p.strip())


@dataclass
class _TableDraft:
    cells: list[_Cell] = field(default_factory=list)
    blank_run: int = 0


def _title_like(cell: _Cell) -> bool:
    paras = [p for p in cell.paragraphs if p.strip()]
    if not 1 <= len(paras) <= 2:
        return False
    text = normalize_space(" ".join(paras))
    words = sum(ch.isalpha() for ch in text) >= 2 or re.search(r"\b(?:19|20)\d{2}\b", text)
    return len(text) <= 120 and bool(words)


_SERIES = re.compile(r"^\s*([A-Za-z]+)\s+(\d+)\b")


def _next_in_series(prev: _Cell, cell: _Cell) -> bool:
    """`Goal 5` after `Goal 4`: header cells of one row, however many blank lines stand between them."""
    a, b = _SERIES.match(prev.text), _SERIES.match(cell.text)
    return bool(a and b and a.group(1).lower() == b.group(1).lower() and int(b.group(2)) == int(a.group(2)) + 1)


def _rows(draft: _TableDraft) -> list[list[_Cell]]:
    """Group cells into rows. Cells separated by no blank line share a row (a run); a short run is completed
    from the next run up to the width of its section. Sections are separated by title rows: a lone short cell
    followed by another short cell (`PLENIPOTENTIARY CONFERENCE`, then `2006-2007 implementation`)."""
    runs: list[list[_Cell]] = []
    for c in draft.cells:
        if not runs or (c.gap > 0 and not _next_in_series(runs[-1][-1], c)):
            runs.append([c])
        else:
            runs[-1].append(c)
    titles = [
        len(run) == 1 and _title_like(run[0]) and (k + 1 == len(runs) or _title_like(runs[k + 1][0]))
        for k, run in enumerate(runs)
    ]
    widths = [0] * len(runs)
    k = 0
    while k < len(runs):
        if titles[k]:
            widths[k] = 1
            k += 1
            continue
        j = k
        while j < len(runs) and not titles[j]:
            j += 1
        width = max(len(r) for r in runs[k:j])
        for m in range(k, j):
            widths[m] = width
        k = j
    rows: list[list[_Cell]] = []
    row_width = 0
    for k, run in enumerate(runs):
        if rows:
            cur = rows[-1]
            both_titles = len(cur) == 1 and _title_like(cur[0]) and _title_like(run[0])
            if len(cur) < row_width and len(cur) + len(run) <= row_width and not both_titles:
                cur.extend(run)
                continue
        rows.append(list(run))
        row_width = max(widths[k], len(run))
    return rows


def _finish(draft: _TableDraft) -> Table:
    rows = _rows(draft)
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
            draft.cells.append(_Cell([line[1:]], blank, n))
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
    rows = _rows(draft)
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
