"""Documents nobody tuned the extractors on: hand-written plans of other bodies and years (tests/extractors/unseen/),
built as .docx and as Word text exports, extracted, and compared with hand-written truth CSVs using the gold
comparison of pipeline/gold.py (same keys, same normalization).

`python -m tests.extractors.test_unseen_documents` prints precision / recall per dataset and format.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest

from extractors import extract_all
from pipeline.frames import frames_of
from pipeline.gold import differences, score
from pipeline.readers import read_document
from pipeline.records import Dataset
from tests.extractors.unseen.builder import build, truth_dir
from tests.extractors.unseen.documents import DOCUMENTS

FORMATS = ["docx", "txt"]
_cache: dict = {}


def _frames(doc, fmt: str, out_dir: Path):
    key = (doc.stem, fmt)
    if key not in _cache:
        paths = build(doc, out_dir)
        _cache[key] = frames_of([extract_all(read_document(paths[fmt]))])
    return _cache[key]


def _truth(doc, dataset: Dataset) -> pd.DataFrame:
    return pd.read_csv(truth_dir(doc) / f"{dataset.value}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("unseen")




@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
@pytest.mark.parametrize("dataset", list(Dataset), ids=lambda d: d.value)
def test_unseen_document(doc, fmt, dataset, out_dir):
    frame = _frames(doc, fmt, out_dir)[dataset]
    missing, extra = differences(frame, _truth(doc, dataset), dataset)
    assert (missing, extra) == ([], []), f"{doc.stem}.{fmt} {dataset.value}"


def report(out_dir: Path) -> pd.DataFrame:
    rows = []
    for fmt in FORMATS:
        for dataset in Dataset:
            tp = gold = got = 0
            for doc in DOCUMENTS:
                s = score(_frames(doc, fmt, out_dir)[dataset], _truth(doc, dataset), dataset, doc.stem, fmt)
                tp, gold, got = tp + s.true_positives, gold + s.gold_rows, got + s.extracted_rows
            rows.append({"format": fmt, "dataset": dataset.value, "truth": gold, "extracted": got, "tp": tp,
                         "precision": round(tp / got, 3) if got else 1.0,
                         "recall": round(tp / gold, 3) if gold else 1.0})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(report(Path(tmp)).to_string(index=False))
