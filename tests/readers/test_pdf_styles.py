"""The PDF reader on tables in other house styles than "Table Grid": each a small Word document built here with
python-docx, converted by LibreOffice, read as .pdf and as .docx; the PDF must give the tables the .docx gives.

One case per failure fixed for issue 15:
* horizontal rules only, a shaded title row merged across the table holding two paragraphs, narrow period
  columns whose header breaks after its hyphen, a table long enough to go over a page break;
* booktabs: rules above and below the header and at the foot, body rows set solid (single-spaced, no rules),
  a long entry under a short one;
* a box round the table and nothing inside (a frame is no cell);
* zebra shading and no rules (shading is no grid line);
* a box round the table, a ruled header, body rows told apart by shading only (each band is a row);
* a statistical table: rules across the whole table, rules between the columns of figures only;
* an equation (OMML) in a .docx cell comes out as text.

And the sample rendered in the rules-only style (tests/readers/styled.py): every work-month and service-level
cell the gold files hold.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

from pipeline.model import normalize_space
from pipeline.readers import read_document
from tests.readers import styled

ROWS = [["North", "12", "9 or less", "Greater than 40"], ["South", "7", "10 to 17,992", "3"],
        ["East", "120", "18", "25,771 and over"], ["West", "0", "1,204", "Less than 9,594"]]


def _soffice() -> str:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    assert binary, "LibreOffice (soffice) is needed to make the test PDFs: apt-get install libreoffice-writer-nogui"
    return binary


def _table(doc, rows: list[list[str]], size: float = 9):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = doc.styles["Normal Table"]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = t.cell(r, c)
            cell.text = text
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(0)
                for run in p.runs:
                    run.font.size = Pt(size)
    return t


def _rules_docx(path: Path) -> None:
    d = Document()
    d.add_paragraph("Resources by department, in rules-only style.")
    rows = [["Library services", "", "", ""], ["", "2010", "2011", "2012-2015"]]
    rows += [[f"Department {k}", str(k), f"{k}.5", str(10 * k)] for k in range(1, 61)]
    t = _table(d, rows)
    title = t.cell(0, 0).merge(t.cell(0, 3))
    title.text = "Library services"
    title.add_paragraph("Staff months")
    for p in title.paragraphs:
        for run in p.runs:
            run.bold = True
    styled.table_borders(t, {"top": 12, "bottom": 12, "insideH": 4})
    styled.shade(title, "D9D9D9")
    for c in t.rows[1].cells:
        styled.cell_border(c, "bottom", 12)
    t.autofit = False
    for k, column in enumerate(t.columns):
        column.width = Cm(9.5) if k == 0 else Cm(1.45)
    for row in t.rows:
        for k, c in enumerate(row.cells):
            c.width = Cm(9.5) if k == 0 else Cm(1.45)
    d.add_paragraph("Text after the table.")
    d.save(path)


def _booktabs_docx(path: Path) -> None:
    d = Document()
    d.add_paragraph("Each group of respondents, in a table set solid with three rules.")
    t = _table(d, [["", "Count", "Range 1994", "Range 2003"], *ROWS], size=10)
    styled.table_borders(t, {"top": 12, "bottom": 12})
    for c in t.rows[0].cells:
        styled.cell_border(c, "bottom", 6)
    d.add_paragraph("Text after the table.")
    d.save(path)


def _boxed_docx(path: Path) -> None:
    d = Document()
    d.add_paragraph("A table in a box.")
    t = _table(d, [["Region", "Count", "Range 1994", "Range 2003"], *ROWS], size=10)
    styled.table_borders(t, {"top": 8, "bottom": 8, "left": 8, "right": 8})
    for c in t.rows[0].cells:
        styled.shade(c, "D9D9D9")
    d.add_paragraph("Text after the table.")
    d.save(path)


def _zebra_docx(path: Path) -> None:
    d = Document()
    d.add_paragraph("A table with shaded rows and no rules.")
    rows = [["Region", "Count", "Share", "Total"]] + [[f"Region {k}", str(k * 3), f"{k}.0", str(k * 100)]
                                                      for k in range(1, 9)]
    t = _table(d, rows, size=10)
    styled.table_borders(t, {})
    for r, row in enumerate(t.rows):
        if r == 0 or r % 2:
            for c in row.cells:
                styled.shade(c, "BFBFBF" if r == 0 else "E7E7E7")
    d.add_paragraph("Text after the table.")
    d.save(path)


def _banded_box_docx(path: Path) -> None:
    """Regression (R pdf strategic_risks F1 0.0): a box round the table, rules round the shaded header only, body
    rows of wrapped prose told apart by shading every other row, no rule between them."""
    d = Document()
    d.add_paragraph("A boxed table whose body rows are told apart by shading only.")
    prose = "a sentence long enough to wrap over several lines of its narrow cell, row {k}"
    rows = [["Risk", "Description", "Mitigation"]] + [[f"Risk {k}", prose.format(k=k), f"Measure {k}; and {k + 1}"]
                                                       for k in range(1, 6)]
    t = _table(d, rows, size=10)
    styled.table_borders(t, {"top": 8, "bottom": 8, "left": 8, "right": 8})
    for k, c in enumerate(t.rows[0].cells):
        styled.shade(c, "4F81BD")
        styled.cell_border(c, "bottom", 8)
        if k:
            styled.cell_border(c, "left", 8)
    for r, row in enumerate(t.rows):
        if r % 2:
            for c in row.cells:
                styled.shade(c, "D3DFEE")
    for row in t.rows:
        for c in row.cells:
            c.width = Cm(5)
    d.add_paragraph("Text after the table.")
    d.save(path)


def _statistical_docx(path: Path) -> None:
    d = Document()
    d.add_paragraph("A statistical table: rules between the columns of figures only.")
    rows = [["Category", "Number", "Percent", "Number", "Percent", "Change"]]
    rows += [[f"Group {k} . . . . .", f"{k},{k}00", f"{k}.{k}", f"{k + 1},{k}50", f"{k}.{k + 1}", f"*{k}.0"]
             for k in range(1, 9)]
    t = _table(d, rows)
    styled.table_borders(t, {"top": 8, "bottom": 8})
    for r, row in enumerate(t.rows):
        for k, c in enumerate(row.cells):
            if r == 0:
                styled.cell_border(c, "bottom", 4)
            if 1 <= k <= 4:
                styled.cell_border(c, "left", 4)
                styled.cell_border(c, "right", 4)
    d.add_paragraph("Text after the table.")
    d.save(path)


DOCS = {"rules": _rules_docx, "booktabs": _booktabs_docx, "boxed": _boxed_docx, "zebra": _zebra_docx,
        "statistical": _statistical_docx, "banded-box": _banded_box_docx}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("styles")
    for name, build in DOCS.items():
        build(root / f"{name}.docx")
    subprocess.run([_soffice(), f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(root), *(str(root / f"{n}.docx") for n in DOCS)],
                   check=True, timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {name: root / f"{name}.docx" for name in DOCS}


def _rows(table) -> list[list[str]]:
    return [[normalize_space(t) for t in row] for row in table.row_texts()]


@pytest.mark.parametrize("name", list(DOCS))
def test_pdf_gives_the_tables_the_docx_gives(made, name):
    want = read_document(made[name]).tables
    got = read_document(made[name].with_suffix(".pdf")).tables
    assert [_rows(t) for t in got] == [_rows(t) for t in want]


def test_rules_only_table_goes_over_the_page_break_whole(made):
    got = read_document(made["rules"].with_suffix(".pdf")).tables
    assert len(got) == 1 and len(got[0].pages) == 2
    assert got[0].row_texts()[0] == ["Library services\nStaff months"]  # one cell across, two paragraphs
    assert _rows(got[0])[1] == ["", "2010", "2011", "2012-2015"]  # the header broken after its hyphen


def test_equation_in_a_docx_cell_is_text(tmp_path):
    d = Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Area"
    t.cell(1, 0).text = "Roots"
    m = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    area = f'<m:oMath {m}><m:r><m:t>A=π</m:t></m:r><m:sSup><m:e><m:r><m:t>r</m:t></m:r></m:e>' \
           '<m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>'
    roots = (f'<m:oMathPara {m}><m:oMath><m:r><m:t>x=</m:t></m:r><m:f><m:num><m:r><m:t>-b±</m:t></m:r><m:rad>'
             '<m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e><m:r><m:t>D</m:t></m:r></m:e></m:rad></m:num>'
             '<m:den><m:r><m:t>2a</m:t></m:r></m:den></m:f></m:oMath></m:oMathPara>')
    t.cell(0, 1).paragraphs[0]._p.append(parse_xml(area))
    t.cell(1, 1).paragraphs[0]._p.append(parse_xml(roots))
    d.save(tmp_path / "equations.docx")
    table = read_document(tmp_path / "equations.docx").tables[0]
    assert table.row_texts() == [["Area", "A=πr^2"], ["Roots", "x=(-b±√D)/(2a)"]]


# ------------------------------------------------------------------------------- the sample, rules-only style


@pytest.fixture(scope="module")
def rules_sample(tmp_path_factory) -> Path:
    _soffice()
    return styled.render("gs-operational-plan-2008-2011", "rules", tmp_path_factory.mktemp("rules-style"))


def test_sample_in_rules_only_style_gives_every_work_month_and_service_level(rules_sample):
    from extractors import extract_all
    from pipeline.frames import frames_of
    from pipeline.gold import evaluate_frames
    from pipeline.records import Dataset

    scores = evaluate_frames(frames_of([extract_all(read_document(rules_sample))])).set_index("dataset")
    for dataset in (Dataset.WORK_MONTHS, Dataset.SERVICE_LEVELS, Dataset.ACTIVITIES, Dataset.OBJECTIVES):
        row = scores.loc[dataset.value]
        assert row["f1"] == 1.0, (dataset.value, row.to_dict())
    assert scores.loc[Dataset.WORK_MONTHS.value, "true_positives"] == 538
