"""Unit tables of the General Secretariat plans of 2003-2007 (family G): one wide table per unit,
`Operational activity 2004-2005 | Unit | Objectives | Performance indicators | Relationship to Strategic Policies
and Plans | Resources in work/months from budget 2004-2005`, under lettered group rows (`A. Support for
Conferences ...`).

Per activity row: one expected result (the `Objectives` cell; the output is the activity, the horizon the period
the header prints, else the plan's own), one KPI per statement of the indicators cell, and one work-month row per
`<count> <grade> – <n> w/m` line of each resources cell (unit = the grade without its dot). `See above` and empty
cells give nothing. A table carried on after a page break without its header continues the one before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.base import Extraction
from extractors.profile import profile
from extractors.tables import is_grade, is_total
from extractors.text import (
    clean, format_period, has_term, is_placeholder, parse_number, periods_in, split_result_number,
    split_statements, strip_glyphs, vocab,
)
from pipeline.model import Cell, Document, Table
from pipeline.records import Dataset, ExpectedResult, Kpi, RowKind, WorkMonths

DATASET = Dataset.EXPECTED_RESULTS  # also yields kpis and work_months
ACTIVITY, UNIT, OBJECTIVE, INDICATOR, RELATIONSHIP, RESOURCES = (
    "activity", "unit", "objective", "indicator", "relationship", "resources")
_ORDER = (RESOURCES, RELATIONSHIP, INDICATOR, OBJECTIVE, ACTIVITY)  # the first role whose words a header names
_GROUP = re.compile(r"^\s*(?:[A-Z]|[IVX]{1,4})\s*[.)]\s*(?=[A-Z\d])")  # `A. Support ...`, `B.Ongoing`, `II) ...`


@dataclass(frozen=True)
class Period:
    label: str  # as printed (`2004-2005`), or the plan's period when the header prints none
    start: int | None
    end: int | None

    @property
    def normalized(self) -> str:
        return format_period((self.start, self.end)) if self.start else ""


@dataclass(frozen=True)
class Layout:
    header_row: int
    roles: dict[int, str]  # grid column -> role
    horizon: Period
    periods: dict[int, Period]  # resources column -> its period


def _words(text: str) -> str:
    return re.sub(r"\s*/\s*", "/", clean(text)).lower()


def _role(text: str) -> str | None:
    t = _words(text)
    if not t or len(t.split()) > 14:
        return None
    for role in _ORDER:
        if has_term(t, f"unit_table_{role}"):
            return role
    if re.sub(r"[^a-z() ]", "", t).strip() in vocab().get("unit_table_unit", ()):
        return UNIT
    return None


def _period_of(text: str) -> Period | None:
    found = periods_in(clean(text))
    if not found:
        return None
    start, end = found[-1]
    return Period(format_period((start, end)), start, end)


def layout(table: Table, default: Period) -> Layout | None:
    """The header of a unit table: an activity and an objectives column, indicators or resources beside them,
    at most one column no header word names."""
    for r, row in enumerate(table.rows()[:3]):
        roles, unknown = {}, 0
        for c in row:
            role = _role(c.text)
            if role:
                roles[c.col] = role
            elif clean(c.text):
                unknown += 1
        kinds = set(roles.values())
        if not ({ACTIVITY, OBJECTIVE} <= kinds and kinds & {INDICATOR, RESOURCES}) or unknown > 1:
            continue
        cells = {c.col: c for c in row}
        printed = [p for col in sorted(roles) for p in [_period_of(cells[col].text)] if p]
        activity = next((_period_of(cells[col].text) for col, role in roles.items() if role == ACTIVITY), None)
        horizon = activity or (printed[0] if printed else default)
        periods = {col: _period_of(cells[col].text) or horizon for col, role in roles.items() if role == RESOURCES}
        return Layout(r, roles, horizon, periods)
    return None


# ------------------------------------------------------------------------------------------ resources cells

def _resource_line() -> re.Pattern:
    units = sorted({re.escape(u).replace("/", r"\s*/\s*").replace(r"\ ", r"\s*") for u in vocab().get(
        "work_month_unit", ())}, key=len, reverse=True)
    return re.compile(
        r"(?:(?P<count>\d+(?:[.,]\d+)?)\s+)?(?P<grade>[A-Za-z]{1,3}(?:\s*[.\-]?\s*\d{1,2})?|total)"
        r"\s*(?:[:–—-]+|\bx\b)?\s*(?P<wm>\d+(?:[.,]\d+)?)\s*(?:" + "|".join(units) + r")\b", re.I)


def grade_lines(text: str) -> list[tuple[str, str, float]]:
    """(unit, row_kind, work months) per `<count> <grade> – <n> w/m` line of a resources cell: `1 D.1 – 24 w/m`
    -> (`D1`, grade, 24); `Total – 36 w/m` -> (`Total`, total, 36). Text that names no grade gives nothing."""
    out = []
    for m in _resource_line().finditer(clean(text).replace("\u2011", "-")):
        grade = re.sub(r"[\s.\-]", "", m.group("grade"))
        value = parse_number(m.group("wm").replace(",", "."))
        if value is None:
            continue
        if is_total(grade):
            out.append(("Total", RowKind.TOTAL.value, value))
        elif is_grade(grade):
            out.append((grade.upper(), RowKind.GRADE.value, value))
    return out


# ------------------------------------------------------------------------------------------ the walk

@dataclass
class _State:
    layout: Layout
    table_index: int
    group: str = ""
    activity: str = ""


def _filled(text: str) -> str:
    t = clean(strip_glyphs(text))
    return "" if not t or is_placeholder(t) else t


def _group_label(text: str) -> str:
    return clean(_GROUP.sub("", clean(text), count=1))


def extract(doc: Document) -> Extraction:
    prof = profile(doc)
    default = Period(format_period((prof.period_start, prof.period_end)) if prof.period_start else "",
                     prof.period_start, prof.period_end)
    results, kpis, work, used = [], [], [], set()
    state: _State | None = None
    for table in doc.tables:
        found = layout(table, default)
        if found is not None:
            state = _State(found, table.index)
            start = found.header_row + 1
        elif state is not None and _continues(table, state):
            start = 0
        else:
            state = None
            continue
        state.table_index = table.index
        used.add(table.index)
        _walk(doc, table, start, state, results, kpis, work)
    return Extraction({DATASET: results, Dataset.KPIS: kpis, Dataset.WORK_MONTHS: work}, frozenset(used))


def _continues(table: Table, state: _State) -> bool:
    """The next table, same width, nothing printed between: the unit table carried on after a page break."""
    width = max(state.layout.roles) + 1
    return (table.index == state.table_index + 1 and not table.context.preceding_text
            and width <= table.n_cols <= width + 1)


def _walk(doc: Document, table: Table, start: int, state: _State, results, kpis, work) -> None:
    grid = table.grid()
    lay = state.layout
    for r in range(start, table.n_rows):
        cells: dict[str, list[Cell]] = {}
        for col, role in sorted(lay.roles.items()):
            cell = grid[r][col] if col < table.n_cols else None
            if cell is not None and (not cells.get(role) or cells[role][-1] is not cell):
                cells.setdefault(role, []).append(cell)
        own = [c for c in {id(c): c for row in cells.values() for c in row}.values() if c.row == r]
        filled = [c for c in own if clean(c.text)]
        if all(_role(c.text) for c in filled) and len(filled) >= 3:
            continue  # the header repeated
        if len(filled) == 1 and (filled[0].col_span >= 2 or _GROUP.match(clean(filled[0].text))):
            state.group, state.activity = _group_label(filled[0].text), ""
            continue
        if not filled:
            continue
        _row(doc, table, r, cells, state, results, kpis, work)


def _text(cells: dict[str, list[Cell]], role: str, r: int) -> str:
    """The row's own text in a role's column(s); a cell merged down from an earlier row was read there."""
    return "\n".join(c.text for c in cells.get(role, []) if c.row == r and clean(c.text))


def _row(doc, table, r, cells, state: _State, results, kpis, work) -> None:
    lay = state.layout
    activity_cell = next(iter(cells.get(ACTIVITY, [])), None)
    paragraphs = [p for p in _text(cells, ACTIVITY, r).split("\n") if clean(p)]
    if len(paragraphs) > 1 and _GROUP.match(clean(paragraphs[0])):
        state.group = _group_label(paragraphs[0])  # `A. Support ...` heading the cell's activity
        paragraphs = paragraphs[1:]
    activity = _filled("\n".join(paragraphs))
    if activity:
        state.activity = activity
    elif activity_cell is None or activity_cell.row == r:
        activity = state.activity  # an empty activity cell: another objective of the activity above
    else:
        activity = state.activity  # the activity cell merged down over this row
    if not activity:
        return
    horizon = lay.horizon
    number, objective = split_result_number(_filled(_text(cells, OBJECTIVE, r)))
    if objective:
        results.append(ExpectedResult(
            doc.document_id, activity, "", horizon.normalized, horizon.label, number, objective,
            _filled(_text(cells, UNIT, r)), state.group, table.index,
            strategic_relationship=_filled(_text(cells, RELATIONSHIP, r)),
        ))
    for category, statement in split_statements(_text(cells, INDICATOR, r)):
        kpis.append(Kpi(doc.document_id, activity, "", horizon.normalized, number, category, statement, table.index))
    for col, period in sorted(lay.periods.items()):
        cell = next((c for c in cells.get(RESOURCES, []) if c.col == col and c.row == r), None)
        if cell is None or not period.start:
            continue
        for unit, kind, value in grade_lines(cell.text):
            work.append(WorkMonths(doc.document_id, activity, "", unit, "", kind, period.label, period.start,
                                   period.end, value, table.index))
