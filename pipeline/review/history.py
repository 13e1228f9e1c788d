"""The gold before each accept, and undoing the last accept (`ituplans gold undo DOCUMENT`).

Before an accept writes anything, the files it is about to replace (the dataset files and REVIEWED.json) are
copied into `gold/<document_id>/history/<UTC time>/`, with `undo.json`: which files existed, and the sha256 of
what the accept then wrote. Undo restores the copies of the latest entry (removing files the accept created)
and removes the entry; it refuses when a file was changed after that accept (by hand or by git), since
restoring would lose that change. Plain files, so the history can be committed with the gold.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

from pipeline.atomic import replace_atomically, write_text_atomically
from pipeline.exceptions import ReviewError
from pipeline.reviewed import REVIEWED_FILE

HISTORY = "history"
UNDO_FILE = "undo.json"


def _sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def entries(gold_dir: str | Path, document_id: str) -> list[Path]:
    """The history entries of a document, oldest first."""
    folder = Path(gold_dir) / document_id / HISTORY
    return sorted(p for p in folder.iterdir() if (p / UNDO_FILE).is_file()) if folder.is_dir() else []


def snapshot(gold_dir: str | Path, document_id: str, files: list[str], about: dict) -> Path:
    """Copy the named files of the document's gold folder (those that exist) into a new history entry."""
    folder = Path(gold_dir) / document_id
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    entry = folder / HISTORY / stamp
    entry.mkdir(parents=True)
    existed = {}
    for name in [*files, REVIEWED_FILE]:
        src = folder / name
        existed[name] = src.is_file()
        if existed[name]:
            shutil.copy2(src, entry / name)
    _write(entry, {**about, "files": existed, "written": {}})
    return entry


def record_written(entry: Path, gold_dir: str | Path, document_id: str) -> None:
    """Note in the entry what the accept wrote (the sha256 of each file now), so undo can tell later edits."""
    info = json.loads((entry / UNDO_FILE).read_text(encoding="utf-8"))
    folder = Path(gold_dir) / document_id
    info["written"] = {name: _sha256(folder / name) for name in info["files"]}
    _write(entry, info)


def _write(entry: Path, info: dict) -> None:
    write_text_atomically(entry / UNDO_FILE, json.dumps(info, indent=2, ensure_ascii=False) + "\n")


def undo_last(gold_dir: str | Path, document_id: str) -> tuple[dict, list[str]]:
    """Restore the gold as it was before the last accept. Returns (the entry's undo.json, files restored or
    removed)."""
    found = entries(gold_dir, document_id)
    if not found:
        raise ReviewError(f"nothing to undo: {Path(gold_dir) / document_id / HISTORY} holds no accept")
    entry = found[-1]
    info = json.loads((entry / UNDO_FILE).read_text(encoding="utf-8"))
    folder = Path(gold_dir) / document_id
    edited = [name for name, sha in info.get("written", {}).items() if _sha256(folder / name) != sha]
    if edited:
        raise ReviewError(f"{', '.join(str(folder / n) for n in edited)} changed after the accept of "
                          f"{info.get('accepted_at', '?')}; undoing it would lose that change: restore the files "
                          "with git instead")
    done = []
    for name, existed in info["files"].items():
        target = folder / name
        if existed:
            replace_atomically(target, lambda tmp, src=entry / name: shutil.copy2(src, tmp))
            done.append(name)
        elif target.exists():
            target.unlink()
            done.append(name)
    shutil.rmtree(entry)
    return info, done
