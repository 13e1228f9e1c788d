"""Samples read once per session, in every format, and extracted."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract_all
from pipeline.readers import read_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
DOCUMENTS = ["strategic-plan-2008-2011", "gs-operational-plan-2008-2011"]
FORMATS = ["txt", "docx", "pdf"]

_cache: dict[Path, object] = {}


def read_sample(name: str, fmt: str):
    path = SAMPLES / f"{name}.{fmt}"
    if path not in _cache:
        _cache[path] = read_document(path)
    return _cache[path]


@pytest.fixture(scope="session")
def sample_doc():
    return read_sample


@pytest.fixture(scope="session")
def sample_extraction():
    cache = {}

    def get(name: str, fmt: str):
        if (name, fmt) not in cache:
            cache[(name, fmt)] = extract_all(read_sample(name, fmt))
        return cache[(name, fmt)]

    return get
