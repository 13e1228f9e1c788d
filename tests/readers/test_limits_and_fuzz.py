"""Hostile and broken inputs: each gives the project's own exception naming the file and the limit or reason."""

from __future__ import annotations

import os
import random
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.exceptions import IngestError, LimitExceededError
from pipeline.limits import Limits
from pipeline.readers import read_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a/>")
        z.writestr("word/media/fill.bin", b"\0" * (64 * 2**20))
    with pytest.raises(LimitExceededError, match="bomb.docx.*unpacks to 64 MiB"):
        read_document(path, Limits(max_unzipped_bytes=32 * 2**20))


def test_xml_entity_expansion_is_refused(tmp_path):
    path = tmp_path / "laughs.docx"
    lol = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", b'<?xml version="1.0"?>' + lol + b"<w:document>&lol1;</w:document>")
    with pytest.raises(LimitExceededError, match="laughs.docx.*ENTITY"):
        read_document(path)


def test_file_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"\tcell\n" * 400_000)
    with pytest.raises(LimitExceededError, match="big.txt.*MiB limit"):
        read_document(path, Limits(max_file_bytes=2**20))


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ITUPLANS_MAX_PAGES", "7")
    monkeypatch.setenv("ITUPLANS_MAX_FILE_MB", "3")
    assert Limits().max_pages == 7 and Limits().max_file_bytes == 3 * 2**20
    monkeypatch.setenv("ITUPLANS_MAX_PAGES", "not a number")
    assert Limits().max_pages == 2000  # a bad value falls back to the default


def _mutate(data: bytes, seed: int, flips: int) -> bytes:
    rng = random.Random(seed)
    buf = bytearray(data)
    for _ in range(flips):
        op = rng.random()
        i = rng.randrange(len(buf))
        if op < 0.5:
            buf[i] = rng.randrange(256)
        elif op < 0.8:
            del buf[i : i + rng.randrange(1, 64)]
        else:
            buf[i:i] = os.urandom(rng.randrange(1, 32))
    return bytes(buf)


@pytest.mark.parametrize("suffix", ["docx", "txt", "pdf"])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 40))
def test_mutated_documents_never_crash_the_reader(tmp_path, suffix, seed, flips):
    source = SAMPLES / f"strategic-plan-2008-2011.{suffix}"
    path = tmp_path / f"mutated-{seed}.{suffix}"
    path.write_bytes(_mutate(source.read_bytes(), seed, flips))
    try:
        doc = read_document(path)
    except IngestError as exc:
        assert path.name in str(exc) and exc.reason
    else:
        assert doc.source_file == path.name


def _forge_uncompressed_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s declared uncompressed size replaced in its local header and its central directory
    entry: a zip bomb that lies about its size to get past a check of the declared sizes."""
    import struct

    buf = bytearray(data)
    name = member.encode()
    for sig, field_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = buf.find(sig)
        while at != -1:
            if buf[at + name_at:at + name_at + len(name)] == name:
                struct.pack_into("<I", buf, at + field_at, size)
            at = buf.find(sig, at + 4)
    return bytes(buf)


def test_zip_bomb_lying_about_its_size_is_bounded(tmp_path):
    """Declared sizes pass every limit; zipfile never inflates past the declared size, so the part is cut short,
    fails its CRC, and the document is refused as damaged without the 256 MiB ever being in memory."""
    import tracemalloc

    from pipeline.exceptions import CorruptDocumentError

    real = zipfile.ZipFile(SAMPLES / "strategic-plan-2008-2011.docx")
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for item in real.infolist():
            z.writestr(item, real.read(item.filename))
        z.writestr("word/media/image9.png", b"\0" * (256 * 2**20))
    path = tmp_path / "liar.docx"
    path.write_bytes(_forge_uncompressed_size(buf.getvalue(), "word/media/image9.png", 4096))
    assert zipfile.ZipFile(path).getinfo("word/media/image9.png").file_size == 4096
    tracemalloc.start()
    try:
        with pytest.raises(CorruptDocumentError, match=r"liar\.docx.*(CRC|damaged|could not be parsed)"):
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MiB allocated while reading"


@pytest.mark.parametrize("layers", [1, 2])
def test_pdf_decompression_bomb_is_refused_in_bounded_memory(tmp_path, layers):
    """Regression: pdfminer inflates a content stream whole; a 2 MB PDF with 2 GB of blanks took 3.9 GB."""
    import tracemalloc

    from tests.reliability.corpus import flate_pdf

    path = tmp_path / f"bomb-{layers}.pdf"
    flate_pdf(path, 10**9, layers)
    assert path.stat().st_size < 2 * 2**20
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceededError, match=rf"bomb-{layers}\.pdf: .*inflate to over 300 MiB"):
            read_document(path, Limits(max_unzipped_bytes=300 * 2**20))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MiB allocated"


def test_a_pdf_under_the_inflation_limit_reads(tmp_path):
    from tests.reliability.corpus import flate_pdf

    path = tmp_path / "plain.pdf"
    flate_pdf(path, 10_000, layers=2)
    doc = read_document(path, Limits(max_unzipped_bytes=2**20))
    assert "Operational plan" in " ".join(b.text for b in doc.iter_text_blocks())
