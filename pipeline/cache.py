"""The step cache without Prefect: the keys of the read / extract / validate results and how an entry is read.

A run keeps each step's result (a `pipeline.steps.DocumentResult`) under `pipeline.settings.CACHE_DIR`: the
pickled result in `<cache>/<key>` and a small JSON key record in `<cache>/keys/<key>` naming it (Prefect's result
store with separate key storage; flows/cache.py wires it into Prefect and heals damaged entries). The keys are
computed here, once, for the flow's tasks (flows/tasks.py) and for the reviewer report (pipeline/review/report.py),
which takes a document's read and extract results from the cache when a run with the same code and limits already
computed them (`load`), instead of reading the document again.

- read: the file's sha256 and name (document ids come from names), the read code's digest
  (`pipeline.fingerprint`), the limits, LibreOffice's presence for .doc;
- extract: sha256, name, the read and extract code's digests;
- validate: those and the validate code's digest, the gold folder and the document's accepted reviews;
- document (one task for the three, Dask): the read key and the extract / validate parts.

Every result ends with a trailer (magic, payload length, CRC-32): a result cut short by a killed run is never
unpickled.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import time
import zlib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pipeline.limits import Limits
from pipeline.model import document_id_for
from pipeline.readers.common import file_sha256
from pipeline.settings import CACHE_DIR, code_fingerprint

# Part of every cache key: bumped when what the read / extract / validate results hold changes shape
# (pipeline.steps.DocumentResult) or how it is written, so results written by an older flow are not loaded.
CACHE_FORMAT = "4"

KEYS_FOLDER = "keys"
_MAGIC = b"ituplans-cache\x00\x01"
_TRAILER = len(_MAGIC) + 8 + 4  # magic, payload length, CRC-32


class DamagedCacheEntry(ValueError):
    """Raised when a cached result's trailer does not match its content."""


def digest_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join((CACHE_FORMAT, *parts)).encode()).hexdigest()


# ---------------------------------------------------------------------------------------------------------
# Results: protocol-5 pickles with an integrity trailer


def dumps(obj: Any) -> bytes:
    payload = pickle.dumps(obj, protocol=5)
    return payload + _MAGIC + len(payload).to_bytes(8, "little") + zlib.crc32(payload).to_bytes(4, "little")


def intact(blob: bytes) -> bool:
    """True when `blob` ends with a trailer that matches the rest (length and CRC-32)."""
    if len(blob) < _TRAILER:
        return False
    view = memoryview(blob)
    payload, trailer = view[:-_TRAILER], bytes(view[-_TRAILER:])
    return (trailer.startswith(_MAGIC) and int.from_bytes(trailer[len(_MAGIC):-4], "little") == len(payload)
            and int.from_bytes(trailer[-4:], "little") == zlib.crc32(payload))


def loads(blob: bytes) -> Any:
    if not intact(blob):
        raise DamagedCacheEntry("the cached result is damaged (its trailer does not match its content)")
    return pickle.loads(memoryview(blob)[:-_TRAILER])


# ---------------------------------------------------------------------------------------------------------
# Keys


def _soffice_env(path: Path) -> str:
    if path.suffix.lower() != ".doc":
        return ""
    return "soffice" if (shutil.which("soffice") or shutil.which("libreoffice")) else "no-soffice"


def read_key(path: str | Path, limits: Limits | None = None) -> str | None:
    """sha256 of the file + its name + the read code's digest + the limits (a document refused by a limit is read
    again when the limit changes) + LibreOffice's presence for .doc. None when the file cannot be opened."""
    path = Path(path)
    try:
        digest = file_sha256(path)
    except OSError:
        return None
    limits_part = repr(sorted(asdict(limits or Limits()).items()))
    return "read-" + digest_key(digest, path.name, code_fingerprint("read"), _soffice_env(path), limits_part)


def extract_key(sha256: str, source_file: str) -> str:
    return "extract-" + digest_key(sha256, source_file, code_fingerprint("read"), code_fingerprint("extract"))


def validate_key(sha256: str, source_file: str, document_id: str, gold_dir: str | Path) -> str:
    """The extraction's key parts + the validate code's digest + the document's reviews (its gold folder)."""
    from pipeline.reviewed import reviews_digest

    gold = str(gold_dir)
    return "validate-" + digest_key(sha256, source_file, code_fingerprint("read"), code_fingerprint("extract"),
                                     code_fingerprint("validate"), gold, reviews_digest(document_id, gold))


def document_key(path: str | Path, limits: Limits | None, gold_dir: str | Path) -> str | None:
    """Everything the read, extract and validate keys depend on, computed from the path alone."""
    from pipeline.reviewed import reviews_digest

    key = read_key(path, limits)
    if key is None:
        return None
    gold = str(gold_dir)
    return "document-" + digest_key(key, code_fingerprint("extract"), code_fingerprint("validate"), gold,
                                     reviews_digest(document_id_for(Path(path).name), gold))


# ---------------------------------------------------------------------------------------------------------
# Reading an entry outside a run


def load(key: str | None, cache_dir: str | Path | None = None) -> Any | None:
    """The result cached under `key`, or None when there is none, it expired, or it is damaged (the flow heals a
    damaged entry the next time it looks the key up). Never raises for the cache's sake."""
    if key is None:
        return None
    folder = Path(cache_dir) if cache_dir is not None else CACHE_DIR
    try:
        record = json.loads((folder / KEYS_FOLDER / key).read_bytes())
        expiration = record.get("expiration")
        if expiration is not None and _expired(expiration):
            return None
        stored = Path(record["storage_key"])
        blob = (stored if stored.is_absolute() else folder / stored).read_bytes()
        return loads(blob)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, pickle.UnpicklingError, EOFError, ImportError):
        return None


def _expired(expiration: str) -> bool:
    from datetime import datetime, timezone

    try:
        when = datetime.fromisoformat(expiration.replace("Z", "+00:00"))
    except ValueError:
        return True
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.timestamp() <= time.time()
