"""Reader for Word .docx files (python-docx, plus the WordprocessingML it exposes).

The body is walked in document order, paragraphs and tables interleaved. Paragraphs become `RawLine`s (heading
styles and outline levels give `style_level`, Word lists give `list_level` and the marker Word would print),
tables go through `make_table` with their merged cells represented once (gridSpan -> col_span, vMerge ->
row_span). A table nested in a cell becomes its own Table block right after the enclosing table. Everything is
then classified by `assemble`, exactly as for the text export, so numbered headings typed as plain text are
found the same way.

Not read: headers, footers, footnotes, comments, deleted text of tracked changes. Text boxes are read as
separate paragraphs after the paragraph that anchors them.
"""

from __future__ import annotations

import math
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from pipeline.exceptions import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    LimitExceededError,
    UnsupportedFormatError,
)
from pipeline.model import Document, Format, Provenance, Table
from pipeline.readers.blocks import RawLine, assemble, make_table
from pipeline.readers.docx_styles import SYMBOL_BULLETS, Numbering, StyleInfo, W, load_styles, w as _w
from pipeline.readers.omml import M_OMATH, M_OMATH_PARA, text as omml_text

CHARS_PER_PAGE = 3000  # for the page-count estimate when the file does not say
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024  # a zip bomb guard

_W = W
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e"



W_P, W_TBL, W_TR, W_TC, W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = (
    _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("sdt"), _w("sdtContent"), _w("customXml"))
W_T, W_TAB, W_BR, W_CR, W_SYM = _w("t"), _w("tab"), _w("br"), _w("cr"), _w("sym")
W_NO_BREAK_HYPHEN, W_SOFT_HYPHEN, W_PTAB = _w("noBreakHyphen"), _w("softHyphen"), _w("ptab")
W_TXBX_CONTENT = _w("txbxContent")
W_VAL = _w("val")
_SKIP = {_w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), _w("instrText"), _w("delText"), _w("sectPr"),
         f"{{{_MC}}}Fallback", _w("footnoteReference"), _w("endnoteReference"), _w("commentReference")}


# ------------------------------------------------------------------------------------------ container


def _check_container(data: bytes, path: str) -> None:
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise EncryptedDocumentError(path, "the Word document is password-protected; save it without a password")
        raise UnsupportedFormatError(path, "this is a legacy Word .doc (OLE) file, not a .docx")
    if not data.startswith(b"PK"):
        raise CorruptDocumentError(path, "not a .docx: the file is not a zip archive (it may be truncated or damaged)")
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise CorruptDocumentError(path, "the zip archive has no word/document.xml: not a Word .docx file")
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise LimitExceededError(
                    path, f"the .docx unpacks to {total:,} bytes, over the {MAX_UNCOMPRESSED_BYTES:,}-byte limit")
            bad = z.testzip()
            if bad is not None:
                raise CorruptDocumentError(path, f"the .docx is damaged: the zip member {bad} fails its checksum")
    except zipfile.BadZipFile as exc:
        raise CorruptDocumentError(path, f"the file is a damaged zip archive, not a readable .docx ({exc})") from exc
    except (EOFError, OSError, zlib.error) as exc:
        raise CorruptDocumentError(path, f"the .docx is damaged: its zip data cannot be decompressed ({exc})") from exc


