"""Expected results, KPIs and risk factors.

These tables come in parts: a title row naming the output, a period row (`2006-2007 implementation (at
31.05.2007)`, `2007 (continued), 2008-2011`), a header row (`Expected Results | KPIs | Risk factors`), then
result rows, sometimes under group labels (`OFFICE OF THE CHIEF`, `A. Ongoing activities`). A table may hold
several parts, and a part may continue in the next table. The extractor walks the rows keeping that state;
each result row gives one expected result, one KPI per statement of its KPI cells and one risk per statement
of its risk cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.base import Extraction
from extractors.profile import profile
from extractors.tables import first_paragraph, heading_subject, subject_of
from extractors.text import (
    clean,
    format_period,
    has_term,
    is_period_label,
    is_placeholder,
    parse_period,
    pull_focal_points,
    split_result_number,
    split_statements,
    strip_glyphs,
    starts_with_glyph,
    strip_quotes,
    vocab,
)
from pipeline.model import Cell, Document, Table
from pipeline.records import Dataset, ExpectedResult, Kpi, Risk

DATASET = Dataset.EXPECTED_RESULTS
RESULT, KPI, RISK, OTHER = "result", "kpi", "risk", "other"
OUTPUT, FOCAL = "output", "focal"  # a column naming each row's output / focal point
NUMBER = "number"  # a column holding each result's number (`No.`, `#`)
_HORIZON_WORDS = re.compile(
    r"\b(implementation|continued|expected results?|kpis?|risk factors?|project start date|as of|at|to|"
    r"operational plan|for)\b|[(),:]",
    re.I,
)
_YEARS = re.compile(r"\b(?:19|20)\d{2}(?:\s*[-–‑]\s*\d{2,4})?\b|\d{1,2}\.\d{1,2}\.\d{4}")
_LETTER_ENUM = re.compile(r"^\s*(?:[A-Z]\.|\(?[a-zA-Z]\)|\d{1,2}\))\s+")


@dataclass
class _Part:
    output: str = ""
    horizon_label: str = ""
    horizons: list[tuple[str, str]] = field(default_factory=list)  # (normalized, label) per column group
    roles: list[tuple[int, int, str, int]] = field(default_factory=list)  # (first col, last col, role, group)
    group: str = ""
    heading: tuple[str, str] = ("", "")
    table_index: int = -1
    default_horizon: str = ""
    pending: tuple[str, str] | None = None  # a numbered label row waiting for the one row it heads
    row_output: str = ""  # from an `Output` column; holds for the rows a merged output cell covers

    def horizon(self, group: int) -> str:
        if not self.horizons:
            return self.default_horizon
        return (self.horizons[group] if group < len(self.horizons) else self.horizons[-1])[0]


def _role(text: str) -> str | None:
    t = clean(text)
    if not t or len(t.split()) > 7:
        return None
    if has_term(t, "risk_column"):
        return RISK
    if has_term(t, "kpi_column"):
        return KPI
    if has_term(t, "result_column"):
        return RESULT
    if has_term(t, "focal_column"):
        return FOCAL
    if re.sub(r"[^a-z ]", "", t.lower()).strip() in vocab().get("output_column", ()):
        return OUTPUT
    if t.lower() in vocab().get("number_column", ()):
        return NUMBER
    if has_term(t, "other_column"):
        return OTHER
    return None


def _header_roles(row: list[Cell]) -> list[tuple[int, int, str, int]] | None:
    roles = [(_role(c.text), c) for c in row]
    named = [r for r, _ in roles if r in (RESULT, KPI, RISK)]
    if len(named) < 2 or any(r is None and clean(c.text) for r, c in roles):
        return None
    if RESULT not in named and not (KPI in named and RISK in named):
        return None
    out, group = [], -1
    for r, c in roles:
        if r == NUMBER:
            out.append((c.col, c.col + c.col_span - 1, r, None))  # belongs to the result column after it
            continue
        if r == RESULT or group < 0:
            group += 1
        if r:
            out.append((c.col, c.col + c.col_span - 1, r, group))
    last = max([g for *_, g in out if g is not None], default=0)
    return [(a, b, r, g if g is not None else next((g2 for a2, _, r2, g2 in out if a2 > a and r2 == RESULT), last))
            for a, b, r, g in out]


def _header_horizons(row: list[Cell], roles) -> list[tuple[str, str]]:
    """Horizons printed in the header cells themselves (`Expected results (2012-2013) | KPIs | Expected results
    (2014-2015) | KPIs`), one per column group; empty unless every group names one."""
    found: dict[int, tuple[str, str]] = {}
    for cell in row:
        p = parse_period(clean(cell.text))
        group = next((g for first, last, _, g in roles if first <= cell.col <= last), None)
        if p and group is not None:
            found.setdefault(group, (format_period(p), clean(cell.text)))
    groups = sorted({g for *_, g in roles})
    return [found[g] for g in groups] if found and all(g in found for g in groups) else []


def _horizon_of(text: str) -> tuple[str, str] | None:
    """(normalized, label) when a paragraph is a period label such as `2006-2007 implementation (at 31.05.2007)`."""
    t = clean(text)
    p = parse_period(t)
    if not p:
        return None
    rest = clean(_HORIZON_WORDS.sub(" ", _YEARS.sub(" ", t)))
    if is_period_label(t) or len(rest.split()) <= 3 or "implementation" in t.lower():
        return format_period(p), t
    return None


def _title_remainder(text: str) -> str:
    """`ITU TELECOM 2006 implementation` -> `ITU TELECOM`."""
    t = clean(re.sub(r"\(?\s*\b(?:19|20)\d{2}(?:\s*[-–‑]\s*\d{2,4})?\b.*$", "", clean(text))).strip(" ,:–-(")
    return "" if _role(t) or has_term(t, "result_column") else subject_of(t)


def _is_label_row(row: list[Cell]) -> bool:
    filled = [c for c in row if clean(c.text)]
    return len(filled) == 1 and filled[0] is row[0]


def _role_of_cell(part: _Part, cell: Cell) -> tuple[str, int] | None:
    for first, last, role, group in part.roles:
        if first <= cell.col <= last or cell.col <= first <= cell.col + cell.col_span - 1:
            return role, group
    return None


def extract(doc: Document) -> Extraction:
    results, kpis, risks, used = [], [], [], set()
    previous: _Part | None = None
    prof = profile(doc)
    default = format_period((prof.period_start, prof.period_end)) if prof.period_start else ""
    for table in doc.tables:
        part = _walk(doc, table, previous, default, results, kpis, risks)
        if part is not None:
            used.add(table.index)
            previous = part
    risks = split_joined(risks, "risk")
    return Extraction({DATASET: results, Dataset.KPIS: kpis, Dataset.RISKS: risks}, frozenset(used))


def split_joined(records: list, field_name: str) -> list:
    """Undo two statements that a reading joined into one (a PDF cell whose line break looks like a wrap:
    `Organization and clarity of debates Labour market for précis-writers`): a statement that starts with another
    statement of the document, followed by a capitalized rest of two words or more, is two statements."""
    known = sorted({getattr(r, field_name) for r in records}, key=len, reverse=True)
    out = []
    for r in records:
        text = getattr(r, field_name)
        head = next((k for k in known if len(k) < len(text) and text.startswith(k + " ")
                     and text[len(k) + 1:][:1].isupper() and len(text[len(k) + 1:].split()) >= 2), None)
        if head is None:
            out.append(r)
        else:
            out += [replace(r, **{field_name: head}), replace(r, **{field_name: text[len(head) + 1:]})]
    return out


def _walk(doc, table: Table, previous: _Part | None, default: str, results, kpis, risks) -> _Part | None:
    rows = [r for r in table.rows() if any(clean(c.text) for c in r)]
    header_at = next((i for i, r in enumerate(rows) if _header_roles(r)), None)
    heading = (table.context.heading_number, table.context.heading)  # `II.2.1 Expected results ...` recurs per output
    continues = (
        previous is not None and previous.heading == heading and previous.table_index == table.index - 1
        and not _other_kind(table)
    )
    if header_at is None and not continues:
        return None
    part = replace(previous, group="", pending=None) if continues else _Part(heading=heading, default_horizon=default)
    part.table_index = table.index
    if not continues:
        part.output = heading_subject(table.context)
    found_any = False
    for i, row in enumerate(rows):
        roles = _header_roles(row)
        if roles:
            part.roles, part.group, part.row_output = roles, "", ""
            in_header = _header_horizons(row, roles)
            if in_header:
                part.horizons, part.horizon_label = in_header, in_header[0][1]
            continue
        label_like = _is_label_row(row) or (len(row) > 1 and all(_horizon_of(c.text) or not clean(c.text) for c in row))
        if label_like and _label_row(part, row, rows[i + 1:], first=(i == 0)):
            continue
        if not part.roles:
            continue
        found_any |= _result_row(doc, table, part, row, results, kpis, risks)
    _flush_pending(doc, table, part, results)
    return part if (found_any or header_at is not None) else None


def _label_row(part: _Part, row: list[Cell], following: list[list[Cell]], first: bool) -> bool:
    """Take a title, period or group row into the part's state; False when the row is a result after all."""
    cell = row[0]
    text_all = clean(cell.text)
    if is_placeholder(text_all):
        return True  # "n/a", "……", "To be completed": nothing to record
    periods = [h for c in row for h in [_horizon_of(c.text)] if h]
    if len(row) > 1 and len(periods) > 1:  # "2008-2009 | 2010-2011" over column groups
        part.horizons, part.horizon_label = periods, periods[0][1]
        return True
    paragraphs = [clean(p) for p in cell.text.split("\n") if clean(p)]
    horizons = [h for p in paragraphs for h in [_horizon_of(p)] if h]
    short = len(text_all) <= 120 and len(paragraphs) <= 2
    if not horizons and short and (first or not part.roles or _next_is_structure(following)) and paragraphs \
            and parse_period(paragraphs[-1]):
        # "Personnel and Social Protection Department ( 2007": a title with its period
        p = parse_period(paragraphs[-1])
        horizons = [(format_period(p), paragraphs[-1])]
        paragraphs = paragraphs[:-1] + [_title_remainder(paragraphs[-1])]
    if horizons:
        # the same output and period again (a title row repeated after a page break): its groups go on
        repeated = [h[0] for h in part.horizons] == [horizons[-1][0]]
        part.horizons, part.horizon_label = [horizons[-1]], horizons[-1][1]
        titles = [p for p in paragraphs if p and not _horizon_of(p) and clean(_HORIZON_WORDS.sub(" ", p))]
        title = subject_of(titles[0]) if titles else (_title_remainder(paragraphs[0]) if first else "")
        if title:
            part.group = part.group if repeated and title == part.output else ""
            part.output = title
        return True
    text = first_paragraph(cell)
    shaped_like_a_result = bool(part.roles) and len(row) > 1 and text_all.upper() != text_all
    if short and not shaped_like_a_result and (_next_is_structure(following) or not part.roles):
        part.output, part.group = subject_of(text_all), ""  # a title row: a period row or a header follows
        return True
    number, rest = split_result_number(cell.text)
    nxt = following[0][0].text if following and following[0] else ""
    if number and starts_with_glyph(nxt):
        part.pending = (number, clean(strip_glyphs(rest)))  # heads the bulleted row below it
        return True
    words = len(text_all.split())
    if number and words <= 14 or _LETTER_ENUM.match(text_all) and words <= 14:
        part.group = clean(_LETTER_ENUM.sub("", re.sub(r"^\s*\d{1,2}[.)]\s*", "", text_all)))
        return True
    if words <= 8 and len(paragraphs) == 1 and text.upper() == text:
        part.group = text
        return True
    return False


