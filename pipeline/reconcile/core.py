"""`reconcile`: give every printed output / unit / objective name a stable entity id, and say what happened
to entities between editions.

Per document (in the order given) and per block (kind + scope: an ITU-R "Study Groups" is not an ITU-T one),
each distinct printed name is resolved by the rules of `pipeline.reconcile.resolve` (decision, earlier run,
code, exact variants, stated rename, acronym, same words, fuzzy with an evidence-scored review queue). Then the
document's lineage statements are resolved into entity_lineage rows (`pipeline.reconcile.history`).
Objectives are identified by `(scope, kind, number)`: their number is their code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.records import Dataset
from pipeline.reconcile import mentions as mn
from pipeline.reconcile.decisions import load_decisions
from pipeline.reconcile.history import LINEAGE_COLUMNS, History
from pipeline.reconcile.learn import Glossary, learn_document, learn_extraction
from pipeline.reconcile.normalize import key, looks_like_acronym, norm_scope
from pipeline.reconcile.queue import CANDIDATE_COLUMNS
from pipeline.reconcile.registry import Registry, write_csv
from pipeline.reconcile.resolve import HIGH, LOW, Resolver, index_keys
from pipeline.reconcile.results import link_results
from pipeline.reconcile.reviewing import apply_decisions, pending_reviews, unanchored_renames

mentions = mn.mentions
__all__ = ["reconcile", "ReconcileResult", "mentions", "HIGH", "LOW", "CANDIDATE_COLUMNS", "LINEAGE_COLUMNS"]


@dataclass
class ReconcileResult:
    extractions: list
    entities: pd.DataFrame
    aliases: pd.DataFrame
    candidates: pd.DataFrame
    result_links: pd.DataFrame
    glossary: Glossary = field(default_factory=Glossary)
    lineage: pd.DataFrame = field(default_factory=lambda: History().frame())

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The extra tables a run publishes beside the datasets."""
        return {"entities": self.entities, "entity_aliases": self.aliases,
                "entity_candidates": self.candidates, "result_links": self.result_links,
                "entity_lineage": self.lineage}


# ------------------------------------------------------------------------------------------------------------
# Objectives: identity is (scope, kind, number); a changed title between editions of a document is a rename


def _objectives(run: Resolver, extractions, history: History) -> None:
    reg = run.reg
    for ex in extractions:
        previous = run.previous_edition(ex.document_id)
        for r in ex.datasets.get(Dataset.OBJECTIVES, []):
            scope = norm_scope(r.scope)
            alias = f"{scope} {r.kind} {r.number}"  # identity; the printed statement is in objectives.csv
            title = (r.title or r.text)[:200]
            eid = reg.lookup("objective", scope, key(alias))
            if not eid:
                eid = reg.new_entity("objective", scope, alias, ex.document_id, "new")
                reg.entities[eid]["notes"] = title
            reg.add_alias(eid, "objective", scope, alias, ex.document_id, 100, "exact")
            old = reg.texts.get((eid, previous)) if previous else None
            if old is not None and key(old) != key(title):
                history.add("objective", scope, eid, old, "renamed", eid, title, ex.document_id,
                            f'{alias}: "{old}" -> "{title}"')
            reg.texts.setdefault((eid, ex.document_id), title)


# ------------------------------------------------------------------------------------------------------------


def _glossary(extractions, documents, glossaries) -> Glossary:
    glossary = Glossary()
    docs_by_id = {d.document_id: d for d in (documents or [])}
    for ex in extractions:
        learned = (glossaries or {}).get(ex.document_id)
        if learned is None:
            doc = docs_by_id.get(ex.document_id) or getattr(ex, "document", None)
            learned = learn_document(doc) if doc is not None else learn_extraction(ex)
        glossary.merge(learned)
    return glossary


def reconcile(extractions: list, registry_dir: Path | None = None, decisions_path: Path | None = None,
              review_dir: Path | None = None, *, documents: list | None = None,
              glossaries: dict[str, Glossary] | None = None,
              high: float = HIGH, low: float = LOW) -> ReconcileResult:
    """Fill `output_id` / `unit_id` in the extractions from the entity registry and update the registry.

    `registry_dir` holds entities.csv and entity_aliases.csv (read, then rewritten); default
    `<output>/registry`. `decisions_path` defaults to gold/entities/decisions.csv. The review queue is
    written to `<review_dir>/entity_candidates.csv` (default `<registry_dir>/review`). `documents` (the
    `pipeline.model.Document`s the extractions came from) let acronyms, renames and lineage statements be
    learned from the whole text; without them only the extracted statements are searched. An extraction
    carrying a `document` attribute is used the same way. `glossaries` (document_id -> `learn_document(doc)`,
    computed where the document was read) spare the caller from keeping whole documents in memory.
    """
    from pipeline import settings

    registry_dir = Path(registry_dir) if registry_dir is not None else settings.DEFAULT_OUTPUT / "registry"
    if decisions_path is None:
        default = settings.PROJECT_ROOT / "gold" / "entities" / "decisions.csv"
        decisions_path = default if default.exists() else None
    review_dir = Path(review_dir) if review_dir is not None else registry_dir / "review"

    decisions = load_decisions(decisions_path)
    glossary = _glossary(extractions, documents, glossaries)
    reg = Registry.load(registry_dir, expand=index_keys(glossary))
    run = Resolver(reg, decisions, glossary, high, low)
    history = History()
    run.history = history
    pending, doc_blocks = [], {}
    for ex in extractions:
        doc = ex.document_id
        names = mn.mentions(ex)
        codes = mn.codes(ex)
        run.start_document(doc, names, codes)
        blocks: dict[tuple[str, str], list[str]] = {}
        for kind, scope, name in names:
            blocks.setdefault((kind, scope), []).append(name)
            if run.decision_for(kind, scope, name):
                pending.append((kind, scope, name, doc))
        for (kind, scope), block_names in list(blocks.items()):
            # full names first, so acronyms can find what they abbreviate
            run.block(kind, scope, [n for n in block_names if not looks_like_acronym(n)], doc)
            run.block(kind, scope, [n for n in block_names if looks_like_acronym(n)], doc)
        unanchored_renames(run, doc, list(blocks))
        doc_blocks[doc] = list(blocks)
    run.context = {}
    apply_decisions(run, pending)
    for doc, blocks in doc_blocks.items():
        history.statements(run, doc, blocks)
    pending_reviews(run)
    _objectives(run, extractions, history)

    assigned = {k: reg.resolve(v) for k, v in run.assigned.items()}
    for ex in extractions:
        mn.fill(ex, assigned)

    entities, aliases = reg.save(registry_dir)
    candidates = run.candidates_frame()
    write_csv(candidates, review_dir / "entity_candidates.csv")
    links = link_results(extractions)
    return ReconcileResult(extractions, entities, aliases, candidates, links, glossary, history.frame())