def _open(data: bytes, path: str):
    import docx
    from docx.opc.exceptions import OpcError
    from lxml import etree

    try:
        return docx.Document(BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError(path, f"the .docx contains malformed XML ({exc})") from exc
    except (OpcError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptDocumentError(path, f"the .docx package is damaged or incomplete ({exc})") from exc


# ------------------------------------------------------------------------------------------ walking


@dataclass
class _Stats:
    chars: int = 0
    explicit_breaks: int = 0  # page breaks, page-break-before, new-page sections
    rendered_breaks: int = 0  # w:lastRenderedPageBreak, written by Word when it saved the file


@dataclass
class _Walker:
    doc: object
    styles: dict[str, StyleInfo]
    numbering: Numbering
    items: list[RawLine | Table] = field(default_factory=list)
    stats: _Stats = field(default_factory=_Stats)
    n_tables: int = 0
    n_paragraphs: int = 0

    # -- containers

    def blocks(self, container):
        """Paragraph and table elements of a body, cell or content control, in order."""
        for child in container.iterchildren():
            tag = child.tag
            if tag in (W_P, W_TBL):
                yield child
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    yield from self.blocks(content)
            elif tag == W_CUSTOM_XML:
                yield from self.blocks(child)

    def walk_body(self, body) -> None:
        for el in self.blocks(body):
            if el.tag == W_P:
                self.body_paragraph(el)
            else:
                self.items.extend(self.table(el))
        for sect in body.iter(_w("sectPr")):
            t = sect.find(_w("type"))
            if t is None or t.get(W_VAL, "nextPage") in ("nextPage", "oddPage", "evenPage"):
                self.stats.explicit_breaks += 1
        self.stats.explicit_breaks = max(0, self.stats.explicit_breaks - 1)  # the final sectPr is no break

    # -- paragraphs

    def body_paragraph(self, p) -> None:
        self.n_paragraphs += 1
        text, boxes = self.paragraph_text(p)
        prov = Provenance(line=self.n_paragraphs)
        heading, list_level, marker = self.paragraph_kind(p)
        if heading is not None:
            if marker:
                text = f"{marker} {text}"
            self.items.append(RawLine(text, style_level=heading, provenance=prov))
        elif list_level is not None:
            self.items.append(RawLine(text, provenance=prov, list_level=list_level, marker=marker))
        else:
            self.items.append(RawLine(text, provenance=prov))
        for box in boxes:
            for el in self.blocks(box):
                if el.tag == W_P:
                    self.body_paragraph(el)
                else:
                    self.items.extend(self.table(el))

    def paragraph_kind(self, p) -> tuple[int | None, int | None, str]:
        """(heading level, list level, marker) of a paragraph from its style, outline level and numbering."""
        ppr = p.find(_w("pPr"))
        style = StyleInfo()
        num_id = ilvl = None
        heading = None
        body_level = False  # outline level 9 set on the paragraph: body text, whatever its style says
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            if ps is not None:
                style = self.styles.get(ps.get(W_VAL, ""), StyleInfo())
            ol = ppr.find(_w("outlineLvl"))
            if ol is not None and (ol.get(W_VAL) or "").isdigit():
                if int(ol.get(W_VAL)) < 9:
                    heading = int(ol.get(W_VAL)) + 1
                else:
                    body_level = True
            num = ppr.find(_w("numPr"))
            if num is not None:
                nid, lvl = num.find(_w("numId")), num.find(_w("ilvl"))
                num_id = nid.get(W_VAL) if nid is not None else None
                ilvl = int(lvl.get(W_VAL)) if lvl is not None and (lvl.get(W_VAL) or "").isdigit() else None
            if ppr.find(_w("pageBreakBefore")) is not None:
                self.stats.explicit_breaks += 1
        if ppr is None or ppr.find(_w("pStyle")) is None:
            style = self.styles.get("", style)
        if heading is None and not body_level:
            heading = style.heading
        if num_id is None:
            num_id = style.num_id
        if ilvl is None:
            ilvl = style.ilvl if style.ilvl is not None else (style.list_level or 0)
        marker = ""
        is_list = self.numbering.is_list(num_id)
        if is_list:
            marker, _ = self.numbering.next_marker(num_id, ilvl)
        if heading is not None:
            return heading, None, marker
        if is_list:
            return None, ilvl, marker
        if style.list_level is not None and num_id != "0":  # a list style without numbering definitions
            return None, style.list_level, "•"
        return None, None, ""

    def paragraph_text(self, p) -> tuple[str, list]:
        parts: list[str] = []
        boxes: list = []

        def walk(el) -> None:
            for ch in el:
                tag = ch.tag
                if not isinstance(tag, str) or tag in _SKIP:
                    continue
                if tag == W_T:
                    parts.append(ch.text or "")
                elif tag in (W_TAB, W_PTAB):
                    parts.append("\t")
                elif tag == W_BR:
                    kind = ch.get(_w("type"))
                    if kind == "page":
                        self.stats.explicit_breaks += 1
                        parts.append(" ")
                    elif kind == "column":
                        parts.append(" ")
                    else:
                        parts.append("\n")
                elif tag == W_CR:
                    parts.append("\n")
                elif tag == W_NO_BREAK_HYPHEN:
                    parts.append("-")
                elif tag == W_SOFT_HYPHEN:
                    continue
                elif tag == W_SYM:
                    code = ch.get(_w("char"), "")
                    try:
                        glyph = chr(int(code, 16))
                    except ValueError:
                        continue
                    parts.append(SYMBOL_BULLETS.get(glyph, glyph))
                elif tag == _w("lastRenderedPageBreak"):
                    self.stats.rendered_breaks += 1
                elif tag == W_TXBX_CONTENT:
                    boxes.append(ch)
                elif tag in (M_OMATH, M_OMATH_PARA):
                    parts.append(omml_text(ch))  # an equation, as linear text
                else:
                    walk(ch)

        walk(p)
        text = "".join(parts)
        self.stats.chars += len(text)
        return text, boxes

    # -- tables

    def rows_of(self, tbl):
        return self._children(tbl, W_TR)

    def cells_of(self, tr):
        return self._children(tr, W_TC)

    def _children(self, parent, tag):
        """`parent`'s children with `tag`, also those wrapped in content controls (w:sdt) or custom XML."""
        for child in parent.iterchildren():
            if child.tag == tag:
                yield child
            elif child.tag in (W_SDT, W_CUSTOM_XML):
                inner = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
                if inner is not None:
                    yield from self._children(inner, tag)

    def table(self, tbl) -> list[Table]:
        """The table and, after it, the tables nested in its cells (depth first)."""
        index = self.n_tables
        self.n_tables += 1
        nested: list[Table] = []
        rows: list[list[list]] = []
        above: dict[int, list] = {}  # grid column -> the cell covering it in the previous row
        for r, tr in enumerate(self.rows_of(tbl)):
            trpr = tr.find(_w("trPr"))
            before = _int_val(trpr, "gridBefore", 0)
            after = _int_val(trpr, "gridAfter", 0)
            row: list[list] = []
            here: dict[int, list] = {}
            col = 0
            if before:
                row.append(["", 1, before, Provenance(table_index=index, row_index=r, col_index=0)])
                col = before
            for tc in self.cells_of(tr):
                tcpr = tc.find(_w("tcPr"))
                span = max(1, _int_val(tcpr, "gridSpan", 1))
                vmerge = _merge_val(tcpr, "vMerge")
                hmerge = _merge_val(tcpr, "hMerge")  # legacy horizontal merge
                if vmerge == "continue" and col in above:
                    anchor = above[col]
                    anchor[1] += 1
                    text = self.cell_text(tc, nested)  # normally empty; Word shows any text in the merged cell
                    if text:
                        anchor[0] = f"{anchor[0]}\n{text}" if anchor[0] else text
                elif hmerge == "continue" and row:
                    anchor = row[-1]
                    anchor[2] += span
                    text = self.cell_text(tc, nested)
                    if text:
                        anchor[0] = f"{anchor[0]}\n{text}" if anchor[0] else text
                else:
                    anchor = [self.cell_text(tc, nested), 1, span,
                              Provenance(table_index=index, row_index=r, col_index=col)]
                    row.append(anchor)
                for k in range(col, col + span):
                    here[k] = anchor
                col += span
            if after:
                row.append(["", 1, after, Provenance(table_index=index, row_index=r, col_index=col)])
            rows.append(row)
            above = here
        table = make_table([[(c[0], c[1], c[2], c[3]) for c in row] for row in rows])
        return [table, *nested]

    def cell_text(self, tc, nested: list[Table]) -> str:
        paragraphs: list[str] = []
        for el in self.blocks(tc):
            if el.tag == W_P:
                text, boxes = self.paragraph_text(el)
                _, list_level, marker = self.paragraph_kind(el)
                if list_level is not None and marker and text.strip():
                    text = f"{marker} {text}"  # as Word prints (and exports) a list in a cell
                if text.strip():
                    paragraphs.append(text)
                for box in boxes:
                    for bel in self.blocks(box):
                        if bel.tag == W_P:
                            t, _ = self.paragraph_text(bel)
                            if t.strip():
                                paragraphs.append(t)
            else:
                nested.extend(self.table(el))
        return "\n".join(paragraphs)


def _int_val(parent, tag: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(_w(tag))
    if el is None:
        return default
    v = el.get(W_VAL, "")
    return int(v) if v.isdigit() else default


def _merge_val(tcpr, tag: str) -> str | None:
    """"restart", "continue" or None for a cell's vMerge / hMerge (a bare element means "continue")."""
    if tcpr is None:
        return None
    el = tcpr.find(_w(tag))
    if el is None:
        return None
    return el.get(W_VAL, "continue")


# ------------------------------------------------------------------------------------------ page count


def _app_pages(data: bytes) -> int:
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            xml = z.read("docProps/app.xml")
    except (KeyError, zipfile.BadZipFile):
        return 0
    m = re.search(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</", xml)
    return int(m.group(1)) if m else 0


def _page_count(data: bytes, stats: _Stats) -> int:
    return max(
        1,
        _app_pages(data),
        stats.rendered_breaks + 1,
        stats.explicit_breaks + 1,
        math.ceil(stats.chars / CHARS_PER_PAGE),
    )


# ------------------------------------------------------------------------------------------ entry point

_JUNK_TITLE = re.compile(
    r"^(?:microsoft word\s*-.*|.*\.(?:docx?|dotx?|rtf|pdf|txt)|document\d*|title|untitled|normal|"
    r"powerpoint presentation|\s*|[\W\d_]+)$", re.I)


def useful_title(title: str) -> str:
    """The metadata title, unless it is what Word leaves behind ("Microsoft Word - C07-10E.doc", "Title")."""
    title = " ".join((title or "").split())
    return "" if _JUNK_TITLE.match(title) else title



def read_docx(path: str | Path, data: bytes, sha256: str = "", fmt: Format = Format.DOCX,
              source_file: str | None = None) -> Document:
    """Read .docx bytes; `fmt` and `source_file` let the .doc reader present a converted file as the original."""
    from lxml import etree

    path = Path(path)
    name = str(path)
    _check_container(data, name)
    doc = _open(data, name)
    try:
        walker = _Walker(doc, load_styles(doc), Numbering(doc))
        walker.walk_body(doc.element.body)
        try:
            metadata_title = doc.core_properties.title or ""
        except (etree.XMLSyntaxError, ValueError, KeyError):
            metadata_title = ""
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError(name, f"the .docx contains malformed XML ({exc})") from exc
    blocks = assemble(walker.items)
    if not blocks:
        raise EmptyDocumentError(name, "the Word document contains no text and no tables")
    from pipeline.readers.common import guess_title

    return Document(
        source_file=source_file or path.name,
        sha256=sha256,
        format=fmt,
        title=guess_title(blocks, useful_title(metadata_title)),
        page_count=_page_count(data, walker.stats),
        blocks=blocks,
    )


def read(path: str | Path, data: bytes | None = None, sha256: str = "") -> Document:
    path = Path(path)
    data = path.read_bytes() if data is None else data
    if not data.strip():
        raise EmptyDocumentError(str(path), "the file is empty (0 bytes of content)")
    if not sha256:
        from pipeline.readers.common import sha256_of

        sha256 = sha256_of(data)
    return read_docx(path, data, sha256)
