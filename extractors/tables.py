"""Reading a model table the way the extractors need it: title rows, period header rows, the subject of a
table, and the subject named by a heading. Pure functions of `pipeline.model`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.text import clean, has_term, is_nil, is_period_label, label, parse_number, parse_period, vocab
from pipeline.model import Cell, Table, TableContext

# Heading wording around a subject, e.g. "Resources to support activities related to the WCIT",
# "CEC expected results and key performance indicators (KPIs)". Kept in vocab/heading_boilerplate.csv.
def _boilerplate() -> list[re.Pattern]:
    return [re.compile(t, re.I) for t in vocab().get("heading_boilerplate", ())]


def subject_of(text: str) -> str:
    """`CEC expected results and key performance indicators (KPIs)` -> `CEC`: a title without section wording."""
    subject = clean(text)
    for pat in _boilerplate():
        subject = pat.sub(" ", subject)
    subject = clean(re.sub(r"^\s*(?:for|of|to|the)\s+(?:the\s+)?", "", clean(subject), flags=re.I))
    return subject.strip(" :–-")


def heading_subject(context: TableContext) -> str:
    """The subject a table's nearest heading names, without section wording around it."""
    for text in reversed(context.headings or (context.heading,)):
        subject = subject_of(re.sub(r"^\s*(PART\s+[IVX]+|[IVX\d]+(?:\.[IVX\d]+)*[a-z]?\)?)\s*[-–—:]?\s*", "", text))
        if subject and len(subject.split()) <= 10:
            return subject
    return ""


def texts(row: list[Cell]) -> list[str]:
    return [clean(c.text) for c in row]


def first_paragraph(cell: Cell) -> str:
    for p in cell.text.split("\n"):
        if p.strip():
            return clean(p)
    return ""


@dataclass(frozen=True)
class PeriodHeader:
    row: int
    corner: str  # text of the header row's first cell (a measure such as "Pages", or the table's title)
    columns: dict[int, str]  # grid column -> period label as printed


def _covering(table: Table, grid: list[list[Cell | None]], r: int) -> list[Cell]:
    """The cells covering grid row r, left to right, each once (a cell merged down from above included)."""
    out: list[Cell] = []
    for c in grid[r]:
        if c is not None and (not out or out[-1] is not c):
            out.append(c)
    return out


def period_header(table: Table, min_periods: int = 1) -> PeriodHeader | None:
    """The first row whose cells right of the first column are period labels (`2007`, `2009-11`)."""
    grid = table.grid()
    for r in range(min(6, table.n_rows)):
        row = _covering(table, grid, r)
        if len(row) < 2 or row[0].col != 0:
            continue
        cols = {c.col: clean(c.text) for c in row[1:] if c.row == r and is_period_label(c.text)}
        others = [clean(c.text) for c in row[1:] if c.row == r and clean(c.text) and not is_period_label(c.text)]
        # a labelled column beside the periods (`Posts`, `No. of staff`) is a header word, not a sentence
        if len(cols) >= min_periods and len(others) < len(cols) and all(_header_word(t) for t in others):
            return PeriodHeader(r, clean(row[0].text), cols)
    return None


def _header_word(text: str) -> bool:
    """A short column label without figures (`Posts`, `No. of staff`): what stands beside period columns."""
    return len(text.split()) <= 3 and not re.search(r"\d", text)


def numeric_body(table: Table, header: PeriodHeader, parse=parse_number) -> list[tuple[Cell, dict[int, float]]]:
    """Rows below the header as (label cell, {grid column: number}) for cells in period columns (`parse` reads a
    cell: money cells may print their currency, `amounts.parse_amount`)."""
    grid = table.grid()
    out = []
    for r in range(header.row + 1, table.n_rows):
        row = _covering(table, grid, r)
        if not row or row[0].col != 0:
            continue
        if [clean(c.text) for c in row[1:] if c.col in header.columns] == list(header.columns.values()):
            continue  # the period header repeated (a table continued after a page break)
        values = {}
        for c in row[1:]:
            if c.row == r and c.col in header.columns:
                v = parse(c.text)
                if v is not None:
                    values[c.col] = v
        out.append((row[0], values))
    return out


def looks_numeric(table: Table, header: PeriodHeader) -> bool:
    """Most non-empty cells in period columns are plain numbers (percentages are not; a dash is an empty cell)."""
    filled = numbers = 0
    for row in table.rows()[header.row + 1:]:
        for c in row[1:]:
            if c.col in header.columns and clean(c.text) and not is_nil(c.text):
                filled += 1
                numbers += parse_number(c.text) is not None
    return filled > 0 and numbers / filled >= 0.8


