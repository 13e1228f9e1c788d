"""Publishing a run: a complete, versioned, atomically switched set of datasets.

Layout of the output folder (default `output/`):

    output/
      runs/<run-id>/            one complete version per run, never modified after it is published
        <dataset>.csv           every dataset declared in pipeline/datasets (the record datasets, tables, errors, and
        <dataset>.parquet       reconciliation's tables when given): UTF-8, header row, sorted by the declared
                                sort key (same inputs -> byte-identical CSVs); Parquet has the same columns
        errors.csv/.parquet     file, stage, reason, page, component: one row per problem
        datapackage.json        Frictionless descriptor derived from the declarations (field types,
                                descriptions, allowed values, sort keys)
        manifest.json           sources (sha256), row counts, pipeline version, timing, errors, file hashes
        changelog.json / .md    rows added / removed / changed per dataset against the previous version
      latest -> runs/<run-id>   symlink, switched atomically (os.replace of a temporary symlink)
      quarantine/               copies of documents that could not be read, each with <name>.reason.txt
      .lock                     held while a run publishes; a second run waits, then gives up clearly

A version is written into `runs/.tmp-<run-id>-*` and renamed into place only when complete, then `latest`
is switched: a failure half-way leaves no half-written version and `latest` untouched.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import io
import json
import logging
import os
import platform
import secrets
import shutil
import time
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import pandas as pd

from pipeline import datasets, schema
from pipeline.atomic import replace_atomically
from pipeline.datasets.frictionless import package_descriptor
from pipeline.exceptions import PublishError
from pipeline.limits import Limits
from pipeline.origins import origin_of
from pipeline.records import Dataset, ErrorItem
from pipeline.settings import PACKAGE_VERSION, pipeline_version

LOCK_NAME = ".lock"
LATEST = "latest"
RUNS = "runs"
QUARANTINE = "quarantine"
DEFAULT_LOCK_TIMEOUT = 120.0
CHANGELOG_EXAMPLES = 20


@dataclass
class SourceInfo:
    """One input document as the manifest records it."""

    path: str
    source_file: str
    document_id: str
    sha256: str = ""
    size: int | None = None
    format: str = ""
    status: str = "ok"
    rows: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    cached: bool = False
    url: str | None = None  # a downloaded document: the URL it came from (pipeline/origins.py)
    index_url: str | None = None  # ... and the index page that linked to it, if any


@dataclass
class PublishResult:
    run_id: str
    version_dir: Path
    latest_switched: bool
    previous_run_id: str | None
    row_counts: dict[str, int]
    changes: dict[str, dict[str, int]]
    quarantined: list[Path] = field(default_factory=list)


def new_run_id(now: datetime | None = None) -> str:
    """Sortable and unique: `20261122T210305Z-3f9a1c`."""
    now = now or datetime.now(timezone.utc)
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(3)}"


# ---------------------------------------------------------------------------------------------------------
# Lock


@contextmanager
def output_lock(out_dir: Path, timeout: float = DEFAULT_LOCK_TIMEOUT, run_id: str = "") -> Iterator[None]:
    """Exclusive advisory lock on `<out>/.lock` (released by the OS if the holder dies).

    Waits up to `timeout` seconds, then raises PublishError saying who holds it.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(timeout, 0.0)
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                try:
                    holder = Path(path).read_text(encoding="utf-8").strip() or "unknown"
                except OSError:
                    holder = "unknown"
                if not waited and timeout > 0:
                    waited = True
                    logging.getLogger("ituplans").warning(
                        "%s: another ituplans run is publishing into this folder (%s); waiting up to %.0f s",
                        out_dir, holder, timeout)
                if time.monotonic() >= deadline:
                    raise PublishError(
                        f"{out_dir}: another ituplans run is publishing into this folder ({holder}); "
                        f"gave up after waiting {timeout:.0f} s. Nothing was written. Run again when it has "
                        f"finished, or publish into another folder with --out."
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}, run {run_id or '?'}, since {_now_iso()}\n".encode())
        try:
            yield
        finally:
            try:
                os.ftruncate(fd, 0)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------------------------------------
