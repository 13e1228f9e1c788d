"""Strategic risk tables (strategic plans since 2016): `Risk | Description | Mitigation measures`, one record per
row."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.profile import REPORT, profile
from extractors.text import clean, has_term
from pipeline.model import Cell, Document, Table
from pipeline.records import Dataset, StrategicRisk

DATASET = Dataset.STRATEGIC_RISKS
RISK, DESCRIPTION, MITIGATION = "risk", "description", "mitigation"
HEADER_WORDS = 5


def _role(text: str) -> str | None:
    t = clean(text)
    if not t or len(t.split()) > HEADER_WORDS:
        return None
    if has_term(t, "mitigation_column"):
        return MITIGATION
    if has_term(t, "risk_column"):
        return RISK
    if has_term(t, "description_column"):
        return DESCRIPTION
    return None


def header_of(table: Table) -> tuple[int, dict[int, str]] | None:
    for r, row in enumerate(table.rows()[:2]):
        roles = {c.col: _role(c.text) for c in row if clean(c.text)}
        if all(roles.values()) and {RISK, MITIGATION} <= set(roles.values()):
            return r, roles
    return None


def _text(cells: list[Cell]) -> str:
    return clean(" ".join(c.text for c in cells))


def extract(doc: Document) -> Extraction:
    if profile(doc).plan_kind == REPORT:
        return Extraction({DATASET: []})
    records, used = [], set()
    for table in doc.tables:
        found = header_of(table)
        if found is None:
            continue
        header_row, roles = found
        used.add(table.index)
        for row in table.rows()[header_row + 1:]:
            by_role: dict[str, list[Cell]] = {}
            for c in row:
                if roles.get(c.col) and clean(c.text):
                    by_role.setdefault(roles[c.col], []).append(c)
            risk = _text(by_role.get(RISK, []))
            if not risk:
                continue
            records.append(StrategicRisk(doc.document_id, risk, _text(by_role.get(DESCRIPTION, [])),
                                         _text(by_role.get(MITIGATION, [])), table.index))
    return Extraction({DATASET: records}, frozenset(used))
