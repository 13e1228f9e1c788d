"""The samples rendered in other table house styles (python-docx, then LibreOffice to PDF), for the PDF reader.

`scripts/render_samples.py` writes every table in Word's "Table Grid" (all rules). Real planning documents use
other styles; this module restyles the rendered .docx:

* `rules`: the style the issue measured: no vertical rules; a thick rule above and below the header rows and at
  the table's foot, thin rules between body rows; the header rows shaded grey; a title row holding two texts
  (`Council & Working Groups` | `Work months`) merged across the table as one cell with two paragraphs; the
  period columns of the work-month tables narrow, so `2009-2011` breaks after its hyphen;
* `zebra`: no rules at all, every other body row shaded, the header shaded darker;
* `box`: an outer box only, header row shaded;
* Word's built-in styles by name (python-docx's template has "Light Shading", "Medium Shading 1", "Light List",
  "Light Grid", ...), applied as they are.

`render(stem, style, folder)` writes `<stem>.docx` and its PDF and returns the PDF's path.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import sys
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from pipeline.model import Cell, Table

ROOT = Path(__file__).resolve().parents[2]
CUSTOM = ("rules", "zebra", "box")


def renderer():
    """scripts/render_samples.py as a module (it is a script, not a package member)."""
    if "render_samples" in sys.modules:
        return sys.modules["render_samples"]
    spec = importlib.util.spec_from_file_location("render_samples", ROOT / "scripts" / "render_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["render_samples"] = module
    spec.loader.exec_module(module)
    return module


def _merged_title(table: Table) -> Table:
    """A first row of exactly two texts (a subject and what the table counts) as one cell across the table."""
    first = [c for c in table.cells if c.row == 0]
    if table.n_cols < 3 or len(first) != 2 or not all(c.text.strip() for c in first) or first[0].row_span > 1:
        return table
    a, b = sorted(first, key=lambda c: c.col)
    merged = Cell(f"{a.text}\n{b.text}", 0, 0, 1, table.n_cols, a.provenance)
    return dataclasses.replace(table, cells=(merged, *(c for c in table.cells if c.row > 0)))


def border(parent, edge: str, size: int | None, color: str = "000000") -> None:
    el = parent.find(qn(f"w:{edge}"))
    if el is None:
        el = OxmlElement(f"w:{edge}")
        parent.append(el)
    if size is None:
        el.set(qn("w:val"), "nil")
        return
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size))
    el.set(qn("w:space"), "0")
    el.set(qn("w:color"), color)


def table_borders(table, sizes: dict[str, int | None]) -> None:
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    if borders is None:
        borders = OxmlElement("w:tblBorders")
        tbl_pr.append(borders)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border(borders, edge, sizes.get(edge))


def _cell_pr(cell):
    return cell._tc.get_or_add_tcPr()


def shade(cell, fill: str) -> None:
    tc_pr = _cell_pr(cell)
    shd = tc_pr.find(qn("w:shd"))
    if shd is None:
        shd = OxmlElement("w:shd")
        tc_pr.append(shd)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def cell_border(cell, edge: str, size: int) -> None:
    """A rule on one edge of one cell ("top", "bottom", "left", "right")."""
    tc_pr = _cell_pr(cell)
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    border(borders, edge, size)


def _header_rows(model: Table) -> int:
    """Rows before the first row holding a number in a later column: the header (at least one row)."""
    for r in range(model.n_rows):
        cells = [c for c in model.cells if c.row == r and c.col > 0]
        if any(any(ch.isdigit() for ch in c.text) and len(c.text) <= 12 and "-" not in c.text for c in cells):
            return max(1, r)
    return 1


def _unique_cells(row):
    seen, out = set(), []
    for c in row.cells:
        if id(c._tc) not in seen:
            seen.add(id(c._tc))
            out.append(c)
    return out


def _style_rules(table, model: Table) -> None:
    table_borders(table, {"top": 12, "bottom": 12, "insideH": 4})
    n_head = _header_rows(model)
    for r, row in enumerate(table.rows[:n_head]):
        for c in _unique_cells(row):
            shade(c, "D9D9D9")
            if r == n_head - 1:
                cell_border(c, "bottom", 12)
    numeric = model.n_cols == 4 and any("Work months" in c.text for c in model.cells)
    if numeric:
        table.autofit = False
        widths = [Cm(9.5)] + [Cm(1.25)] * (model.n_cols - 1)
        for k, column in enumerate(table.columns):
            column.width = widths[min(k, len(widths) - 1)]
        for row in table.rows:
            for k, c in enumerate(row.cells):
                c.width = widths[min(k, len(widths) - 1)]


def _style_zebra(table, model: Table) -> None:
    table_borders(table, {})
    n_head = _header_rows(model)
    for r, row in enumerate(table.rows):
        fill = "BFBFBF" if r < n_head else ("EDEDED" if (r - n_head) % 2 == 0 else None)
        if fill:
            for c in _unique_cells(row):
                shade(c, fill)


def _style_box(table, model: Table) -> None:
    table_borders(table, {"top": 8, "bottom": 8, "left": 8, "right": 8})
    for c in _unique_cells(table.rows[0]):
        shade(c, "D9D9D9")


@functools.lru_cache(maxsize=4)
def _sample_model(stem: str):
    """The sample read from its text export (a frozen model: shared by every style's build)."""
    from pipeline.readers import text as text_reader

    return text_reader.read(ROOT / "samples" / f"{stem}.txt")


def build(stem: str, style: str, blocks: int | None = None):
    """The sample's .docx (python-docx Document) with its tables in `style`; with `blocks`, its first blocks only
    (a part of the sample, when rendering it in many styles must stay cheap)."""
    render = renderer()
    sample = next(s for s in render.SAMPLES if s.stem == stem)
    model = _sample_model(stem)
    if blocks is not None:
        model = dataclasses.replace(model, blocks=model.blocks[:blocks])
    if style == "rules":
        model = dataclasses.replace(model, blocks=tuple(
            _merged_title(b) if isinstance(b, Table) else b for b in model.blocks))
    doc = render.build_docx(model, sample)
    for table, block in zip(doc.tables, model.tables):
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if style in CUSTOM:
            table.style = doc.styles["Normal Table"]
            {"rules": _style_rules, "zebra": _style_zebra, "box": _style_box}[style](table, block)
        else:
            table.style = doc.styles[style]
    return doc


def render(stem: str, style: str, folder: Path) -> Path:
    """Write the styled .docx and its LibreOffice PDF into `folder` under the sample's own name (the documents are
    matched to their gold files by name); the PDF's path."""
    folder.mkdir(parents=True, exist_ok=True)
    docx_path = folder / f"{stem}.docx"
    build(stem, style).save(docx_path)
    return renderer().convert_to_pdf(docx_path, folder)