# Writing tables


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The canonical CSV rendering: UTF-8, header, `\\n` line ends, empty cells for missing values."""
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def _arrow_schema(name: str):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([pa.field(s.name, types[s.type], nullable=True) for s in schema.field_specs(name)])


def _write_parquet(name: str, df: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    known = schema.column_names(name)
    arrow_schema = _arrow_schema(name)
    extra = [c for c in df.columns if c not in known]
    table = pa.Table.from_pandas(df[known], schema=arrow_schema, preserve_index=False)
    for c in extra:  # columns a later stage added beside the dictionary's (allowed by the contract)
        table = table.append_column(c, pa.array(df[c].astype("str").tolist(), type=pa.string()))
    pq.write_table(table.replace_schema_metadata(None), path)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------
# Descriptor, changelog


def datapackage(tables: Mapping[str, pd.DataFrame], files: Mapping[str, dict], run_id: str,
                extra_tables: Sequence[str] = ()) -> dict:
    """The Frictionless descriptor of one version (pipeline/datasets/frictionless.py `package_descriptor`)."""
    return package_descriptor({name: list(df.columns) for name, df in tables.items()}, files, run_id=run_id,
                              version=pipeline_version(), created=_now_iso(), extra_tables=extra_tables)


def _as_strings(data: bytes | None) -> pd.DataFrame | None:
    if data is None:
        return None
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_filter=False)


def _keyed(df: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    df = df.copy()
    df["_occurrence"] = df.groupby(key, sort=False).cumcount() if key else range(len(df))
    return df.set_index(key + ["_occurrence"])


# A column that says how a row was published, not what it holds: a row whose only change is there (a dataset
# accepted in review, published from gold with the same values) is counted apart from rows whose values changed.
STATUS_COLUMNS = ("review_status",)


def diff_table(name: str, old: pd.DataFrame | None, new: pd.DataFrame) -> dict[str, Any]:
    """Rows added / removed / changed between two string-typed frames, identified by schema.SORT_KEYS.

    `changed` counts rows whose values changed, `columns` how many of them changed in each column; `status_only`
    the rows whose only change is their review_status."""
    if old is None:
        return {"rows": len(new), "previous_rows": None, "added": len(new), "removed": 0, "changed": 0,
                "status_only": 0, "columns": {}, "examples": {}}
    key = [c for c in schema.SORT_KEYS.get(name, ()) if c in old.columns and c in new.columns]
    if not key:
        key = [c for c in new.columns if c in old.columns]
    a, b = _keyed(old, key), _keyed(new, key)
    added_idx = b.index.difference(a.index)
    removed_idx = a.index.difference(b.index)
    common = b.index.intersection(a.index)
    value_cols = [c for c in b.columns if c in a.columns]
    data_cols = [c for c in value_cols if c not in STATUS_COLUMNS]
    changed_idx: list = []
    status_only, columns = 0, {}
    if len(common) and value_cols:
        differs = a.loc[common, value_cols] != b.loc[common, value_cols]
        data_changed = differs[data_cols].any(axis=1)
        changed_idx = list(data_changed[data_changed].index)
        status_only = int((differs.any(axis=1) & ~data_changed).sum())
        columns = {c: int(n) for c, n in differs.loc[data_changed, data_cols].sum().items() if n}

    def ex(idx) -> list[dict]:
        return [dict(zip(key, k[:-1] if isinstance(k, tuple) else (k,))) for k in list(idx)[:CHANGELOG_EXAMPLES]]

    return {
        "rows": len(new),
        "previous_rows": len(old),
        "added": len(added_idx),
        "removed": len(removed_idx),
        "changed": len(changed_idx),
        "status_only": status_only,
        "columns": columns,
        "examples": {"added": ex(added_idx), "removed": ex(removed_idx), "changed": ex(changed_idx)},
    }


def changelog_markdown(log: dict) -> str:
    lines = [f"# Changes in {log['run_id']}", ""]
    if log.get("previous_run_id"):
        lines.append(f"Against the previous version `{log['previous_run_id']}`.")
    else:
        lines.append("First version: every row is new.")
    lines += ["", "`changed`: rows whose values changed (the columns below); `review status only`: rows whose only "
              "change is review_status (a dataset accepted in review, published from gold).", "",
              "| dataset | rows | added | removed | changed | review status only |", "|---|---:|---:|---:|---:|---:|"]
    for name, d in log["datasets"].items():
        lines.append(f"| {name} | {d['rows']} | {d['added']} | {d['removed']} | {d['changed']} | "
                     f"{d.get('status_only', 0)} |")
    changed = [(name, d["columns"]) for name, d in log["datasets"].items() if d.get("columns")]
    if changed:
        lines += ["", "Columns changed (rows):", ""]
        lines += [f"- {name}: " + ", ".join(f"`{c}` {n}" for c, n in cols.items()) for name, cols in changed]
    docs = log.get("documents", {})
    for label in ("added", "removed"):
        if docs.get(label):
            lines += ["", f"Documents {label}: " + ", ".join(f"`{d}`" for d in docs[label])]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------
# Versions


def runs_dir(out_dir: Path) -> Path:
    return Path(out_dir) / RUNS


def latest_version(out_dir: Path) -> Path | None:
    """The version `latest` points at, or None."""
    link = Path(out_dir) / LATEST
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def _switch_latest(out_dir: Path, run_id: str) -> None:
    link = out_dir / LATEST
    if link.exists() and not link.is_symlink():
        raise PublishError(f"{link} is a real folder, not a symlink to a version; move it away and run again")
    replace_atomically(link, lambda tmp: os.symlink(f"{RUNS}/{run_id}", tmp))


def _clean_stale_tmp(runs: Path) -> None:
    """Remove half-written versions of runs that died (only called while holding the lock)."""
    for p in runs.glob(".tmp-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in runs.parent.glob(f".{LATEST}.tmp-*"):
        p.unlink(missing_ok=True)
    for p in (runs.parent / QUARANTINE).glob(".*.tmp-*"):
        p.unlink(missing_ok=True)


def _quarantine(out_dir: Path, run_id: str, failed: Sequence[tuple[str, ErrorItem]]) -> list[Path]:
    qdir = out_dir / QUARANTINE
    copied = []
    for path_str, err in failed:
        src = Path(path_str)
        qdir.mkdir(parents=True, exist_ok=True)
        name = src.name or err.source_file
        dest = qdir / name
        note = ""
        try:
            size = src.stat().st_size if src.is_file() else None
            if size is not None and size > Limits().max_file_bytes:
                # A copy of a file refused for its size would fill the disk the next hostile file is aimed at.
                note = (f"copy: not made (the file is {size / 2**20:.1f} MiB, over the file size limit, "
                        "ITUPLANS_MAX_FILE_MB); the original is at the path above\n")
            elif size is not None:
                replace_atomically(dest, lambda tmp: shutil.copy2(src, tmp))
                copied.append(dest)
        except OSError:
            pass
        reason = (
            f"file: {name}\npath: {path_str}\nrun: {run_id}\nstage: {err.stage}\n"
            f"reason: {err.reason}\n" + (f"page: {err.page}\n" if err.page is not None else "") + note
        )
        replace_atomically(qdir / f"{name}.reason.txt", lambda tmp: tmp.write_text(reason, encoding="utf-8"))
    return copied


def prepare_tables(frames: Mapping[Dataset | str, pd.DataFrame], errors: Sequence[ErrorItem],
                   extra_tables: Mapping[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """Every dataset validated against its declaration and sorted; missing datasets published empty. Of
    `extra_tables` (reconciliation's), the declared ones are typed, validated and sorted the same way; a table no
    declaration names is published as text, sorted by all its columns."""
    given = {(k.value if isinstance(k, Dataset) else str(k)): v for k, v in frames.items()}
    tables: dict[str, pd.DataFrame] = {}
    for d in Dataset:
        df = given.get(d.value)
        if df is None:
            df = schema.empty_frame(d)
        tables[d.value] = schema.sort_frame(d, schema.validate(d, df))
    for name in datasets.names("run"):  # tables (given as a frame), errors (from `errors`)
        df = schema.errors_frame(errors) if name == "errors" else given.get(name)
        df = schema.empty_frame(name) if df is None else df
        tables[name] = schema.sort_frame(name, schema.validate(name, df))
    for name, df in (extra_tables or {}).items():
        if name in tables:
            continue
        if datasets.is_declared(name):
            tables[name] = schema.sort_frame(name, schema.validate(name, schema.typed_frame(name, df)))
        else:
            tables[name] = (df.sort_values(list(df.columns), kind="mergesort").reset_index(drop=True)
                            if len(df.columns) else df)
    return tables


def publish(
    out_dir: str | Path,
    frames: Mapping[Dataset | str, pd.DataFrame],
    errors: Sequence[ErrorItem] = (),
    sources: Sequence[SourceInfo] = (),
    *,
    run_id: str | None = None,
    timing: Mapping[str, float] | None = None,
    extra_tables: Mapping[str, pd.DataFrame] | None = None,
    quarantine: Sequence[tuple[str, ErrorItem]] = (),
    switch_latest: bool = True,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    metadata: Mapping[str, Any] | None = None,
    acquire_lock: bool = True,
) -> PublishResult:
    """Validate, write a complete version, switch `latest`. Raises DatasetValidationError or PublishError.

    `quarantine`: (path, error) of documents that failed as a whole; they are copied to `<out>/quarantine/`.
    `switch_latest=False` writes the version (for inspection) but leaves `latest` where it is.
    `acquire_lock=False` when the caller already holds `output_lock(out_dir)` (the flow holds it around
    reconcile + publish).
    """
    started = time.monotonic()
    out = Path(out_dir)
    run_id = run_id or new_run_id()
    tables = prepare_tables(frames, errors, extra_tables)  # validation errors are raised before anything is written
    extra = [name for name in tables if not datasets.is_declared(name)]  # published as text

    with (output_lock(out, lock_timeout, run_id) if acquire_lock else nullcontext()):
        runs = runs_dir(out)
        runs.mkdir(parents=True, exist_ok=True)
        _clean_stale_tmp(runs)
        final = runs / run_id
        if final.exists():
            raise PublishError(f"{final}: a version with this run id already exists")
        previous = latest_version(out)
        tmp = runs / f".tmp-{run_id}-{secrets.token_hex(3)}"
        tmp.mkdir()
        try:
            files: dict[str, dict] = {}
            log: dict[str, Any] = {"run_id": run_id, "previous_run_id": previous.name if previous else None,
                                   "datasets": {}}
            for name, df in tables.items():
                data = csv_bytes(df)
                csv_path = tmp / f"{name}.csv"
                csv_path.write_bytes(data)
                files[csv_path.name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                pq_path = tmp / f"{name}.parquet"
                if name in extra:
                    df.astype("str").to_parquet(pq_path, index=False)
                else:
                    _write_parquet(name, df, pq_path)
                files[pq_path.name] = {"sha256": _sha256_file(pq_path), "bytes": pq_path.stat().st_size}
                prev_csv = previous / csv_path.name if previous else None
                old = _as_strings(prev_csv.read_bytes()) if prev_csv and prev_csv.exists() else None
                if previous is not None and old is None:
                    old = pd.DataFrame(columns=list(df.columns))
                log["datasets"][name] = diff_table(name, old, _as_strings(data))
            new_docs = set(tables["documents"]["source_file"])
            old_docs = set()
            if previous and (previous / "documents.csv").exists():
                old_docs = set(_as_strings((previous / "documents.csv").read_bytes()).get("source_file", []))
            log["documents"] = {"added": sorted(new_docs - old_docs), "removed": sorted(old_docs - new_docs)}
            _write_json(tmp / "changelog.json", log)
            (tmp / "changelog.md").write_text(changelog_markdown(log), encoding="utf-8")
            _write_json(tmp / "datapackage.json", datapackage(tables, files, run_id, tuple(extra)))
            row_counts = {name: int(len(df)) for name, df in tables.items()}
            manifest = {
                "run_id": run_id,
                "created": _now_iso(),
                "pipeline_version": pipeline_version(),
                "package_version": PACKAGE_VERSION,
                "python": platform.python_version(),
                "previous_run_id": previous.name if previous else None,
                "latest_switched": switch_latest,
                "documents": len(sources),
                "documents_failed": sum(1 for s in sources if s.status == "failed"),
                "sources": [asdict(s if s.url else replace(s, **origin_of(s.path))) for s in sources],
                "row_counts": row_counts,
                "errors": [asdict(e) for e in errors],
                "timing_seconds": {**{k: round(v, 3) for k, v in (timing or {}).items()},
                                   "publish_write": round(time.monotonic() - started, 3)},
                "sort_keys": {k: list(datasets.resource(k).sort_key) for k in tables if datasets.is_declared(k)},
                "files": files,
                **({"metadata": dict(metadata)} if metadata else {}),
            }
            _write_json(tmp / "manifest.json", manifest)
            # Quarantine before the version becomes visible: every published errors.csv has its copies and
            # reason files, even when the run is killed between here and the switch of `latest`.
            quarantined = _quarantine(out, run_id, quarantine)
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if switch_latest:
            _switch_latest(out, run_id)

    changes = {k: {x: v[x] for x in ("added", "removed", "changed")} for k, v in log["datasets"].items()}
    return PublishResult(run_id, final, switch_latest, previous.name if previous else None, row_counts, changes,
                         quarantined)
