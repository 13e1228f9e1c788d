"""Precision / recall of entity matching against a hand-made truth (kind, scope, document_id, name, truth).

Pairwise clustering metrics over the printed names of each (kind, scope) block: a pair of names is a
predicted link when both got the same entity id and a true link when both have the same truth label.
precision = correct links / predicted links, recall = correct links / true links.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from pipeline.reconcile.normalize import norm_scope


def pairwise_scores(truth: pd.DataFrame, aliases: pd.DataFrame) -> dict:
    al = aliases.assign(scope=aliases["scope"].map(norm_scope))
    pred = {(r.kind, r.scope, r.document_id, r.alias): r.entity_id for r in al.itertuples()}
    rows = []
    missing = []
    for r in truth.itertuples():
        k = (r.kind, norm_scope(r.scope), r.document_id, r.name)
        if k not in pred:
            missing.append(k)
            continue
        rows.append((r.kind, norm_scope(r.scope), r.truth, pred[k], r.name))
    tp = fp = fn = 0
    errors = []
    by_block: dict[tuple[str, str], list] = {}
    for row in rows:
        by_block.setdefault((row[0], row[1]), []).append(row)
    for items in by_block.values():
        for a, b in combinations(items, 2):
            same_true, same_pred = a[2] == b[2], a[3] == b[3]
            if same_true and same_pred:
                tp += 1
            elif same_pred:
                fp += 1
                errors.append(("false link", a[4], b[4]))
            elif same_true:
                fn += 1
                errors.append(("missed link", a[4], b[4]))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"names": len(rows), "missing": missing, "true_links": tp + fn, "predicted_links": tp + fp,
            "correct_links": tp, "precision": precision, "recall": recall, "errors": errors}


def crosswalk_scores(truth: pd.DataFrame, aliases: pd.DataFrame, candidates: pd.DataFrame) -> dict:
    """How a later edition's printed names were reconciled with the earlier edition's, against a hand-made
    crosswalk (`document_id, kind, scope, name, continues, new_entity`: the earlier printed name the name
    continues, or the label of a new entity).

    - kept: carried-over names that got the id of the name they continue;
    - new_ok: new names that got an id no earlier document had;
    - false_merges: pairs of names of different truth (among the later names and the earlier names they point
      to) that share an id;
    - queued: missed carried-over names that are in the review queue with the right entity first, and the
      position of their first row in the queue (the queue is ranked best score first).
    """
    al = aliases.assign(scope=aliases["scope"].map(norm_scope))
    later_docs = set(truth["document_id"])
    earlier = al[~al["document_id"].isin(later_docs)]
    earlier_id: dict[tuple[str, str, str], set[str]] = {}
    for r in earlier.itertuples():
        earlier_id.setdefault((r.kind, r.scope, r.alias), set()).add(r.entity_id)
    earlier_ids = set(earlier["entity_id"])
    got = {(r.document_id, r.kind, r.scope, r.alias): r.entity_id for r in al.itertuples()}
    queue = candidates.reset_index(drop=True)
    kept, missed, new_ok, new_bad, labels = [], [], [], [], []
    for r in truth.itertuples():
        scope = norm_scope(r.scope)
        eid = got.get((r.document_id, r.kind, scope, r.name), "")
        if r.continues:
            want = earlier_id.get((r.kind, scope, r.continues), set())
            assert len(want) == 1, f"crosswalk: {r.continues!r} ({r.kind}, {scope}) has ids {want} in the earlier edition"
            target = next(iter(want))
            labels.append((r.kind, scope, "old:" + target, eid, r.name))
            (kept if eid == target else missed).append((r.document_id, r.kind, scope, r.name, eid, target))
        else:
            labels.append((r.kind, scope, "new:" + r.new_entity, eid, r.name))
            (new_ok if eid and eid not in earlier_ids else new_bad).append((r.document_id, r.kind, scope, r.name, eid))
    for (kind, scope, _name), ids in earlier_id.items():  # the earlier ids themselves: truth is their own id
        for eid in ids:
            labels.append((kind, scope, "old:" + eid, eid, _name))
    false_merges = sorted({(a[4], b[4]) for a, b in combinations(labels, 2)
                           if a[0] == b[0] and a[1] == b[1] and a[3] == b[3] and a[3] and a[2] != b[2]})
    queued, not_queued = [], []
    for doc, kind, scope, name, eid, target in missed:
        rows = queue[(queue["assigned_entity_id"] == eid) & (queue["kind"] == kind)]
        first = rows.sort_values("rank").head(1)
        if len(first) and first["candidate_entity_id"].iloc[0] == target:
            queued.append((name, int(rows.index.min()) + 1))
        else:
            not_queued.append((doc, kind, scope, name, eid, target))
    n_old = len(kept) + len(missed)
    return {"carried_over": n_old, "kept": len(kept), "kept_share": len(kept) / n_old if n_old else 1.0,
            "missed": missed, "new": len(new_ok) + len(new_bad), "new_ok": len(new_ok), "new_bad": new_bad,
            "false_merges": false_merges, "queued": queued, "not_queued": not_queued}


def lineage_scores(truth: pd.DataFrame, lineage: pd.DataFrame, aliases: pd.DataFrame) -> dict:
    """Lineage rows against hand-made truth (`document_id, kind, scope, relation, from_name, to_name`: the
    earlier printed name, and the later printed name or empty). A truth row is found when a lineage row of
    that document, kind and scope has the relation, the id of `from_name` (printed in another document) and
    the id of `to_name` (printed in that document; empty stays empty). Extra rows of those documents are
    listed (a lineage row is only right if the text states it)."""
    al = aliases.assign(scope=aliases["scope"].map(norm_scope))
    ids: dict[tuple[str, str, str], set[str]] = {}
    here: dict[tuple[str, str, str, str], str] = {}
    for r in al.itertuples():
        ids.setdefault((r.kind, r.scope, r.alias), set()).add(r.entity_id)
        here[(r.document_id, r.kind, r.scope, r.alias)] = r.entity_id
    rows = {(r.document_id, r.kind, norm_scope(r.scope), r.relation, r.from_id, r.to_id) for r in lineage.itertuples()}
    found, missing, matched = [], [], set()
    for t in truth.itertuples():
        scope = norm_scope(t.scope)
        froms = ids.get((t.kind, scope, t.from_name), set())
        to = here.get((t.document_id, t.kind, scope, t.to_name), "") if t.to_name else ""
        hit = [(t.document_id, t.kind, scope, t.relation, f, to) for f in froms
               if (t.document_id, t.kind, scope, t.relation, f, to) in rows]
        (found if hit and (to or not t.to_name) else missing).append(tuple(t)[1:])
        matched.update(hit)
    docs = set(truth["document_id"])
    extra = sorted(r for r in rows if r[0] in docs and r not in matched)
    return {"stated": len(truth), "found": len(found), "missing": missing, "extra": extra}
