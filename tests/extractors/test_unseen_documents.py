"""Documents nobody tuned the extractors on: hand-written plans of other bodies and years (tests/extractors/unseen/),
built as .docx and as Word text exports, extracted, and compared with hand-written truth CSVs using the gold
comparison of pipeline/gold.py (same keys, same normalization).

The built .docx are also converted with LibreOffice, at test time, to PDF and to legacy .doc (read through
`read_document`, which converts the .doc back with LibreOffice): 2 soffice processes at a time, each with its
own profile; these tests skip only when soffice is missing. Measured when written: every dataset at precision
and recall 1.0 in both renderings, so they are held to the truth exactly, like .docx and .txt.

`python -m tests.extractors.test_unseen_documents` prints precision / recall per dataset and format.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from extractors import extract_all
from pipeline.frames import frames_of
from pipeline.gold import differences, score
from pipeline.readers import read_document
from pipeline.records import Dataset
from tests.extractors.rendering import RENDERED, convert, soffice
from tests.extractors.unseen.builder import build, truth_dir
from tests.extractors.unseen.documents import DOCUMENTS

FORMATS = ["docx", "txt"]  # RENDERED: LibreOffice conversions of the built .docx
_cache: dict = {}


def _frames(doc, fmt: str, out_dir: Path):
    key = (doc.stem, fmt)
    if key not in _cache:
        if fmt in RENDERED:
            path = render(out_dir)[(doc.stem, fmt)]
        else:
            path = build(doc, out_dir)[fmt]
        _cache[key] = frames_of([extract_all(read_document(path))])
    return _cache[key]


def _soffice() -> str | None:
    return soffice()


def render(out_dir: Path) -> dict[tuple[str, str], Path]:
    """Every document as .pdf and .doc, converted from its built .docx (once per output folder)."""
    key = ("rendered", str(out_dir))
    if key not in _cache:
        src = Path(out_dir) / "docx"
        _cache[key] = convert([build(doc, src)["docx"] for doc in DOCUMENTS], Path(out_dir), RENDERED)
    return _cache[key]


def _truth(doc, dataset: Dataset) -> pd.DataFrame:
    return pd.read_csv(truth_dir(doc) / f"{dataset.value}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("unseen")


@pytest.fixture(scope="module")
def rendered(out_dir) -> Path:
    """The folder holding the .pdf and .doc renderings (made once for the module)."""
    # fails rather than skips without it: .ci/run installs LibreOffice
    assert _soffice(), "LibreOffice (soffice) is needed to make the PDF and .doc renderings"
    render(out_dir)  # once, before the threads below ask for it
    with ThreadPoolExecutor(max_workers=2) as pool:  # reading a .doc runs soffice again: 2 at a time
        list(pool.map(lambda doc: _frames(doc, "doc", out_dir), DOCUMENTS))
    return out_dir


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
@pytest.mark.parametrize("dataset", list(Dataset), ids=lambda d: d.value)
def test_unseen_document(doc, fmt, dataset, out_dir):
    _assert_matches_truth(doc, fmt, dataset, out_dir)


@pytest.mark.parametrize("fmt", RENDERED)
@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
@pytest.mark.parametrize("dataset", list(Dataset), ids=lambda d: d.value)
def test_unseen_document_rendered(doc, fmt, dataset, rendered):
    _assert_matches_truth(doc, fmt, dataset, rendered)


def _assert_matches_truth(doc, fmt: str, dataset: Dataset, folder: Path) -> None:
    missing, extra = differences(_frames(doc, fmt, folder)[dataset], _truth(doc, dataset), dataset)
    assert (missing, extra) == ([], []), f"{doc.stem}.{fmt} {dataset.value}"


def report(out_dir: Path, formats: list[str] = FORMATS + RENDERED) -> pd.DataFrame:
    rows = []
    for fmt in formats:
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
        print(report(Path(tmp), FORMATS + (RENDERED if _soffice() else [])).to_string(index=False))
