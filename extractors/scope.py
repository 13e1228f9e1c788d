"""Which part of the Union a statement or matrix belongs to (ITU-R, ITU-T, ITU-D, Secretariat, ...)."""

from __future__ import annotations

import re

from extractors.profile import profile
from pipeline.model import Document, TableContext

_SECTORS = [
    ("ITU-R", re.compile(r"\bITU-R\b|Radiocommunication\s+Sector", re.I)),
    ("ITU-T", re.compile(r"\bITU-T\b|Standardization\s+Sector", re.I)),
    ("ITU-D", re.compile(r"\bITU-D\b|Development\s+Sector", re.I)),
]
_SECRETARIAT = re.compile(r"\bsecretariat\b", re.I)


def scope_in(text: str) -> str:
    for name, pat in _SECTORS:
        if pat.search(text):
            return name
    return ""


def scope_of(doc: Document, context: TableContext | None = None, near_text: str = "", headings: tuple[str, ...] = ()) -> str:
    """The nearest sector named by `near_text` or the enclosing headings; the plan's own body otherwise."""
    prof = profile(doc)
    chain = list(headings or (context.headings if context else ()))
    for text in [near_text, *reversed(chain)]:
        found = scope_in(text or "")
        if found:
            return found
        if _SECRETARIAT.search(text or ""):
            return prof.body if prof.plan_kind == "operational_plan" and prof.body else "Secretariat"
    if prof.plan_kind == "operational_plan" and prof.body:
        return prof.body
    return "Union"
