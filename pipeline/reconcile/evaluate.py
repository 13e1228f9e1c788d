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
