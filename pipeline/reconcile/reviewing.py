"""The reviewer's side of resolution: decisions applied, provisional entities kept in the queue run after run,
and rename footnotes whose anchor is lost proposed for review. Functions of a `resolve.Resolver`."""

from __future__ import annotations

from pipeline.reconcile import queue as rq
from pipeline.reconcile.matching import top_k
from pipeline.reconcile.normalize import fold, key
from pipeline.reconcile.resolve import TOP_K, Resolver


def unanchored_renames(run: Resolver, doc: str, blocks: list[tuple[str, str]]) -> None:
    """`Formerly known as "X"` with no new name: propose this document's new entities for review."""
    for new, old, d in run.glossary.renames:
        if new or d != doc:
            continue
        for kind, scope in blocks:
            old_eid = run.reg.lookup(kind, scope, run._query(old)[0])
            if not old_eid:
                continue
            created = [e for e in run.created_here.get(doc, ()) if run.reg.entities[e]["kind"] == kind
                       and run.reg.entities[e]["scope"] == scope]
            if not created:
                continue
            names = [run.reg.entities[e]["canonical_name"] for e in created]
            idx, sc = top_k([fold(old)], [fold(n) for n in names], k=2)
            for col in range(2):
                j = int(idx[0, col])
                if j < 0 or sc[0, col] < 50:
                    continue
                e = created[j]
                reason = f'rename? document says "formerly known as {old}" (footnote anchor lost)'
                run.review[e] = (kind, scope, names[j], doc, reason,
                                 [rq.candidate(run, kind, scope, names[j], old_eid, float(sc[0, col]))])


def apply_decisions(run: Resolver, pending: list[tuple[str, str, str, str]]) -> None:
    reg = run.reg
    for kind, scope, name, doc in pending:
        d = run.decision_for(kind, scope, name)
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
            eid = eid or run._new(kind, scope, d.alias, doc, "manual", notes=d.notes)
        elif d.is_id and d.target in reg.entities:
            eid = reg.resolve(d.target)
        else:
            eid = reg.lookup(kind, scope, run._query(d.target)[0]) or reg.lookup(kind, scope, key(d.target))
            missing = f"decision target not found: {d.target}"
            if not eid:  # the entity an earlier run (or document) created for this decision, else a new one
                eid = next((e["entity_id"] for e in reg.entities.values() if e["kind"] == kind and e["scope"] == scope
                            and e["origin"] == "manual" and e["notes"] == missing), None)
            if not eid:
                eid = run._new(kind, scope, name, doc, "manual", notes=missing)
        if prev_ent is not None and prev_ent["entity_id"] != eid and prev_ent["status"] == "review":
            prev_ent["status"], prev_ent["merged_into"] = "merged", eid  # its id stays, never reused
        run._set(kind, scope, name, doc, eid, 100, "manual")
        run.review.pop(eid, None)


def pending_reviews(run: Resolver) -> None:
    """Entities still awaiting review from earlier runs: list their candidates again."""
    for eid in {e for e in run.assigned.values()}:
        ent = run.reg.entities.get(eid)
        if not ent or ent["status"] != "review" or eid in run.review:
            continue
        kind, scope = ent["kind"], ent["scope"]
        index = run.reg.index.get((kind, scope), {})
        keys = [k for k, e in index.items() if run.reg.resolve(e) != eid]
        idx, sc = top_k([key(ent["canonical_name"])], keys, k=TOP_K)
        raw = [(run.reg.resolve(index[keys[j]]), keys[j], float(s)) for j, s in zip(idx[0], sc[0]) if j >= 0]
        doc = next((d for (k, s, n, d), e in run.assigned.items() if e == eid), "")
        cands = rq.score_all(run, kind, scope, ent["canonical_name"], key(ent["canonical_name"]), raw)
        if cands:
            run.review[eid] = (kind, scope, ent["canonical_name"], doc, "awaiting review", cands[:TOP_K])
