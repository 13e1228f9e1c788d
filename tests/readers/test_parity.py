"""The same document in two formats reads the same: each sample's .docx (rendered by scripts/render_samples.py
from the text reader's model) and its Word text export give the same tables and the same headings.

If this fails after a change to the text reader, the committed samples are stale: re-run
`python scripts/render_samples.py` and commit samples/.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipeline.model import Heading, normalize_space
from pipeline.readers import read_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
STEMS = ["strategic-plan-2008-2011", "gs-operational-plan-2008-2011"]
STALE = "samples are stale? re-run scripts/render_samples.py"


@pytest.fixture(scope="module", params=STEMS)
def pair(request):
    stem = request.param
    return read_document(SAMPLES / f"{stem}.txt"), read_document(SAMPLES / f"{stem}.docx")


def test_same_tables(pair):
    txt, dx = pair
    n_docx, n_txt = len(dx.tables), len(txt.tables)
    assert n_docx == n_txt, STALE
    for t, d in zip(txt.tables, dx.tables):
        assert (d.n_rows, d.n_cols) == (t.n_rows, t.n_cols), f"table {t.index}: {STALE}"
        assert d.shape_signature() == t.shape_signature(), f"table {t.index}: {STALE}"


def test_same_merged_cells(pair):
    txt, dx = pair
    for t, d in zip(txt.tables, dx.tables):
        spans = lambda table: [(c.row, c.col, c.row_span, c.col_span) for c in table.cells]  # noqa: E731
        assert spans(d) == spans(t), f"table {t.index}"


def test_same_headings_and_table_context(pair):
    txt, dx = pair
    headings = lambda doc: [(h.number, normalize_space(h.text), h.level)  # noqa: E731
                            for h in doc.blocks if isinstance(h, Heading)]
    assert headings(dx) == headings(txt), STALE
    assert [t.context.headings for t in dx.tables] == [t.context.headings for t in txt.tables]


def test_same_text_blocks(pair):
    txt, dx = pair
    kinds = lambda doc: [(type(b).__name__, normalize_space(b.text)) for b in doc.iter_text_blocks()]  # noqa: E731
    assert kinds(dx) == kinds(txt), STALE


@pytest.mark.parametrize("stem", STEMS)
def test_docx_has_real_word_merges_and_borders(stem):
    with zipfile.ZipFile(SAMPLES / f"{stem}.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert 'w:tblStyle w:val="TableGrid"' in xml
    if stem.startswith("gs-"):
        assert "w:gridSpan" in xml


@pytest.mark.parametrize("stem", STEMS)
def test_sample_set_is_complete(stem):
    for ext in ("txt", "docx", "pdf"):
        path = SAMPLES / f"{stem}.{ext}"
        assert path.exists() and path.stat().st_size > 1000, path
    assert (SAMPLES / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
