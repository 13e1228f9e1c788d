"""Resolving printed names to entities, one document and one block (kind + scope) at a time.

Each distinct printed name is resolved by the first rule that applies (method in entity_aliases.csv):

1. a reviewer decision (gold/entities/decisions.csv), applied after the automatic rules     `manual`
2. the same name in the same document was resolved by an earlier run (stability)        (its old method)
3. its code (`R.1-7`) is a known code of the block (the code's own row: method `code`)   `by_code`
4. its normalized key is a known alias (acronyms the documents define read in full)      `exact` / `acronym`
5. it is the new name of a rename the text states ("formerly known as", "renamed")      `rename`
6. it is an acronym defined in the documents, or abbreviates one known name              `acronym`
6b. a variant of it is known: a trailing `(ACR)` split off, or acronyms of the project's  `acronym`
   list (pipeline/reconcile/acronyms.csv) read in full on either side
7. among its best fuzzy candidates, exactly one has the same words in another order or   `fuzzy`
   number ('Council and Council Working Groups'), or the same words some abbreviated
   ('Radio Regs Board' / 'Radio Regulations Board')
8. fuzzy match (rapidfuzz, vectorized) against the block's known keys: >= HIGH accepted `fuzzy`;
   otherwise candidates scored with all the evidence (pipeline/reconcile/evidence.py): a name with a
   candidate of score >= QUEUE_MIN, or with a similarity between LOW and HIGH, becomes a provisional entity
   (status `review`) with its candidates in the review queue; else a new entity. Names still new are then
   clustered among themselves the same way (earlier names first).

A name that a merger statement of the same document names as the result ("X and Y have been merged into Z")
is never matched by fuzzy similarity to X or Y: Z is new unless it is printed exactly as a known name.
"""

from __future__ import annotations

import re

import pandas as pd

from pipeline.reconcile import codes
from pipeline.reconcile import queue as rq
from pipeline.reconcile.learn import Glossary, listed_long_forms
from pipeline.reconcile.matching import top_k
from pipeline.reconcile.normalize import (
    STOP_WORDS,
    abbreviates,
    document_series,
    initials,
    key,
    letters,
    looks_like_acronym,
    names_a_unit,
    same_words,
    split_acronym,
    tokens,
    words_abbreviate,
)
from pipeline.reconcile.registry import Registry

HIGH = 90.0
LOW = 70.0
TOP_K = rq.TOP_K
QUEUE_MIN = 50.0  # an evidence score from which a candidate is worth a reviewer's look


def _acronym_part(p: str) -> bool:
    """'WSIS', 'SG', and plural acronyms 'LDCs', 'ICTs'; not the stop words ITU, GS."""
    if p.lower() in STOP_WORDS:
        return False
    return looks_like_acronym(p) or (len(p) >= 3 and p.endswith("s") and looks_like_acronym(p[:-1]))


def _expand_parts(name: str, long_form) -> str | None:
    parts = re.split(r"([^A-Za-z0-9&]+)", name)
    if len(parts) < 2 and not looks_like_acronym(name):
        return None
    expanded = [long_form(p) if _acronym_part(p) else None for p in parts]
    return key("".join(e or p for e, p in zip(expanded, parts))) if any(expanded) else None


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


def listed_key(name: str, scope: str) -> str | None:
    """The key with acronyms of the project's list read in full ("ITU SG-Publications" in the Secretariat ->
    "general secretariat publications"), or None when the list knows none of them."""
    return _expand_parts(name, lambda p: next(iter(listed_long_forms(p, scope)), None))


def index_keys(glossary: Glossary):
    """The registry's extra keys for a name: the documents' acronyms read in full (the main index), and the
    project's list's (`Registry.listed`, consulted only by `Resolver.variant`)."""
    def keys(name: str, scope: str) -> tuple[str, str | None]:
        return expand_key(name, glossary), listed_key(name, scope)
    return keys


