"""Readers: one module per format, each `read(path, data, sha256) -> Document`.

`read_document` picks the reader from the file's bytes, not its name, and refuses files whose name and bytes
disagree, with an error that names the file and says why.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from pipeline.exceptions import (
    CorruptDocumentError,
    IngestError,
    EmptyDocumentError,
    EncryptedDocumentError,
    UnsupportedFormatError,
)
from pipeline.limits import Limits, check_file_size, check_pdf_streams, check_zip
from pipeline.model import Document, Format
from pipeline.readers.common import sha256_of

EXTENSIONS = {".docx": Format.DOCX, ".pdf": Format.PDF, ".doc": Format.DOC, ".txt": Format.TEXT}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, path: str) -> Format:
    """The format the bytes are in."""
    if data.startswith(b"%PDF") or data[:1024].lstrip().startswith(b"%PDF"):
        return Format.PDF
    if data.startswith(b"PK"):
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except Exception as exc:  # BadZipFile, unsupported compression, truncated directory
            raise CorruptDocumentError(path, f"the file is a damaged zip archive, not a readable .docx ({exc})")
        if "word/document.xml" in names:
            return Format.DOCX
        raise UnsupportedFormatError(path, "a zip archive without word/document.xml: not a Word .docx file")
    if data.startswith(_OLE):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise EncryptedDocumentError(path, "the Word document is password-protected; save it without a password")
        return Format.DOC
    return Format.TEXT


def read_document(path: str | Path, limits: Limits | None = None) -> Document:
    """Read any supported file into the document model, enforcing the safety limits (default: `Limits()`, from
    the environment at the time of the call)."""
    path = Path(path)
    limits = limits or Limits()
    ext = path.suffix.lower()
    if ext not in EXTENSIONS:
        raise UnsupportedFormatError(
            str(path), f"unsupported file type '{ext or '(none)'}'; expected one of {', '.join(EXTENSIONS)}"
        )
    if not path.is_file():
        raise UnsupportedFormatError(str(path), "not a file (missing, or a directory)")
    check_file_size(str(path), path.stat().st_size, limits)
    data = path.read_bytes()
    if not data.strip():
        raise EmptyDocumentError(str(path), "the file is empty (0 bytes of content)")
    fmt = sniff(data, str(path))
    expected = EXTENSIONS[ext]
    if fmt != expected:
        raise UnsupportedFormatError(
            str(path), f"the file is named {ext} but its content is {fmt.value}; rename it or re-export it"
        )
    if fmt is Format.DOCX:
        check_zip(str(path), data, limits)
    elif fmt is Format.PDF:
        check_pdf_streams(str(path), data, limits)
    digest = sha256_of(data)
    if fmt is Format.PDF:
        from pipeline.readers import pdf as reader
    elif fmt is Format.DOCX:
        from pipeline.readers import docx as reader
    elif fmt is Format.DOC:
        from pipeline.readers import doc as reader
    else:
        from pipeline.readers import text as reader
    try:
        if fmt in (Format.PDF, Format.DOC):
            return reader.read(path, data=data, sha256=digest, limits=limits)
        return reader.read(path, data=data, sha256=digest)
    except IngestError:
        raise
    except RecursionError as exc:
        raise CorruptDocumentError(str(path), "the document is nested too deeply to read") from exc
    except Exception as exc:  # a parser's own error on a damaged file: still the file's fault, not ours
        raise CorruptDocumentError(
            str(path), f"the {fmt.value} file could not be parsed ({type(exc).__name__}: {exc})"[:500]
        ) from exc
