"""The floor: how long it takes just to parse each format, next to our reader on the same file (best of R).

The floor functions are also `bench/readers.py`'s.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bench.measure import best_of
from bench.report import fmt_num, table

TITLE = "floors"
OURS = "ours: read_document"


def pdfium_text(path: Path) -> None:
    """pypdfium2 plain-text extraction of every page (C library: the fastest possible read)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
    finally:
        doc.close()


def plumber_chars(path: Path) -> None:
    """pdfplumber/pdfminer parsing every page's characters, nothing else."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars
            page.close()


def docx_xml(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                etree.fromstring(z.read(name))


def txt_decode(path: Path) -> None:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        data.decode("cp1252", errors="replace")


def ours(path: Path) -> None:
    from pipeline.readers import read_document

    read_document(path)


DOCX_XML = "floor: unzip + lxml parse of word/*.xml"
PLUMBER_CHARS = "floor: pdfplumber chars of every page"
PDFIUM_TEXT = "floor: pypdfium2 text of every page"
PLAN = [("txt", OURS, ours), ("txt", "floor: read + decode bytes", txt_decode),
        ("docx", OURS, ours), ("docx", DOCX_XML, docx_xml),
        ("pdf", OURS, ours), ("pdf", PLUMBER_CHARS, plumber_chars), ("pdf", PDFIUM_TEXT, pdfium_text)]
HEADLINE = [("pdf", PLUMBER_CHARS), ("pdf", PDFIUM_TEXT), ("docx", DOCX_XML)]


def measure(cfg, R: dict) -> dict:
    rows = []
    for fmt, name, fn in PLAN:
        for stem in cfg.stems:
            path = cfg.samples / f"{stem}.{fmt}"
            rows.append({"format": fmt, "what": name, "sample": stem, "pages": cfg.pages(stem),
                         "seconds": best_of(lambda: fn(path), min(cfg.repeat, 2) if fmt == "pdf" else cfg.repeat)})
    return {"floors": rows}


def render(R: dict, n: int) -> list[str]:
    rows = []
    by: dict[tuple, dict] = {}
    for f in R["floors"]:
        by.setdefault((f["format"], f["sample"]), {})[f["what"]] = f
    for (fmt, stem), d in by.items():
        mine = d.get(OURS)
        for what, f in d.items():
            ratio = "" if what.startswith("ours") or not mine else f"{mine['seconds'] / f['seconds']:.1f}×"
            rows.append([fmt, stem, what, f["pages"], fmt_num(1000 * f["seconds"] / f["pages"], 1),
                         fmt_num(f["seconds"], 3), ratio])
    return [f"## {n}. The floor: parsing alone", "",
            "How long it takes just to parse each format, next to our reader on the same file (best of R).", "",
            table(["format", "sample", "what", "pages", "ms/page", "seconds", "ours ÷ this"], rows, "lllrrrr"), ""]


def headline(R: dict) -> list[str]:
    total: dict[tuple, float] = {}
    for f in R.get("floors", []):
        total[(f["format"], f["what"])] = total.get((f["format"], f["what"]), 0.0) + f["seconds"]
    out = []
    for fmt, name in HEADLINE:
        if (fmt, name) in total and (fmt, OURS) in total:
            out.append(f"{fmt} reader ÷ {name.split(': ', 1)[1]}: {total[(fmt, OURS)] / total[(fmt, name)]:.1f}×")
    return out
