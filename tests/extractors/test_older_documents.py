"""The older layouts (FAMILIES.md): General Secretariat plans 2003-2007 (family G) and Bureau plans 2000-2007
(family B), hand-written in `tests/extractors/older/`, built as .docx and Word text export, rendered by LibreOffice
as PDF and legacy .doc (once per session, two soffice at a time: tests/extractors/rendering.py), extracted, and
held to their hand-written truth.

Every column a truth CSV shares with the published dataset is compared, not only the gold keys (the group, the
unit responsible and the status of a result are part of what is published): text after the gold normalization,
numbers exactly.

`python -m tests.extractors.test_older_documents` prints precision, recall and F1 (on the gold keys, as
`ituplans evaluate` scores) per family, dataset and format.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from extractors import extract_all
from pipeline.frames import frames_of
from pipeline.gold import NUMERIC, norm_number, norm_text, score
from pipeline.model import Document
from pipeline.readers import read_document
from pipeline.records import Dataset
from tests.extractors.older.builder import build, truth_dir
from tests.extractors.older.documents import FAMILIES, LANDSCAPE
from tests.extractors.rendering import RENDERED, convert

DOCUMENTS = [d for docs in FAMILIES.values() for d in docs]
FORMATS = ["docx", "txt", *RENDERED]
_cache: dict = {}


def _built(doc, out_dir: Path) -> dict[str, Path]:
    key = ("built", doc.stem, str(out_dir))
    if key not in _cache:
        _cache[key] = build(doc, out_dir / "built", landscape=doc.stem in LANDSCAPE)
    return _cache[key]


def _rendered(out_dir: Path) -> dict[tuple[str, str], Path]:
    key = ("rendered", str(out_dir))
    if key not in _cache:
        _cache[key] = convert([_built(doc, out_dir)["docx"] for doc in DOCUMENTS], out_dir)
    return _cache[key]


def document(doc, fmt: str, out_dir: Path) -> Document:
    key = ("document", doc.stem, fmt, str(out_dir))
    if key not in _cache:
        path = _rendered(out_dir)[(doc.stem, fmt)] if fmt in RENDERED else _built(doc, out_dir)[fmt]
        _cache[key] = read_document(path)
    return _cache[key]


def frames(doc, fmt: str, out_dir: Path) -> dict[Dataset, pd.DataFrame]:
    key = (doc.stem, fmt, str(out_dir))
    if key not in _cache:
        _cache[key] = frames_of([extract_all(document(doc, fmt, out_dir))])
    return _cache[key]


def truth(doc, dataset: Dataset) -> pd.DataFrame:
    return pd.read_csv(truth_dir(doc) / f"{dataset.value}.csv", dtype=str, keep_default_na=False)


def _rows(frame: pd.DataFrame, columns: list[str]) -> Counter:
    return Counter(tuple(norm_number(row.get(c)) if c in NUMERIC else norm_text(row.get(c)) for c in columns)
                   for row in frame.to_dict("records"))


def compare(doc, fmt: str, dataset: Dataset, out_dir: Path) -> tuple[Counter, Counter, list[str]]:
    """(missing, extra, columns): truth rows not extracted and extracted rows not in the truth, on every column
    the truth and the published dataset share."""
    got, want = frames(doc, fmt, out_dir)[dataset], truth(doc, dataset)
    columns = [c for c in want.columns if c != "document_id" and c in got.columns]
    g, w = _rows(got, columns), _rows(want, columns)
    return w - g, g - w, columns


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("older")
    _rendered(folder)  # once, before the threads below ask for it
    with ThreadPoolExecutor(max_workers=2) as pool:  # reading a .doc runs soffice again: 2 at a time
        list(pool.map(lambda doc: frames(doc, "doc", folder), DOCUMENTS))
    return folder


def test_two_documents_per_family_with_truth_for_every_dataset():
    for family, docs in FAMILIES.items():
        assert len(docs) >= 2, family
        for doc in docs:
            for dataset in Dataset:
                assert (truth_dir(doc) / f"{dataset.value}.csv").exists(), f"{doc.stem}/{dataset.value}.csv"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
@pytest.mark.parametrize("dataset", list(Dataset), ids=lambda d: d.value)
def test_older_document(doc, fmt, dataset, out_dir):
    missing, extra, columns = compare(doc, fmt, dataset, out_dir)
    assert (sorted(missing.elements()), sorted(extra.elements())) == ([], []), \
        f"{doc.stem}.{fmt} {dataset.value} {columns}"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
def test_pdf_table_cells_print_the_words_of_the_docx(doc, out_dir):
    """A word the layout broke inside a narrow cell without a hyphen (`Extra-budgeta` / `ry resources`) is mended:
    every word of the PDF's table cells is a word the .docx's table cells print."""
    words = {fmt: {w for t in document(doc, fmt, out_dir).tables for row in t.rows() for c in row
                   for w in c.text.split()} for fmt in ("docx", "pdf")}
    assert sorted(words["pdf"] - words["docx"]) == []


def report(out_dir: Path) -> pd.DataFrame:
    """Precision, recall and F1 on the gold keys per family, format and dataset."""
    rows = []
    for family, docs in FAMILIES.items():
        for fmt in FORMATS:
            for dataset in Dataset:
                scores = [score(frames(doc, fmt, out_dir)[dataset], truth(doc, dataset), dataset, doc.stem, fmt)
                          for doc in docs]
                tp = sum(s.true_positives for s in scores)
                want, got = sum(s.gold_rows for s in scores), sum(s.extracted_rows for s in scores)
                if not want and not got:
                    continue
                p, r = (tp / got if got else 1.0), (tp / want if want else 1.0)
                rows.append({"family": family, "format": fmt, "dataset": dataset.value, "truth": want,
                             "extracted": got, "precision": round(p, 3), "recall": round(r, 3),
                             "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(report(Path(tmp)).to_string(index=False))
