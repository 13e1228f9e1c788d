"""Reviewer decisions: gold/entities/decisions.csv. They always win over automatic matching.

Columns: kind, scope, alias, entity_id, notes.

- `alias` is a printed name; the decision covers every printing with the same normalized key in that kind and
  scope ("PLENIPOTENTIARY CONFERENCE" and "Plenipotentiary Conference" alike).
- `entity_id` is an id (`out-0012`), `new` (a separate entity, even if the matcher found a close one), or
  the printed name of the entity it is the same as (`ITU New Initiatives Programme`): names keep the file
  meaningful on a fresh registry and readable in a diff.
- `scope` is the body (`GS`, `General Secretariat`, `ITU-R`...), normalized like the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.reconcile.normalize import key, norm_scope

DECISION_COLUMNS = ["kind", "scope", "alias", "entity_id", "notes"]
_ID = re.compile(r"^(?:out|unit|obj)-\d+$")


@dataclass(frozen=True)
class Decision:
    kind: str
    scope: str
    alias: str
    target: str  # an id, "new" or a name
    notes: str

    @property
    def is_new(self) -> bool:
        return self.target.strip().lower() == "new"

    @property
    def is_id(self) -> bool:
        return bool(_ID.match(self.target.strip()))


def load_decisions(path: Path | None) -> dict[tuple[str, str, str], Decision]:
    if path is None or not Path(path).exists():
        return {}
    df = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    out: dict[tuple[str, str, str], Decision] = {}
    for row in df.to_dict("records"):
        if not row.get("alias", "").strip() or not row.get("entity_id", "").strip():
            continue
        d = Decision(row.get("kind", "output").strip() or "output", norm_scope(row.get("scope", "")),
                     row["alias"].strip(), row["entity_id"].strip(), row.get("notes", ""))
        out[(d.kind, d.scope, key(d.alias))] = d  # the last line for a key wins
    return out
