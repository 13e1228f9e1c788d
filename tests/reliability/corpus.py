"""A corpus of hostile and broken documents, generated into a folder by the reliability tests.

Each entry says what the file is and what the pipeline must do with it:
`expect="failed"` (reported in errors.csv and quarantined), or `expect="ok"` (read, published; a hostile-looking
but legitimate document such as a non-UTF-8 text export or a very large table).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
GOOD = SAMPLES / "strategic-plan-2008-2011.txt"

HUGE_TABLE_ROWS = 5000
MANY_PAGES = 30  # with ITUPLANS_MAX_PAGES below this in the run's environment
OVERSIZE_MB = 16  # ITUPLANS_MAX_FILE_MB of the run; oversize.pdf is one MiB more (every other file is far smaller)


@dataclass(frozen=True)
class Case:
    name: str  # file name in the corpus
    what: str  # description (docs/RELIABILITY.md)
    expect: str  # "failed" or "ok"
    reason: str = ""  # regular expression the errors.csv reason must match (expect="failed")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# ------------------------------------------------------------------------------------------------ makers


def _truncated(src: Path, dest: Path) -> None:
    data = src.read_bytes()
    dest.write_bytes(data[: len(data) // 2])


def _random(dest: Path, n: int = 64 * 1024, seed: int = 7) -> None:
    dest.write_bytes(random.Random(seed).randbytes(n))


def _malformed_docx(dest: Path) -> None:
    """A well-formed zip whose word/document.xml is not well-formed XML."""
    with zipfile.ZipFile(SAMPLES / "strategic-plan-2008-2011.docx") as src, \
            zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 3] + b"<w:p><w:r><w:t>unclosed & <broken"
            out.writestr(info, data)


def _zip_bomb(dest: Path) -> None:
    """A .docx with a 200 MiB part of zeros that compresses to ~200 KiB (1000x)."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", b'<?xml version="1.0"?><w:document/>')
        with z.open("word/media/image1.bin", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(200):
                fh.write(block)


def _xml_bomb(dest: Path) -> None:
    """Billion laughs in word/document.xml (10 levels of 10 references: 10^10 'lol's if expanded)."""
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)
    ]
    xml = ('<?xml version="1.0"?><!DOCTYPE lolz [' + "".join(ents) + ']>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           '<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    with zipfile.ZipFile(SAMPLES / "strategic-plan-2008-2011.docx") as src, \
            zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, xml.encode() if info.filename == "word/document.xml" else src.read(info))


def _deep_docx(dest: Path, depth: int = 100_000) -> None:
    """word/document.xml nested 100,000 elements deep (parser recursion / stack exhaustion)."""
    body = b"<w:tbl><w:tr><w:tc>" * (depth // 3) + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * (depth // 3)
    xml = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body>" + body + b"</w:body></w:document>")
    with zipfile.ZipFile(SAMPLES / "strategic-plan-2008-2011.docx") as src, \
            zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, xml if info.filename == "word/document.xml" else src.read(info))


def _image_pdf(dest: Path, pages: int = 1) -> None:
    """A PDF of pictures of text (a scan): pages, no text layer."""
    from PIL import Image, ImageDraw

    images = []
    for i in range(pages):
        im = Image.new("RGB", (850, 1100), "white")
        draw = ImageDraw.Draw(im)
        draw.text((80, 80), f"Strategic Plan of the Union - page {i + 1}", fill="black")
        draw.rectangle((80, 200, 770, 600), outline="black")
        images.append(im)
    images[0].save(dest, "PDF", save_all=True, append_images=images[1:], resolution=100.0)


