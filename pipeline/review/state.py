"""Where each dataset of a document stands in review, for the report and `ituplans gold status`."""

from __future__ import annotations

from pathlib import Path

from pipeline.exceptions import ReviewError
from pipeline.records import Dataset
from pipeline.reviewed import load_reviewed

# Reserved folder names inside gold/ that are not documents.
RESERVED_IDS = {"build", "entities"}


def dataset_of(value: Dataset | str) -> Dataset:
    """A dataset from its name as a reviewer types it (`kpis`, `kpis.csv`)."""
    if isinstance(value, Dataset):
        return value
    name = str(value).strip().lower().removesuffix(".csv")
    try:
        return Dataset(name)
    except ValueError:
        raise ReviewError(f"unknown dataset {value!r}; use one of: {', '.join(d.value for d in Dataset)}") from None


def review_state(gold_dir: str | Path, document_id: str, sha256: str) -> dict[Dataset, dict]:
    """Per dataset: `{"state": "reviewed"|"stale"|"gold"|"none", "entry": {...} or None}`.

    reviewed = accepted for these bytes (gold applied); stale = accepted for other bytes (not applied);
    gold = a gold file exists but was never accepted through review; none = no gold file."""
    try:
        entries = load_reviewed(gold_dir, document_id)["datasets"]
    except ReviewError:
        entries = {}
    out = {}
    for d in Dataset:
        entry = entries.get(d.value)
        has_gold = (Path(gold_dir) / document_id / f"{d.value}.csv").exists()
        if entry and has_gold:
            state = "reviewed" if entry.get("sha256") == sha256 else "stale"
        else:
            state = "gold" if has_gold else "none"
        out[d] = {"state": state, "entry": entry}
    return out


def command() -> str:
    """How to run `ituplans` from here, for the commands the reviewer is shown: the name when it is on the PATH
    (an activated virtual environment), else the path of the script that runs now (`.venv/bin/ituplans` after
    `make run`)."""
    import os
    import shutil
    import sys

    if shutil.which("ituplans"):
        return "ituplans"
    script = sys.argv[0] if sys.argv else ""
    if Path(script).name == "ituplans" and Path(script).exists():
        relative = os.path.relpath(os.path.abspath(script))
        return script if relative.startswith("..") else relative
    return ".venv/bin/ituplans"
