"""The sample and a family document printed in eleven table styles (issue 15): Word's built-in styles by name
(python-docx's template has no "Plain Table" nor "Grid Table" styles: its Light, Medium Shading, List and Grid
styles stand for them) and three house styles of our own (rules only, zebra shading, an outer box), each
rendered to PDF by LibreOffice, read and extracted, every dataset held to a floor (`style_floors.csv`; the goal is
0.99, a dataset without a line is held to it).

To stay cheap, the sample is rendered in part: its first three outputs (`SAMPLE_BLOCKS`: work months, service
levels, links, objectives, activities, expected results and KPIs of three outputs, about a dozen pages), measured
against the same part read from its .docx in "Table Grid" (the .pdf must give what the .docx gives); the family
document (`FAMILY`, three house-style tables, one over a page break) against its hand-written truth. All
renderings are made once per session, one soffice call per half (`rendering.convert`).

`python -m tests.readers.test_style_renderings` prints the F1 per document, style and dataset.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from extractors import extract_all
from pipeline.frames import frames_of
from pipeline.gold import score
from pipeline.readers import read_document
from pipeline.records import Dataset
from tests.extractors.families.builder import build as build_family, outer_box, rules_only, shaded, truth_dir
from tests.extractors.families.results_based import DOCUMENTS
from tests.extractors.rendering import convert
from tests.extractors.unseen.builder import T
from tests.readers import styled

SAMPLE = "gs-operational-plan-2008-2011"
SAMPLE_BLOCKS = 133  # up to the fourth output (ITU Telecom): three outputs with every kind of table
FAMILY = next(d for d in DOCUMENTS if d.stem == "itu-r-operational-plan-2019-2022")
STYLES = ["Table Grid", "Light Shading", "Light List", "Light Grid", "Medium Shading 1", "Medium Shading 2",
          "Medium List 1", "Medium Grid 1", "rules", "zebra", "box"]
FAMILY_STYLES = {"rules": rules_only(), "zebra": shaded(zebra=True), "box": outer_box}
FLOORS = Path(__file__).parent / "style_floors.csv"
GOAL = 0.99


def _slug(style: str) -> str:
    return style.lower().replace(" ", "-")


def _family_in(style: str):
    """The family document with every table in `style`."""
    dress = FAMILY_STYLES.get(style, style)
    return replace(FAMILY, stem=f"{FAMILY.stem}--{_slug(style)}",
                   blocks=[replace(b, style=dress) if isinstance(b, T) else b for b in FAMILY.blocks])


def _frames(path: Path) -> dict[Dataset, pd.DataFrame]:
    return frames_of([extract_all(read_document(path))])


def measure(folder: Path) -> pd.DataFrame:
    """F1 per document, style and dataset: the sample's part against its .docx, the family document against its
    truth."""
    docx = []
    for style in STYLES:
        path = folder / "docx" / f"{SAMPLE}--{_slug(style)}.docx"
        path.parent.mkdir(parents=True, exist_ok=True)
        styled.build(SAMPLE, style, SAMPLE_BLOCKS).save(path)
        docx += [path, build_family(_family_in(style), folder / "family")["docx"]]
    pdfs = convert(docx, folder, ["pdf"])
    reference = {SAMPLE: _frames(folder / "docx" / f"{SAMPLE}--table-grid.docx"),
                 FAMILY.stem: {d: pd.read_csv(truth_dir(FAMILY) / f"{d.value}.csv", dtype=str, keep_default_na=False)
                               for d in Dataset}}
    rows = []
    for (stem, _), path in sorted(pdfs.items()):
        document, style = stem.split("--")
        got = _frames(path)
        for dataset in Dataset:
            want = reference[document][dataset]
            s = score(got[dataset], want, dataset, document, path.name)
            if s.gold_rows or s.extracted_rows:
                rows.append({"document": document, "style": style, "dataset": dataset.value, "reference": s.gold_rows,
                             "extracted": s.extracted_rows, "f1": round(s.f1, 3)})
    return pd.DataFrame(rows)


def _floors() -> dict[tuple[str, str, str], float]:
    with open(FLOORS, encoding="utf-8") as fh:
        return {(r["document"], r["style"], r["dataset"]): float(r["min_f1"]) for r in csv.DictReader(fh)}


@pytest.fixture(scope="session")
def measured(tmp_path_factory) -> pd.DataFrame:
    return measure(tmp_path_factory.mktemp("style-renderings"))


def test_eleven_styles_two_documents(measured):
    assert set(measured["style"]) == {_slug(s) for s in STYLES}
    assert set(measured["document"]) == {SAMPLE, FAMILY.stem}
    assert len(STYLES) >= 10


def test_every_dataset_in_every_style_holds_its_floor(measured):
    floors = _floors()
    low = [f"{r.document} {r.style} {r.dataset}: F1 {r.f1} < {floors.get((r.document, r.style, r.dataset), GOAL)}"
           for r in measured.itertuples() if r.f1 < floors.get((r.document, r.style, r.dataset), GOAL)]
    assert not low, "\n".join(low)


def test_floors_name_measured_rows_only():
    """A floor line for a style or dataset that is not measured would hold nothing."""
    styles = {_slug(s) for s in STYLES}
    for document, style, dataset in _floors():
        assert document in (SAMPLE, FAMILY.stem) and style in styles and Dataset(dataset), (document, style, dataset)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(measure(Path(tmp)).to_string(index=False))
