"""Reader for legacy Word .doc files: LibreOffice converts them to .docx, which the .docx reader reads.

Each conversion runs `soffice --headless` with its own throw-away user profile (`-env:UserInstallation=`), so
parallel runs do not fight over LibreOffice's profile lock, and with a time limit.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.exceptions import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    LimitExceededError,
    MissingDependencyError,
)
from pipeline.limits import Limits, check_zip
from pipeline.model import Document, Format

CONVERT_TIMEOUT_SECONDS = 180
INSTALL_HINT = (
    "reading .doc files needs LibreOffice, which is not installed (no 'soffice' or 'libreoffice' on PATH); "
    "install it with: apt-get install libreoffice-writer-nogui"
)
IMPORT_FILTERS = ("MS Word 97", "MS Word 95", "MS WinWord 6.0")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e"


def soffice_binary() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, name: str, timeout: float = CONVERT_TIMEOUT_SECONDS) -> bytes:
    """Convert .doc bytes to .docx bytes with LibreOffice. `name` is the file's name, for messages.

    The Word import filter is named explicitly: left to itself LibreOffice imports a damaged .doc as plain text
    (pages of binary garbage) instead of failing. Word 97-2003 is tried first, then the Word 95 / 6.0 filters.
    `timeout` bounds the whole conversion.
    """
    binary = soffice_binary()
    if binary is None:
        raise MissingDependencyError(name, INSTALL_HINT)
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="ituplans-doc-") as tmp:
        tmp_path = Path(tmp)
        src = tmp_path / "in" / "document.doc"  # a safe name: LibreOffice names its output after the input
        out_dir = tmp_path / "out"
        src.parent.mkdir()
        out_dir.mkdir()
        src.write_bytes(data)
        out = out_dir / "document.docx"
        details = []
        for in_filter in IMPORT_FILTERS:
            stdout, stderr, code = _run_soffice(binary, in_filter, src, out_dir, tmp_path, deadline, name, timeout)
            if out.exists() and out.stat().st_size > 0:
                return out.read_bytes()
            details.append(_tail(stderr) or _tail(stdout) or f"exit status {code}")
        raise CorruptDocumentError(
            name, f"LibreOffice could not open the .doc (damaged, password-protected or not a Word file): "
                  f"{details[0]}"
        )


def _run_soffice(binary: str, in_filter: str, src: Path, out_dir: Path, tmp_path: Path, deadline: float,
                 name: str, timeout: float) -> tuple[bytes, bytes, int]:
    profile = (tmp_path / "profile").as_uri()  # a profile per conversion: parallel runs do not clash
    cmd = [
        binary,
        f"-env:UserInstallation={profile}",
        "--headless", "--invisible", "--nodefault", "--nolockcheck", "--nologo", "--norestore",
        f"--infilter={in_filter}",
        "--convert-to", "docx:MS Word 2007 XML",
        "--outdir", str(out_dir),
        str(src),
    ]
    env = dict(os.environ, HOME=str(tmp_path))  # LibreOffice writes caches under $HOME
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise LimitExceededError(name, f"LibreOffice did not finish converting the .doc within {timeout:g} seconds")
    try:
        # a session of its own, so a hung conversion is stopped with every process it started
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise MissingDependencyError(name, f"LibreOffice ({binary}) could not be started: {exc}") from exc
    try:
        stdout, stderr = proc.communicate(timeout=remaining)
    except subprocess.TimeoutExpired as exc:
        _kill_group(proc)
        raise LimitExceededError(
            name, f"LibreOffice did not finish converting the .doc within {timeout:g} seconds"
        ) from exc
    except BaseException:
        _kill_group(proc)
        raise
    return stdout, stderr, proc.returncode


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.communicate()


def _tail(output: bytes) -> str:
    lines = output.decode("utf-8", errors="replace").splitlines()
    text = " ".join(ln.strip() for ln in lines if ln.strip() and "javaldx" not in ln)  # noise without Java
    text = re.sub(r"\s+", " ", text)
    return text[-300:]


def read(path: str | Path, data: bytes | None = None, sha256: str = "", limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    path = Path(path)
    data = path.read_bytes() if data is None else data
    name = str(path)
    if not data.strip():
        raise EmptyDocumentError(name, "the file is empty (0 bytes of content)")
    if data.startswith(_OLE) and _ENCRYPTED in data:
        raise EncryptedDocumentError(name, "the Word document is password-protected; save it without a password")
    if not sha256:
        from pipeline.readers.common import sha256_of

        sha256 = sha256_of(data)
    docx_bytes = convert_to_docx(data, name)
    try:  # what LibreOffice wrote holds what the .doc held (embedded media): the .docx limits apply to it too
        check_zip(name, docx_bytes, limits)
    except LimitExceededError as exc:
        raise LimitExceededError(name, f"converted by LibreOffice: {exc.reason}") from exc
    from pipeline.readers.docx import read_docx

    try:
        return read_docx(path, docx_bytes, sha256, fmt=Format.DOC, source_file=path.name)
    except CorruptDocumentError as exc:
        raise CorruptDocumentError(name, f"the .doc converted by LibreOffice is unreadable: {exc.reason}") from exc
