"""Property-based tests that mutate documents *inside* their structure, so the mutations reach our code.

Flipping bytes of a .docx mostly breaks the zip (caught before any of our parsing runs) and flipping bytes of a
PDF mostly breaks a compressed stream. Here the mutations are made where our readers work: the XML of
`word/document.xml` (cells, spans, merges, paragraphs), the lines of a Word text export (TABs, blank lines,
bullets), and the objects of a PDF outside its streams. For every mutated document:

- reading either gives a `Document` or raises the project's own `IngestError` naming the file;
- an `IngestError` that wraps another exception wraps one raised by a parser (lxml, zipfile, pdfminer, ...),
  never one raised by our own code: that would be a bug of ours reported as a damaged file;
- a document that reads goes through every extractor without one of them failing.
"""

from __future__ import annotations

import copy
import random
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractors import extract_all
from pipeline.exceptions import IngestError
from pipeline.readers import read_document

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
OUR_CODE = tuple(str(REPO / d) for d in ("pipeline", "extractors"))
CRASH = re.compile(r"^[A-Za-z_]\w*(Error|Exception|StopIteration|Interrupt)\b: ")
FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _innermost_file(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_filename if tb is not None else ""


def check_reads_or_fails_cleanly(path: Path) -> None:
    try:
        doc = read_document(path)
    except IngestError as exc:
        assert path.name in str(exc) and exc.reason
        if exc.__cause__ is not None:
            where = _innermost_file(exc.__cause__)
            assert not where.startswith(OUR_CODE), f"our own code raised {exc.__cause__!r} at {where}"
        return
    assert doc.source_file == path.name
    extraction = extract_all(doc)
    crashed = [e for e in extraction.errors if CRASH.match(e.reason)]  # what extract_all makes of an exception
    assert not crashed, crashed


# ------------------------------------------------------------------------------------------------- .docx

_DOCX = (SAMPLES / "strategic-plan-2008-2011.docx").read_bytes()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_KINDS = ("tc", "tr", "tbl", "p", "r", "t", "tcPr", "gridSpan", "vMerge", "tblGrid", "gridCol", "numPr")
_ODD_TEXT = ["\t", "•", "- ", "\ufffd", "x" * 5000, "&", "\u200b", "1.", "", " ", "Total", "12,5", "-", "x"]


def _mutate_xml(xml: bytes, rng: random.Random, n: int) -> bytes:
    """n edits of the parsed XML tree: the result is well-formed, so the mutations reach our table logic (a
    mutation that breaks the XML is stopped by lxml before any of our code runs)."""
    from lxml import etree

    root = etree.fromstring(xml)
    for _ in range(n):
        kind = rng.choice(_KINDS)
        found = list(root.iter(W + kind))
        if not found:
            continue
        el = rng.choice(found)
        parent = el.getparent()
        op = rng.randrange(6)
        if op == 0 and parent is not None:  # remove: a row without its cells, a table without its grid
            parent.remove(el)
        elif op == 1 and parent is not None:  # duplicate: repeated rows, cells, spans
            parent.insert(parent.index(el) + 1, copy.deepcopy(el))
        elif op == 2:  # odd attribute values: spans of 0, -1, a million; merges that say anything
            for attr in list(el.attrib):
                el.set(attr, rng.choice(["0", "-1", "99", "1000000", "x", "", "continue", "restart"]))
        elif op == 3:  # a merge or a span on a random cell
            tcs = list(root.iter(W + "tc"))
            if tcs:
                tc = rng.choice(tcs)
                props = tc.find(W + "tcPr")
                if props is None:
                    props = etree.SubElement(tc, W + "tcPr")
                    tc.insert(0, props)
                tag = rng.choice(["vMerge", "gridSpan"])
                extra = etree.SubElement(props, W + tag)
                extra.set(W + "val", rng.choice(["restart", "continue", "2", "3", "50"]))
        elif op == 4 and parent is not None:  # move it elsewhere: a cell into another row, a table into a cell
            targets = list(root.iter(W + rng.choice(["tr", "tc", "body", "p"])))
            target = rng.choice(targets) if targets else None
            if target is not None and target is not el and el not in target.iterancestors():
                target.append(el)
        else:  # odd text
            texts = list(root.iter(W + "t"))
            if texts:
                rng.choice(texts).text = rng.choice(_ODD_TEXT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@pytest.mark.parametrize("sample", ["strategic-plan-2008-2011.docx"])
@FUZZ
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 12))
def test_docx_with_mutated_xml(tmp_path, sample, seed, n):
    rng = random.Random(seed)
    src = zipfile.ZipFile(BytesIO(_DOCX))
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = _mutate_xml(data, rng, n)
            out.writestr(item, data)
    path = tmp_path / f"mutated-{seed}.docx"
    path.write_bytes(buf.getvalue())
    check_reads_or_fails_cleanly(path)


