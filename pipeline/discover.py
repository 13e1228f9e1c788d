"""Which files a run processes: paths and folders expanded into document files (`discover`).

- Folders are searched recursively for the extensions the readers know (`pipeline.readers.EXTENSIONS`); hidden
  files and Word's `~$` lock files are passed over. A file named explicitly is kept whatever its extension, so it
  is reported if it cannot be read.
- A symbolic link that leads out of a folder is reported and not followed: an inbox others can write to must not
  publish (or copy into the quarantine) whatever file a link points at.
- Document ids come from file names, so two *different* files with the same name cannot be in one batch: the
  second is refused by name. The same file reached twice is kept once.
- What cannot be used is an `ErrorItem` (stage `discover`), never an exception: the rest of the batch goes on.

URL sources are resolved before this (flows/sources.py downloads them into a staging folder).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pipeline.readers import EXTENSIONS
from pipeline.readers.common import file_sha256
from pipeline.records import ErrorItem

URL_PREFIXES = ("http://", "https://", "ftp://")


@dataclass
class Discovery:
    paths: list[str]
    errors: list[ErrorItem]


def _candidates(folder: Path, errors: list[ErrorItem]) -> list[Path]:
    """Document files under `folder`, links out of it reported and left out."""
    out = []
    root = folder.resolve()
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).parts
        if any(part.startswith((".", "~$")) for part in rel) or not p.is_file():
            continue
        if p.suffix.lower() not in EXTENSIONS:
            continue
        target = p.resolve()
        if not target.is_relative_to(root):
            errors.append(ErrorItem(p.name, "discover", f"{p} is a symbolic link to {target}, outside {folder}: "
                                    "not followed"))
            continue
        out.append(p)
    return out


def discover(sources: Iterable[str | Path]) -> Discovery:
    """Document files from paths and folders (searched recursively for .docx, .pdf, .doc, .txt)."""
    errors: list[ErrorItem] = []
    found: list[Path] = []
    for src in sources:
        text = str(src)
        if text.lower().startswith(URL_PREFIXES):
            errors.append(ErrorItem(text, "discover", "URL sources are not supported yet; download the file and "
                                    "pass its path"))
            continue
        p = Path(text).expanduser().absolute()  # absolute: task runners' workers may have another cwd
        if p.is_dir():
            found.extend(_candidates(p, errors))
        elif p.is_file():
            found.append(p)
        else:
            errors.append(ErrorItem(text, "discover", "no such file or folder"))
    by_name: dict[str, Path] = {}
    paths: list[str] = []
    seen: set[Path] = set()
    for p in found:
        rp = p.resolve()
        if rp in seen:
            continue
        seen.add(rp)
        first = by_name.get(p.name)
        if first is None:
            by_name[p.name] = p
            paths.append(str(p))
            continue
        try:
            same = file_sha256(first) == file_sha256(p)
        except OSError:
            same = False
        if not same:
            errors.append(ErrorItem(p.name, "discover", f"{p} has the same name as {first} but other content; "
                                    "document ids come from file names, so rename one of them"))
    return Discovery(paths, errors)