class Resolver:
    def __init__(self, reg: Registry, decisions, glossary: Glossary, high: float = HIGH, low: float = LOW):
        self.reg, self.decisions, self.glossary, self.high, self.low = reg, decisions, glossary, high, low
        self.assigned: dict[tuple[str, str, str, str], str] = {}  # (kind, scope, name, doc) -> entity id
        self.review: dict[str, tuple] = {}  # eid -> (kind, scope, alias, doc, reason, [(cand, name, score, why)])
        self.created_here: dict[str, set[str]] = {}  # document_id -> entity ids created from it
        self.context: dict = {}  # the document being resolved: see start_document
        self.history = None  # history.History: renames of coded names are recorded there
        self.codes: dict = {}  # (kind, scope, name) -> code, of the document being resolved

    # -- per document ---------------------------------------------------------------------------------------
    def start_document(self, doc: str, mentions: list[tuple[str, str, str]], codes: dict | None = None) -> None:
        """What the evidence needs about this document: the entities its names find exactly (printed here),
        those of its previous edition (orphans: printed there, not here), what its statements end."""
        present = set()
        self.codes = codes or {}
        for kind, scope, name in mentions:
            code = self.codes.get((kind, scope, name))
            eid = (self.reg.code_entity(kind, scope, code) if code else None) or self.exact(kind, scope, name)[0] \
                or self.variant(kind, scope, name)
            if eid:
                present.add(eid)
        previous = self.previous_edition(doc)
        orphans = (self.reg.printed_in(previous) - present) if previous else set()
        ended, merge_sources = set(), {}
        for st in self.glossary.statements:
            if st.document_id != doc or st.relation not in ("merged_into", "abolished"):
                continue
            for kind, scope in {(k, s) for k, s, _n in mentions}:
                src = {e for _n, e in self.find_all(kind, scope, st.sources)}
                ended |= src
                for t in st.targets:
                    merge_sources.setdefault((kind, scope, key(t)), set()).update(src)
                    split = split_acronym(t)
                    if split:
                        merge_sources.setdefault((kind, scope, key(split[0])), set()).update(src)
        self.context = {"doc": doc, "present": present, "orphans": orphans - ended, "ended": ended,
                        "merge_sources": merge_sources}

    def previous_edition(self, doc: str) -> str | None:
        """The latest other document of the same series (same id once the years are taken out) that starts
        before this one."""
        series, year = document_series(doc), _first_year(doc)
        earlier = [d for d in self.reg.documents() if d != doc and document_series(d) == series
                   and (_first_year(d) or 0) < (year or 10_000)]
        return max(earlier, key=lambda d: (_first_year(d) or 0, d)) if earlier else None

    # -- lookups --------------------------------------------------------------------------------------------
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

    def exact(self, kind: str, scope: str, name: str) -> tuple[str | None, str]:
        """(entity, method) when the name's key, or its key with defined acronyms read in full, is known."""
        q, _, how = self._query(name)
        eid = self.reg.lookup(kind, scope, q) or self.reg.lookup(kind, scope, key(name))
        return (eid, how) if eid else (None, "")

    def variant(self, kind: str, scope: str, name: str) -> str | None:
        """The entity of a variant of the name: a trailing `(ACR)` split off ('World Telecommunication Policy
        Forum (WTPF)'), or acronyms of the project's list read in full, on both sides ('ITU SG-Publications'
        in the Secretariat = 'General Secretariat Publications')."""
        split = split_acronym(name)
        if split:
            long, acr = split
            eid = self.reg.lookup(kind, scope, key(long)) or self.reg.lookup(kind, scope, self._query(acr)[0]) \
                or self.reg.lookup(kind, scope, key(acr))
            if eid:
                return eid
        listed = listed_key(name, scope)
        lookups = [listed] if listed else []
        lookups.append(self._query(name)[0])
        for k in lookups:
            eid = self.reg.listed.get((kind, scope), {}).get(k) or (self.reg.lookup(kind, scope, k) if k == listed else None)
            if eid:
                return self.reg.resolve(eid)
        return None

    def find(self, kind: str, scope: str, name: str) -> str | None:
        """The entity a free-text name (from a statement) designates, or None: exact variants, an acronym
        entity that abbreviates it, a clear best fuzzy match >= HIGH."""
        paren = re.match(r"^(?P<bare>.*?\S)\s*\((?P<acr>[^()]{1,12})\)\s*$", name)
        bare = paren.group("bare") if paren else name
        for variant in [name] + ([bare, paren.group("acr")] if paren else []):
            eid = self.exact(kind, scope, variant)[0] or self.variant(kind, scope, variant)
            if eid:
                return eid
        index = self.reg.index.get((kind, scope), {})
        acr = letters(name) if looks_like_acronym(name) else ""
        hits = set()
        if acr:
            hits = {self.reg.resolve(e) for k, e in index.items() if _reads(acr, k)}
        else:  # an acronym printed for an entity (PER) reads as the name (Personnel Department)
            kb = key(bare)
            hits = {self.reg.resolve(e) for a, e in self._acronym_aliases(kind, scope) if _reads(a, kb)}
        if len(hits) == 1:
            return next(iter(hits))
        keys = list(index)
        idx, sc = top_k([key(bare)], keys, k=TOP_K)
        best = [(self.reg.resolve(index[keys[j]]), float(v)) for j, v in zip(idx[0], sc[0]) if j >= 0]
        if best and best[0][1] >= self.high:
            others = [v for e, v in best[1:] if e != best[0][0]]
            if not others or best[0][1] - others[0] >= 5:
                return best[0][0]
        return None

    def _acronym_aliases(self, kind: str, scope: str) -> list[tuple[str, str]]:
        """(letters, entity) of the acronyms printed in the block, rebuilt when aliases were added."""
        cache = self.__dict__.setdefault("_acronyms", {})
        stamp = len(self.reg.aliases)
        if cache.get((kind, scope), (None,))[0] != stamp:
            cache[(kind, scope)] = (stamp, [(letters(a), row["entity_id"]) for (k, s, a, _d), row in self.reg.aliases.items()
                                            if k == kind and s == scope and row["method"] != "code" and looks_like_acronym(a)])
        return cache[(kind, scope)][1]

    def find_all(self, kind: str, scope: str, names: tuple[str, ...]) -> list[tuple[str, str]]:
        """A statement's names: the whole phrase when it names an entity, else each of its parts that does."""
        if not names:
            return []
        eid = self.find(kind, scope, names[0])
        if eid:
            return [(names[0], eid)]
        return [(n, e) for n in names[1:] for e in [self.find(kind, scope, n)] if e]

    def decision_for(self, kind: str, scope: str, name: str):
        """The reviewer decision about this name, or about the long form it abbreviates (C&P, WSIS)."""
        return self.decisions.get((kind, scope, key(name))) or self.decisions.get((kind, scope, self._query(name)[0]))

    # -- a block of names -----------------------------------------------------------------------------------
    def block(self, kind: str, scope: str, names: list[str], doc: str) -> None:
        reg = self.reg
        printed_codes = self.codes
        todo: list[str] = []
        for name in names:
            if self.decision_for(kind, scope, name):
                continue  # decisions are applied after automatic matching, so name targets can be found
            prev = reg.aliases.get((kind, scope, name, doc))
            if prev and prev["entity_id"] in reg.entities:
                self.assigned[(kind, scope, name, doc)] = reg.resolve(prev["entity_id"])
                continue
            code = printed_codes.get((kind, scope, name))
            eid = reg.code_entity(kind, scope, code) if code else None
            if eid and not codes.code_taken(self, kind, scope, doc, eid, code):
                self._set(kind, scope, name, doc, eid, 100, "by_code")
                codes.code_rename(self, kind, scope, eid, code, name, doc)
                continue
            eid, how = self.exact(kind, scope, name)
            if eid:
                self._set(kind, scope, name, doc, eid, 100, how)
                continue
            todo.append(name)
        todo = self._renames(kind, scope, todo, doc)
        todo = self._abbreviations(kind, scope, todo, doc)
        todo = self._variants(kind, scope, todo, doc)
        self._fuzzy(kind, scope, todo, doc)
        for name in names:
            code = printed_codes.get((kind, scope, name))
            eid = self.assigned.get((kind, scope, name, doc))
            if not code or not eid:
                continue
            if codes.other_code_here(self, kind, scope, name, doc, eid, code, printed_codes):
                codes.renumbered(self, kind, scope, name, doc, eid, code)
            elif reg.code_entity(kind, scope, code) is None:
                reg.add_code(eid, kind, scope, code, doc)

    def _renames(self, kind, scope, names, doc):
        rest = []
        new_to_old = {key(new): old for new, old, _d in self.glossary.renames if new}
        for name in names:
            q, _, _ = self._query(name)
            split = split_acronym(name)
            old = new_to_old.get(q) or new_to_old.get(key(name)) or (new_to_old.get(key(split[0])) if split else None)
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
                self._review_orphans(kind, scope, name, doc, eid)
            elif len(hits) > 1:
                eid = self._new(kind, scope, name, doc, "review", status="review")
                self._set(kind, scope, name, doc, eid, 100, "exact")
                cands = [rq.candidate(self, kind, scope, name, e, 90.0) for e in hits]
                rq.queue(self, eid, kind, scope, name, doc, "ambiguous acronym", cands)
            else:
                rest.append(name)
        return rest

    def candidates_frame(self) -> pd.DataFrame:
        return rq.frame(self)

    def _variants(self, kind, scope, names, doc):
        rest = []
        for name in names:
            eid = self.variant(kind, scope, name)
            if eid:
                self._set(kind, scope, name, doc, eid, 100, "acronym")
            else:
                rest.append(name)
        return rest

    def _review_orphans(self, kind, scope, name, doc, eid) -> None:
        """A new entity whose name is like an entity the previous edition printed and this one does not
        (SPM for SPU): provisional, with those in the queue."""
        raw = rq.orphan_candidates(self, kind, scope, name, self._query(name)[0])
        kept = [c for c in rq.score_all(self, kind, scope, name, self._query(name)[0], raw) if c[2] >= QUEUE_MIN]
        if kept:
            self.reg.entities[eid]["status"] = "review"
            rq.queue(self, eid, kind, scope, name, doc, "new name, an old one gone", kept)

    def _blocked(self, kind, scope, name) -> set[str]:
        """Entities a merger statement of this document says the name was made from: never this name."""
        src = self.context.get("merge_sources", {})
        q = self._query(name)[0]
        split = split_acronym(name)
        out = set(src.get((kind, scope, q), ())) | set(src.get((kind, scope, key(name)), ()))
        if split:
            out |= src.get((kind, scope, key(split[0])), set())
        return out

    def _fuzzy(self, kind, scope, names, doc):
        if not names:
            return
        reg = self.reg
        queries = [self._query(n) for n in names]
        index = reg.index.get((kind, scope), {})
        keys = list(index)
        idx, sc = top_k([q for q, _, _ in queries], keys, k=TOP_K)
        found: list[list[tuple[str, str, float]]] = []
        new_names: list[int] = []
        for i, name in enumerate(names):
            q, _, how = queries[i]
            blocked = self._blocked(kind, scope, name)
            cands = [(reg.resolve(index[keys[j]]), keys[j], float(s)) for j, s in zip(idx[i], sc[i]) if j >= 0]
            cands = [c for c in cands if c[0] not in blocked and not codes.code_conflict(self, kind, scope, doc, name, c[0])]
            found.append(cands)
            if cands and cands[0][2] >= self.high:
                self._set(kind, scope, name, doc, cands[0][0], cands[0][2], "acronym" if how == "acronym" else "fuzzy")
                continue
            same = {e for e, k, _s in cands if same_words(q, k) or words_abbreviate(q, k)}
            if len(same) == 1:
                self._set(kind, scope, name, doc, next(iter(same)), self.high, "fuzzy")
                continue
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
            if j >= 0 and codes.code_conflict(self, kind, scope, doc, name, other=names[uniq[ukeys[j]]]):
                j, s = -1, 0.0
            if j >= 0 and s >= self.high:
                key_entity[q] = key_entity[ukeys[j]]
                continue
            # candidates for review: the registry's and this batch's earlier names, and the orphans
            raw = [(e, k, s) for e, k, s in found[i] if s >= self.low]
            raw += [(key_entity[ukeys[cidx[u, col]]], ukeys[cidx[u, col]], float(csc[u, col]))
                    for col in range(TOP_K) if cidx[u, col] >= 0 and csc[u, col] >= self.low
                    and not codes.code_conflict(self, kind, scope, doc, name, other=names[uniq[ukeys[cidx[u, col]]]])]
            raw += rq.orphan_candidates(self, kind, scope, name, q)
            blocked = self._blocked(kind, scope, name)
            scored = rq.score_all(self, kind, scope, name, q, [c for c in raw if c[0] not in blocked])
            kept = [c for c in scored if c[2] >= QUEUE_MIN or c[4] >= self.low]
            eid = self._new(kind, scope, canon, doc, how if how == "acronym" else "new",
                            status="review" if kept else "active")
            key_entity[q] = eid
            if kept:
                rq.queue(self, eid, kind, scope, name, doc, "fuzzy score between thresholds", kept)
        for i in new_names:
            q, _, how = queries[i]
            self._set(kind, scope, names[i], doc, key_entity[q], 100, "acronym" if how == "acronym" else "exact")

def _reads(acr: str, name_key: str) -> bool:
    """The acronym is the whole name abbreviated: the initials of all its words, or a contraction of its only
    word (FIN / finance); not of its first word only (FIN is not 'finance personnel')."""
    words = name_key.split()
    if len(words) >= 2:
        return len(words) == len(acr) and "".join(w[0] for w in words) == acr
    return bool(words) and acr[:1] == name_key[:1] and abbreviates(acr, name_key)


def _first_year(document_id: str) -> int | None:
    m = re.search(r"(?:19|20)\d{2}", document_id)
    return int(m.group(0)) if m else None
