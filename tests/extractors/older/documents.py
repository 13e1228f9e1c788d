"""The older-layout test documents: family G (General Secretariat plans 2003-2007) and family B (Bureau plans
2000-2007), and which of them print in landscape."""

from __future__ import annotations

from tests.extractors.older import general_secretariat

DOCUMENTS = [*general_secretariat.DOCUMENTS]
LANDSCAPE = {d.stem for d in general_secretariat.DOCUMENTS}  # the wide unit tables print across the page
