"""The entity registry: entities.csv and entity_aliases.csv, read at the start of a run and written at its end.

Ids are `out-0001`, `unit-0001`, `obj-0001`: the next free number of their kind, never reused (an entity
merged into another keeps its id, with `status = merged` and `merged_into`).

A code the document prints with a name (`R.1-7`, pipeline/reconcile/mentions.py) is an alias row with
`method = code` and the normalized code as `alias`; codes are indexed apart from names (`codes`), so a code never
matches a name.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.atomic import write_text_atomically
from pipeline.datasets import resource
from pipeline.reconcile.normalize import key

PREFIX = {"output": "out", "unit": "unit", "objective": "obj"}
ENTITY_COLUMNS = list(resource("entities").columns)  # declared in pipeline/datasets/resources.py
ALIAS_COLUMNS = list(resource("entity_aliases").columns)
CODE_METHOD = "code"
TEXT_COLUMNS = ["entity_id", "document_id", "text"]
ENTITIES_FILE = "entities.csv"
TEXTS_FILE = "texts.csv"  # an objective's title as each document prints it (not published: renames need it)
ALIASES_FILE = "entity_aliases.csv"


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame(columns=columns)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for c in columns:
        if c not in df.columns:
            df[c] = ""
    return df


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Atomic (pipeline/atomic.py): the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, df.to_csv(index=False, lineterminator="\n"))


class Registry:
    def __init__(self, expand=None) -> None:
        self.expand = expand  # (name, scope) -> (key with defined acronyms read in full, with listed ones or None)
        self.entities: dict[str, dict] = {}
        self.aliases: dict[tuple[str, str, str, str], dict] = {}  # (kind, scope, alias, document_id) -> row
        self.index: dict[tuple[str, str], dict[str, str]] = {}  # (kind, scope) -> key -> entity_id
        self.codes: dict[tuple[str, str], dict[str, str]] = {}  # (kind, scope) -> code -> entity_id
        self.listed: dict[tuple[str, str], dict[str, str]] = {}  # keys with the project's acronyms read in full
        self.texts: dict[tuple[str, str], str] = {}  # (entity_id, document_id) -> title as printed
        self._by_document: dict[str, set[str]] | None = None
        self._next: dict[str, int] = {}

    # -- persistence -------------------------------------------------------------------------------------
    @classmethod
    def load(cls, registry_dir: Path | None, expand=None) -> "Registry":
        reg = cls(expand)
        if registry_dir is None:
            return reg
        ents = _read(Path(registry_dir) / ENTITIES_FILE, ENTITY_COLUMNS)
        for row in ents.to_dict("records"):
            reg.entities[row["entity_id"]] = {c: row.get(c, "") for c in ENTITY_COLUMNS}
            reg._bump(row["entity_id"])
        als = _read(Path(registry_dir) / ALIASES_FILE, ALIAS_COLUMNS)
        for row in als.to_dict("records"):
            if row["entity_id"] in reg.entities:
                reg.aliases[(row["kind"], row["scope"], row["alias"], row["document_id"])] = {c: row[c] for c in ALIAS_COLUMNS}
        for row in _read(Path(registry_dir) / TEXTS_FILE, TEXT_COLUMNS).to_dict("records"):
            reg.texts[(row["entity_id"], row["document_id"])] = row["text"]
        for eid, e in reg.entities.items():
            reg._index(e["kind"], e["scope"], e["canonical_name"], eid)
        for (kind, scope, alias, _doc), row in reg.aliases.items():
            if row["method"] == CODE_METHOD:
                reg.codes.setdefault((kind, scope), {}).setdefault(alias, row["entity_id"])
            else:
                reg._index(kind, scope, alias, row["entity_id"])
        return reg

    def _index(self, kind: str, scope: str, name: str, eid: str) -> None:
        block = self.index.setdefault((kind, scope), {})
        block.setdefault(key(name), eid)
        if self.expand is not None:
            expanded, listed = self.expand(name, scope)
            block.setdefault(expanded, eid)
            if listed:
                self.listed.setdefault((kind, scope), {}).setdefault(listed, eid)

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        als = pd.DataFrame(list(self.aliases.values()), columns=ALIAS_COLUMNS)
        n_al = als.groupby("entity_id")["alias"].nunique().to_dict() if len(als) else {}
        n_doc = als.groupby("entity_id")["document_id"].nunique().to_dict() if len(als) else {}
        for eid, e in self.entities.items():
            e["n_aliases"] = str(n_al.get(eid, 0))
            e["n_documents"] = str(n_doc.get(eid, 0))
        ents = pd.DataFrame(list(self.entities.values()), columns=ENTITY_COLUMNS)
        ents = ents.sort_values("entity_id", kind="stable").reset_index(drop=True)
        als = als.sort_values(["entity_id", "document_id", "alias"], kind="stable").reset_index(drop=True)
        return ents, als

    def save(self, registry_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
        ents, als = self.frames()
        write_csv(ents, Path(registry_dir) / ENTITIES_FILE)
        write_csv(als, Path(registry_dir) / ALIASES_FILE)
        if self.texts:
            texts = pd.DataFrame([{"entity_id": e, "document_id": d, "text": t} for (e, d), t in self.texts.items()],
                                 columns=TEXT_COLUMNS).sort_values(["entity_id", "document_id"], kind="stable")
            write_csv(texts, Path(registry_dir) / TEXTS_FILE)
        return ents, als

    # -- ids -----------------------------------------------------------------------------------------------
    def _bump(self, eid: str) -> None:
        prefix, _, num = eid.rpartition("-")
        if num.isdigit():
            self._next[prefix] = max(self._next.get(prefix, 1), int(num) + 1)

    def new_entity(self, kind: str, scope: str, name: str, document_id: str, origin: str,
                   status: str = "active", notes: str = "") -> str:
        prefix = PREFIX[kind]
        n = self._next.get(prefix, 1)
        eid = f"{prefix}-{n:04d}"
        self._next[prefix] = n + 1
        self.entities[eid] = {"entity_id": eid, "kind": kind, "scope": scope, "canonical_name": name,
                              "status": status, "merged_into": "", "origin": origin,
                              "first_document_id": document_id, "n_aliases": "", "n_documents": "", "notes": notes}
        self._index(kind, scope, name, eid)
        return eid

    def resolve(self, eid: str) -> str:
        seen = set()
        while eid in self.entities and self.entities[eid].get("merged_into") and eid not in seen:
            seen.add(eid)
            eid = self.entities[eid]["merged_into"]
        return eid

    def lookup(self, kind: str, scope: str, k: str) -> str | None:
        eid = self.index.get((kind, scope), {}).get(k)
        return self.resolve(eid) if eid else None

    def add_alias(self, eid: str, kind: str, scope: str, alias: str, document_id: str, score: float,
                  method: str) -> None:
        self.aliases[(kind, scope, alias, document_id)] = {
            "entity_id": eid, "kind": kind, "scope": scope, "alias": alias, "document_id": document_id,
            "score": f"{float(score):.1f}", "method": method}
        self._by_document = None
        if method == CODE_METHOD:
            self.codes.setdefault((kind, scope), {}).setdefault(alias, eid)
        else:
            self._index(kind, scope, alias, eid)

    # -- codes and documents ---------------------------------------------------------------------------------
    def code_entity(self, kind: str, scope: str, code: str) -> str | None:
        eid = self.codes.get((kind, scope), {}).get(code)
        return self.resolve(eid) if eid else None

    def add_code(self, eid: str, kind: str, scope: str, code: str, document_id: str) -> None:
        self.add_alias(eid, kind, scope, code, document_id, 100, CODE_METHOD)

    def codes_of(self, eid: str) -> set[str]:
        return {row["alias"] for row in self.aliases.values()
                if row["method"] == CODE_METHOD and self.resolve(row["entity_id"]) == eid}

    def printed_in(self, document_id: str) -> set[str]:
        """The entities (resolved) with an alias in that document."""
        if self._by_document is None:
            by: dict[str, set[str]] = {}
            for (_k, _s, _a, doc), row in self.aliases.items():
                by.setdefault(doc, set()).add(row["entity_id"])
            self._by_document = by
        return {self.resolve(e) for e in self._by_document.get(document_id, ())}

    def documents(self) -> set[str]:
        return {doc for (_k, _s, _a, doc) in self.aliases}
