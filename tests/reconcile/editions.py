"""Next-year editions of the two real sample documents, made by editing their .docx with python-docx.

An edition is data (`Edition`: the sample it starts from, the new file's stem and a list of edits); `build` applies
the edits to a copy of `samples/<source>.docx` and saves `<stem>.docx`. The edits are what a secretariat does
between two editions of a plan: outputs and units renamed (with or without a sentence saying so), words
reordered, acronyms spelled out, rows reordered, two units merged (announced in the foreword), an output dropped
and a new one added. What the truth is (which printed name of the new edition continues which name of the sample,
and which lineage sentences the text states) is written by hand in `editions/crosswalk.csv` and
`editions/lineage.csv`, from the edits below, not from the matcher's output.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
HERE = Path(__file__).resolve().parent / "editions"


# ------------------------------------------------------------------------------------------------------------
# Edits


@dataclass(frozen=True)
class Cell:
    """Every table cell paragraph whose whole text is `old` gets `new` (a title cell, a row label); with
    `prefix`, every cell paragraph starting with `old` (a title followed by more text)."""

    old: str
    new: str
    prefix: bool = False


@dataclass(frozen=True)
class Prose:
    """`old` replaced by `new` inside the body paragraphs (not the tables) that contain it."""

    old: str
    new: str


@dataclass(frozen=True)
class Swap:
    """In every table having both row labels, the two rows change places."""

    a: str
    b: str


@dataclass(frozen=True)
class MoveFirst:
    """In every table having the row label, that row moves up to the first row holding a label of `among`."""

    label: str
    among: tuple[str, ...]


@dataclass(frozen=True)
class DropRow:
    """Every table row whose first cell is `label` is removed."""

    label: str


@dataclass(frozen=True)
class MergeRows:
    """Rows `keep` and `fold` become one row labelled `new` (numbers added up), where `keep` is."""

    keep: str
    fold: str
    new: str


@dataclass(frozen=True)
class DropSection:
    """The heading starting with `heading` and everything up to the next heading of the same or a higher level."""

    heading: str


@dataclass(frozen=True)
class CopySection:
    """A copy of the section under `heading`, texts replaced by `renames`, inserted before the paragraph that
    starts with `before` (a new output laid out like an existing one)."""

    heading: str
    before: str
    renames: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class AddRow:
    """A copy of row `like` (in every table having it) labelled `label`, placed after it."""

    like: str
    label: str


@dataclass(frozen=True)
class Edition:
    source: str  # stem of the sample in samples/
    stem: str  # stem of the new edition (its document_id)
    edits: list = field(default_factory=list)


# ------------------------------------------------------------------------------------------------------------
# python-docx helpers


def _set_text(par: Paragraph, text: str) -> None:
    runs = par.runs
    if not runs:
        par.add_run(text)
        return
    runs[0].text = text
    for r in runs[1:]:
        r._r.getparent().remove(r._r)


def _tables(doc):
    return list(doc.element.body.iter(qn("w:tbl")))


_RAW_TEXT = etree.XPath("string(.)")  # all the text of an element, at C speed (python-docx's `text` is slow)


def _cell_paragraphs(doc, tbl=None, containing: str = ""):
    """The paragraphs of the tables (or of one table); with `containing`, only those whose text may hold it
    (a cheap test on the XML text first: python-docx's `text` is slow on large documents)."""
    for t in [tbl] if tbl is not None else _tables(doc):
        for p in t.iter(qn("w:p")):
            if containing and containing not in _RAW_TEXT(p):
                continue
            yield Paragraph(p, None)


def _rows(tbl):
    return [tr for tr in tbl.iterchildren(qn("w:tr"))]


def _label(tr) -> str:
    tc = next(tr.iterchildren(qn("w:tc")), None)
    if tc is None:
        return ""
    return "\n".join(Paragraph(p, None).text.strip() for p in tc.iterchildren(qn("w:p"))).strip()


def _row(tbl, label: str):
    return next((tr for tr in _rows(tbl) if _label(tr) == label), None)


def _numbers(tr) -> list:
    out = []
    for tc in tr.iterchildren(qn("w:tc")):
        pars = [Paragraph(p, None) for p in tc.iterchildren(qn("w:p"))]
        out.append(pars)
    return out


def _body_paragraphs(doc) -> list[Paragraph]:
    return [Paragraph(p, doc._body) for p in doc.element.body.iterchildren(qn("w:p"))]


def _heading_level(par: Paragraph) -> int | None:
    ids = par._p.xpath("./w:pPr/w:pStyle/@w:val")
    if not ids:
        return None
    name = _style_name(par.part, ids[0]) if par.part is not None else ids[0]
    if name.startswith("Heading "):
        try:
            return int(name.split()[1])
        except ValueError:
            return None
    return None


_STYLE_NAMES: dict[tuple[int, str], str] = {}


def _style_name(part, style_id: str) -> str:
    k = (id(part), style_id)
    if k not in _STYLE_NAMES:
        style = part.styles.get_by_id(style_id, 1)  # WD_STYLE_TYPE.PARAGRAPH
        _STYLE_NAMES[k] = style.name if style is not None else style_id
    return _STYLE_NAMES[k]


def _section(doc, heading: str) -> list:
    """The body elements of the section under the heading starting with `heading`."""
    body = list(doc.element.body.iterchildren())
    start = level = None
    for i, el in enumerate(body):
        if el.tag == qn("w:p"):
            par = Paragraph(el, doc._body)
            if start is None and heading in _RAW_TEXT(el) and par.text.strip().startswith(heading) \
                    and _heading_level(par):
                start, level = i, _heading_level(par)
                continue
            lv = _heading_level(par)
            if start is not None and lv is not None and lv <= level:
                return body[start:i]
    if start is None:
        raise ValueError(f"no heading starting with {heading!r}")
    return body[start:-1]  # up to the section properties


def _apply(doc, edit) -> int:
    """Apply one edit; the number of places it changed (an edit that changes nothing is a mistake)."""
    n = 0
    if isinstance(edit, Cell):
        for par in _cell_paragraphs(doc, containing=edit.old):
            text = par.text.strip()
            if text == edit.old or (edit.prefix and text.startswith(edit.old)):
                _set_text(par, edit.new + text[len(edit.old):])
                n += 1
    elif isinstance(edit, Prose):
        for par in _body_paragraphs(doc):
            if edit.old in _RAW_TEXT(par._p) and edit.old in par.text:
                _set_text(par, par.text.replace(edit.old, edit.new))
                n += 1
    elif isinstance(edit, Swap):
        for tbl in _tables(doc):
            a, b = _row(tbl, edit.a), _row(tbl, edit.b)
            if a is not None and b is not None:
                marker = copy.deepcopy(a)
                b.addprevious(marker)
                a.addprevious(b)
                marker.addprevious(a)
                marker.getparent().remove(marker)
                n += 1
    elif isinstance(edit, MoveFirst):
        for tbl in _tables(doc):
            row = _row(tbl, edit.label)
            first = next((tr for tr in _rows(tbl) if _label(tr) in edit.among), None)
            if row is not None and first is not None and first is not row:
                first.addprevious(row)
                n += 1
    elif isinstance(edit, DropRow):
        for tbl in _tables(doc):
            row = _row(tbl, edit.label)
            if row is not None:
                tbl.remove(row)
                n += 1
    elif isinstance(edit, MergeRows):
        for tbl in _tables(doc):
            keep, fold = _row(tbl, edit.keep), _row(tbl, edit.fold)
            if keep is None or fold is None:
                continue
            for k_pars, f_pars in zip(_numbers(keep)[1:], _numbers(fold)[1:]):
                try:
                    total = float(k_pars[0].text.replace(",", "")) + float(f_pars[0].text.replace(",", ""))
                except (ValueError, IndexError):
                    continue
                _set_text(k_pars[0], f"{total:.1f}")
            _set_text(_numbers(keep)[0][0], edit.new)
            tbl.remove(fold)
            n += 1
    elif isinstance(edit, AddRow):
        for tbl in _tables(doc):
            like = _row(tbl, edit.like)
            if like is not None:
                new = copy.deepcopy(like)
                _set_text(Paragraph(next(next(new.iterchildren(qn("w:tc"))).iterchildren(qn("w:p"))), None), edit.label)
                like.addnext(new)
                n += 1
    elif isinstance(edit, DropSection):
        for el in _section(doc, edit.heading):
            el.getparent().remove(el)
            n += 1
    elif isinstance(edit, CopySection):
        anchor = next(p for p in _body_paragraphs(doc) if p.text.strip().startswith(edit.before))
        for el in _section(doc, edit.heading):
            new = copy.deepcopy(el)
            pars = [Paragraph(new, doc._body)] if new.tag == qn("w:p") else list(_cell_paragraphs(doc, new))
            for par in pars:
                text = par.text
                for old, rep in edit.renames:
                    text = text.replace(old, rep)
                if text != par.text:
                    _set_text(par, text)
            anchor._p.addprevious(new)
            n += 1
    else:
        raise TypeError(edit)
    return n


def build(edition: Edition, out_dir: Path) -> Path:
    """`<out_dir>/<stem>.docx`, made from the sample's .docx (once per folder)."""
    out = Path(out_dir) / f"{edition.stem}.docx"
    if out.exists():
        return out
    doc = Document(str(SAMPLES / f"{edition.source}.docx"))
    for edit in edition.edits:
        if not _apply(doc, edit):
            raise AssertionError(f"{edition.stem}: {edit} changed nothing")
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


# ------------------------------------------------------------------------------------------------------------
# The two editions

GS_FOREWORD_OLD = ("the establishment of a Department of Administration (combining the former Finance and Personnel "
                   "Departments), the new SPM, and the elimination of the Common Services Department.")
GS_FOREWORD_NEW = ("the Finance and Personnel Departments have been merged into the Administration and Finance "
                   "Management Department (AFM), and the Strategy and Policy Unit (SPU) has been renamed the "
                   "Strategic Planning and Membership Department (SPM).")

GS_NEXT = Edition("gs-operational-plan-2008-2011", "gs-operational-plan-2009-2012", [
    Prose(GS_FOREWORD_OLD, GS_FOREWORD_NEW),
    # units: a merger and a rename stated in the foreword, rows reordered
    MergeRows("FIN", "PER", "AFM"),
    Cell("SPU", "SPM"),
    Swap("SGO", "CEC"),
    MoveFirst("IS", ("SGO", "CEC", "SPM")),
    # the two merged departments' own sections become one
    Cell("PER", "AFM"),
    Cell("Personnel and Social Protection Department", "Administration and Finance Management Department", True),
    Prose("III.7 PERSONNEL DEPARTMENT (PE)", "III.7 ADMINISTRATION AND FINANCE MANAGEMENT DEPARTMENT (AFM)"),
    DropSection("III.8 FINANCE DEPARTMENT"),
    Prose("III.3 Strategy and Policy Unit (SPU)", "III.3 Strategic Planning and Membership Department (SPM)"),
    Prose("SPU support to outputs", "SPM support to outputs"),
    Prose("SPU breakdown of activities", "SPM breakdown of activities"),
    Prose("SPU human resources", "SPM human resources"),
    Prose("SPU expected results", "SPM expected results"),
    # outputs: wording changed, words reordered, acronyms spelled out, a typo fixed
    Cell("Council & Working Groups", "Council and Council Working Groups"),
    Cell("COUNCIL AND WORKING GROUPS", "COUNCIL AND COUNCIL WORKING GROUPS"),
    Cell("Cybersecurity and Internet Policy", "Internet Policy and Cybersecurity"),
    Cell("WTPF", "World Telecommunication Policy Forum (WTPF)"),
    Cell("ITU SG-Publications", "General Secretariat Publications"),
    Cell("Buildings Infrastructure", "Buildings and Infrastructure Management"),
    Cell("BUILDINGS INFRASTRUCTURE", "BUILDINGS AND INFRASTRUCTURE MANAGEMENT"),
    Cell("Corporate Governance & Communication", "Communication and Corporate Governance"),
    Cell("SOCIAL RESPONSIBILTY", "SOCIAL RESPONSIBILITY"),
    Cell("A-ITU TELECOM Events", "ITU TELECOM Events"),
    # a new output laid out like GMPCS, then GMPCS dropped
    CopySection("II.8.2 GMPCS", "PART III", (("GMPCS", "Child Online Protection"), ("II.8.2", "II.8.5"),
                                                ("Corporate Governance and Communication", "Child Online Protection"))),
    DropSection("II.8.2 GMPCS"),
])

STRATEGIC_NEXT = Edition("strategic-plan-2008-2011", "strategic-plan-2012-2015", [
    # ITU-R: an abbreviation and an acronym spelled out, rows swapped, an output dropped and a new one
    Cell("Radio Regs Board", "Radio Regulations Board"),
    Cell("Radiocomm. Assemblies", "Radiocommunication Assemblies"),
    Cell("RAG", "Radiocommunication Advisory Group (RAG)"),
    Swap("WRC", "RRC"),
    DropRow("Liaison/support for development activities"),
    AddRow("Seminars", "Spectrum management software"),
    # ITU-T: a merger stated in the text, an acronym spelled out without parentheses, a reworded output
    Prose("5.3 In line with the results-based approach",
          "5.3 Since the last plan, the UIFN Registrar and the UIPRN/UISCN Registrar were merged to form the "
          "International Numbering Resources Registrar. In line with the results-based approach"),
    Cell("UIFN Registrar", "International Numbering Resources Registrar"),
    DropRow("UIPRN/\nUISCN Registrar"),
    Cell("TSAG", "Telecommunication Standardization Advisory Group"),
    Cell("ITU-T general assistance and cooperation", "General assistance and cooperation"),
    Swap("Study Groups", "Workshops"),
    # ITU-D: words reordered, an acronym spelled out, a rename stated in the text, a new output
    Prose("6.4 In line with the results-based budgeting approach",
          "6.4 The output Human capacity building has been renamed Capacity Development. "
          "In line with the results-based budgeting approach"),
    Cell("Human capacity building", "Capacity Development"),
    Cell("Technologies and Telecom Network Development", "Telecom Network and Technologies Development"),
    Cell("e-applications", "e-strategies"),
    Cell("e-strategies, e-services,", "e-applications, e-services and"),
    Cell("Special Programme for LDCs", "Special Programme for Least Developed Countries"),
    Cell("Statistics and ICT information", "ICT statistics and information"),
    AddRow("Global and regional initiatives", "Emergency telecommunications"),
    # Secretariat: an output discontinued and one abolished (both stated), renames shared with the GS plan
    Prose("7.3 In line with the results-based budgeting approach",
          "7.3 The Building Digital Bridges Programme has been discontinued. The output GMPCS was abolished. "
          "In line with the results-based budgeting approach"),
    DropRow("Building Digital Bridges Programme"),
    DropRow("GMPCS"),
    Cell("Council and Working Groups", "Council and Council Working Groups"),
    Cell("Internet Policy", "Internet Policy and Cybersecurity"),
    Swap("ICT Projects", "Buildings and Infrastructure"),
    AddRow("ITU New Initiatives Programme", "Child Online Protection"),
])

EDITIONS = [GS_NEXT, STRATEGIC_NEXT]

# The same GS edition with the rename left unsaid: the foreword only announces the merger.
GS_NEXT_RENAME_UNSTATED = Edition(GS_NEXT.source, GS_NEXT.stem, [
    Prose(GS_FOREWORD_OLD, "the Finance and Personnel Departments have been merged into the Administration and "
          "Finance Management Department (AFM)."), *GS_NEXT.edits[1:]])