def _flush_pending(doc, table, part: _Part, results) -> None:
    if part.pending:
        number, text = part.pending
        results.append(ExpectedResult(doc.document_id, part.output, "", part.horizon(0), part.horizon_label, number,
                                      text, "", part.group, table.index))
        part.pending = None


def _next_is_structure(following: list[list[Cell]]) -> bool:
    for row in following[:1]:
        if _header_roles(row):
            return True
        if _is_label_row(row) and any(_horizon_of(p) for p in row[0].text.split("\n") if p.strip()):
            return True
    return False


def _result_text(part: _Part, cell: Cell) -> tuple[str, str, str, str]:
    """(number, text, focal points, group) of a result cell."""
    paragraphs = [p for p in cell.text.split("\n") if p.strip()]
    group = part.group
    first = clean(paragraphs[0]) if paragraphs else ""
    if (len(paragraphs) > 1 and first.upper() == first and len(first.split()) <= 6
            and any(ch.isalpha() for ch in first) and not split_result_number(first)[0]):
        group = first  # "OFFICE OF THE CHIEF" heading the cell's text
        paragraphs = paragraphs[1:]
    number, body = split_result_number("\n".join(paragraphs))
    body, focal = pull_focal_points(clean(strip_glyphs(body)))
    if body.startswith(("“", '"')):
        body = strip_quotes(body)
    return number, body, focal, group


