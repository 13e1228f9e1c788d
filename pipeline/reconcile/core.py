"""`reconcile`: give every printed output / unit / objective name a stable entity id.

Per document (in the order given) and per block (kind + scope: an ITU-R "Study Groups" is not an ITU-T one),
each distinct printed name is resolved by the first rule that applies:

1. a reviewer decision (gold/entities/decisions.csv)                                  method `manual`
2. the same name in the same document was resolved by an earlier run (stability)       (its old method)
3. its normalized key is a known alias of an entity                                   `exact`
4. it is the new name of a "formerly known as" statement whose old name is known      `rename`
5. it is an acronym defined in the documents, or abbreviates one known name           `acronym`
6. fuzzy match (rapidfuzz, vectorized) against the block's known keys: >= HIGH accepted `fuzzy`;
   LOW..HIGH: a provisional entity (status `review`) and a row per candidate in the review queue;
   < LOW: a new entity.
   Names still new are then clustered among themselves the same way (earlier names first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from pipeline.datasets import resource
from pipeline.records import Dataset
from pipeline.reconcile.decisions import load_decisions
from pipeline.reconcile.learn import Glossary, learn_document, learn_extraction
from pipeline.reconcile.matching import top_k
from pipeline.reconcile.normalize import (
    abbreviates,
    fold,
    initials,
    tokens,
    is_grade,
    key,
    letters,
    looks_like_acronym,
    names_a_unit,
    norm_scope,
)
from pipeline.reconcile.registry import Registry, write_csv
from pipeline.reconcile.results import link_results

HIGH = 90.0
LOW = 70.0
TOP_K = 3
CANDIDATE_COLUMNS = list(resource("entity_candidates").columns)  # declared in pipeline/datasets/resources.py
OUTPUT_DATASETS = (Dataset.LINKS, Dataset.WORK_MONTHS, Dataset.SERVICE_LEVELS, Dataset.EXPECTED_RESULTS,
                   Dataset.KPIS, Dataset.RISKS)


@dataclass
class ReconcileResult:
    extractions: list
    entities: pd.DataFrame
    aliases: pd.DataFrame
    candidates: pd.DataFrame
    result_links: pd.DataFrame
    glossary: Glossary = field(default_factory=Glossary)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The extra tables a run publishes beside the datasets."""
        return {"entities": self.entities, "entity_aliases": self.aliases,
                "entity_candidates": self.candidates, "result_links": self.result_links}


# ------------------------------------------------------------------------------------------------------------
# Mentions


def document_scope(ex) -> str:
    docs = ex.datasets.get(Dataset.DOCUMENTS, [])
    body = docs[0].body if docs else ""
    return norm_scope(body) if body else ""


def is_unit_row(r) -> bool:
    return r.row_kind == "department" and not is_grade(r.unit)


def mentions(ex) -> list[tuple[str, str, str]]:
    """(kind, scope, printed name) in order of first appearance in one extraction."""
    scope = document_scope(ex)
    seen: dict[tuple[str, str, str], None] = {}
    for ds in OUTPUT_DATASETS:
        for r in ex.datasets.get(ds, []):
            s = norm_scope(r.scope) if ds is Dataset.LINKS and r.scope else scope
            if r.output.strip():
                seen.setdefault(("output", s, r.output), None)
    for r in ex.datasets.get(Dataset.WORK_MONTHS, []):
        if is_unit_row(r) and r.unit.strip():
            seen.setdefault(("unit", scope, r.unit), None)
    return list(seen)


# ------------------------------------------------------------------------------------------------------------
# Resolution


def expand_key(name: str, glossary: Glossary) -> str:
    """The key with acronyms inside a longer name read in full: "WSIS-General" -> "world summit ... general"."""
    cache = glossary.__dict__.setdefault("_expanded", {})
    if name in cache:
        return cache[name]
    out = key(name)
    parts = re.split(r"([^A-Za-z0-9&]+)", name)
    if len(parts) > 1:
        expanded = [glossary.long_form(p) if len(p) >= 3 and looks_like_acronym(p) else None for p in parts]
        if any(expanded):
            out = key("".join(e or p for e, p in zip(expanded, parts)))
    cache[name] = out
    return out


