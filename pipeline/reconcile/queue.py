"""The review queue: candidates of a provisional entity scored with all the evidence, and the published frame.

Functions of a `resolve.Resolver` (passed as `run`): the evidence about a candidate depends on the document
being resolved (`run.context`: its previous edition's orphans, what its statements end). Scores and their
weights: pipeline/reconcile/evidence.py. The frame lists the entities whose best candidate scores highest first.
"""

from __future__ import annotations

import pandas as pd

from pipeline.datasets import resource
from pipeline.reconcile import evidence as ev
from pipeline.reconcile.matching import top_k
from pipeline.reconcile.normalize import (
    abbreviates,
    key,
    letters,
    looks_like_acronym,
    names_a_unit,
    same_words,
    singular_acronym,
    words_abbreviate,
)

TOP_K = 3
CANDIDATE_COLUMNS = list(resource("entity_candidates").columns)  # declared in pipeline/datasets/resources.py


def orphan_candidates(run, kind, scope, name, q) -> list[tuple[str, str, float]]:
    """Entities of the block printed in the previous edition and not in this one, that an acronym shares
    letters with (SPU / SPM) or that a full name is at least half similar to."""
    orphans = [e for e in run.context.get("orphans", ()) if run.reg.entities.get(e, {}).get("kind") == kind
               and run.reg.entities[e]["scope"] == scope]
    if not orphans:
        return []
    out = []
    acr = singular_acronym(letters(name)) if looks_like_acronym(name) else ""
    names = [run.reg.entities[e]["canonical_name"] for e in orphans]
    if acr:
        for e, n in zip(orphans, names):
            if any(ev.common_letters(acr, a) >= 0.5 for a in acronyms_of(run, e)):
                out.append((e, key(n), 0.0))
        return out
    idx, sc = top_k([q], [key(n) for n in names], k=min(TOP_K, len(names)))
    return [(orphans[j], key(names[j]), float(s)) for j, s in zip(idx[0], sc[0]) if j >= 0 and s >= 50]


def acronyms_of(run, eid) -> set[str]:
    """The letters of the acronyms an entity is known by: its name if it is one, and its printed acronyms."""
    names = [run.reg.entities[eid]["canonical_name"]] + [
        row["alias"] for row in run.reg.aliases.values() if row["entity_id"] == eid and row["method"] != "code"]
    return {singular_acronym(letters(n)) for n in names if looks_like_acronym(n)}


def candidate(run, kind, scope, name, eid, similarity, cand_key=None, unique=False):
    """(entity, its name, score, evidence summary, similarity) of one candidate."""
    canon = run.reg.entities[eid]["canonical_name"]
    q = run._query(name)[0]
    ck = cand_key if cand_key is not None else key(canon)
    acr_name, acr_cands = singular_acronym(letters(name)), acronyms_of(run, eid) if looks_like_acronym(name) else set()
    both_acronyms = looks_like_acronym(name) and bool(acr_cands)
    acr_canon = max(acr_cands, key=lambda a: ev.common_letters(acr_name, a)) if both_acronyms else letters(canon)
    acronym = ((looks_like_acronym(name) and not both_acronyms and abbreviates(acr_name, ck))
               or (looks_like_acronym(canon) and not both_acronyms and abbreviates(acr_canon, q)))
    ctx = run.context
    same, abbreviated = same_words(q, ck), words_abbreviate(q, ck)
    e = ev.Evidence(
        similarity=similarity,
        letters=ev.common_letters(acr_name, acr_canon) if both_acronyms else None,
        same_words=same, abbreviated_words=abbreviated, acronym=acronym,
        replaced=not (same or abbreviated or acronym or both_acronyms) and ev.words_replaced(q.split(), ck.split()),
        unit_mismatch=not both_acronyms and names_a_unit(run._query(name)[1]) != names_a_unit(canon),
        orphan=eid in ctx.get("orphans", ()), ended=eid in ctx.get("ended", ()), unique=unique)
    return (eid, canon, e.score(), e.summary(), similarity)


def score_all(run, kind, scope, name, q, raw) -> list[tuple]:
    best: dict[str, tuple[str, float]] = {}
    for e, k, s in raw:
        if e in run.reg.entities and (e not in best or s > best[e][1]):
            best[e] = (k, s)
    sims = sorted((s for _k, s in best.values()), reverse=True)
    out = []
    for e, (k, s) in best.items():
        unique = s == sims[0] and (len(sims) == 1 or sims[0] - sims[1] >= 10) and s > 0
        out.append(candidate(run, kind, scope, name, e, s, k, unique))
    return sorted(out, key=lambda c: (-c[2], -c[4], c[0]))


def queue(run, eid, kind, scope, name, doc, reason, cands) -> None:
    top = [c for c in cands if c[0] != eid][:TOP_K]
    if top:
        run.review[eid] = (kind, scope, name, doc, reason, top)


def frame(run) -> pd.DataFrame:
    """The review queue, most likely merges first: entities by their best candidate's score, then rank."""
    groups = []
    for eid, (kind, scope, alias, doc, reason, cands) in run.review.items():
        if run.reg.entities.get(eid, {}).get("status") == "merged":
            continue
        rows = [{"kind": kind, "scope": scope, "alias": alias, "document_id": doc, "assigned_entity_id": eid,
                 "reason": f"{reason}: {why}", "rank": rank, "candidate_entity_id": ceid,
                 "candidate_name": cname, "score": round(score, 1)}
                for rank, (ceid, cname, score, why, _sim) in enumerate(cands, 1)]
        if rows:
            groups.append((-cands[0][2], eid, rows))
    rows = [r for _s, _e, rs in sorted(groups) for r in rs]
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
