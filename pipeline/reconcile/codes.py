"""Codes as identity: the results-based plans print their outputs with codes (`R.1-7`, pipeline/reconcile/mentions.py).

Within a block a known code resolves its name whatever the words (`Resolver.block`, method `by_code`); these are
the guards around it, functions of a `resolve.Resolver` (`run`): a code is not identity when its entity already
has another code in the document (renumbering); a known name printed with a new code while its entity keeps its
old one becomes a new entity for review; two names with different codes in one document never match; a coded
name printed with other words than in the previous edition is a rename in the history.
"""

from __future__ import annotations

from pipeline.reconcile import queue as rq
from pipeline.reconcile.normalize import key


def other_code_here(run, kind, scope, name, doc, eid, code, codes) -> bool:
    """Another name of this document with another code already has this entity: two codes, two outputs."""
    if run.reg.aliases.get((kind, scope, name, doc), {}).get("method") == "by_code":
        return False
    return any(d == doc and k == kind and s == scope and e == eid and n != name
               and codes.get((k, s, n)) not in (None, code) for (k, s, n, d), e in run.assigned.items())


def renumbered(run, kind, scope, name, doc, eid, code) -> None:
    """A known name printed with a new code while its entity keeps its old code here: a new entity, for
    review (a renumbering, or two outputs sharing a name)."""
    new = run._new(kind, scope, name, doc, "new", status="review")
    run._set(kind, scope, name, doc, new, 100, "exact")
    run.reg.add_code(new, kind, scope, code, doc)
    rq.queue(run, new, kind, scope, name, doc, f"same name, another code ({code})",
             [rq.candidate(run, kind, scope, name, eid, 100.0)])


def code_taken(run, kind, scope, doc, eid, code) -> bool:
    """The code's entity already has another code in this document: the code was reused for something
    else (renumbering), so it is not identity here."""
    return any(c != code for c in codes_here(run, kind, scope, doc, eid))


def code_rename(run, kind, scope, eid, code, name, doc) -> None:
    """The previous edition printed this code with other words: a rename, recorded in the history."""
    previous = run.previous_edition(doc)
    if not previous or run.history is None:
        return
    old = [a for (k, s, a, d), row in run.reg.aliases.items() if d == previous and k == kind and s == scope
           and row["method"] != "code" and run.reg.resolve(row["entity_id"]) == eid]
    if old and key(name) not in {key(o) for o in old}:
        run.history.renamed_by_code(kind, scope, eid, code, old[0], name, doc)


def codes_here(run, kind, scope, doc, eid) -> set[str]:
    return {row["alias"] for (k, s, a, d), row in run.reg.aliases.items()
            if d == doc and k == kind and s == scope and row["method"] == "code"
            and run.reg.resolve(row["entity_id"]) == eid}


def code_conflict(run, kind, scope, doc, name, eid=None, other=None) -> bool:
    """Both have codes in this document and they differ: two outputs, whatever their words."""
    mine = run.codes.get((kind, scope, name))
    if not mine:
        return False
    theirs = {run.codes.get((kind, scope, other))} if other else set()
    if eid:
        theirs |= {run.codes.get((k, s, n)) for (k, s, n, d), e in run.assigned.items()
                   if d == doc and k == kind and s == scope and e == eid}
    theirs.discard(None)
    return bool(theirs) and mine not in theirs