class _Run:
    def __init__(self, reg: Registry, decisions, glossary: Glossary, high: float, low: float):
        self.reg, self.decisions, self.glossary, self.high, self.low = reg, decisions, glossary, high, low
        self.assigned: dict[tuple[str, str, str, str], str] = {}  # (kind, scope, name, doc) -> entity id
        self.review: dict[str, tuple[str, str, str, str, str, list]] = {}  # eid -> (kind, scope, alias, doc, reason, cands)
        self.created_here: dict[str, set[str]] = {}  # document_id -> entity ids created from it

    def _set(self, kind, scope, name, doc, eid, score, method):
        self.assigned[(kind, scope, name, doc)] = eid
        self.reg.add_alias(eid, kind, scope, name, doc, score, method)

    def _new(self, kind, scope, name, doc, origin, status="active", notes=""):
        eid = self.reg.new_entity(kind, scope, name, doc, origin, status, notes)
        self.created_here.setdefault(doc, set()).add(eid)
        return eid

    def _query(self, name: str) -> tuple[str, str, str]:
        """(key to match, name for a new entity, method) with learned acronyms expanded."""
        if looks_like_acronym(name):
            lf = self.glossary.long_form(name)
            if lf:
                return key(lf), lf, "acronym"
        return expand_key(name, self.glossary), name, "exact"

    def decision_for(self, kind: str, scope: str, name: str):
        """The reviewer decision about this name, or about the long form it abbreviates (C&P, WSIS)."""
        return self.decisions.get((kind, scope, key(name))) or self.decisions.get((kind, scope, self._query(name)[0]))

    def block(self, kind: str, scope: str, names: list[str], doc: str) -> None:
        reg = self.reg
        todo: list[str] = []
        for name in names:
            if self.decision_for(kind, scope, name):
                continue  # decisions are applied after automatic matching, so name targets can be found
            prev = reg.aliases.get((kind, scope, name, doc))
            if prev and prev["entity_id"] in reg.entities:
                self.assigned[(kind, scope, name, doc)] = reg.resolve(prev["entity_id"])
                continue
            q, _, how = self._query(name)
            eid = reg.lookup(kind, scope, q) or reg.lookup(kind, scope, key(name))
            if eid:
                self._set(kind, scope, name, doc, eid, 100, how)
                continue
            todo.append(name)
        todo = self._renames(kind, scope, todo, doc)
        todo = self._abbreviations(kind, scope, todo, doc)
        self._fuzzy(kind, scope, todo, doc)

    def _renames(self, kind, scope, names, doc):
        rest = []
        new_to_old = {key(new): old for new, old, _d in self.glossary.renames if new}
        for name in names:
            q, _, _ = self._query(name)
            old = new_to_old.get(q) or new_to_old.get(key(name))
            eid = None
            if old:
                oq, _, _ = self._query(old)
                eid = self.reg.lookup(kind, scope, oq) or self.reg.lookup(kind, scope, key(old))
                if not eid:  # the statement is strong evidence: a clear best fuzzy match of the old name will do
                    index = self.reg.index.get((kind, scope), {})
                    keys = list(index)
                    idx, sc = top_k([oq], keys, k=TOP_K)
                    best = [(self.reg.resolve(index[keys[j]]), float(v)) for j, v in zip(idx[0], sc[0]) if j >= 0]
                    if best and best[0][1] >= self.low:
                        others = [v for e, v in best[1:] if e != best[0][0]]
                        if not others or best[0][1] - others[0] >= 5:
                            eid = best[0][0]
            if eid:
                self._set(kind, scope, name, doc, eid, 100, "rename")
            else:
                rest.append(name)
        return rest

    def _abbreviations(self, kind, scope, names, doc):
        """Acronyms nobody defined (FIN, PER): a contraction/initials of exactly one known name; and the
        other way round, a full name whose initials are a known acronym (World Telecommunication Policy
        Forum -> WTPF)."""
        rest = []
        for name in names:
            if not looks_like_acronym(name):
                ini = initials(name)
                eid = self.reg.lookup(kind, scope, ini) if len(ini) >= 3 and len(tokens(name)) >= 3 else None
                if eid and looks_like_acronym(self.reg.entities[eid]["canonical_name"]):
                    self._set(kind, scope, name, doc, eid, 90, "acronym")
                else:
                    rest.append(name)
                continue
            if self.glossary.long_form(name):
                rest.append(name)
                continue
            acr = letters(name)
            index = self.reg.index.get((kind, scope), {})
            hits: dict[str, str] = {}
            for k, eid in index.items():
                if abbreviates(acr, k):
                    hits.setdefault(self.reg.resolve(eid), k)
            # long forms the documents define (PE -> PERSONNEL DEPARTMENT) make PER resolvable too
            lf_hits = {key(f) for forms in self.glossary.acronyms.values() for f in forms
                       if abbreviates(acr, key(f)) and (kind != "unit" or names_a_unit(f))}
            for k in lf_hits:
                eid = self.reg.lookup(kind, scope, k)
                if eid:
                    hits.setdefault(eid, k)
            if len(hits) == 1:
                self._set(kind, scope, name, doc, next(iter(hits)), 90, "acronym")
            elif not hits and len(lf_hits) == 1:
                lf_key = next(iter(lf_hits))
                lf = next(f for forms in self.glossary.acronyms.values() for f in forms if key(f) == lf_key)
                eid = self._new(kind, scope, lf, doc, "acronym")
                self._set(kind, scope, name, doc, eid, 90, "acronym")
            elif len(hits) > 1:
                eid = self._new(kind, scope, name, doc, "review", status="review")
                self._set(kind, scope, name, doc, eid, 100, "exact")
                cands = [(e, self.reg.entities[e]["canonical_name"], 90.0) for e in hits]
                self.review[eid] = (kind, scope, name, doc, "ambiguous acronym", cands[:TOP_K])
            else:
                rest.append(name)
        return rest

    def _fuzzy(self, kind, scope, names, doc):
        if not names:
            return
        reg = self.reg
        queries = [self._query(n) for n in names]
        index = reg.index.get((kind, scope), {})
        keys = list(index)
        idx, sc = top_k([q for q, _, _ in queries], keys, k=TOP_K)
        new_names: list[int] = []
        for i, name in enumerate(names):
            best = float(sc[i, 0])
            q, _, how = queries[i]
            if idx[i, 0] >= 0 and best >= self.high:
                self._set(kind, scope, name, doc, reg.resolve(index[keys[idx[i, 0]]]), best,
                          "acronym" if how == "acronym" else "fuzzy")
            else:
                new_names.append(i)
        # names new to the registry: cluster among themselves, earlier names first
        uniq: dict[str, int] = {}
        for i in new_names:
            uniq.setdefault(queries[i][0], i)
        ukeys = list(uniq)
        cidx, csc = top_k(ukeys, ukeys, k=TOP_K, before_only=True)
        key_entity: dict[str, str] = {}
        for u, q in enumerate(ukeys):
            i = uniq[q]
            name, (_, canon, how) = names[i], queries[i]
            j, s = int(cidx[u, 0]), float(csc[u, 0])
            if j >= 0 and s >= self.high:
                key_entity[q] = key_entity[ukeys[j]]
                continue
            # candidates for review: the registry's and this batch's earlier names
            cands = []
            for col in range(TOP_K):
                if idx[i, col] >= 0 and sc[i, col] >= self.low:
                    cands.append((reg.resolve(index[keys[idx[i, col]]]), keys[idx[i, col]], float(sc[i, col])))
                if cidx[u, col] >= 0 and csc[u, col] >= self.low:
                    cands.append((key_entity[ukeys[cidx[u, col]]], ukeys[cidx[u, col]], float(csc[u, col])))
            status = "review" if cands else "active"
            eid = self._new(kind, scope, canon, doc, how if how == "acronym" else "new", status=status)
            key_entity[q] = eid
            if cands:
                seen, top = set(), []
                for c in sorted(cands, key=lambda c: -c[2]):
                    if c[0] not in seen and c[0] != eid:
                        seen.add(c[0])
                        top.append((c[0], reg.entities[c[0]]["canonical_name"], c[2]))
                self.review[eid] = (kind, scope, name, doc, "fuzzy score between thresholds", top[:TOP_K])
        for i in new_names:
            q, _, how = queries[i]
            eid = key_entity[q]
            self._set(kind, scope, names[i], doc, eid, 100, "acronym" if how == "acronym" else "exact")

    def unanchored_renames(self, doc: str, blocks: list[tuple[str, str]]) -> None:
        """`Formerly known as "X"` with no new name: propose this document's new entities for review."""
        for new, old, d in self.glossary.renames:
            if new or d != doc:
                continue
            for kind, scope in blocks:
                old_eid = self.reg.lookup(kind, scope, self._query(old)[0])
                if not old_eid:
                    continue
                created = [e for e in self.created_here.get(doc, ()) if self.reg.entities[e]["kind"] == kind
                           and self.reg.entities[e]["scope"] == scope]
                if not created:
                    continue
                names = [self.reg.entities[e]["canonical_name"] for e in created]
                idx, sc = top_k([fold(old)], [fold(n) for n in names], k=2)
                for col in range(2):
                    j = int(idx[0, col])
                    if j < 0 or sc[0, col] < 50:
                        continue
                    e = created[j]
                    reason = f'rename? document says "formerly known as {old}" (footnote anchor lost)'
                    self.review[e] = (kind, scope, names[j], doc, reason,
                                      [(old_eid, self.reg.entities[old_eid]["canonical_name"], float(sc[0, col]))])

    def apply_decisions(self, pending: list[tuple[str, str, str, str]]) -> None:
        reg = self.reg
        for kind, scope, name, doc in pending:
            d = self.decision_for(kind, scope, name)
            eid = None
            prev = reg.aliases.get((kind, scope, name, doc))
            prev_ent = reg.entities.get(prev["entity_id"]) if prev else None
            if d.is_new:
                for e in reg.entities.values():  # the entity an earlier run created for this decision
                    if e["kind"] == kind and e["scope"] == scope and e["origin"] == "manual" and key(e["canonical_name"]) == key(d.alias):
                        eid = e["entity_id"]
                        break
                if eid is None and prev_ent is not None and prev_ent["status"] == "review":
                    prev_ent.update(status="active", origin="manual", notes=d.notes)  # the provisional one is it
                    eid = prev_ent["entity_id"]
                eid = eid or self._new(kind, scope, d.alias, doc, "manual", notes=d.notes)
            elif d.is_id and d.target in reg.entities:
                eid = reg.resolve(d.target)
            else:
                eid = reg.lookup(kind, scope, self._query(d.target)[0]) or reg.lookup(kind, scope, key(d.target))
                if not eid:
                    eid = self._new(kind, scope, name, doc, "manual", notes=f"decision target not found: {d.target}")
            if prev_ent is not None and prev_ent["entity_id"] != eid and prev_ent["status"] == "review":
                prev_ent["status"], prev_ent["merged_into"] = "merged", eid  # its id stays, never reused
            self._set(kind, scope, name, doc, eid, 100, "manual")
            self.review.pop(eid, None)

    def pending_reviews(self) -> None:
        """Entities still awaiting review from earlier runs: list their candidates again."""
        for eid in {e for e in self.assigned.values()}:
            ent = self.reg.entities.get(eid)
            if not ent or ent["status"] != "review" or eid in self.review:
                continue
            kind, scope = ent["kind"], ent["scope"]
            index = self.reg.index.get((kind, scope), {})
            keys = [k for k, e in index.items() if self.reg.resolve(e) != eid]
            idx, sc = top_k([key(ent["canonical_name"])], keys, k=TOP_K)
            cands = [(self.reg.resolve(index[keys[j]]), keys[j], float(s)) for j, s in zip(idx[0], sc[0]) if j >= 0]
            doc = next((d for (k, s, n, d), e in self.assigned.items() if e == eid), "")
            self.review[eid] = (kind, scope, ent["canonical_name"], doc, "awaiting review",
                                [(c, self.reg.entities[c]["canonical_name"], s) for c, _, s in cands])

    def candidates_frame(self) -> pd.DataFrame:
        rows = []
        for eid, (kind, scope, alias, doc, reason, cands) in sorted(self.review.items()):
            if self.reg.entities.get(eid, {}).get("status") == "merged":
                continue
            for rank, (ceid, cname, score) in enumerate(cands, 1):
                rows.append({"kind": kind, "scope": scope, "alias": alias, "document_id": doc,
                             "assigned_entity_id": eid, "reason": reason, "rank": rank,
                             "candidate_entity_id": ceid, "candidate_name": cname, "score": round(score, 1)})
        return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


