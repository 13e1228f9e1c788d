"""Opening a PDF and parsing its pages, with every failure turned into an error that names the file and says why.

Decisions: a file without an end-of-file marker is refused before pdfminer sees it (pdfminer would read what it
can and say nothing); a password or an unsupported encryption is an `EncryptedDocumentError`, any other parser
error a `CorruptDocumentError` naming the page; the page limit is checked before any page is parsed; each
pdfplumber page is closed as soon as it is read, so its objects do not stay in memory.
"""

from __future__ import annotations

from io import BytesIO

from pipeline.exceptions import CorruptDocumentError, EmptyDocumentError, EncryptedDocumentError
from pipeline.readers.pdf.fragments import Page
from pipeline.readers.pdf.page import read_page


def read_pages(name: str, data: bytes, limits) -> tuple[list[Page], str]:
    """Every page of the PDF in `data`, in the reader's page model, and the metadata title."""
    pdf = _open(data, name)
    pages: list[Page] = []
    try:
        try:
            plumber_pages = pdf.pages
        except Exception as exc:
            raise _translate(exc, name) from exc
        if not plumber_pages:
            raise EmptyDocumentError(name, "the PDF has no pages")
        _check_pages(name, len(plumber_pages), limits)
        for page in plumber_pages:
            try:
                pages.append(read_page(page))
            except Exception as exc:
                raise CorruptDocumentError(
                    name, f"page {page.page_number} cannot be parsed ({type(exc).__name__}: {exc})"
                ) from exc
            finally:
                page.close()
        metadata_title = str(pdf.metadata.get("Title", "") or "")
    finally:
        pdf.close()
    return pages, metadata_title


def _open(data: bytes, path: str):
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise CorruptDocumentError(path, "the PDF is truncated or damaged: it has no end-of-file marker (%%EOF)")
    try:
        return pdfplumber.open(BytesIO(data))
    except PdfminerException as exc:
        raise _translate(exc, path) from exc
    except Exception as exc:  # pdfminer raises a variety of parser errors on broken files
        raise CorruptDocumentError(path, f"the PDF cannot be parsed ({type(exc).__name__}: {exc})") from exc


def _translate(exc: Exception, path: str) -> Exception:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return EncryptedDocumentError(path, "the PDF is password-protected; provide an unprotected copy")
    if isinstance(inner, PDFEncryptionError):
        return EncryptedDocumentError(path, f"the PDF is encrypted in a way that cannot be read ({inner})")
    return CorruptDocumentError(path, f"the PDF cannot be parsed ({type(inner).__name__}: {inner})")


def _check_pages(name: str, n: int, limits) -> None:
    from pipeline.exceptions import LimitExceededError
    from pipeline.limits import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    if n > limits.max_pages:
        raise LimitExceededError(name, f"the PDF has {n} pages, over the {limits.max_pages} page limit (ITUPLANS_MAX_PAGES)")
