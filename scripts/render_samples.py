"""Render the seed Word text exports into realistic .docx and .pdf samples under samples/.

For each seed document this writes three files with the same stem:

* ``<stem>.txt``  - a byte copy of the seed (a Word plain-text export);
* ``<stem>.docx`` - a Word document built with python-docx from the document model that the text reader gives:
  numbered headings as ``Heading N`` styles, body paragraphs, bulleted lists (``List Bullet``, marker removed)
  and real tables (``Table Grid``, visible borders, one Word paragraph per cell paragraph, merged cells written
  as real gridSpan / vMerge merges), A4 pages, a running header with the document symbol and a page-number
  footer;
* ``<stem>.pdf``  - LibreOffice's conversion of that .docx (so it has running headers and footers).

Usage: ``python scripts/render_samples.py [--out samples] [--no-pdf]``. Needs LibreOffice (``soffice``) for the
PDF: ``apt-get install libreoffice-writer-nogui``.

Re-running gives byte-identical .txt and .docx files (fixed core-property dates, fixed zip timestamps); the PDF
is as deterministic as LibreOffice allows (its creation date and document id change between runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.model import Document, Heading, ListItem, Paragraph, Table  # noqa: E402
from pipeline.readers import text as text_reader  # noqa: E402

SEEDS = Path("/work/shared/seeds")
FIXED_DATE = dt.datetime(2007, 9, 1, 9, 0, 0)
ZIP_DATE = (2007, 9, 1, 9, 0, 0)


@dataclass(frozen=True)
class Sample:
    seed_glob: str
    stem: str
    title: str
    symbol: str  # the running header's document symbol (illustrative, in ITU Council style)
    subject: str


SAMPLES = (
    Sample(
        "000_*.txt",
        "strategic-plan-2008-2011",
        "Strategic Plan of the Union 2008-2011",
        "C07/10-E",
        "ITU Council 2007: Strategic Plan of the Union for 2008-2011",
    ),
    Sample(
        "004_*.txt",
        "gs-operational-plan-2008-2011",
        "Draft four-year rolling Operational Plan of the General Secretariat 2008-2011",
        "C07/11-E",
        "ITU Council 2007: operational plan of the General Secretariat for 2008-2011",
    ),
)


# ----------------------------------------------------------------------------------------------- docx


def _setup_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Times New Roman")
    normal.paragraph_format.space_after = Pt(6)
    for n in range(1, 10):
        st = doc.styles[f"Heading {n}"]
        st.font.name = "Times New Roman"
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.bold = True
        st.font.italic = False
        st.font.size = Pt({1: 14, 2: 13, 3: 12}.get(n, 11))
        st.paragraph_format.space_before = Pt(12)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True
        st_fonts = st.element.get_or_add_rPr().find(qn("w:rFonts"))
        if st_fonts is not None:
            for attr in list(st_fonts.attrib):
                del st_fonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                st_fonts.set(qn(attr), "Times New Roman")


def _page_setup(doc, symbol: str) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = Mm(25)
    section.bottom_margin = Mm(20)
    section.header_distance = Mm(12.5)
    section.footer_distance = Mm(10)

    header = section.header.paragraphs[0]
    header.text = ""
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run(symbol)
    run.font.size = Pt(9)

    footer = section.footer.paragraphs[0]
    footer.text = ""
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_field(footer, "PAGE", "1", prefix="- ", suffix=" -")


def _add_field(paragraph, instruction: str, placeholder: str, prefix: str = "", suffix: str = "") -> None:
    """A complex field (``PAGE``) so Word and LibreOffice print the real page number."""
    if prefix:
        paragraph.add_run(prefix).font.size = Pt(9)

    def fld_char(kind: str):
        r = paragraph.add_run()
        r.font.size = Pt(9)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._r.append(el)

    fld_char("begin")
    r = paragraph.add_run()
    r.font.size = Pt(9)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    r._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder).font.size = Pt(9)
    fld_char("end")
    if suffix:
        paragraph.add_run(suffix).font.size = Pt(9)


def _write_table(doc, table: Table) -> None:
    t = doc.add_table(rows=table.n_rows, cols=table.n_cols)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell in table.cells:
        target = t.cell(cell.row, cell.col)
        if cell.row_span > 1 or cell.col_span > 1:
            last_row = min(cell.row + cell.row_span, table.n_rows) - 1
            last_col = min(cell.col + cell.col_span, table.n_cols) - 1
            target = target.merge(t.cell(last_row, last_col))
        paragraphs = [p for p in cell.text.split("\n")] or [""]
        first = target.paragraphs[0]
        for extra in target.paragraphs[1:]:  # merging may leave empty paragraphs behind
            extra._p.getparent().remove(extra._p)
        first.text = paragraphs[0]
        for p in paragraphs[1:]:
            target.add_paragraph(p)
        if cell.row == 0:
            for p in target.paragraphs:
                for run in p.runs:
                    run.bold = True
    for row in t.rows:
        for c in row.cells:
            for p in c.paragraphs:
                p.paragraph_format.space_after = Pt(2)
                for run in p.runs:
                    run.font.size = Pt(9)
    doc.add_paragraph()  # Word keeps a paragraph between consecutive tables; it reads as an empty line


def build_docx(model: Document, sample: Sample):
    doc = new_docx()
    _setup_styles(doc)
    _page_setup(doc, sample.symbol)

    props = doc.core_properties
    props.title = sample.title
    props.subject = sample.subject
    props.author = "International Telecommunication Union"
    props.last_modified_by = "International Telecommunication Union"
    props.keywords = "ITU; Council; planning"
    props.comments = "Sample rendered from a Word plain-text export by scripts/render_samples.py"
    props.category = "Council document"
    props.language = "en"
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE

    for block in model.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 9)
            doc.add_paragraph(block.full_text, style=f"Heading {level}")
        elif isinstance(block, ListItem):
            doc.add_paragraph(block.text, style="List Bullet")
        elif isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
        elif isinstance(block, Table):
            _write_table(doc, block)
    return doc


def _normalize_zip(src: Path, dest: Path, pages: int | None) -> None:
    """Rewrite a .docx with fixed member timestamps (and the page count in docProps/app.xml)."""
    with zipfile.ZipFile(src) as zin:
        members = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    tmp = dest.with_suffix(".docx.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in members:
            if name == "docProps/thumbnail.jpeg":
                continue  # python-docx's template thumbnail shows an unrelated page
            if name == "docProps/app.xml" and pages is not None:
                data = re.sub(rb"<Pages>\d+</Pages>", b"<Pages>%d</Pages>" % pages, data)
            if name == "_rels/.rels":
                data = re.sub(rb"<Relationship[^>]*thumbnail[^>]*/>", b"", data)
            if name == "[Content_Types].xml":
                data = re.sub(rb'<Default Extension="jpeg"[^>]*/>', b"", data)
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)
    tmp.replace(dest)


# ----------------------------------------------------------------------------------------------- pdf


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_path: Path, out_dir: Path, timeout: int = 300) -> Path:
    binary = soffice_binary()
    if binary is None:
        raise SystemExit("LibreOffice is needed for the PDF samples: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
            check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
    pdf = out_dir / (docx_path.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice did not produce {pdf}")
    return pdf


def _stabilize_pdf(src: Path, dest: Path) -> None:
    """Replace LibreOffice's per-run creation date and file id by fixed values of the same length, so the xref
    offsets stay valid and re-running gives the same bytes."""
    data = src.read_bytes()
    stamp = FIXED_DATE.strftime("D:%Y%m%d%H%M%S").encode()
    data = re.sub(rb"/(CreationDate|ModDate)\(D:\d{14}", lambda m: b"/" + m.group(1) + b"(" + stamp, data)
    data = re.sub(rb"<[0-9A-F]{32}>", b"<" + b"0" * 32 + b">", data)
    file_id = hashlib.md5(data.split(b"/DocChecksum")[0]).hexdigest().upper().encode()
    data = data.replace(b"<" + b"0" * 32 + b">", b"<" + file_id + b">")
    data = re.sub(
        rb"/DocChecksum /[0-9A-F]{32}",
        lambda m: b"/DocChecksum /" + hashlib.md5(data.split(b"/DocChecksum")[0]).hexdigest().upper().encode(),
        data,
    )
    dest.write_bytes(data)


def pdf_page_count(pdf: Path) -> int | None:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


# ----------------------------------------------------------------------------------------------- main


def render(sample: Sample, out: Path, with_pdf: bool = True) -> list[Path]:
    seeds = sorted(SEEDS.glob(sample.seed_glob)) or [p for p in [out / f"{sample.stem}.txt"] if p.exists()]
    if not seeds:
        raise SystemExit(f"no seed matching {SEEDS / sample.seed_glob} and no {out / sample.stem}.txt")
    seed = seeds[0]
    out.mkdir(parents=True, exist_ok=True)
    txt = out / f"{sample.stem}.txt"
    if seed.resolve() != txt.resolve():
        shutil.copyfile(seed, txt)

    model = text_reader.read(seed)
    docx_path = out / f"{sample.stem}.docx"
    written = [txt, docx_path]
    with tempfile.TemporaryDirectory(prefix="render-samples-") as tmp:
        raw = Path(tmp) / f"{sample.stem}.docx"
        build_docx(model, sample).save(raw)
        pages = None
        if with_pdf:
            pdf = convert_to_pdf(raw, Path(tmp))
            pages = pdf_page_count(pdf)
            _stabilize_pdf(pdf, out / pdf.name)
            written.append(out / pdf.name)
        _normalize_zip(raw, docx_path, pages)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "samples")
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice PDF conversion")
    args = ap.parse_args(argv)
    for sample in SAMPLES:
        for path in render(sample, args.out, with_pdf=not args.no_pdf):
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
