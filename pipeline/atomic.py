"""Writing a file so that a reader, or a run killed half-way, sees the old file or the new one, never a part.

The one way the project replaces a file (published versions' side files, the task cache's key records, the entity
registry, gold files, the reviewer's CSVs, downloads, the `latest` symlink): write a hidden temporary file in the
destination's folder (`.<name>.tmp-<hex>`, so the rename never crosses a file system), then `os.replace` it over
the destination. A failure removes the temporary file and raises. Leftovers of a killed process match the
pattern `.<name>.tmp-*`; pipeline/publish.py removes those of its own folders under its lock.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Callable


def temporary_beside(dest: Path) -> Path:
    """The hidden temporary path `replace_atomically` writes before the rename."""
    dest = Path(dest)
    return dest.with_name(f".{dest.name}.tmp-{secrets.token_hex(3)}")


def replace_atomically(dest: str | Path, write: Callable[[Path], object]) -> None:
    """`write(tmp)` creates the new content at `tmp` (a file, or a symlink); then it replaces `dest` in one rename.
    The destination's folder must exist."""
    tmp = temporary_beside(Path(dest))
    try:
        write(tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomically(dest: str | Path, data: bytes) -> None:
    replace_atomically(dest, lambda tmp: tmp.write_bytes(data))


def write_text_atomically(dest: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Text written as given (no newline translation), in `encoding` (`utf-8-sig` adds a byte-order mark)."""
    write_bytes_atomically(dest, text.encode(encoding))
