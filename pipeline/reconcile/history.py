"""entity_lineage.csv: what happened to entities between editions, as the documents say it.

One row per (earlier entity, later entity, relation, document): `from_id, to_id, relation, document_id,
evidence, kind, scope, from_name, to_name`. Time runs from `from` to `to`:

- `renamed`: from_id was renamed to_name (to_id is normally the same id: a rename keeps the id);
- `merged_into`: from_id was merged into to_id (a new entity, or an existing one that absorbed it);
- `split_from`: to_id was split from from_id;
- `abolished`: from_id ended; to_id and to_name are empty.

Rows come from three sources: lineage statements of the text (pipeline/reconcile/lineage.py) resolved to the
entities of the document's blocks; a coded output printed under another name than in the previous edition of
the same document (`R.1-7` kept its id, its text changed); an objective whose title changed between two
editions of the same document. `to_id` is empty when the later name is no entity of any dataset (the text
names a successor no table prints). The evidence is the sentence, or `code R.1-7: "old" -> "new"`.
"""

from __future__ import annotations

import pandas as pd

from pipeline.datasets import resource
from pipeline.reconcile.normalize import key

LINEAGE_COLUMNS = list(resource("entity_lineage").columns)  # declared in pipeline/datasets/resources.py
EVIDENCE_CHARS = 400


class History:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self._seen: set[tuple] = set()

    def add(self, kind, scope, from_id, from_name, relation, to_id, to_name, document_id, evidence) -> None:
        if relation in ("merged_into", "split_from") and from_id == to_id:
            return  # both names found one entity: not a merger the tables can show
        k = (kind, scope, from_id, to_id, relation, document_id)
        if k in self._seen:
            return
        self._seen.add(k)
        self.rows.append({"from_id": from_id, "to_id": to_id, "relation": relation, "document_id": document_id,
                          "evidence": " ".join(evidence.split())[:EVIDENCE_CHARS], "kind": kind, "scope": scope,
                          "from_name": from_name, "to_name": to_name})

    def statements(self, run, doc: str, blocks: list[tuple[str, str]]) -> None:
        """The document's lineage statements, for every block where their earlier names are entities."""
        for st in run.glossary.statements:
            if st.document_id != doc:
                continue
            for kind, scope in blocks:
                sources = run.find_all(kind, scope, st.sources)
                if not sources:
                    continue
                targets = run.find_all(kind, scope, st.targets) if st.targets else []
                if st.targets and not targets:
                    targets = [(st.targets[0], "")]
                for from_name, from_id in sources:
                    for to_name, to_id in targets or [("", "")]:
                        if st.relation == "split_from" and to_id == "":
                            continue
                        self.add(kind, scope, from_id, from_name, st.relation, to_id, to_name, doc, st.evidence)

    def renamed_by_code(self, kind, scope, eid, code, old_name, new_name, doc) -> None:
        if key(old_name) != key(new_name):
            self.add(kind, scope, eid, old_name, "renamed", eid, new_name, doc,
                     f'code {code}: "{old_name}" -> "{new_name}"')

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=LINEAGE_COLUMNS)
