"""What an accept changes in a gold file: rows added, removed and changed, and in which columns.

Rows are compared as the text a gold file holds (every column, notes included), aligned in file order with
difflib's longest matching blocks: a reviewer edits a file in place, so unchanged rows keep their order. Within a
block of rows that differ, old and new rows are paired by position: changed rows, then the surplus added or
removed.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

Row = tuple[str, ...]


@dataclass(frozen=True)
class RowChanges:
    added: int = 0
    removed: int = 0
    changed: int = 0
    columns: tuple[tuple[str, int], ...] = ()  # (column, rows changed in it), in column order

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def summary(self) -> str:
        """`1 changed (risk: 1), 1 added` or `no change`."""
        parts = []
        if self.changed:
            cols = ", ".join(f"{c}: {n}" for c, n in self.columns)
            parts.append(f"{self.changed} changed ({cols})")
        parts += [f"{n} {label}" for n, label in ((self.added, "added"), (self.removed, "removed")) if n]
        return ", ".join(parts) or "no change"


def row_changes(old: list[Row], new: list[Row], columns: tuple[str, ...]) -> RowChanges:
    added = removed = changed = 0
    per_column: Counter = Counter()
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1)
        for a, b in zip(old[i1:i1 + pairs], new[j1:j1 + pairs]):
            changed += 1
            per_column.update(c for c, x, y in zip(columns, a, b) if x != y)
        removed += (i2 - i1) - pairs
        added += (j2 - j1) - pairs
    return RowChanges(added, removed, changed, tuple((c, per_column[c]) for c in columns if per_column[c]))


def unchanged_rows(old: list[Row], new: list[Row]) -> dict[int, int]:
    """new row position -> old row position, for the rows an edit left as they were."""
    out = {}
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.update(zip(range(j1, j2), range(i1, i2)))
    return out


def rows_digest(rows: list[Row]) -> str:
    """A digest of rows as text: what a companion CSV held when it was written, to tell an edited one."""
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()
