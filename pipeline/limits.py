"""Safety limits for untrusted documents. Every limit is configurable (environment variables, or a `Limits`
passed to `read_document`) and a document that exceeds one raises `LimitExceededError` naming the limit."""

from __future__ import annotations

import os
import re
import threading
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from typing import Callable, Iterator, TypeVar

from pipeline.exceptions import CorruptDocumentError, LimitExceededError, TimeLimitExceededError


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def _from_env(name: str, default: int, scale: int = 1):
    return field(default_factory=lambda: _env_int(name, default) * scale)


@dataclass(frozen=True)
class Limits:
    """The limits in force; each field defaults to its environment variable, read when a `Limits` is made."""

    max_file_bytes: int = _from_env("ITUPLANS_MAX_FILE_MB", 100, 1024 * 1024)
    max_pages: int = _from_env("ITUPLANS_MAX_PAGES", 2000)
    max_unzipped_bytes: int = _from_env("ITUPLANS_MAX_UNZIPPED_MB", 300, 1024 * 1024)
    max_zip_ratio: int = _from_env("ITUPLANS_MAX_ZIP_RATIO", 200)  # uncompressed / compressed, per member
    max_zip_members: int = _from_env("ITUPLANS_MAX_ZIP_MEMBERS", 5000)
    max_seconds: int = _from_env("ITUPLANS_MAX_SECONDS", 300)  # per document (read + extract), 0: no limit


T = TypeVar("T")

# The limits of the environment when this module was imported; callers make `Limits()` at the time of use.
DEFAULT_LIMITS = Limits()
_DOCTYPE_ENTITY = re.compile(rb"<!DOCTYPE[^>]*\[|<!ENTITY", re.I)


def check_file_size(path: str, size: int, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise LimitExceededError(
            path, f"file is {size / 2**20:.1f} MiB, over the {limits.max_file_bytes / 2**20:.0f} MiB limit (ITUPLANS_MAX_FILE_MB)"
        )


def check_zip(path: str, data: bytes, limits: Limits) -> None:
    """Refuse zip bombs and XML entity expansion (billion laughs) before any XML parser sees the package."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:
        raise CorruptDocumentError(path, f"the file is a damaged zip archive, not a readable .docx ({exc})")
    if len(infos) > limits.max_zip_members:
        raise LimitExceededError(path, f"the .docx holds {len(infos)} parts, over the {limits.max_zip_members} limit")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise LimitExceededError(
            path, f"the .docx unpacks to {total / 2**20:.0f} MiB, over the {limits.max_unzipped_bytes / 2**20:.0f} MiB limit "
            "(ITUPLANS_MAX_UNZIPPED_MB): a zip bomb or an unusually large document"
        )
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > limits.max_zip_ratio and info.file_size > 10_000_000:
            raise LimitExceededError(
                path, f"part {info.filename} expands {info.file_size // info.compress_size}x, over the "
                f"{limits.max_zip_ratio}x limit (ITUPLANS_MAX_ZIP_RATIO): a zip bomb"
            )
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(info) as fh:
                head = fh.read(4096)
        except Exception as exc:  # bad header, bad CRC, truncated deflate stream
            raise CorruptDocumentError(path, f"part {info.filename} of the .docx is damaged ({exc})") from exc
        if _DOCTYPE_ENTITY.search(head):
            raise LimitExceededError(
                path, f"part {info.filename} declares XML entities (a DOCTYPE with ENTITY): refused, as Word never "
                "writes them and they are used for entity-expansion attacks"
            )


_PDF_STREAM = re.compile(rb"\bstream(?:\r\n|\n|\r)")
_PDF_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_PDF_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_CHUNK = 1 << 16
_PIECE = 1 << 20


def _inflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """zlib-inflate a stream of chunks, never more than `_PIECE` bytes of output at once; stops at the end of the
    deflate data or at the first error (the parser reports a damaged stream itself)."""
    d = zlib.decompressobj()
    try:
        for chunk in chunks:
            while chunk:
                out = d.decompress(chunk, _PIECE)
                if out:
                    yield out
                if d.eof:
                    return
                chunk = d.unconsumed_tail
    except zlib.error:
        return


def _flate_layers(data: bytes, keyword_at: int) -> int:
    """How many FlateDecode filters the stream dictionary just before `keyword_at` declares (at least 1: a stream
    whose dictionary cannot be found is tried as one Flate layer; data that is not zlib stops at once)."""
    head = data[max(0, keyword_at - 4096):keyword_at]
    obj = head.rfind(b" obj")
    found = _PDF_FILTER.search(head[obj:] if obj >= 0 else head)
    return max(1, len(_PDF_FLATE.findall(found.group(1)))) if found else 1


def check_pdf_streams(path: str, data: bytes, limits: Limits) -> None:
    """Refuse a decompression bomb: a PDF whose Flate streams together inflate past `max_unzipped_bytes`.

    pdfminer inflates a content stream whole in memory: a 2 MB PDF whose page content is 2 GB of blanks took 3.9 GB
    of memory and 24 s to read. Every stream is inflated here first, in pieces of 1 MiB that are counted and
    dropped (chained Flate filters are inflated through each other), and counting stops at the limit. Costs about
    1 ms per MB inflated."""
    budget = limits.max_unzipped_bytes
    total = 0
    for m in _PDF_STREAM.finditer(data):
        chunks: Iterator[bytes] = (data[i:i + _CHUNK] for i in range(m.end(), len(data), _CHUNK))
        for _ in range(_flate_layers(data, m.start())):
            chunks = _inflate(chunks)
        for piece in chunks:
            total += len(piece)
            if total > budget:
                raise LimitExceededError(
                    path, f"the PDF's compressed streams inflate to over {budget / 2**20:.0f} MiB "
                    "(ITUPLANS_MAX_UNZIPPED_MB): a decompression bomb or an unusually large document"
                )


def check_pages(path: str, pages: int, limits: Limits) -> None:
    if pages > limits.max_pages:
        raise LimitExceededError(path, f"{pages} pages, over the {limits.max_pages} page limit (ITUPLANS_MAX_PAGES)")


def run_with_time_limit(fn: Callable[[], T], path: str, seconds: float, what: str = "reading",
                        limit: float | None = None) -> T:
    """`fn()`, or TimeLimitExceededError when it has not finished after `seconds` (no limit when `seconds <= 0`).

    `limit` is the per-document limit named in the message (default `seconds`; the flow gives extraction what
    is left of the document's limit after reading).

    `fn` runs in a daemon thread and the caller stops waiting for it at the deadline. Python cannot stop a
    thread, so a runaway parser keeps using CPU in the background until it finishes or the process exits; the
    batch goes on without it. The error names the file and the limit (ITUPLANS_MAX_SECONDS).
    """
    if seconds is None or seconds <= 0:
        return fn()
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    worker = threading.Thread(target=target, name=f"ituplans-{what}-{os.path.basename(str(path))}", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeLimitExceededError(
            str(path), f"{what} took longer than the {limit if limit is not None else seconds:g} s limit per "
            "document (ITUPLANS_MAX_SECONDS); stopped waiting for it and went on with the batch"
        )
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
