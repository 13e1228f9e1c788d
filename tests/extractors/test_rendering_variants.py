"""The same document rendered differently: tables without ruling lines, converted to PDF by LibreOffice.

The PDF reader must then find the tables by text alignment; the numbers and the matrices must come out the same.
Needs LibreOffice (`.ci/run` installs it); without it this test fails, it does not skip.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from extractors import extract_all
from pipeline.frames import frames_of
from pipeline.gold import evaluate_column_frames, evaluate_frames
from pipeline.readers import read_document, text as text_reader
from pipeline.records import Dataset

ROOT = Path(__file__).resolve().parents[2]


def _renderer():
    spec = importlib.util.spec_from_file_location("render_samples", ROOT / "scripts" / "render_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["render_samples"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("stem", ["strategic-plan-2008-2011", "gs-operational-plan-2008-2011"])
def test_tables_without_borders(tmp_path, stem):
    assert shutil.which("soffice") or shutil.which("libreoffice"), "LibreOffice is required (apt-get install libreoffice-writer-nogui)"
    render = _renderer()
    sample = next(s for s in render.SAMPLES if s.stem == stem)
    model = text_reader.read(ROOT / "samples" / f"{stem}.txt")
    doc = render.build_docx(model, sample)
    for table in doc.tables:
        table.style = doc.styles["Normal Table"]  # no ruling lines at all
    docx_path = tmp_path / f"{stem}.docx"
    doc.save(docx_path)
    pdf = render.convert_to_pdf(docx_path, tmp_path)

    extraction = extract_all(read_document(pdf))
    frames = frames_of([extraction])
    scores = evaluate_frames(frames).set_index("dataset")
    for dataset in (Dataset.WORK_MONTHS, Dataset.SERVICE_LEVELS, Dataset.LINKS, Dataset.ACTIVITIES):
        assert scores.loc[dataset.value, "f1"] >= 0.98, (dataset.value, scores.loc[dataset.value].to_dict())
    columns = evaluate_column_frames(frames)
    objectives = columns[columns["dataset"] == Dataset.OBJECTIVES.value].set_index("column")["f1"].to_dict()
    for column, f1 in objectives.items():
        # every column, the titles too: the goals matrix's row of titles, cut by the page break and going on in
        # four of its seven columns, is one row (issue 16; it was held at 0.87)
        assert f1 >= 0.98, (column, f1, objectives)
