"""Entity reconciliation: stable ids for outputs, units and objectives across documents and years.

Pure library code (no Prefect). See docs/RECONCILIATION.md.
"""

from pipeline.reconcile.core import HIGH, LOW, ReconcileResult, mentions, reconcile
from pipeline.reconcile.learn import Glossary, learn_document
from pipeline.reconcile.normalize import key

__all__ = ["reconcile", "ReconcileResult", "Glossary", "learn_document", "key", "mentions", "HIGH", "LOW"]