# ------------------------------------------------------------------------------------------ text export

_TEXT_LINES = (SAMPLES / "gs-operational-plan-2008-2011.txt").read_text(encoding="utf-8").splitlines()


def _mutate_lines(lines: list[str], rng: random.Random, n: int) -> list[str]:
    lines = list(lines)
    for _ in range(n):
        i = rng.randrange(len(lines))
        op = rng.randrange(7)
        if op == 0:
            lines.insert(i, "")  # a blank line: ends a row, or splits a cell's paragraphs
        elif op == 1:
            if not lines[i]:
                del lines[i]  # two rows become one
        elif op == 2:
            lines[i] = "\t" + lines[i]  # a paragraph becomes a cell
        elif op == 3:
            lines[i] = lines[i].lstrip("\t")  # a cell becomes a paragraph
        elif op == 4:
            lines[i:i] = lines[i:i + rng.randrange(1, 40)]  # repeated rows
        elif op == 5:
            del lines[i:i + rng.randrange(1, 60)]
        else:
            lines[i] = rng.choice(["\t", "\t\t\t", "\t•", "\t- ", "\tTotal", "\t12,5", "\t-", "\t\u00a0", "1\tx",
                                   "\tObjective 99", "\t" + "9" * 400]) + lines[i]
    return lines


@settings(FUZZ, max_examples=10)  # each example reads and extracts the 70-page plan: the slowest case of the suite
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 30))
@example(seed=106, n=5)  # regression: a results row with an empty first cell (IndexError in extractors/results.py)
def test_text_export_with_mutated_rows(tmp_path, seed, n):
    rng = random.Random(seed)
    path = tmp_path / f"mutated-{seed}.txt"
    path.write_text("\r\n".join(_mutate_lines(_TEXT_LINES, rng, n)), encoding="utf-8")
    check_reads_or_fails_cleanly(path)


# -------------------------------------------------------------------------------------------------- .pdf

_PDF = (SAMPLES / "strategic-plan-2008-2011.pdf").read_bytes()
_STREAMS = [(m.start(), m.end()) for m in re.finditer(rb"stream\r?\n.*?endstream", _PDF, re.S)]


def _outside_streams(rng: random.Random) -> int:
    while True:
        i = rng.randrange(len(_PDF))
        if not any(a <= i < b for a, b in _STREAMS):
            return i


@FUZZ
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 20))
def test_pdf_with_mutated_objects(tmp_path, seed, n):
    """Dictionaries, xref and trailer mutated (numbers, names, brackets); the compressed streams left intact."""
    rng = random.Random(seed)
    buf = bytearray(_PDF)
    for _ in range(n):
        i = _outside_streams(rng)
        op = rng.randrange(3)
        if op == 0:
            buf[i:i + 1] = rng.choice([b"0", b"9", b"-", b"/", b"[", b"]", b"<", b">", b" ", b"R"])
        elif op == 1:
            buf[i:i] = rng.choice([b" 0 R", b"/Kids [", b"99999999", b"/Type /Pages", b"-1"])
        else:
            del buf[i:i + rng.randrange(1, 16)]
    path = tmp_path / f"mutated-{seed}.pdf"
    path.write_bytes(bytes(buf))
    check_reads_or_fails_cleanly(path)
