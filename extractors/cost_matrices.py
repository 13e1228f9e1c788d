"""Cost-weighted matrices: outputs (or objectives, or Sectors) down the side, objectives or goals across the
top, amounts in thousands of Swiss francs instead of `x` marks (`Linkage between Intersectoral Outputs and General
Secretariat Objectives`, a spanning `GS Objectives` over bare numerals, a first `Total` column, `0` for no link,
a `Total` row). One record per non-empty money cell: the row's subject, the column's objective or goal number
(empty in the Total column), the amount in Swiss francs. A `0` is a row here and never a link in
output_objective_links: numbers are not `x` marks. How a money table is read: `extractors/money.py`."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.money import money_records
from pipeline.model import Document
from pipeline.records import Dataset

DATASET = Dataset.FINANCIAL_RESOURCES


def extract(doc: Document) -> Extraction:
    return money_records(doc, matrices=True)
