"""Where a downloaded document came from: the URL of the file, and of the index that linked to it.

`flows/sources.py` records both beside the downloads, in `<out>/staging/<run-id>/.origins.json` (a hidden file:
discovery skips it), keyed by the path of each file relative to that folder. The manifest of every version that
publishes one of these files reads them back (`pipeline/publish.py`), also a later version that carries the
document over from its staging folder.
"""

from __future__ import annotations

import json
from pathlib import Path

ORIGINS_FILE = ".origins.json"


def origins_entry(url: str, index_url: str | None) -> dict[str, str | None]:
    return {"url": url, "index_url": index_url}


def origin_of(path: str | Path) -> dict[str, str | None]:
    """{"url": ..., "index_url": ...} of a downloaded file; {} for any other file. Looks in the file's folder and
    the one above (a second file with the same name is saved in `<staging>/<run-id>/2/`)."""
    p = Path(path)
    for folder in list(p.parents)[:2]:
        record = folder / ORIGINS_FILE
        if not record.is_file():
            continue
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        entry = data.get(p.relative_to(folder).as_posix()) if isinstance(data, dict) else None
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            return origins_entry(entry["url"], entry.get("index_url"))
        return {}
    return {}
