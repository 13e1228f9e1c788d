"""Fixtures for the reviewer workflow tests: a throw-away copy of gold/ (the repo's gold is never modified)
and a copy of the sample text export of the operational plan (the document with work months and KPIs)."""

from __future__ import annotations

import csv
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


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(path: Path, rows: list[dict], columns=None, delimiter=",", encoding="utf-8-sig") -> None:
    columns = columns or list(rows[0].keys())
    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.DictWriter(fh, columns, delimiter=delimiter, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder (history entries included), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def built_review(tmp_path_factory):
    """The sample reviewed once per session (`ituplans review` takes several seconds)."""
    from pipeline.review.report import build_report

    base = tmp_path_factory.mktemp("built-review")
    gold = base / "gold"
    for d in (REPO / "gold").iterdir():
        if d.is_dir() and any(d.glob("*.csv")):
            shutil.copytree(d, gold / d.name)
    build_report(SAMPLE, base / "review", gold)
    return base / "review"


@pytest.fixture
def reviewed(tmp_path, sample_doc, gold_copy, built_review):
    """A fresh copy of a built review for the sample: (document path, review dir, gold dir, companion folder)."""
    review = tmp_path / "review"
    shutil.copytree(built_review, review)
    return sample_doc, review, gold_copy, review / DOC_ID


