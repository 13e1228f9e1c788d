"""Which files a run processes: paths and folders expanded into document files (`discover`).

- Folders are searched recursively for the extensions the readers know (`pipeline.readers.EXTENSIONS`); hidden
  files and Word's `~$` lock files are passed over. A file named explicitly is kept whatever its extension, so it
  is reported if it cannot be read.
- A symbolic link that leads out of a folder is reported and not followed: an inbox others can write to must not
  publish (or copy into the quarantine) whatever file a link points at.
- Document ids come from file names (`pipeline.model.document_id_for`), and files that share an id are one document
  in several formats (`plan.docx`, `Plan.pdf`, `plan.txt`). Two *different* files that would share an id are
  refused by name, the second one found: the same name and format with other content (two folders), or names
  that differ in more than case and punctuation (`Plan é.docx` beside `Plan e.docx`). The same file reached
  twice is kept once.
- `missing_sources` tells which paths given to a run do not exist or hold no documents (an unmounted share):
  `ituplans run` refuses to publish without them unless told to (`--allow-missing`).
- What cannot be used is an `ErrorItem` (stage `discover`), never an exception: the rest of the batch goes on.

URL sources are resolved before this (flows/sources.py downloads them into a staging folder).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pipeline.model import document_id_for
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
    unique: list[Path] = []
    seen: set[Path] = set()
    for p in found:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            unique.append(p)
    return Discovery(_one_file_per_id(unique, errors), errors)


def _same_content(a: Path, b: Path) -> bool:
    try:
        return file_sha256(a) == file_sha256(b)
    except OSError:
        return False


def _name_key(path: Path) -> str:
    """The name without its extension, compared without case, spaces and punctuation: names that differ only
    there name one document (`GS Plan 2008.pdf`, `gs-plan-2008.txt`); names that differ in letters do not
    (`Plan é`, `Plan e`), even where their ids are the same."""
    stem = path.name.rsplit(".", 1)[0] if "." in path.name else path.name
    return "".join(c for c in unicodedata.normalize("NFC", stem).casefold() if c.isalnum())


def _one_file_per_id(found: list[Path], errors: list[ErrorItem]) -> list[str]:
    """The files to process: per document id, one file per format and one spelling of the name; the others
    are refused by name (an ErrorItem), except a copy with the same content, which is left out quietly."""
    kept: dict[tuple[str, str], Path] = {}  # (document id, extension) -> the file kept
    spelling: dict[str, Path] = {}  # document id -> the first file kept under it
    paths: list[str] = []
    for p in found:
        doc_id, fmt = document_id_for(p.name), p.suffix.lower()
        first = kept.get((doc_id, fmt))
        if first is not None:
            if not _same_content(first, p):
                what = "has the same name as" if first.name == p.name else "would have the same document id as"
                errors.append(ErrorItem(p.name, "discover", f"{p} {what} {first} ('{doc_id}') but other content; "
                                        "document ids come from file names, so rename one of them"))
            continue
        other = spelling.get(doc_id)
        if other is not None and _name_key(other) != _name_key(p):
            errors.append(ErrorItem(p.name, "discover", f"{p} would have the same document id as {other} "
                                    f"('{doc_id}'), a file of another name; document ids come from file names, "
                                    "so rename one of them"))
            continue
        kept[(doc_id, fmt)] = p
        spelling.setdefault(doc_id, p)
        paths.append(str(p))
    return paths


def missing_sources(sources: Iterable[str | Path]) -> list[tuple[str, str]]:
    """(source, why) for each local path that does not exist, or is a folder without any document in it (an
    unmounted share looks like that). URLs are not checked here (their fetch errors are reported by the run)."""
    out: list[tuple[str, str]] = []
    for src in sources:
        text = str(src)
        if text.lower().startswith(URL_PREFIXES):
            continue
        p = Path(text).expanduser()
        if not p.exists():
            out.append((text, "no such file or folder"))
        elif p.is_dir() and not _candidates(p.absolute(), []):
            out.append((text, "a folder with no .docx, .pdf, .doc or .txt file in it"))
    return out
