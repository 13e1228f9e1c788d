"""Fixtures for the reviewer workflow tests: a throw-away copy of gold/ (the repo's gold is never modified)
and a copy of the sample text export of the operational plan (the document with work months and KPIs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "gs-operational-plan-2008-2011.txt"
DOC_ID = "gs-operational-plan-2008-2011"


@pytest.fixture
def gold_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "gold"
    dest.mkdir()
    for d in (REPO / "gold").iterdir():
        if d.is_dir() and any(d.glob("*.csv")):
            shutil.copytree(d, dest / d.name)
    return dest


@pytest.fixture
def sample_doc(tmp_path: Path) -> Path:
    if not SAMPLE.exists():
        pytest.fail(f"{SAMPLE} is missing: the review tests need the sample text export")
    dest = tmp_path / "docs"
    dest.mkdir()
    target = dest / SAMPLE.name
    shutil.copy(SAMPLE, target)
    return target


@pytest.fixture(scope="session")
def sample_extraction():
    """(document, extraction) of the sample, read once per session (the functions under test never modify it)."""
    from extractors import extract_all
    from pipeline.readers import read_document

    doc = read_document(SAMPLE)
    return doc, extract_all(doc)