# ------------------------------------------------------------------------------------------------------------
# Objectives: identity is (scope, kind, number); no fuzzy matching needed


def _objectives(reg: Registry, extractions) -> None:
    for ex in extractions:
        for r in ex.datasets.get(Dataset.OBJECTIVES, []):
            scope = norm_scope(r.scope)
            alias = f"{scope} {r.kind} {r.number}"  # identity; the printed statement is in objectives.csv
            eid = reg.lookup("objective", scope, key(alias))
            if not eid:
                eid = reg.new_entity("objective", scope, alias, ex.document_id, "new")
                reg.entities[eid]["notes"] = (r.title or r.text)[:200]
            reg.add_alias(eid, "objective", scope, alias, ex.document_id, 100, "exact")


# ------------------------------------------------------------------------------------------------------------


def _fill(ex, scope_of_doc: str, assigned) -> None:
    doc = ex.document_id
    for ds in OUTPUT_DATASETS:
        out = []
        for r in ex.datasets.get(ds, []):
            s = norm_scope(r.scope) if ds is Dataset.LINKS and r.scope else scope_of_doc
            changes = {"output_id": assigned.get(("output", s, r.output, doc), "")}
            if ds is Dataset.WORK_MONTHS:
                changes["unit_id"] = assigned.get(("unit", scope_of_doc, r.unit, doc), "") if is_unit_row(r) else ""
            out.append(replace(r, **changes))
        if ds in ex.datasets:
            ex.datasets[ds] = out


