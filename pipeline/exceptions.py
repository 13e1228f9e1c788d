"""The project's exceptions. Every one carries the file it is about and a reason a person understands."""

from __future__ import annotations


class IngestError(Exception):
    """Base class: a document could not be turned into the document model.

    `str(err)` reads "<file>: <reason>"; `err.stage` says which step failed (read, extract, validate, publish).
    """

    stage = "read"

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class EmptyDocumentError(IngestError):
    """Raised when a file has no bytes, or a readable file holds no text at all."""


class UnsupportedFormatError(IngestError):
    """Raised when a file's bytes are none of the formats we read (.docx, .pdf, .doc, Word text export),
    or its extension promises a format its bytes do not have."""


class CorruptDocumentError(IngestError):
    """Raised when a file looks like a known format but cannot be parsed (broken zip, malformed XML, truncated PDF)."""


class EncryptedDocumentError(IngestError):
    """Raised when a PDF or Office file is password-protected."""


class NoTextLayerError(IngestError):
    """Raised when a PDF has pages but no extractable text (a scan); it needs OCR first."""


class MissingDependencyError(IngestError):
    """Raised when reading a file needs an external program that is not installed (LibreOffice for .doc)."""


class LimitExceededError(IngestError):
    """Raised when a document exceeds a configured safety limit (size, pages, decompressed size, time)."""


class TimeLimitExceededError(LimitExceededError):
    """Raised when a document's reading or extraction runs past `Limits.max_seconds`. Unlike the other limits it
    depends on the machine's load, so the flow does not cache it: the next run tries the document again."""


class ExtractionError(IngestError):
    """Raised when an extractor fails on a document; the other extractors still run."""

    stage = "extract"


class ValidationError(IngestError):
    """Raised when a dataset does not satisfy the data dictionary (pipeline/schema.py)."""

    stage = "validate"


class PublishError(Exception):
    """Raised when a run cannot publish (output folder locked by another run, disk error); nothing is half-written."""


class ReviewError(ValueError):
    """A problem with reviewed gold files or a reviewer's files (missing, unreadable, made for another document);
    the message names the file and says what to do."""
