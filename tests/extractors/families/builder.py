"""Test documents of the families of FAMILIES.md (R: results-based plans, M: cost-weighted matrices, W: wrappers and
metadata), built with the unseen-document builder (`tests/extractors/unseen/builder.py`: .docx with python-docx
and a Word text export) and dressed in the table house styles real documents use: Word's built-in table styles
by name, or one of the functions below (horizontal rules only, shading without rules, only an outer box, zebra
rows). The expected records are hand-written CSV files in `<document id>/<dataset>.csv` next to this module.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.extractors.unseen.builder import build  # noqa: F401  (the one builder; re-exported for the tests)

HERE = Path(__file__).resolve().parent


def truth_dir(doc) -> Path:
    return HERE / doc.stem


def _borders(parent, tag: str, sides: dict[str, str]) -> None:
    """Set <w:tblBorders>/<w:tcBorders> sides: {"top": "single", "insideV": "nil", ...}."""
    el = parent.find(qn(f"w:{tag}"))
    if el is None:
        el = OxmlElement(f"w:{tag}")
        parent.append(el)
    for side, val in sides.items():
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), val)
        if val != "nil":
            b.set(qn("w:sz"), "8")
            b.set(qn("w:space"), "0")
            b.set(qn("w:color"), "000000")
        el.append(b)


def _table_borders(table, sides: dict[str, str]) -> None:
    tbl_pr = table._tbl.tblPr
    _borders(tbl_pr, "tblBorders", sides)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


_NONE = {s: "nil" for s in ("top", "left", "bottom", "right", "insideH", "insideV")}


def rules_only(header_rows: int = 1):
    """Horizontal rules only: above and below the header and at the table's foot, no vertical lines."""
    def dress(table) -> None:
        table.style = table.part.document.styles["Normal Table"]
        _table_borders(table, {**_NONE, "top": "single", "bottom": "single"})
        for cell in table.rows[header_rows - 1].cells:
            _borders(cell._tc.get_or_add_tcPr(), "tcBorders", {"bottom": "single"})
    return dress


def rules_between_rows(table) -> None:
    """Horizontal rules between every row, no vertical lines."""
    table.style = table.part.document.styles["Normal Table"]
    _table_borders(table, {**_NONE, "top": "single", "bottom": "single", "insideH": "single"})


def shaded(header_rows: int = 1, zebra: bool = False):
    """Shaded header (and title) rows with no rules at all; with `zebra`, every other body row shaded too."""
    def dress(table) -> None:
        table.style = table.part.document.styles["Normal Table"]
        _table_borders(table, dict(_NONE))
        for r, row in enumerate(table.rows):
            fill = "BFBFBF" if r < header_rows else ("EDEDED" if zebra and (r - header_rows) % 2 else "")
            if fill:
                for cell in row.cells:
                    _shade(cell, fill)
    return dress


def outer_box(table) -> None:
    """Only an outer box: no rules inside."""
    table.style = table.part.document.styles["Normal Table"]
    _table_borders(table, {**_NONE, "top": "single", "left": "single", "bottom": "single", "right": "single"})


def wide_first_column(style="Table Grid", first_cm: float = 5.5, total_cm: float = 16.0):
    """A style with the label column wide and the figure columns narrow, as real cost matrices are laid out."""
    def dress(table) -> None:
        from docx.shared import Cm

        if isinstance(style, str):
            table.style = table.part.document.styles[style]
        else:
            style(table)
        table.autofit = False
        n = len(table.columns)
        other = Cm((total_cm - first_cm) / max(n - 1, 1))
        for k, column in enumerate(table.columns):
            width = Cm(first_cm) if k == 0 else other
            column.width = width
            for cell in column.cells:
                cell.width = width
    dress.widths = (first_cm, total_cm)  # kept when the table is re-dressed in a full grid
    return dress


def in_grid(style):
    """The same table in a full grid (`Table Grid`), its column widths kept."""
    widths = getattr(style, "widths", None)
    return wide_first_column("Table Grid", *widths) if widths else "Table Grid"
