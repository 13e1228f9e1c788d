"""Documents of the families the samples do not cover (FAMILIES.md: R results-based plans, M cost-weighted matrices,
W wrappers and metadata), hand-written in `tests/extractors/families/`, built as .docx and Word text export, rendered
by LibreOffice as PDF and legacy .doc (once per session, two soffice at a time), extracted, and held to their
hand-written truth.

The documents dress their tables in the house styles of real documents (rules only, shading, an outer box, Word's
built-in styles). The PDF rendering is measured twice, `pdf` in the house styles and `pdf-grid` with every table in
a full grid; both must give every row (F1 1.0 per family and dataset), like .docx, text export and .doc. A
rendering the reader cannot read yet gets a line in `families/pdf_floors.csv` (family, format, dataset, the F1
measured, why): the file has none since issue 15 taught the reader the styles.

Every column the truth CSV has is compared (not only the gold keys): the title of a document, the short name
of an objective and the measure of an amount are part of what is published. Text is compared after the gold
normalization (whitespace, case, quotes and dashes, trailing punctuation), numbers exactly.

`python -m tests.extractors.test_family_documents` prints precision, recall and F1 per family, dataset and format.
"""

from __future__ import annotations

import csv
import tempfile
from collections import Counter
from dataclasses import replace
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from extractors import extract_all
from pipeline.frames import frames_of
from pipeline.gold import NUMERIC, norm_number, norm_text
from pipeline.readers import read_document
from pipeline.records import Dataset
from tests.extractors.families.builder import build, in_grid, truth_dir
from tests.extractors.families.matrices_and_wrappers import M_DOCUMENTS, W_DOCUMENTS
from tests.extractors.families.results_based import DOCUMENTS as R_DOCUMENTS
from tests.extractors.rendering import convert
from tests.extractors.unseen.builder import T

FAMILIES = {"R": R_DOCUMENTS, "M": M_DOCUMENTS, "W": W_DOCUMENTS}
DOCUMENTS = [d for docs in FAMILIES.values() for d in docs]
GRID = "pdf-grid"  # the PDF of the documents with every table in a full grid
EXACT = ["docx", "txt", "doc"]
MEASURED = ["pdf", GRID]
FORMATS = [*EXACT, *MEASURED]
FLOORS = Path(__file__).parent / "families" / "pdf_floors.csv"
_cache: dict = {}


def _in_grid(doc):
    return replace(doc, blocks=[replace(b, style=in_grid(b.style)) if isinstance(b, T) else b for b in doc.blocks])


def _rendered(out_dir: Path) -> dict[tuple[str, str], Path]:
    key = ("rendered", str(out_dir))
    if key not in _cache:
        paths = convert([build(doc, out_dir / "docx")["docx"] for doc in DOCUMENTS], out_dir)
        grid = convert([build(_in_grid(doc), out_dir / "grid-docx")["docx"] for doc in DOCUMENTS], out_dir / "grid",
                       ["pdf"])
        paths.update({(stem, GRID): path for (stem, _), path in grid.items()})
        _cache[key] = paths
    return _cache[key]


def _frames(doc, fmt: str, out_dir: Path) -> dict[Dataset, pd.DataFrame]:
    key = (doc.stem, fmt)
    if key not in _cache:
        path = build(doc, out_dir / "built")[fmt] if fmt in ("docx", "txt") else _rendered(out_dir)[(doc.stem, fmt)]
        _cache[key] = frames_of([extract_all(read_document(path))])
    return _cache[key]


def _truth(doc, dataset: Dataset) -> pd.DataFrame:
    return pd.read_csv(truth_dir(doc) / f"{dataset.value}.csv", dtype=str, keep_default_na=False)


def _rows(frame: pd.DataFrame, columns: list[str]) -> Counter:
    out: Counter = Counter()
    for row in frame.to_dict("records"):
        out[tuple(norm_number(row.get(c)) if c in NUMERIC else norm_text(row.get(c)) for c in columns)] += 1
    return out


def compare(doc, fmt: str, dataset: Dataset, out_dir: Path) -> tuple[Counter, Counter, list[str]]:
    """(missing, extra, columns): rows of the truth not extracted, rows extracted not in the truth."""
    truth = _truth(doc, dataset)
    columns = [c for c in truth.columns if c != "document_id"]
    got, want = _rows(_frames(doc, fmt, out_dir)[dataset], columns), _rows(truth, columns)
    return want - got, got - want, columns


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("families")
    _rendered(folder)  # once, before the threads below ask for it
    with ThreadPoolExecutor(max_workers=2) as pool:  # reading a .doc runs soffice again: 2 at a time
        list(pool.map(lambda doc: _frames(doc, "doc", folder), DOCUMENTS))
    return folder


def test_every_family_has_two_documents_and_truth_for_every_dataset():
    for family, docs in FAMILIES.items():
        assert len(docs) >= 2, family
        for doc in docs:
            for dataset in Dataset:
                assert (truth_dir(doc) / f"{dataset.value}.csv").exists(), f"{doc.stem}/{dataset.value}.csv"


@pytest.mark.parametrize("fmt", EXACT)
@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
@pytest.mark.parametrize("dataset", list(Dataset), ids=lambda d: d.value)
def test_family_document(doc, fmt, dataset, out_dir):
    missing, extra, columns = compare(doc, fmt, dataset, out_dir)
    assert (sorted(missing.elements()), sorted(extra.elements())) == ([], []), \
        f"{doc.stem}.{fmt} {dataset.value} {columns}"


def _floors() -> dict[tuple[str, str, str], float]:
    with open(FLOORS, encoding="utf-8") as fh:
        return {(r["family"], r["format"], r["dataset"]): float(r["min_f1"]) for r in csv.DictReader(fh)}


@pytest.mark.parametrize("fmt", MEASURED)
def test_pdf_holds_its_floors(fmt, out_dir):
    """F1 per family and dataset at least the floor (1.0 where none is written)."""
    floors = _floors()
    low = [f"{r.family} {fmt} {r.dataset}: F1 {r.f1} < {floors.get((r.family, fmt, r.dataset), 1.0)}"
           for r in report(out_dir, [fmt]).itertuples() if r.f1 < floors.get((r.family, fmt, r.dataset), 1.0)]
    assert not low, "\n".join(low)


def report(out_dir: Path, formats: list[str] = FORMATS) -> pd.DataFrame:
    rows = []
    for family, docs in FAMILIES.items():
        for fmt in formats:
            for dataset in Dataset:
                tp = truth_rows = got_rows = 0
                for doc in docs:
                    missing, extra, _ = compare(doc, fmt, dataset, out_dir)
                    n = len(_truth(doc, dataset))
                    truth_rows += n
                    got_rows += n - sum(missing.values()) + sum(extra.values())
                    tp += n - sum(missing.values())
                if not truth_rows and not got_rows:
                    continue
                p = tp / got_rows if got_rows else 1.0
                r = tp / truth_rows if truth_rows else 1.0
                rows.append({"family": family, "format": fmt, "dataset": dataset.value, "truth": truth_rows,
                             "extracted": got_rows, "precision": round(p, 3), "recall": round(r, 3),
                             "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(report(Path(tmp)).to_string(index=False))