def _result_row(doc, table, part: _Part, row: list[Cell], results, kpis, risks) -> bool:
    found = False
    number_by_group: dict[int, str] = {}
    number_cells: dict[int, str] = {}
    extra_focal = []
    for cell in row:
        hit = _role_of_cell(part, cell)
        if hit and hit[0] == NUMBER and clean(cell.text):
            number_cells[hit[1]] = clean(cell.text).rstrip(".)")
        if hit and hit[0] == OUTPUT and clean(cell.text):
            part.row_output = subject_of(first_paragraph(cell))
        elif hit and hit[0] == FOCAL and clean(cell.text):
            extra_focal.append(clean(cell.text))
    output = part.row_output or part.output
    for cell in row:
        hit = _role_of_cell(part, cell)
        if not hit or hit[0] != RESULT or not clean(cell.text) or is_placeholder(cell.text):
            continue
        group_index = hit[1]
        number, body, focal, group = _result_text(part, cell)
        if not number and number_cells.get(group_index):
            number = number_cells[group_index]
        focal = "; ".join(f for f in [focal, *extra_focal] if f)
        if part.pending and not number:
            number, lead = part.pending
            body = clean(f"{lead} {body}")
        part.pending = None
        number_by_group[group_index] = number
        results.append(
            ExpectedResult(doc.document_id, output, "", part.horizon(group_index), part.horizon_label, number,
                           body, focal, group, table.index)
        )
        found = True
    if part.pending:  # the row had no result cell of its own: the label is the result
        number, lead = part.pending
        number_by_group.setdefault(0, number)
        results.append(ExpectedResult(doc.document_id, output, "", part.horizon(0), part.horizon_label, number,
                                      lead, "", part.group, table.index))
        part.pending = None
    for cell in row:
        hit = _role_of_cell(part, cell)
        if not hit or not clean(cell.text):
            continue
        role, group_index = hit
        horizon = part.horizon(group_index)
        number = number_by_group.get(group_index, "")
        if role == KPI:
            for category, statement in split_statements(cell.text):
                kpis.append(Kpi(doc.document_id, output, "", horizon, number, category, statement, table.index))
                found = True
        elif role == RISK:
            for _, statement in split_statements(cell.text):
                risks.append(Risk(doc.document_id, output, "", horizon, number, statement, table.index))
                found = True
    return found


def _other_kind(table: Table) -> bool:
    """Tables another extractor owns never continue a results table."""
    from extractors.activities import is_activity_table
    from extractors.matrices import matrix_columns
    from extractors.tables import numeric_kind

    return bool(is_activity_table(table) or matrix_columns(table) or numeric_kind(table))
