"""The older-layout test documents by family: G (General Secretariat plans 2003-2007) and B (Bureau plans
2000-2007), and which of them print in landscape."""

from __future__ import annotations

from tests.extractors.older import bureaux, general_secretariat

FAMILIES = {"G": general_secretariat.DOCUMENTS, "B": bureaux.DOCUMENTS}
LANDSCAPE = {d.stem for d in general_secretariat.DOCUMENTS}  # the wide unit tables print across the page
