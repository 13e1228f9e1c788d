"""The task cache heals itself: a damaged entry (a run killed while writing it) is a cache miss, not a failure."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from flows.cache import AtomicLocalFileSystem, DamagedCacheEntry, DocStatePickle, discard_if_damaged

STATE = {"document": "x" * 5000, "rows": list(range(100))}


def _damaged(blob: bytes, how: str) -> bytes:
    if how == "cut in half":
        return blob[: len(blob) // 2]
    if how == "last byte lost":
        return blob[:-1]
    if how == "a byte flipped":
        i = len(blob) // 3
        return blob[:i] + bytes([blob[i] ^ 0xFF]) + blob[i + 1:]
    if how == "written by the old format":
        return pickle.dumps(STATE, protocol=5)
    return b""


def test_results_round_trip():
    ser = DocStatePickle()
    assert ser.loads(ser.dumps(STATE)) == STATE


@pytest.mark.parametrize("how", ["cut in half", "last byte lost", "a byte flipped", "written by the old format",
                                 "empty"])
def test_a_damaged_result_is_refused(how):
    ser = DocStatePickle()
    with pytest.raises(DamagedCacheEntry):
        ser.loads(_damaged(ser.dumps(STATE), how))


def _entry(tmp_path, result: bytes | None, record: bytes | None = None):
    keys = tmp_path / "keys"
    keys.mkdir(exist_ok=True)
    path = tmp_path / "read-abc"
    if result is not None:
        path.write_bytes(result)
    (keys / "read-abc").write_bytes(record if record is not None else json.dumps(
        {"storage_key": str(path), "serializer": {"type": "ituplans-pickle5"}}).encode())
    return keys, path


def test_a_healthy_entry_is_kept(tmp_path):
    keys, path = _entry(tmp_path, DocStatePickle().dumps(STATE))
    assert discard_if_damaged("read-abc", keys) is False
    assert path.exists() and (keys / "read-abc").exists()


@pytest.mark.parametrize("how", ["cut in half", "a byte flipped", "written by the old format"])
def test_a_damaged_result_is_removed_with_its_record(tmp_path, how):
    keys, path = _entry(tmp_path, _damaged(DocStatePickle().dumps(STATE), how))
    assert discard_if_damaged("read-abc", keys) is True
    assert not path.exists() and not (keys / "read-abc").exists()


@pytest.mark.parametrize("result, record", [(None, None), (b"ok", b'{"storage_key": "/x'), (b"ok", b"")])
def test_a_record_without_a_readable_result_is_removed(tmp_path, result, record):
    keys, _ = _entry(tmp_path, result, record)
    assert discard_if_damaged("read-abc", keys) is True
    assert not (keys / "read-abc").exists()


def test_no_entry_is_nothing_to_do(tmp_path):
    assert discard_if_damaged("read-none", tmp_path) is False


def test_key_records_are_replaced_whole(tmp_path, monkeypatch):
    """A write killed half-way leaves the previous record, and no partial file under its name."""
    fs = AtomicLocalFileSystem(basepath=str(tmp_path))
    fs.write_path("read-abc", b'{"old": 1}')
    real_write = Path.write_bytes

    def dies(self, data):
        real_write(self, data[:3])
        raise KeyboardInterrupt("killed mid-write")

    monkeypatch.setattr(Path, "write_bytes", dies)
    with pytest.raises(KeyboardInterrupt):
        fs.write_path("read-abc", b'{"new": 2}')
    assert (tmp_path / "read-abc").read_bytes() == b'{"old": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["read-abc"]