def title_above(table: Table, header_row: int) -> str:
    """The table's subject: the first text above (or in the corner of) the header that is not a period or a
    header word (`Work months`, `Pages`)."""
    rows = table.rows()
    for row in rows[: header_row + 1]:
        for c in row:
            t = label(first_paragraph(c))
            if not t or is_period_label(t) or not without_header_words(t):
                continue  # "Work months", "Pages": a header word alone (`PKM work months` names PKM)
            if parse_period(t) and len(t.split()) <= 3:
                continue
            if re.sub(r"[^a-z/ ]", "", t.lower()).strip() in vocab().get("row_header", ()):
                continue  # "Department", "Grade": the header of the label column, not the table's subject
            return t
    return ""


def without_header_words(text: str) -> str:
    """`PKM work months` -> `PKM`, `Work months` -> ``: a title cell without the header words of work-month and
    service-level tables (vocab roles work_months, service_levels) and the little words left around them."""
    printed = t = clean(text)
    for role in ("work_months", "service_levels"):
        for term in vocab().get(role, ()):
            # a header word followed by a capitalized word is part of a name (`Human Resources Management ...`)
            t = re.sub(rf"(?<![\w-]){re.escape(term)}s?(?![\w-])(?!\s+(?-i:[A-Z]))", " ", t, flags=re.I)
    if clean(t) == printed:
        return printed  # no header words: the title as printed (`The Plenipotentiary Conference`)
    t = clean(re.sub(r"\(\s*\)", " ", t))
    for _ in range(2):
        t = clean(re.sub(r"^(?:of|for|to|by|in|the)\b|\b(?:of|for|to|by|in|the)$|^[\s:–—/,-]+|[\s:–—/,-]+$", "", t,
                         flags=re.I))
    return t if re.search(r"[A-Za-z0-9]", t) else ""


def is_money(table: Table, header_row: int) -> bool:
    """Money (or shares of it) by period, not work: the header rows or title cells name a currency, an amount or
    a share (`CHF thousands`, `Budget`, `%`), or the caption names a currency. Money words decide before
    work-month words (`Human resources (CHF thousands)` is money); a header says work months and money only
    cell by cell (one cell `Work months`, another `CHF`), and then it is not a table of money alone."""
    cells = [clean(c.text) for row in table.rows()[: header_row + 1] for c in row]
    money = [t for t in cells if has_term(t, "money_header")]
    work = [t for t in cells if has_term(t, "work_months") and not has_term(t, "money_header")]
    if money:
        return not work or all(has_term(t, "money_header") for t in cells if has_term(t, "work_months"))
    return has_term(table.context.caption, "currency") and not work


def numeric_kind(table: Table) -> tuple[str, PeriodHeader] | None:
    """("work_months" | "service_levels", header) for a table of numbers by period, None for anything else
    (money and percentage breakdowns included)."""
    hdr = period_header(table)
    if hdr is None or not looks_numeric(table, hdr):
        return None
    local = " ".join(clean(c.text) for row in table.rows()[: hdr.row + 1] for c in row)
    ctx = f"{table.context.preceding_text} {table.context.heading}"
    if is_money(table, hdr.row):
        return None  # `CHF thousands | 2010 | 2011`, `Human resources (CHF thousands)`, `%`: money, not work
    if has_term(local, "work_months"):
        return "work_months", hdr
    if has_term(hdr.corner, "service_levels") or has_term(local, "service_levels"):
        return "service_levels", hdr
    wm, sl = has_term(ctx, "work_months"), has_term(ctx, "service_levels")
    if wm and not sl:
        return "work_months", hdr
    if sl and not wm:
        return "service_levels", hdr
    return None


def continues_numeric(table: Table, previous: Table | None, previous_header: PeriodHeader | None) -> PeriodHeader | None:
    """The header of a table that carries on the table of figures just before it (a page break, the period header
    repeated): the next table under the same headings, nothing but its period header above the figures (no title,
    no header word of its own), and the same period columns. None otherwise."""
    if previous is None or previous_header is None or previous.index != table.index - 1:
        return None
    if previous.context.headings != table.context.headings or table.context.preceding_text:
        return None
    hdr = period_header(table)
    if hdr is None or hdr.row != 0 or not looks_numeric(table, hdr):
        return None
    if list(hdr.columns.values()) != list(previous_header.columns.values()) or title_above(table, hdr.row):
        return None
    return hdr


def is_grade(label: str) -> bool:
    low = clean(label).lower()
    return any(re.match(p, low) for p in vocab().get("grade_pattern", ()))


def is_total(label: str) -> bool:
    low = clean(label).lower()
    return any(low == t or low.startswith(t + " ") for t in vocab().get("total", ()))
