"""Financial and human resources in money, by period: `ITU-R objective | 2019 | 2020 | 2021 | 2022 | %` under
`Human and financial resources`, a title cell `Human resources (CHF thousands)` over a bare `2018 | 2019 ...`
header, `Objective | Budget 2022 (CHF) | %`. One record per non-empty money cell (`0` included, `%` never), the
amount in Swiss francs (`CHF thousands` multiplied out). How a money table is read: `extractors/money.py`."""

from __future__ import annotations

from extractors.base import Extraction
from extractors.money import money_records
from pipeline.model import Document
from pipeline.records import Dataset

DATASET = Dataset.FINANCIAL_RESOURCES


def extract(doc: Document) -> Extraction:
    return money_records(doc, matrices=False)
