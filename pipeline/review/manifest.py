"""`<review>/<document_id>/REVIEW.json`: what `ituplans review` made the companion CSVs from, which accept checks.

Per dataset: the companion file, its rows, the review state, the digest of its rows as written (`baseline`: an
accept of an unchanged file changes nothing) and the sha256 of the gold file at that time (`gold_sha256`: accept
refuses when the gold changed since, so an old companion file cannot undo a newer accept).
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.atomic import write_text_atomically
from pipeline.exceptions import ReviewError

MANIFEST_FILE = "REVIEW.json"


def write_manifest(folder: Path, manifest: dict) -> None:
    write_text_atomically(folder / MANIFEST_FILE, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def read_manifest(folder: Path, document: Path, command: str) -> dict:
    path = folder / MANIFEST_FILE
    if not path.exists():
        raise ReviewError(f"no review files for {document.name} in {folder}: run `{command} review {document}` "
                          "first, edit the CSV files, then accept")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ReviewError(f"{path} is damaged ({exc}); run `{command} review {document}` again") from None
    if not isinstance(manifest, dict):
        raise ReviewError(f"{path} is damaged; run `{command} review {document}` again")
    return manifest


def check_made_from(manifest: dict, folder: Path, document: Path, sha256: str, command: str) -> None:
    """Refuse review files made from another file, or from other content of this one."""
    if manifest.get("sha256") == sha256:
        return
    if manifest.get("source_file") not in (None, document.name):
        raise ReviewError(f"the review files in {folder} were made from {manifest.get('source_file')}, not "
                          f"{document.name}: accept with that file, or run `{command} review {document}` first")
    raise ReviewError(f"{document.name} has changed since its review files were made (they were made from "
                      f"{manifest.get('source_file', '?')} with other content): run `{command} review {document}` "
                      "again and redo the corrections on the new files")
