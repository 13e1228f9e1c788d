"""The dataset contract, declared once: one declaration per published dataset, everything else derived from it.

    fields.py        FIELD_METADATA: every column by name (type, description, required, allowed values, default,
                     role, checks); FIELD_METADATA_BY_RESOURCE: what differs for one dataset
    resources.py     RESOURCE_METADATA: one entry per dataset (description, columns in CSV order, sort key, gold
                     key, review layout, dictionary prose); `Dataset`, the enum of the record datasets
    model.py         `Field` / `Resource`: the two merged and checked at import; `record_type()` builds a record
                     dataclass from a declaration
    frictionless.py  the datapackage.json view of a declaration
    dictionary.py    docs/DATA_DICTIONARY.md (generated: `python -m pipeline.datasets`)

Derived from the declarations: the row dataclasses (pipeline/records.py), the pandera schemas, typed frames and
sort order (pipeline/schema.py), the evaluation keys (pipeline/gold.py `KEYS`), the gold / companion CSV layout
(pipeline/gold_rows.py `GOLD_COLUMNS`, `MAY_BE_EMPTY`, `ID_COLUMNS`), the registry's column lists
(pipeline/reconcile), `datapackage.json` (pipeline/publish.py) and the data dictionary. Nothing here imports
another part of the pipeline, so every layer may import it.

Adding a dataset
----------------
1. `resources.py`: a `RESOURCE_METADATA` entry (after the existing datasets of its stage: the order is the
   publishing order) and, for a record dataset (stage "extract": rows made by an extractor), a `Dataset` member
   whose value is its name.
2. `fields.py`: every column not yet in `FIELD_METADATA` (type and description at least); a column that means
   something else in this dataset gets a `FIELD_METADATA_BY_RESOURCE[<dataset>]` entry instead.
3. Record dataset: one line in pipeline/records.py, `Target = record_type(Dataset.TARGETS)` (the class name is
   the declaration's `record`), then the extractor that yields those records (extractors/). Reconciliation
   table: return the DataFrame from `ReconcileResult.tables`; publish types, validates and sorts it.
4. `python -m pipeline.datasets` regenerates docs/DATA_DICTIONARY.md; commit it with the declaration.
   Gold files for it go in gold/<document_id>/<dataset>.csv with the declared review columns plus `notes`.
The import-time checks (model.py) and tests/test_schema.py say what is missing when a step is forgotten.
"""

from __future__ import annotations

from pipeline.datasets.fields import RowKind, Status
from pipeline.datasets.model import (
    GOLD_NOTES,
    DeclarationError,
    Field,
    Resource,
    all_resources,
    is_declared,
    names,
    record_type,
    resource,
)
from pipeline.datasets.resources import Dataset

__all__ = [
    "GOLD_NOTES", "Dataset", "DeclarationError", "Field", "Resource", "RowKind", "Status", "all_resources",
    "is_declared", "names", "record_type", "resource",
]