def reconcile(extractions: list, registry_dir: Path | None = None, decisions_path: Path | None = None,
              review_dir: Path | None = None, *, documents: list | None = None,
              glossaries: dict[str, Glossary] | None = None,
              high: float = HIGH, low: float = LOW) -> ReconcileResult:
    """Fill `output_id` / `unit_id` in the extractions from the entity registry and update the registry.

    `registry_dir` holds entities.csv and entity_aliases.csv (read, then rewritten); default
    `<output>/registry`. `decisions_path` defaults to gold/entities/decisions.csv. The review queue is
    written to `<review_dir>/entity_candidates.csv` (default `<registry_dir>/review`). `documents` (the
    `pipeline.model.Document`s the extractions came from) let acronyms and renames be learned from the
    whole text; without them only the extracted statements are searched. An extraction carrying a
    `document` attribute is used the same way. `glossaries` (document_id -> `learn_document(doc)`, computed
    where the document was read) spare the caller from keeping whole documents in memory.
    """
    from pipeline import settings

    registry_dir = Path(registry_dir) if registry_dir is not None else settings.DEFAULT_OUTPUT / "registry"
    if decisions_path is None:
        default = settings.PROJECT_ROOT / "gold" / "entities" / "decisions.csv"
        decisions_path = default if default.exists() else None
    review_dir = Path(review_dir) if review_dir is not None else registry_dir / "review"

    decisions = load_decisions(decisions_path)
    glossary = Glossary()
    docs_by_id = {d.document_id: d for d in (documents or [])}
    for ex in extractions:
        learned = (glossaries or {}).get(ex.document_id)
        if learned is None:
            doc = docs_by_id.get(ex.document_id) or getattr(ex, "document", None)
            learned = learn_document(doc) if doc is not None else learn_extraction(ex)
        glossary.merge(learned)
    reg = Registry.load(registry_dir, expand=lambda name: expand_key(name, glossary))

    run = _Run(reg, decisions, glossary, high, low)
    pending = []
    for ex in extractions:
        blocks: dict[tuple[str, str], list[str]] = {}
        for kind, scope, name in mentions(ex):
            blocks.setdefault((kind, scope), []).append(name)
            if run.decision_for(kind, scope, name):
                pending.append((kind, scope, name, ex.document_id))
        for (kind, scope), names in blocks.items():
            # full names first, so acronyms can find what they abbreviate
            run.block(kind, scope, [n for n in names if not looks_like_acronym(n)], ex.document_id)
            run.block(kind, scope, [n for n in names if looks_like_acronym(n)], ex.document_id)
        run.unanchored_renames(ex.document_id, list(blocks))
    run.apply_decisions(pending)
    run.pending_reviews()
    _objectives(reg, extractions)

    assigned = {k: reg.resolve(v) for k, v in run.assigned.items()}
    for ex in extractions:
        _fill(ex, document_scope(ex), assigned)

    entities, aliases = reg.save(registry_dir)
    candidates = run.candidates_frame()
    write_csv(candidates, review_dir / "entity_candidates.csv")
    links = link_results(extractions)
    return ReconcileResult(extractions, entities, aliases, candidates, links, glossary)
