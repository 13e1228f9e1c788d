"""Expected and realized accomplishments of the Bureau plans of 2000-2007 (family B), with their indicators.

Per activity (or action-plan sub-item) the plans give `Expected accomplishments and performance indicator for
<period>` and `Realized accomplishments and measurement indicator for <year>` (found by extractors/bureau_outline.py). They are two-column tables (`Expected accomplishments | Performance indicators`, `Realized
accomplishments | Measurement indicators`, or the same without a header row under the subsection heading), or
labelled paragraphs and bullets (`Realized accomplishments:` then bullets, `Performance indicators:` then
bullets, `Expected accomplishment: <text>`). One expected-results row per accomplishment (`status` expected or
realized), one KPI row per indicator statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.base import Extraction
from extractors.profile import profile
from extractors.bureau_outline import EXPECTED, REALIZED, Place, outline
from extractors.text import (
    clean, format_period, has_term, is_placeholder, periods_in, split_result_number, split_statements, strip_glyphs,
)
from pipeline.model import Document, ListItem, Paragraph, Table
from pipeline.records import Dataset, ExpectedResult, Kpi

DATASET = Dataset.EXPECTED_RESULTS  # also yields kpis
_LABEL = re.compile(r"^\s*([^:]{3,60}?)\s*:\s*(.*)$", re.S)


@dataclass
class _Result:
    """The accomplishment KPIs attach to."""

    output: str
    horizon: str
    number: str
    status: str


def _status_of(text: str) -> str:
    if has_term(text, "realized_word"):
        return REALIZED
    if has_term(text, "expected_word"):
        return EXPECTED
    return ""


def _horizon(place: Place, printed: str, status: str, default: str) -> tuple[str, str]:
    """(normalized, as printed): the period printed in a table header, else the subsection heading's, else the
    plan's own for expected accomplishments."""
    found = periods_in(printed)
    if found:
        return format_period(found[-1]), printed
    if place.period:
        return format_period(place.period), place.label
    return (default, "") if status == EXPECTED else ("", "")


def header_columns(table: Table) -> tuple[int, int, str] | None:
    """(accomplishment column, indicator column, header text) when the first row names both."""
    rows = table.rows()
    if not rows:
        return None
    acc = next((c for c in rows[0] if has_term(c.text, "accomplishment_column")), None)
    ind = next((c for c in rows[0] if c is not acc and has_term(c.text, "accomplishment_indicator")), None)
    if acc is None or ind is None or any(len(clean(c.text).split()) > 10 for c in rows[0]):
        return None
    return acc.col, ind.col, clean(acc.text)


def extract(doc: Document) -> Extraction:
    prof = profile(doc)
    default = format_period((prof.period_start, prof.period_end)) if prof.period_start else ""
    results, kpis, used = [], [], set()
    text_mode: dict = {}
    for block, place, _ in outline(doc):
        if isinstance(block, Table):
            text_mode = {}
            if _table(doc, block, place, default, results, kpis):
                used.add(block.index)
        elif isinstance(block, (Paragraph, ListItem)):
            text_mode = _text(doc, block, place, default, text_mode, results, kpis)
        else:
            text_mode = {}
    return Extraction({DATASET: results, Dataset.KPIS: kpis}, frozenset(used))


def _table(doc, table: Table, place: Place, default: str, results, kpis) -> bool:
    found = header_columns(table)
    if found is not None:
        acc_col, ind_col, printed = found
        status = _status_of(printed) or (place.kind if place.kind in (EXPECTED, REALIZED) else EXPECTED)
        first = 1
    elif place.kind in (EXPECTED, REALIZED) and table.n_cols == 2:
        acc_col, ind_col, printed, status, first = 0, 1, "", place.kind, 0
    else:
        return False
    if not place.output:
        return False
    horizon, label = _horizon(place, printed, status, default)
    found_any = False
    group = place.programme
    for row in table.rows()[first:]:
        cells = {c.col: c for c in row}
        filled = [c for c in row if clean(c.text)]
        if len(filled) == 1 and filled[0].col_span >= 2:
            group = clean(filled[0].text)  # a label row across the table
            continue
        acc = cells.get(acc_col)
        number, text = split_result_number(clean(strip_glyphs(acc.text))) if acc is not None else ("", "")
        if text and not is_placeholder(text):
            results.append(ExpectedResult(doc.document_id, place.output, "", horizon, label, number, text, "", group,
                                          table.index, status=status))
            found_any = True
        elif not text:
            number = ""
        ind = cells.get(ind_col)
        for category, statement in split_statements(ind.text if ind is not None else ""):
            kpis.append(Kpi(doc.document_id, place.output, "", horizon, number, category, statement, table.index,
                            status=status))
            found_any = True
    return found_any


def _text(doc, block, place: Place, default: str, mode: dict, results, kpis) -> dict:
    """Labelled paragraphs and bullets: `Realized accomplishments:` / `Expected accomplishment: <text>` start
    accomplishments, `Performance indicators:` their indicators; the bullets after a label are its items, and
    bullets right under an accomplishments heading are accomplishments. A paragraph without a label is an item
    only after one (a sentence introducing a table is not an accomplishment). Returns the state for the next
    block."""
    text = clean(block.text)
    if not place.output or (place.label == text and place.kind not in (EXPECTED, REALIZED)):
        return {}  # a line naming another subsection (`Direct costs for 2002-2003`) ends the accomplishments
    m = _LABEL.match(text) if isinstance(block, Paragraph) else None
    if m and has_term(m.group(1), "accomplishment_column"):
        status = _status_of(m.group(1)) or (place.kind if place.kind in (EXPECTED, REALIZED) else EXPECTED)
        mode = {"role": "accomplishment", "status": status, "result": None}
        text = clean(m.group(2))
    elif m and has_term(m.group(1), "accomplishment_indicator") and mode:
        mode = {**mode, "role": "indicator"}
        text = clean(m.group(2))
    elif not mode and isinstance(block, ListItem) and place.kind in (EXPECTED, REALIZED):
        mode = {"role": "accomplishment", "status": place.kind, "result": None}  # bullets under the heading
    elif not mode or (isinstance(block, Paragraph) and text.endswith(":")):
        return mode
    if not text:
        return mode
    status = mode["status"]
    horizon, label = _horizon(place, "", status, default)
    if mode["role"] == "accomplishment":
        number, body = split_result_number(clean(strip_glyphs(text)))
        if body and not is_placeholder(body):
            results.append(ExpectedResult(doc.document_id, place.output, "", horizon, label, number, body, "",
                                          place.programme, status=status))
            mode = {**mode, "result": number}
    else:
        for category, statement in split_statements(text):
            kpis.append(Kpi(doc.document_id, place.output, "", horizon, mode.get("result") or "", category,
                            statement, status=status))
    return mode
