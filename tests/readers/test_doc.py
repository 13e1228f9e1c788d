"""The legacy .doc reader: real .doc files made here by LibreOffice from a small .docx (no mocks).

LibreOffice is required: CI installs it, and a missing `soffice` makes these tests fail rather than skip.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from pipeline.exceptions import CorruptDocumentError, LimitExceededError, MissingDependencyError
from pipeline.model import Format, Heading, ListItem
from pipeline.readers import doc as doc_reader
from pipeline.readers import read_document

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def soffice() -> str:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    assert binary, "LibreOffice is required for the .doc tests: apt-get install libreoffice-writer-nogui"
    return binary


def make_doc(tmp_path: Path) -> Path:
    d = docx.Document()
    d.core_properties.title = "Operational Plan of the General Secretariat"
    d.add_heading("II.1 PLENIPOTENTIARY CONFERENCE", level=1)
    d.add_paragraph("The Plenipotentiary Conference is the supreme organ of the Union.")
    d.add_paragraph("Adopt general policies", style="List Bullet")
    t = d.add_table(rows=4, cols=3)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(0, 2)).text = "Work months"
    for c, text in enumerate(["Department", "2007", "2008"]):
        t.cell(1, c).text = text
    t.cell(2, 0).merge(t.cell(3, 0)).text = "SGO"
    t.cell(2, 1).text, t.cell(2, 2).text = "4.7", "0.0"
    t.cell(3, 1).text, t.cell(3, 2).text = "1.0", "2.0"
    cell = t.cell(1, 0)
    cell.add_paragraph("(General Secretariat)")
    d.add_paragraph("After the table.")  # LibreOffice's .doc export drops a table that ends the document
    src = tmp_path / "src" / "plan.docx"
    src.parent.mkdir()
    d.save(src)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path), str(src)],
        check=True, timeout=180, capture_output=True,
    )
    out = tmp_path / "plan.doc"
    assert out.read_bytes().startswith(OLE)
    return out


def test_soffice_is_installed():
    soffice()


def test_doc_is_read_through_libreoffice(tmp_path):
    path = make_doc(tmp_path)
    d = read_document(path)
    assert d.format is Format.DOC
    assert d.source_file == "plan.doc" and d.document_id == "plan"
    assert len(d.sha256) == 64
    assert d.title == "Operational Plan of the General Secretariat"
    heading = d.blocks[0]
    assert isinstance(heading, Heading) and (heading.number, heading.text) == ("II.1", "PLENIPOTENTIARY CONFERENCE")
    assert any(isinstance(b, ListItem) and b.text == "Adopt general policies" for b in d.blocks)

    (table,) = d.tables
    assert (table.n_rows, table.n_cols) == (4, 3)
    assert table.shape_signature() == [
        ["Work months"],
        ["Department (General Secretariat)", "2007", "2008"],
        ["SGO", "4.7", "0.0"],
        ["1.0", "2.0"],
    ]
    title, sgo = table.rows()[0][0], table.rows()[2][0]
    assert (title.col_span, sgo.row_span) == (3, 2)
    assert table.rows()[1][0].paragraphs == ["Department", "(General Secretariat)"]
    assert table.context.heading_number == "II.1"


def test_doc_reader_called_directly_with_bytes(tmp_path):
    path = make_doc(tmp_path)
    d = doc_reader.read(tmp_path / "renamed.doc", data=path.read_bytes(), sha256="abc")
    assert d.source_file == "renamed.doc" and d.sha256 == "abc" and d.format is Format.DOC


def test_missing_libreoffice_raises_missing_dependency(tmp_path, monkeypatch):
    path = tmp_path / "legacy.doc"
    path.write_bytes(OLE + b"\x00" * 2048)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(MissingDependencyError) as err:
        read_document(path)
    assert "legacy.doc" in str(err.value)
    assert "apt-get install libreoffice-writer-nogui" in err.value.reason


def test_unconvertible_doc_is_corrupt(tmp_path):
    soffice()
    path = tmp_path / "broken.doc"
    path.write_bytes(OLE + b"\xff" * 4096)
    with pytest.raises(CorruptDocumentError, match="broken.doc"):
        read_document(path)


def test_conversion_time_limit(tmp_path):
    soffice()
    path = make_doc(tmp_path)
    with pytest.raises(LimitExceededError, match="within"):
        doc_reader.convert_to_docx(path.read_bytes(), str(path), timeout=0.01)


def test_the_converted_docx_is_held_to_the_docx_limits(tmp_path):
    """What LibreOffice writes holds what the .doc held: a .doc that converts to a zip bomb is refused."""
    from pipeline.limits import Limits

    path = make_doc(tmp_path)
    with pytest.raises(LimitExceededError, match=r"plan\.doc: converted by LibreOffice: the \.docx unpacks to"):
        read_document(path, Limits(max_unzipped_bytes=1000))
    assert read_document(path).format is Format.DOC  # the same file within the default limits
