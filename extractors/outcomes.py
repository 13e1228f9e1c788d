"""Outcomes and their indicators (results-based plans, 2016 onward).

- Tables `Objectives | Outcomes | Outcome indicators` (or `Objective | Outcomes | Indicators`): the objective
  cell (code, name and statement; empty or merged below for its further outcomes), outcome cells with codes
  (`R.1-1: ...`, ITU-D's `1.1 - ...`), indicator cells with bullets. One outcome per coded paragraph; the
  indicators of a row belong to its outcome (to the one above when the row has no outcome of its own).
- Text: in a section of outcomes, a line `R.1-7: <outcome>` with the bulleted list of its indicators under it.

Indicators are published in kpis with `outcome_number`; their horizon is the plan's period.
"""

from __future__ import annotations

from extractors.base import Extraction
from extractors.codes import parse_result, sector_of_code
from extractors.frameworks import (
    INDICATOR, OBJECTIVE, OUTCOME, OUTPUT, body, header_of, items, looks_like_framework, row_objective,
)
from extractors.profile import REPORT, profile
from extractors.scope import scope_of
from extractors.sections import OUTCOMES, OUTPUTS, is_label, walk
from extractors.text import clean, format_period, split_statements
from pipeline.model import Document, Heading, ListItem, Table
from pipeline.records import Dataset, Kpi, Outcome

DATASET = Dataset.OUTCOMES


def _horizon(doc: Document) -> str:
    p = profile(doc)
    return format_period((p.period_start, p.period_end)) if p.period_start else ""


def extract(doc: Document) -> Extraction:
    if profile(doc).plan_kind == REPORT:
        return Extraction({DATASET: [], Dataset.KPIS: []})
    outcomes, kpis, used, skipped = [], [], set(), {}
    horizon = _horizon(doc)
    for table in doc.tables:
        header = header_of(table)
        if header is None or not header.columns(OUTCOME):
            text = looks_like_framework(table)
            if text and not (header and header.columns(OUTPUT)):  # an outputs table is outputs.py's
                skipped[table.index] = f"looks like a results-framework table but its header is not understood: {text}"
            continue
        used.add(table.index)
        _from_table(doc, table, header, horizon, outcomes, kpis)
    _from_text(doc, horizon, outcomes, kpis)
    return Extraction({DATASET: outcomes, Dataset.KPIS: kpis}, frozenset(used), skipped)


def _scope(doc: Document, objective: str, context=None, near: str = "", chain: tuple[str, ...] = ()) -> str:
    return sector_of_code(objective) or scope_of(doc, context, near, chain)


def _from_table(doc, table: Table, header, horizon: str, outcomes: list, kpis: list) -> None:
    objective, last_outcome = "", ""
    caption = clean(table.context.caption)
    for row in body(table, header):
        if row.get(OBJECTIVE):
            objective = row_objective(row[OBJECTIVE]) or objective
        row_outcomes = []
        for cell in row.get(OUTCOME, []):
            for obj, number, text in items(cell.text):
                obj = obj or objective
                row_outcomes.append(number)
                outcomes.append(Outcome(doc.document_id, _scope(doc, obj, table.context, caption), obj, number, text,
                                        table.index))
        if row_outcomes:
            last_outcome = row_outcomes[0] if len(row_outcomes) == 1 else ""
        for cell in row.get(INDICATOR, []):
            for category, statement in split_statements(cell.text):
                kpis.append(Kpi(doc.document_id, "", "", horizon, "", category, statement, table.index,
                                outcome_number=last_outcome))


def _from_text(doc: Document, horizon: str, outcomes: list, kpis: list) -> None:
    current = None  # the outcome whose indicators the bullets below it are
    for placed in walk(doc):
        block = placed.block
        if isinstance(block, (Heading, Table)) or OUTCOMES not in placed.roles or OUTPUTS in placed.roles:
            current = None
            continue
        if is_label(block):
            continue  # `Outcome indicators:` between an outcome and its bullets
        coded = parse_result(block.text, numbered=False)
        if coded is not None:
            outcomes.append(Outcome(doc.document_id, _scope(doc, coded.objective, None, "", placed.headings),
                                    coded.objective, coded.number, coded.text))
            current = coded.number
        elif isinstance(block, ListItem) and current is not None:
            for category, statement in split_statements(block.text):
                kpis.append(Kpi(doc.document_id, "", "", horizon, "", category, statement, outcome_number=current))
        elif not isinstance(block, ListItem):
            current = None
