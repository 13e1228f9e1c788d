"""Outputs (products and services) of a results framework: `No. | Output` or `Output | Description` tables
(`R.1-7 | Improvement of ITU-R software`), `Objective | Outputs` tables (several outputs per cell, one per
paragraph), and coded list items in a section of outputs (`R.1-7 Improvement of ITU-R software`). The code
space is the outcomes' (`R.1-7` can be both): what the table or section lists decides."""

from __future__ import annotations

from extractors.activities import is_activity_table
from extractors.base import Extraction
from extractors.codes import objective_code, parse_result, sector_of_code
from extractors.frameworks import DESCRIPTION, NUMBER, OBJECTIVE, OUTCOME, OUTPUT, body, header_of, items, row_objective
from extractors.matrices import matrix_columns
from extractors.money import read_money_table
from extractors.profile import REPORT, profile
from extractors.scope import scope_of
from extractors.sections import OUTCOMES, OUTPUTS, walk
from extractors.text import clean
from pipeline.model import Document, ListItem, Paragraph, Table
from pipeline.records import Dataset, Output

DATASET = Dataset.OUTPUTS


def extract(doc: Document) -> Extraction:
    if profile(doc).plan_kind == REPORT:
        return Extraction({DATASET: []})
    records, used = [], set()
    for table in doc.tables:
        header = header_of(table)
        if header is None or not header.columns(OUTPUT) or header.columns(OUTCOME):
            continue
        if matrix_columns(table) or read_money_table(table) or is_activity_table(table):
            continue
        found = _from_table(doc, table, header)
        if found:
            used.add(table.index)
            records.extend(found)
    records.extend(_from_text(doc))
    return Extraction({DATASET: records}, frozenset(used))


def _scope(doc: Document, objective: str, context=None, near: str = "", chain: tuple[str, ...] = ()) -> str:
    return sector_of_code(objective) or scope_of(doc, context, near, chain)


def _from_table(doc: Document, table: Table, header) -> list[Output]:
    out = []
    caption = clean(table.context.caption)
    objective = ""
    per_objective = bool(header.columns(OBJECTIVE))  # `Objective | Outputs`: each paragraph an output
    for row in body(table, header):
        if row.get(OBJECTIVE):
            objective = row_objective(row[OBJECTIVE]) or objective
        code = clean(row[NUMBER][0].text) if row.get(NUMBER) else ""
        description = clean(row[DESCRIPTION][0].text) if row.get(DESCRIPTION) else ""
        for cell in row.get(OUTPUT, []):
            found = items(cell.text, False, every_paragraph=True) if per_objective else [_one(cell.text)]
            for obj, number, text in found:
                if not text and description:
                    text = description  # `I.1-1 | Coordination meetings ...`: the code alone, the name beside it
                number = number or code
                coded = parse_result(number, numbered=False) if number else None
                obj = obj or (coded.objective if coded else "") or objective
                if text:
                    out.append(Output(doc.document_id, _scope(doc, obj, table.context, caption), obj, number, text,
                                      "", table.index))
    return out


def _one(text: str) -> tuple[str, str, str]:
    coded = parse_result(text, numbered=False)
    if coded is not None:
        return coded.objective, coded.number, coded.text
    if objective_code(text) and len(clean(text).split()) == 1:
        return "", clean(text), ""
    return "", "", clean(text)


def _from_text(doc: Document) -> list[Output]:
    out = []
    for placed in walk(doc):
        block = placed.block
        if OUTPUTS not in placed.roles or OUTCOMES in placed.roles or not isinstance(block, (Paragraph, ListItem)):
            continue
        coded = parse_result(block.text, numbered=False)
        if coded is None or not coded.text:
            continue
        out.append(Output(doc.document_id, _scope(doc, coded.objective, None, "", placed.headings), coded.objective,
                          coded.number, coded.text, ""))
    return out