def _encrypted_pdf(dest: Path, workdir: Path) -> None:
    """A password-protected PDF exported by LibreOffice. LibreOffice is required (.ci/run installs it): without
    it the corpus cannot be built and the tests fail, rather than quietly testing one case fewer."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is needed to make the encrypted PDF of the bad-input corpus")
    src = workdir / "encrypted-src"
    out = workdir / "encrypted-out"
    src.mkdir(exist_ok=True)
    out.mkdir(exist_ok=True)
    from docx import Document

    d = Document()
    d.add_paragraph("Confidential operational plan")
    t = d.add_table(rows=2, cols=2)
    for r, row in enumerate([["Output", "2008"], ["Conferences", "12"]]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.save(src / "encrypted.docx")
    options = ('{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    subprocess.run(
        [binary, f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", f"pdf:writer_pdf_Export:{options}", "--outdir", str(out), str(src / "encrypted.docx")],
        check=True, timeout=180, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    shutil.move(out / "encrypted.pdf", dest)


def flate_pdf(dest: Path, blanks: int, layers: int = 1) -> None:
    """A one-page PDF whose page content is a line of text and `blanks` spaces, compressed with `layers` chained
    FlateDecode filters: a decompression bomb when `blanks` is large (2 GB of blanks is a 2 MB file)."""
    import zlib

    data = b"BT /F1 12 Tf 72 720 Td (Operational plan) Tj ET\n"
    compressor = zlib.compressobj(9)
    body = compressor.compress(data) + b"".join(compressor.compress(b" " * (1 << 24)) for _ in range(blanks >> 24))
    body += compressor.compress(b" " * (blanks % (1 << 24))) + compressor.flush()
    for _ in range(layers - 1):
        body = zlib.compress(body, 9)
    filters = b"[" + b" ".join([b"/FlateDecode"] * layers) + b"]" if layers > 1 else b"/FlateDecode"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(body), filters) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    dest.write_bytes(bytes(out))


def _no_tables(dest: Path) -> None:
    dest.write_text(
        "Strategic Plan of the Union 2012-2015\n\n1\nIntroduction\n\n1.1\nThis plan has prose only: no tables, "
        "no matrices, no work months.\n\n1.2\nIt is a legitimate document that yields no rows.\n",
        encoding="utf-8",
    )


def huge_table_text(rows: int = HUGE_TABLE_ROWS) -> str:
    """A Word text export with a work-months table of `rows` rows (cells: TAB-led lines, rows: blank lines)."""
    out = ["Draft four-year rolling Operational Plan for the General Secretariat 2008-2011", "", "1",
           "Resources", "", "The table below gives the work months of every output.", "", "",
           "\tOutput", "\t2008", "\t2009", ""]
    for i in range(rows):
        out += [f"\tOutput number {i}", f"\t{i % 50}", f"\t{(i * 7) % 50}", ""]
    out += ["", "", "End of the plan."]
    return "\n".join(out) + "\n"


def _legacy_encoding(dest: Path, encoding: str) -> None:
    text = GOOD.read_text(encoding="utf-8")
    if encoding == "utf-16":
        dest.write_bytes(text.encode("utf-16"))  # with BOM, as Word's "Unicode" export
    else:
        dest.write_bytes(text.encode(encoding, errors="replace"))


def _cp1252_named(corpus: Path) -> Path:
    return corpus / "strategic-plan-cp1252.txt"


# ------------------------------------------------------------------------------------------------ corpus


def build(corpus: Path, workdir: Path) -> list[Case]:
    """Write every case into `corpus`; return the cases."""
    corpus.mkdir(parents=True, exist_ok=True)
    workdir.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str, what: str, expect: str, reason: str = "") -> Path:
        cases.append(Case(name, what, expect, reason))
        return corpus / name

    add("empty.pdf", "0-byte file named .pdf", "failed", r"empty").write_bytes(b"")
    add("blank.docx", "file of spaces and newlines named .docx", "failed", r"empty").write_bytes(b" \n\r\n\t \n")
    _truncated(SAMPLES / "strategic-plan-2008-2011.pdf",
               add("truncated.pdf", "first half of a real PDF", "failed", r"(?i)pdf|damaged|truncat|parse"))
    _truncated(SAMPLES / "strategic-plan-2008-2011.docx",
               add("truncated.docx", "first half of a real .docx", "failed", r"(?i)zip|damaged"))
    _random(add("random.pdf", "64 KiB of random bytes named .pdf", "failed", r"named \.pdf but its content is"))
    _random(add("random.docx", "64 KiB of random bytes named .docx", "failed", r"named \.docx but its content is"),
            seed=11)
    (add("binary.txt", "random bytes with NULs named .txt", "failed", r"binary data")
     ).write_bytes(b"\x00\x01\x02" + random.Random(3).randbytes(4096))
    shutil.copy(SAMPLES / "strategic-plan-2008-2011.docx",
                add("renamed-docx.pdf", "a real .docx renamed to .pdf", "failed", r"named \.pdf but its content is docx"))
    _malformed_docx(add("malformed-xml.docx", ".docx (valid zip) whose document.xml is cut mid-tag", "failed",
                        r"(?i)could not be parsed|xml|damaged"))
    _zip_bomb(add("zip-bomb.docx", ".docx with a 200 MiB part compressed 1000x", "failed", r"zip bomb"))
    _xml_bomb(add("xml-bomb.docx", ".docx whose document.xml is a billion-laughs entity expansion", "failed",
                  r"ENTITY"))
    _deep_docx(add("deep-nesting.docx", ".docx with XML nested 100,000 elements deep", "failed",
                   r"(?i)nested|depth|could not be parsed|xml"))
    _image_pdf(add("scan.pdf", "PDF of images only (no text layer), made with Pillow", "failed",
                   r"(?i)no text|scan|OCR"))
    _image_pdf(add("many-pages.pdf", f"{MANY_PAGES}-page PDF, over ITUPLANS_MAX_PAGES", "failed",
                   r"page limit \(ITUPLANS_MAX_PAGES\)"), pages=MANY_PAGES)
    _encrypted_pdf(add("encrypted.pdf", "password-protected PDF exported by LibreOffice", "failed", r"password"),
                   workdir)
    with open(add("oversize.pdf", f"{OVERSIZE_MB + 1} MiB file (sparse) over ITUPLANS_MAX_FILE_MB={OVERSIZE_MB}",
                  "failed", r"MiB limit \(ITUPLANS_MAX_FILE_MB\)"), "wb") as fh:
        fh.truncate((OVERSIZE_MB + 1) * 2**20)
    flate_pdf(add("pdf-bomb.pdf", "2 MB PDF whose page content inflates to 2 GB of blanks", "failed",
                  r"inflate to over \d+ MiB \(ITUPLANS_MAX_UNZIPPED_MB\): a decompression bomb"), 2 * 10**9)
    _no_tables(add("no-tables.txt", "text export with prose only, no table: nothing silent", "partial",
                   r"^nothing recognized: no tables, and no objectives, results or other rows in the text"))
    (add("huge-table.txt", f"text export with a {HUGE_TABLE_ROWS:,}-row table", "ok")
     ).write_text(huge_table_text(), encoding="utf-8")
    _legacy_encoding(add("strategic-plan-cp1252.txt", "the good sample saved as Windows-1252", "ok"), "cp1252")
    _legacy_encoding(add("strategic-plan-utf16.txt", "the good sample saved as UTF-16 with BOM", "ok"), "utf-16")
    return cases
