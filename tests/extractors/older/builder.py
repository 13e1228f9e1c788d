"""Builds the older-layout test documents with the unseen-document builder (tests/extractors/unseen/builder.py),
in landscape where a plan prints its wide tables across the page (`Doc` stems listed in `LANDSCAPE`), as the
2000-2007 plans did."""

from __future__ import annotations

from pathlib import Path

from tests.extractors.unseen.builder import Doc, build as build_portrait

HERE = Path(__file__).resolve().parent


def _landscape(path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT

    d = Document(str(path))
    for section in d.sections:
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = max(width, height), min(width, height)
    text_width = d.sections[-1].page_width - d.sections[-1].left_margin - d.sections[-1].right_margin
    for table in d.tables:  # python-docx fixed the column widths for a portrait page: widen them
        n = len(table.columns)
        for column in table.columns:
            column.width = text_width // n
            for cell in column.cells:
                cell.width = text_width // n
    d.save(str(path))


def build(doc: Doc, out_dir: Path, landscape: bool = False) -> dict[str, Path]:
    paths = build_portrait(doc, out_dir)
    if landscape:
        _landscape(paths["docx"])
    return paths


def truth_dir(doc: Doc) -> Path:
    return HERE / doc.stem
