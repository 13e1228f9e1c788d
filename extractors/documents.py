"""Placeholder until the extractor lands."""

from extractors.base import Extraction
from pipeline.model import Document


def extract(doc: Document) -> Extraction:
    return Extraction()
