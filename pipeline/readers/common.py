"""Small pieces every reader shares: the document title guess and file hashing."""

from __future__ import annotations

import hashlib
import re

from pipeline.model import Block, Heading, Paragraph, Table

_TITLE_HINT = re.compile(r"\b(strategic|operational|financial)\s+plan\b", re.I)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path) -> str:
    """sha256 of a file's bytes, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def guess_title(blocks: tuple[Block, ...], metadata_title: str = "") -> str:
    """The document's title: its metadata title, else the first short line naming a plan, else the first heading."""
    if metadata_title.strip():
        return metadata_title.strip()
    for b in blocks[:80]:
        if isinstance(b, (Heading, Paragraph)) and not isinstance(b, Table):
            text = b.text
            if _TITLE_HINT.search(text) and len(text) <= 160:
                return text
    for b in blocks:
        if isinstance(b, Heading):
            return b.full_text
    return ""
