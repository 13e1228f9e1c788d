"""The .docx reader on small real .docx files built here with python-docx (no mocks)."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.enum.text import WD_BREAK

from pipeline.exceptions import CorruptDocumentError, EmptyDocumentError, EncryptedDocumentError
from pipeline.model import Format, Heading, ListItem, Paragraph, Table
from pipeline.readers import read_document
from pipeline.readers import docx as docx_reader

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def save(doc, path: Path) -> Path:
    doc.save(path)
    return path


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def tables(path: Path) -> list[Table]:
    return docx_reader.read(path).tables


# ------------------------------------------------------------------------------------------ merged cells


def test_horizontal_merge_is_one_cell_with_col_span(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "PLENIPOTENTIARY CONFERENCE"
    for r in (1, 2):
        for c in range(3):
            t.cell(r, c).text = f"r{r}c{c}"
    path = save(doc, tmp_path / "hmerge.docx")
    assert 'w:gridSpan w:val="3"' in document_xml(path)

    (table,) = tables(path)
    assert (table.n_rows, table.n_cols) == (3, 3)
    title = table.rows()[0]
    assert len(title) == 1
    assert (title[0].text, title[0].row, title[0].col, title[0].row_span, title[0].col_span) == (
        "PLENIPOTENTIARY CONFERENCE", 0, 0, 1, 3)
    assert table.row_texts()[1:] == [["r1c0", "r1c1", "r1c2"], ["r2c0", "r2c1", "r2c2"]]
    assert len(table.cells) == 7  # the merged cell once, not three times
    assert title[0].provenance.table_index == 0 and title[0].provenance.row_index == 0


def test_vertical_merge_is_one_cell_with_row_span(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=4, cols=3)
    for r in range(4):
        for c in range(3):
            t.cell(r, c).text = f"r{r}c{c}"
    t.cell(1, 0).merge(t.cell(3, 0)).text = "Plenipotentiary Conference"
    path = save(doc, tmp_path / "vmerge.docx")
    xml = document_xml(path)
    assert 'w:vMerge w:val="restart"' in xml and "<w:vMerge/>" in xml

    (table,) = tables(path)
    assert (table.n_rows, table.n_cols) == (4, 3)
    anchor = table.rows()[1][0]
    assert (anchor.text, anchor.row, anchor.col, anchor.row_span, anchor.col_span) == (
        "Plenipotentiary Conference", 1, 0, 3, 1)
    # the covered positions are not emitted as cells of their own ...
    assert [c.col for c in table.rows()[2]] == [1, 2]
    assert [c.col for c in table.rows()[3]] == [1, 2]
    # ... but the grid points to the anchor
    grid = table.grid()
    assert grid[2][0] is anchor and grid[3][0] is anchor
    assert table.row_texts()[2] == ["r2c1", "r2c2"]


def test_block_merge_spans_rows_and_columns(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=3, cols=4)
    for r in range(3):
        for c in range(4):
            t.cell(r, c).text = f"{r}{c}"
    t.cell(0, 1).merge(t.cell(1, 2)).text = "block"
    path = save(doc, tmp_path / "block.docx")

    (table,) = tables(path)
    block = next(c for c in table.cells if c.text == "block")
    assert (block.row, block.col, block.row_span, block.col_span) == (0, 1, 2, 2)
    assert table.row_texts() == [["00", "block", "03"], ["10", "13"], ["20", "21", "22", "23"]]
    grid = table.grid()
    assert grid[1][1] is block and grid[1][2] is block and grid[0][2] is block


def test_spans_agree_with_python_docx_cell_identity(tmp_path):
    """python-docx repeats a merged cell at each grid position it covers; our grid must group the same way."""
    doc = docx.Document()
    t = doc.add_table(rows=5, cols=4)
    for r in range(5):
        for c in range(4):
            t.cell(r, c).text = f"{r}{c}"
    t.cell(0, 0).merge(t.cell(0, 3)).text = "title"
    t.cell(1, 0).merge(t.cell(3, 0)).text = "side"
    t.cell(2, 2).merge(t.cell(3, 3)).text = "square"
    path = save(doc, tmp_path / "identity.docx")

    wt = docx.Document(str(path)).tables[0]
    (table,) = tables(path)
    grid = table.grid()
    for r in range(5):
        for c in range(4):
            for r2 in range(5):
                for c2 in range(4):
                    same_docx = wt.cell(r, c)._tc is wt.cell(r2, c2)._tc
                    assert (grid[r][c] is grid[r2][c2]) == same_docx, (r, c, r2, c2)


def test_grid_before_and_after_become_empty_filler_cells(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=2, cols=3)
    for c in range(3):
        t.cell(0, c).text = f"h{c}"
    row = t.rows[1]._tr
    # a row that starts one grid column late and has one cell fewer (Word's gridBefore)
    row.remove(row.tc_lst[0])
    trpr = row.get_or_add_trPr()
    gb = OxmlElement("w:gridBefore")
    gb.set(qn("w:val"), "1")
    trpr.insert(0, gb)
    cells = row.tc_lst
    cells[0].clear_content()
    cells[0].add_p().append(_run("b1"))
    cells[1].clear_content()
    cells[1].add_p().append(_run("b2"))
    path = save(doc, tmp_path / "gridbefore.docx")

    (table,) = tables(path)
    assert (table.n_rows, table.n_cols) == (2, 3)
    assert [(c.col, c.text) for c in table.rows()[1]] == [(0, ""), (1, "b1"), (2, "b2")]


def _run(text: str):
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    return r


# ------------------------------------------------------------------------------------------ cell content


def test_multi_paragraph_cell_joins_paragraphs_and_skips_empty_ones(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=1, cols=2)
    cell = t.cell(0, 0)
    cell.paragraphs[0].text = "Expected results"
    cell.add_paragraph("")
    cell.add_paragraph("1. Adopt general policies")
    cell.add_paragraph("   ")
    cell.add_paragraph("2. Report on activities")
    t.cell(0, 1).text = ""
    path = save(doc, tmp_path / "paras.docx")

    (table,) = tables(path)
    first, second = table.rows()[0]
    assert first.text == "Expected results\n1. Adopt general policies\n2. Report on activities"
    assert first.paragraphs == ["Expected results", "1. Adopt general policies", "2. Report on activities"]
    assert second.text == ""


def _wrap_in_content_control(element) -> None:
    """Put `element` inside a w:sdt content control (Word's repeating sections and form fields do this)."""
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    element.addprevious(sdt)
    sdt.append(OxmlElement("w:sdtPr"))
    sdt.append(content)
    content.append(element)


def test_rows_and_cells_inside_content_controls_are_read(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=3, cols=2)
    for r, texts in enumerate([("Unit", "Work months"), ("SPU", "24"), ("CSD", "12")]):
        for c, text in enumerate(texts):
            t.cell(r, c).text = text
    second, third = t.rows[1]._tr, t.rows[2]._tr
    _wrap_in_content_control(second)  # a row in a repeating section
    _wrap_in_content_control(third.findall(qn("w:tc"))[1])  # one cell in a form field
    path = save(doc, tmp_path / "controls.docx")
    assert "<w:sdtContent><w:tr" in document_xml(path)

    (table,) = tables(path)
    assert [[c.text for c in row] for row in table.rows()] == [["Unit", "Work months"], ["SPU", "24"], ["CSD", "12"]]


def test_nested_table_is_its_own_block_right_after_the_outer_table(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Before")
    outer = doc.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "Output"
    outer.cell(0, 1).text = "Resources"
    host = outer.cell(1, 1)
    host.paragraphs[0].text = "Work months:"
    inner = host.add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "SGO"
    inner.cell(0, 1).text = "4.7"
    inner.cell(1, 0).text = "CEC"
    inner.cell(1, 1).text = "16.9"
    host.add_paragraph("(estimate)")
    outer.cell(1, 0).text = "Plenipotentiary"
    doc.add_paragraph("After")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "third"
    path = save(doc, tmp_path / "nested.docx")

    d = docx_reader.read(path)
    kinds = [type(b).__name__ for b in d.blocks]
    assert kinds == ["Paragraph", "Table", "Table", "Paragraph", "Table"]
    outer_t, inner_t, third = d.tables
    assert [t.index for t in d.tables] == [0, 1, 2]
    assert outer_t.row_texts() == [["Output", "Resources"], ["Plenipotentiary", "Work months:\n(estimate)"]]
    assert "SGO" not in " ".join(c.text for c in outer_t.cells)  # the nested table's text is not duplicated
    assert inner_t.row_texts() == [["SGO", "4.7"], ["CEC", "16.9"]]
    assert inner_t.cells[0].provenance.table_index == 1
    assert third.row_texts() == [["third"]] and third.cells[0].provenance.table_index == 2


# ------------------------------------------------------------------------------------------ paragraphs


def test_heading_styles_and_numbered_headings_written_as_plain_text(tmp_path):
    doc = docx.Document()
    doc.core_properties.title = "Draft Operational Plan 2008-2011"
    doc.add_paragraph("PART II - Intersectoral outputs")  # plain text
    doc.add_paragraph("II.1")  # a bare number, the title on the next line (as in the text exports)
    doc.add_paragraph("PLENIPOTENTIARY CONFERENCE")
    doc.add_paragraph("II.1.4 Resources required")  # a numbered heading typed as body text
    doc.add_paragraph("The figure below provides a breakdown of the resources required by each Bureau.")
    doc.add_heading("Overview", level=2)  # a heading style without a number
    doc.add_heading("III.2 Department of Administration", level=1)  # style level 1, number says level 2
    doc.add_paragraph("Structure of the plan", style="Heading 3")
    doc.add_paragraph("First point of the list", style="List Bullet")
    doc.add_paragraph("· Objective 1 – Information to membership")  # a bullet typed as text
    doc.add_paragraph("1.1 Article 2 of the ITU Constitution states that the International Telecommunication "
                      "Union is an intergovernmental organization in which Member States cooperate.")
    path = save(doc, tmp_path / "headings.docx")

    d = docx_reader.read(path)
    assert d.title == "Draft Operational Plan 2008-2011"
    assert d.format is Format.DOCX and d.source_file == "headings.docx"
    got = [(type(b).__name__, getattr(b, "number", None), b.text, getattr(b, "level", None)) for b in d.blocks]
    assert got == [
        ("Heading", "PART II", "Intersectoral outputs", 0),
        ("Heading", "II.1", "PLENIPOTENTIARY CONFERENCE", 2),
        ("Heading", "II.1.4", "Resources required", 3),
        ("Paragraph", None, "The figure below provides a breakdown of the resources required by each Bureau.", None),
        ("Heading", "", "Overview", 2),
        ("Heading", "III.2", "Department of Administration", 2),
        ("Heading", "", "Structure of the plan", 3),
        ("ListItem", None, "First point of the list", 0),
        ("ListItem", None, "Objective 1 – Information to membership", 0),
        ("Paragraph", None, "1.1 Article 2 of the ITU Constitution states that the International Telecommunication "
                            "Union is an intergovernmental organization in which Member States cooperate.", None),
    ]
    bullet = d.blocks[7]
    assert isinstance(bullet, ListItem) and bullet.marker == "•"
    assert d.blocks[8].marker == "·"


def test_table_context_comes_from_the_enclosing_headings(tmp_path):
    doc = docx.Document()
    doc.add_heading("II.1 PLENIPOTENTIARY CONFERENCE", level=1)
    doc.add_heading("II.1.4 Resources required", level=2)
    doc.add_paragraph("Work months per department")
    doc.add_table(rows=1, cols=2).cell(0, 0).text = "SGO"
    path = save(doc, tmp_path / "context.docx")

    (table,) = docx_reader.read(path).tables
    assert table.context.heading_number == "II.1.4"
    assert table.context.headings == ("II.1 PLENIPOTENTIARY CONFERENCE", "II.1.4 Resources required")
    assert "Work months per department" in table.context.preceding_text


def test_word_numbering_gives_list_markers(tmp_path):
    doc = docx.Document()
    for text in ("first", "second", "third"):
        doc.add_paragraph(text, style="List Number")
    path = save(doc, tmp_path / "numbered.docx")

    items = [b for b in docx_reader.read(path).blocks if isinstance(b, ListItem)]
    assert [(i.marker, i.text) for i in items] == [("1.", "first"), ("2.", "second"), ("3.", "third")]


def test_word_numbered_headings_get_their_number(tmp_path):
    doc = docx.Document()
    list_num_id = doc.styles["List Number"].element.pPr.numPr.numId.val
    for text in ("Introduction", "Mission"):
        p = doc.add_paragraph(text, style="Heading 1")
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_numId().val = list_num_id
        num_pr.get_or_add_ilvl().val = 0
        doc.add_paragraph("Body text of the section, long enough to be an ordinary paragraph of the plan.")
    path = save(doc, tmp_path / "autonum.docx")

    headings = [b for b in docx_reader.read(path).blocks if isinstance(b, Heading)]
    assert [(h.number, h.text, h.level) for h in headings] == [("1", "Introduction", 1), ("2", "Mission", 1)]


def test_outline_level_makes_a_heading_and_body_level_unmakes_one(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("Custom styled section title")
    ol = OxmlElement("w:outlineLvl")
    ol.set(qn("w:val"), "1")
    p._p.get_or_add_pPr().append(ol)
    q = doc.add_paragraph("Not really a heading", style="Heading 2")
    body = OxmlElement("w:outlineLvl")
    body.set(qn("w:val"), "9")
    q._p.get_or_add_pPr().append(body)
    path = save(doc, tmp_path / "outline.docx")

    first, second = docx_reader.read(path).blocks
    assert isinstance(first, Heading) and first.level == 2
    assert isinstance(second, Paragraph)


@pytest.mark.parametrize("junk", ["Microsoft Word - C07-10E.doc", "Title", "C07-10E.docx", "  "])
def test_junk_metadata_titles_are_ignored(tmp_path, junk):
    doc = docx.Document()
    doc.core_properties.title = junk
    doc.add_paragraph("Strategic Plan of the Union 2008-2011")
    path = save(doc, tmp_path / "junk.docx")
    assert docx_reader.read(path).title == "Strategic Plan of the Union 2008-2011"


def test_deleted_text_and_field_codes_are_not_read(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("Kept ")
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = "REMOVED"
    run.append(dt)
    deleted.append(run)
    p._p.append(deleted)
    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.text = " PAGE "
    instr_run.append(instr)
    p._p.append(instr_run)
    p.add_run("text")
    path = save(doc, tmp_path / "tracked.docx")

    (para,) = docx_reader.read(path).blocks
    assert isinstance(para, Paragraph) and para.text == "Kept text"


def test_headers_and_footers_are_not_body_text(tmp_path):
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "C07/11-E"
    doc.sections[0].footer.paragraphs[0].text = "- 3 -"
    doc.add_paragraph("Body")
    path = save(doc, tmp_path / "hf.docx")
    assert [b.text for b in docx_reader.read(path).blocks] == ["Body"]


def test_page_count_counts_page_breaks(tmp_path):
    doc = docx.Document()
    for k in range(4):
        p = doc.add_paragraph(f"Page {k + 1}")
        if k < 3:
            p.add_run().add_break(WD_BREAK.PAGE)
    path = save(doc, tmp_path / "pages.docx")
    assert docx_reader.read(path).page_count == 4


def test_title_falls_back_to_the_text_when_metadata_is_empty(tmp_path):
    doc = docx.Document()
    doc.core_properties.title = ""
    doc.add_paragraph("Draft four-year rolling Operational Plan of the General Secretariat")
    doc.add_paragraph("Body text that is long enough not to be a title of anything at all here.")
    path = save(doc, tmp_path / "notitle.docx")
    assert docx_reader.read(path).title == "Draft four-year rolling Operational Plan of the General Secretariat"


def test_read_document_dispatches_docx_and_sets_hash(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Hello")
    path = save(doc, tmp_path / "hello.docx")
    d = read_document(path)
    assert d.format is Format.DOCX and len(d.sha256) == 64 and d.document_id == "hello"


# ------------------------------------------------------------------------------------------ errors


def _valid_docx_bytes() -> bytes:
    doc = docx.Document()
    doc.add_paragraph("Hello")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_truncated_docx_is_corrupt(tmp_path):
    path = tmp_path / "truncated.docx"
    path.write_bytes(_valid_docx_bytes()[:4000])
    with pytest.raises(CorruptDocumentError) as err:
        docx_reader.read(path)
    assert "truncated.docx" in str(err.value) and "zip" in err.value.reason
    with pytest.raises(CorruptDocumentError):
        read_document(path)


def test_malformed_document_xml_is_corrupt(tmp_path):
    src = zipfile.ZipFile(io.BytesIO(_valid_docx_bytes()))
    path = tmp_path / "badxml.docx"
    with zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut in the middle of an element
            out.writestr(copy.copy(info), data)
    with pytest.raises(CorruptDocumentError) as err:
        docx_reader.read(path)
    assert "badxml.docx" in str(err.value) and "malformed XML" in err.value.reason


def test_zip_without_word_document_is_corrupt(tmp_path):
    path = tmp_path / "notword.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word file")
    with pytest.raises(CorruptDocumentError, match="word/document.xml"):
        docx_reader.read(path)


def test_random_bytes_are_corrupt(tmp_path):
    path = tmp_path / "noise.docx"
    path.write_bytes(b"this is not a zip archive at all" * 10)
    with pytest.raises(CorruptDocumentError, match="noise.docx"):
        docx_reader.read(path)


def test_password_protected_docx_is_encrypted(tmp_path):
    # Office stores an encrypted .docx in an OLE container holding an "EncryptedPackage" stream
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    data = ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    path = tmp_path / "secret.docx"
    path.write_bytes(data)
    with pytest.raises(EncryptedDocumentError, match="password"):
        docx_reader.read(path)
    with pytest.raises(EncryptedDocumentError):
        read_document(path)


def test_empty_document_raises(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("   ")
    path = save(doc, tmp_path / "blank.docx")
    with pytest.raises(EmptyDocumentError, match="blank.docx"):
        docx_reader.read(path)


# ------------------------------------------------------------------------------------------ samples


@pytest.mark.parametrize("stem", ["strategic-plan-2008-2011", "gs-operational-plan-2008-2011"])
def test_samples_have_real_merges_and_titles(stem):
    path = SAMPLES / f"{stem}.docx"
    d = docx_reader.read(path)
    assert d.title.startswith(("Strategic Plan", "Draft four-year rolling Operational Plan"))
    assert d.page_count > 1
    if stem.startswith("gs-"):  # its tables have merged title rows
        assert any(c.col_span > 1 for t in d.tables for c in t.cells)
    for t in d.tables:
        assert all(0 <= c.col and c.col + c.col_span <= t.n_cols for c in t.cells)
        assert all(g is not None for row in t.grid() for g in row), f"table {t.index} has holes"
    assert not any(b.text.strip() in {"C07/10-E", "C07/11-E"} for b in d.iter_text_blocks())  # header not read
