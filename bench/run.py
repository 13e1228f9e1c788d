"""Benchmarks: speed, memory and accuracy of the pipeline, and of the tools people would use instead.

    .venv/bin/python bench/run.py [--quick] [--copies N] [--results PATH]

Sections (each is written to the results file, bench/RESULTS.md by default; --quick writes
bench/out/RESULTS-quick.md unless --results is given):

1. machine: CPU, cores, RAM, Python, package versions, date, git commit.
2. stages on the samples: pages per second of read, extract, reconcile, publish per format (best of R runs), and
   the memory of each stage (tracemalloc peak of Python allocations, and the process's max RSS after it) measured
   in a fresh subprocess per format.
3. the floor: pypdfium2 text, pdfplumber chars, the .docx XML parse, the .txt decode: how far above the bare
   parsing our readers are.
4. raw tables against the gold (bench/accuracy.py): camelot lattice / stream, tabula-py, pdfplumber
   `extract_tables()` and our reader, time per page and cell-level recall of work-month cells and matrix links.
5. end to end on the samples: the bare functions read -> extract -> reconcile -> publish in a loop (a subprocess,
   no Prefect) against `ituplans run` (a subprocess: Prefect flow, ephemeral API, threads task runner); wall time
   and the peak RSS of the whole process tree.
6. scale: N copies of the .txt and .docx samples (changed bytes: a paragraph appended to the .txt, a core property
   changed in the .docx): the bare loop (stage rates per format), `ituplans run` with threads (unless
   --no-scale-threads), and with the Dask task runner on a LocalCluster of 1 and 2 workers; then the bare read + extract mapped over a
   dask.distributed LocalCluster of 1 and 2 workers (no Prefect), to separate Dask's speed-up from the flow's.

Not part of `make test`.  --quick is a smoke run (< 60 s): small inputs, one repetition, the strategic plan PDF
only for the PDF sections, no Prefect runs at scale.  The Prefect runs use a temporary PREFECT_HOME (database
migrated before timing) and a temporary read/extract cache, with --refresh, so nothing is served from a cache
and the project's .prefect/ is left alone.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
for p in (str(ROOT), str(BENCH)):
    if p not in sys.path:
        sys.path.insert(0, p)

import accuracy  # noqa: E402  (bench/accuracy.py)

STEMS = accuracy.STEMS
FORMATS = ("txt", "docx", "pdf")
VENV_BIN = Path(sys.executable).parent
PACKAGES = ["pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "lxml", "spacy", "rapidfuzz", "pandas",
            "pyarrow", "numpy", "pandera", "prefect", "prefect-dask", "dask", "distributed", "psutil",
            "camelot-py", "opencv-python-headless", "playa-pdf", "pypdf", "tabula-py", "jpype1"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------------------------------------------------
# Machine


def machine() -> dict:
    from importlib import metadata

    info: dict = {"load": os.getloadavg(), "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                  "python": platform.python_version(), "platform": platform.platform(),
                  "cores": os.cpu_count()}
    try:
        cpu = Path("/proc/cpuinfo").read_text()
        m = re.search(r"^model name\s*:\s*(.+)$", cpu, re.M)
        info["cpu"] = m.group(1).strip() if m else platform.processor()
    except OSError:
        info["cpu"] = platform.processor()
    try:
        mem = Path("/proc/meminfo").read_text()
        kb = int(re.search(r"^MemTotal:\s*(\d+)", mem, re.M).group(1))
        info["ram_gib"] = round(kb / 1024 ** 2, 1)
    except (OSError, AttributeError):
        info["ram_gib"] = None
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    info["packages"] = versions
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30)
        info["java"] = (out.stderr or out.stdout).splitlines()[0]
    except Exception as exc:
        info["java"] = f"not available ({exc})"
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                        text=True).stdout.strip()
        # bench/RESULTS.md is what a run writes: a changed one is not a change to what is measured
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                ":(exclude)bench/RESULTS.md"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        info["dirty"] = bool(dirty)
    except Exception:
        info["commit"] = "?"
    return info


# ---------------------------------------------------------------------------------------------------------
# Inputs


_PAGES: dict[str, int] = {}


def pdf_pages(stem: str, samples: Path) -> int:
    if stem not in _PAGES:
        _PAGES[stem] = accuracy.page_count(samples / f"{stem}.pdf")
    return _PAGES[stem]


def stem_of(path: Path) -> str:
    """The sample a file (or a copy of it) comes from."""
    name = path.stem
    for stem in STEMS:
        if name.startswith(stem):
            return stem
    return name


def make_copies(samples: Path, dest: Path, n: int, formats=("txt", "docx")) -> list[Path]:
    """n documents spread evenly over the samples of `formats`, each with different bytes and its own name."""
    dest.mkdir(parents=True, exist_ok=True)
    sources = [samples / f"{stem}.{ext}" for ext in formats for stem in STEMS if (samples / f"{stem}.{ext}").exists()]
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        target = dest / f"{src.stem}-copy{i:04d}{src.suffix}"
        data = src.read_bytes()
        if src.suffix == ".txt":
            data = data.rstrip(b"\r\n") + f"\r\n\r\nBenchmark copy {i}.\r\n".encode()
        elif src.suffix == ".docx":
            data = _docx_with_revision(data, i + 2)
        elif src.suffix == ".pdf":
            data = data + f"\n% benchmark copy {i}\n".encode()
        target.write_bytes(data)
        out.append(target)
    return out


def _docx_with_revision(data: bytes, revision: int) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"<cp:revision>\d+</cp:revision>", f"<cp:revision>{revision}</cp:revision>".encode(),
                                 content)
            zout.writestr(item, content)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------------------
# The bare pipeline (no Prefect)


def bare_pipeline(files: list[Path], out_dir: Path, pages_of=None, memory: bool = False) -> dict:
    """read -> extract per file, then reconcile -> publish the batch; the seconds of each stage per file/batch.

    With memory=True, also the tracemalloc peak and the max RSS after each stage (slower: timings not comparable).
    """
    import resource
    import tracemalloc

    from extractors import extract_all
    from pipeline.exceptions import IngestError
    from pipeline.frames import frames_of
    from pipeline.publish import publish
    from pipeline.reconcile import reconcile
    from pipeline.readers import read_document

    def rss_mib() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    mem: dict[str, dict] = {}

    def mark(stage: str) -> None:
        if memory:
            cur, peak = tracemalloc.get_traced_memory()
            m = mem.setdefault(stage, {"traced_peak_mib": 0.0, "max_rss_mib": 0.0})
            m["traced_peak_mib"] = max(m["traced_peak_mib"], peak / 2 ** 20)
            m["max_rss_mib"] = max(m["max_rss_mib"], rss_mib())
            tracemalloc.reset_peak()

    if memory:
        tracemalloc.start()
    per_file = []
    docs, exs, errors = [], [], []
    for path in files:
        fmt = path.suffix.lstrip(".").lower()
        rec = {"file": path.name, "format": fmt, "pages": pages_of(path) if pages_of else None}
        t0 = time.perf_counter()
        try:
            doc = read_document(path)
        except IngestError as exc:
            rec["error"] = f"{exc}"
            per_file.append(rec)
            continue
        t1 = time.perf_counter()
        mark("read")
        t1b = time.perf_counter()
        ex = extract_all(doc)
        t2 = time.perf_counter()
        mark("extract")
        rec.update(read=t1 - t0, extract=t2 - t1b)
        per_file.append(rec)
        docs.append(doc)
        exs.append(ex)
        errors.extend(ex.errors)
    t0 = time.perf_counter()
    result = reconcile(exs, registry_dir=out_dir / "registry", documents=docs)
    t1 = time.perf_counter()
    mark("reconcile")
    t1b = time.perf_counter()
    frames = frames_of(result.extractions)
    published = publish(out_dir, frames, errors, [], extra_tables=result.tables)
    t2 = time.perf_counter()
    mark("publish")
    if memory:
        tracemalloc.stop()
    rows = sum(published.row_counts.get(k, 0) for k in ("work_months", "output_objective_links"))
    return {"files": per_file, "reconcile": t1 - t0, "publish": t2 - t1b, "memory": mem,
            "max_rss_mib": rss_mib(), "cells": rows, "row_counts": published.row_counts}


def stage_times(samples: Path, fmt: str, stems: list[str], repeat: int) -> dict:
    """Best-of-`repeat` seconds of each stage over the samples of one format (in this process)."""
    files = [samples / f"{s}.{fmt}" for s in stems]
    best: dict[str, float] = {}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="ituplans-bench-") as tmp:
            res = bare_pipeline(files, Path(tmp))
        got = {"read": sum(f.get("read", 0) for f in res["files"]),
               "extract": sum(f.get("extract", 0) for f in res["files"]),
               "reconcile": res["reconcile"], "publish": res["publish"]}
        for k, v in got.items():
            best[k] = min(best.get(k, float("inf")), v)
    pages = sum(pdf_pages(s, samples) for s in stems)
    return {"format": fmt, "files": [f.name for f in files], "pages": pages, "seconds": best, "repeat": repeat}


# ---------------------------------------------------------------------------------------------------------
# Subprocesses with the peak memory of their process tree


# A small launcher between us and the measured command. A child's ru_maxrss starts from its parent's RSS at fork
# time (Linux keeps the high-water mark across exec), so forking the command from this big process would report
# our own size; forked from the launcher (a fresh interpreter, ~10 MiB) it reports the command's own peak, and
# wait4 adds every descendant the command reaped (the Prefect API server, Dask workers).
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(cmd: list[str], env: dict | None = None) -> dict:
    """Run a command; wall seconds, exit code, output and the peak RSS: the largest single process (exact, from
    wait4) and the sum over the process tree (sampled every 0.05 s)."""
    import psutil

    out_f = tempfile.TemporaryFile("w+")
    err_f = tempfile.TemporaryFile("w+")
    rss_f = tempfile.NamedTemporaryFile("w+", suffix=".maxrss", delete=False)
    rss_f.close()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, rss_f.name, *cmd], cwd=ROOT, env=env, stdout=out_f,
                            stderr=err_f, text=True)
    ps = psutil.Process(proc.pid)
    peak = {"tree": 0, "single": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                procs = [ps] + ps.children(recursive=True)
            except psutil.Error:
                break
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                peak["single"] = max(peak["single"], rss)
            peak["tree"] = max(peak["tree"], total)
            stop.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    proc.wait()
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    out_f.seek(0)
    err_f.seek(0)
    out, err = out_f.read(), err_f.read()
    out_f.close()
    err_f.close()
    try:
        exact = int(Path(rss_f.name).read_text() or 0) * 1024
    except (OSError, ValueError):
        exact = 0
    Path(rss_f.name).unlink(missing_ok=True)
    single = max(peak["single"], exact)
    return {"cmd": " ".join(cmd), "wall": wall, "rc": proc.returncode, "stdout": out, "stderr": err,
            "peak_tree_mib": max(peak["tree"], single) / 2 ** 20, "peak_single_mib": single / 2 ** 20}


def _last_json(text: str) -> dict:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON line in the output:\n" + text[-2000:])


def bare_subprocess(files: list[Path], out_dir: Path, samples: Path, memory: bool = False) -> dict:
    listing = out_dir.parent / f"{out_dir.name}.files.json"
    listing.write_text(json.dumps([str(f) for f in files]))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_bare", str(listing), str(out_dir), "--samples",
           str(samples)] + (["--_memory"] if memory else [])
    res = run_measured(cmd)
    if res["rc"] != 0:
        raise RuntimeError(f"bare pipeline failed ({res['rc']}): {res['stderr'][-2000:]}")
    res["result"] = _last_json(res["stdout"])
    return res


class PrefectEnv:
    """A throwaway PREFECT_HOME (database migrated once, before any timing) and read/extract cache."""

    def __init__(self, base: Path, home: Path | None = None):
        self.home = home or base / "prefect-home"
        self.cache = base / "cache"
        self.env = dict(os.environ)
        for k in list(self.env):
            if k.startswith("PREFECT_API_") or k == "ITUPLANS_CACHE_DIR":
                del self.env[k]
        self.env.update(PREFECT_HOME=str(self.home), ITUPLANS_CACHE_DIR=str(self.cache),
                        PREFECT_SERVER_ANALYTICS_ENABLED="false",
                        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120")
        self.home.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        if home is None:
            subprocess.run([str(VENV_BIN / "prefect"), "server", "database", "upgrade", "-y"], env=self.env, cwd=ROOT,
                           check=True, capture_output=True, timeout=600)
        self.migrate_seconds = time.perf_counter() - t0 if home is None else None

    def run(self, paths: list[Path], out: Path, *extra: str, refresh: bool = True, keep_cache: bool = False) -> dict:
        """`ituplans run` on `paths` (cold: the cache emptied first and --refresh; `keep_cache` and
        refresh=False for a warm run served from the previous run's cache)."""
        if not keep_cache:
            shutil.rmtree(self.cache, ignore_errors=True)
        cmd = [str(VENV_BIN / "ituplans"), "run", *map(str, paths), "--out", str(out),
               *(["--refresh"] if refresh else []), *extra]
        res = run_measured(cmd, env=self.env)
        if res["rc"] != 0:
            raise RuntimeError(f"ituplans run failed ({res['rc']}): {res['stderr'][-3000:]}\n{res['stdout'][-2000:]}")
        manifest = json.loads((out / "latest" / "manifest.json").read_text())
        res["flow_timing"] = manifest.get("timing_seconds", {})
        res["row_counts"] = manifest.get("row_counts", {})
        res.pop("stdout")
        res.pop("stderr")
        return res


# ---------------------------------------------------------------------------------------------------------
# Floors


def floor_pdfium(path: Path) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
    finally:
        doc.close()


def floor_plumber_chars(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars
            page.close()


def floor_docx_xml(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                etree.fromstring(z.read(name))


def floor_txt(path: Path) -> None:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        data.decode("cp1252", errors="replace")


def _ours(path: Path) -> None:
    from pipeline.readers import read_document

    read_document(path)


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def floors(samples: Path, pdf_stems: list[str], repeat: int, stems: list[str] = STEMS) -> list[dict]:
    rows = []
    plan = [("txt", "ours: read_document", _ours), ("txt", "floor: read + decode bytes", floor_txt),
            ("docx", "ours: read_document", _ours), ("docx", "floor: unzip + lxml parse of word/*.xml", floor_docx_xml),
            ("pdf", "ours: read_document", _ours), ("pdf", "floor: pdfplumber chars of every page", floor_plumber_chars),
            ("pdf", "floor: pypdfium2 text of every page", floor_pdfium)]
    for fmt, name, fn in plan:
        for stem in (pdf_stems if fmt == "pdf" else stems):
            path = samples / f"{stem}.{fmt}"
            rows.append({"format": fmt, "what": name, "sample": stem, "pages": pdf_pages(stem, samples),
                         "seconds": best_of(lambda: fn(path), min(repeat, 2) if fmt == "pdf" else repeat)})
    return rows


# ---------------------------------------------------------------------------------------------------------
# Dask without Prefect


def _read_extract(path: str) -> dict:
    import time as _t

    from extractors import extract_all
    from pipeline.readers import read_document

    t0 = _t.perf_counter()
    doc = read_document(path)
    ex = extract_all(doc)
    return {"file": path, "rows": sum(len(v) for v in ex.datasets.values()), "seconds": _t.perf_counter() - t0}


def _warm(paths: list[str]) -> None:
    for p in paths:
        _read_extract(p)


def dask_bare(files: list[Path], workers: int) -> dict:
    """read + extract of every file mapped over a dask.distributed LocalCluster (one process per worker)."""
    import psutil
    from dask.distributed import Client, LocalCluster

    me = psutil.Process()
    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=40)
    client = Client(cluster)
    started = time.perf_counter() - t0
    peak = {"tree": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            total = 0
            for p in [me] + me.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            peak["tree"] = max(peak["tree"], total)
            stop.wait(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    try:
        # warm each worker (imports, spaCy model) so the timing is the steady state, as in the bare loop
        kinds = {}
        for f in files:
            kinds.setdefault((stem_of(f), f.suffix), str(f))
        client.run(_warm, list(kinds.values()))
        t1 = time.perf_counter()
        futures = client.map(_read_extract, [str(f) for f in files], pure=False)
        results = client.gather(futures)
        wall = time.perf_counter() - t1
    finally:
        stop.set()
        th.join()
        client.close()
        cluster.close()
    return {"workers": workers, "files": len(files), "wall": wall, "cluster_start": started,
            "task_seconds": sum(r["seconds"] for r in results), "peak_tree_mib": peak["tree"] / 2 ** 20}


# ---------------------------------------------------------------------------------------------------------
# The report


def fmt_num(x, digits=2) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}"


def rate(pages: float, seconds: float) -> str:
    return fmt_num(pages / seconds, 1) if seconds and seconds > 0 else "—"


def table(headers: list[str], rows: list[list], align: str | None = None) -> str:
    align = align or ("l" + "r" * (len(headers) - 1))
    sep = ["---:" if a == "r" else "---" for a in align]
    out = ["| " + " | ".join(headers) + " |", "| " + " | ".join(sep) + " |"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def pct(a, b) -> str:
    return f"{100 * a / b:.1f}%" if b else "—"


def render(R: dict) -> str:
    m = R["machine"]
    L = [f"# Benchmark results{' (quick smoke run)' if R['quick'] else ''}", "",
         f"Produced by `.venv/bin/python bench/run.py{' --quick' if R['quick'] else ''} --copies {R['copies']}` "
         f"on {m['date']} (commit {m.get('commit', '?')}{', with uncommitted changes' if m.get('dirty') else ''}); "
         f"total {R['total_seconds'] / 60:.1f} min. Rerun it to refresh this file; numbers from another machine "
         "are not comparable.", ""]
    # headline
    H = R.get("headline", [])
    if H:
        L += ["## Headline", ""] + [f"- {h}" for h in H] + [""]
    L += ["## Machine", "",
          f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gib']} GiB; {m['platform']}",
          f"- Python {m['python']}; Java: {m['java']}",
          f"- Load average (1, 5, 15 min) at the start: {', '.join(f'{x:.2f}' for x in m.get('load', (0, 0, 0)))}; at the end: "
          f"{', '.join(f'{x:.2f}' for x in R.get('load_end', (0, 0, 0)))}. The machine is shared: anything above "
          f"~0.5 means other work competed for the {m['cores']} cores and the timings are inflated by it.",
          "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()), ""]

    # stages
    L += ["## 1. Stages on the samples", "",
          "Pages are the pages of each sample's PDF rendering (strategic plan 9, operational plan "
          f"{_PAGES.get(STEMS[1], '?')}), for every format, so the formats compare per page of the same document. "
          "read and extract are per file; reconcile and publish run once over the format's files "
          "(reconcile into an empty registry, publish = validate + CSV + Parquet + manifest + changelog into a "
          "temporary folder, `pipeline.publish.publish`). Best of R runs in one warmed-up process.", ""]
    rows = []
    for s in R["stages"]:
        sec = s["seconds"]
        total = sum(sec.values())
        rows.append([s["format"], ", ".join(s["files"]), s["pages"], s["repeat"],
                     *[f"{rate(s['pages'], sec[k])} ({fmt_num(sec[k])} s)" for k in ("read", "extract", "reconcile", "publish")],
                     f"{rate(s['pages'], total)} ({fmt_num(total)} s)"])
    L += [table(["format", "files", "pages", "R", "read p/s", "extract p/s", "reconcile p/s", "publish p/s", "all p/s"],
                rows, "lllrrrrrr"), ""]
    if R.get("memory"):
        L += ["Memory of each stage (one run per format in a fresh subprocess with tracemalloc on): the peak of "
              "Python allocations during the stage (tracemalloc; C allocations of pdfium, lxml, numpy are not "
              "counted) and the process's max RSS at the end of the stage (includes the interpreter, imports and "
              "spaCy's model).", ""]
        rows = []
        for fmt, mem in R["memory"].items():
            if "error" in mem:
                rows.append([fmt, mem["error"], "", "", "", "", "", "", ""])
                continue
            rows.append([fmt, *[fmt_num(mem[k]["traced_peak_mib"], 1) for k in ("read", "extract", "reconcile", "publish")],
                         *[fmt_num(mem[k]["max_rss_mib"], 0) for k in ("read", "extract", "reconcile", "publish")]])
        L += [table(["format", "read peak MiB", "extract peak MiB", "reconcile peak MiB", "publish peak MiB",
                     "RSS after read", "after extract", "after reconcile", "after publish"], rows), ""]
    else:
        L += ["(per-stage memory: skipped in --quick)", ""]

    # floors
    L += ["## 2. The floor: parsing alone", "",
          "How long it takes just to parse each format, next to our reader on the same file (best of R).", ""]
    rows = []
    by = {}
    for f in R["floors"]:
        by.setdefault((f["format"], f["sample"]), {})[f["what"]] = f
    for (fmt, stem), d in by.items():
        ours = d.get("ours: read_document")
        for what, f in d.items():
            ratio = "" if what.startswith("ours") or not ours else f"{ours['seconds'] / f['seconds']:.1f}×"
            rows.append([fmt, stem, what, f["pages"], fmt_num(1000 * f["seconds"] / f["pages"], 1), fmt_num(f["seconds"], 3), ratio])
    L += [table(["format", "sample", "what", "pages", "ms/page", "seconds", "ours ÷ this"], rows, "lllrrrr"), ""]

    # comparators
    L += ["## 3. Raw tables against the gold: our reader, camelot, tabula-py, pdfplumber", "",
          "Each tool returns the tables it finds in the sample PDFs with its default settings; the cell-level "
          "check is `bench/accuracy.py` (its docstring has the exact rules): a gold work-month cell (output, "
          "unit, period, value) is found when that value sits in a table cell whose row label is the unit, whose "
          "nearest period header above in the same column is the period, and whose table names the output above "
          "it; *loose* drops the output condition. A gold matrix link (output, objective) is found when an `x` "
          "sits in the row labelled with the output under the `Objective N` header. Labels compare after "
          "whitespace, hyphen and case folding. Gold: "
          f"{R['gold_counts']}. Time excludes each tool's warm-up (imports, JVM start: the warm-up column, run "
          "on the strategic plan; for tabula the whole file, since the JVM's JIT keeps speeding it up).", ""]
    rows = []
    for c in R["compare"]:
        if "error" in c:
            rows.append([c["tool"], c["format"], c["sample"], c["pages"], "", "", "", f"**not run**: {c['error']}", "", ""])
            continue
        wm = f"{c['wm_found']}/{c['wm_gold']} ({pct(c['wm_found'], c['wm_gold'])})" if c["wm_gold"] else "—"
        wml = f"{c['wm_loose']}/{c['wm_gold']}" if c["wm_gold"] else "—"
        ln = f"{c['links_found']}/{c['links_gold']} ({pct(c['links_found'], c['links_gold'])})" if c["links_gold"] else "—"
        rows.append([c["tool"], c["format"], c["sample"], c["pages"], fmt_num(1000 * c["seconds"] / c["pages"], 1),
                     fmt_num(c["warm_up_s"], 1), c["tables"], wm, wml, ln])
    L += [table(["tool", "format", "sample", "pages", "ms/page", "warm-up s", "tables", "work-month cells",
                 "loose", "matrix links"], rows, "llllrrrrrr"), ""]
    tot = R.get("compare_totals", {})
    if tot:
        rows = []
        for tool, t in tot.items():
            rows.append([tool, fmt_num(t["ms_per_page"], 1), f"{t['wm_found']}/{t['wm_gold']} ({pct(t['wm_found'], t['wm_gold'])})",
                         f"{t['links_found']}/{t['links_gold']} ({pct(t['links_found'], t['links_gold'])})",
                         f"{t['all_found']}/{t['all_gold']} ({pct(t['all_found'], t['all_gold'])})"])
        L += ["Totals over the PDF samples:", "",
              table(["tool", "ms/page", "work-month cells", "matrix links", "all gold cells"], rows), ""]
    L += [f"Legend: {'; '.join(f'`{k}` = {v}' for k, v in accuracy.LABELS.items())}.", ""]
    if R.get("compare_notes"):
        L += [f"- {n}" for n in R["compare_notes"]] + [""]

    # end to end
    e = R["e2e"]
    L += ["## 4. End to end on the samples: with and without Prefect", "",
          f"Files: {', '.join(e['files'])} ({e['pages']} pages). Both are subprocesses started from scratch, "
          "so both pay interpreter start-up and imports. *Without Prefect*: `bench/run.py --_bare` runs "
          "read -> extract per file, then reconcile -> publish (the library functions the flow's tasks call). "
          "*With Prefect*: `ituplans run FILES --out TMP --refresh` (threads task runner, Prefect's ephemeral API "
          f"on a migrated temporary PREFECT_HOME; migrating it took {fmt_num(e.get('migrate_seconds'), 1)} s, not "
          "counted). Peak RSS is the sum over the process tree (the ephemeral API server included), sampled every "
          "0.1 s.", ""]
    rows = [["without Prefect (bare loop)", fmt_num(e["bare"]["wall"]), fmt_num(e["bare"]["inner"]),
             rate(e["pages"], e["bare"]["wall"]), fmt_num(e["bare"]["peak_tree_mib"], 0), fmt_num(e["bare"]["peak_single_mib"], 0)]]
    if "prefect" in e:
        ft = e["prefect"]["flow_timing"]
        inner = ft.get("total_before_publish", 0) + ft.get("publish_write", 0)
        rows.append(["with Prefect (`ituplans run`, threads)", fmt_num(e["prefect"]["wall"]), fmt_num(inner),
                     rate(e["pages"], e["prefect"]["wall"]), fmt_num(e["prefect"]["peak_tree_mib"], 0),
                     fmt_num(e["prefect"]["peak_single_mib"], 0)])
    L += [table(["run", "wall s", "work s (inside)", "pages/s (wall)", "peak RSS tree MiB", "largest process MiB"], rows), ""]
    if "prefect" in e:
        L += [f"Flow timing from the manifest: {json.dumps({k: round(v, 2) for k, v in e['prefect']['flow_timing'].items()})}.", ""]
    if e.get("per_format"):
        rows = []
        for r in e["per_format"]:
            if "error" in r:
                rows.append([r["format"], r["pages"], "**failed**", r["error"][:200], "", "", "", "", ""])
                continue
            b, p = r["bare"], r["prefect"]
            rows.append([r["format"], r["pages"], fmt_num(b["wall"]), fmt_num(p["wall"]), f"{p['wall'] / b['wall']:.2f}×",
                         rate(r["pages"], b["wall"]), rate(r["pages"], p["wall"]), fmt_num(b["peak_tree_mib"], 0),
                         fmt_num(p["peak_tree_mib"], 0)])
        L += ["The same, per format (each format's two samples alone, each run a subprocess from scratch):", "",
              table(["format", "pages", "bare wall s", "Prefect wall s", "Prefect ÷ bare", "bare pages/s",
                     "Prefect pages/s", "bare peak RSS MiB", "Prefect peak RSS MiB"], rows), ""]
    if e.get("note"):
        L += [e["note"], ""]

    # scale
    s = R.get("scale")
    if s:
        L += [f"## 5. Scale: {s['n']} documents", "",
              f"{s['n']} copies of the .txt and .docx samples ({s['per_format']}), each with different bytes (a "
              "paragraph appended to the .txt, `cp:revision` changed in the .docx core properties) and its own "
              f"name; {s['pages']} pages in all. PDFs are left out of the batch: at ~{s.get('pdf_ms_per_page', '?')} "
              "ms/page (section 1) 200 PDF copies would take about "
              f"{s.get('pdf_batch_estimate_min', '?')} min per run, and their per-page rate does not change with "
              "the batch size; section 1 has it.", ""]
        b = s["bare"]["result"] if "bare" in s else None
        rows = []
        for fmt in ("txt", "docx") if b else ():
            fs = [f for f in b["files"] if f["format"] == fmt and "read" in f]
            if not fs:
                continue
            pages = sum(f["pages"] for f in fs)
            rd = sum(f["read"] for f in fs)
            exs = sum(f["extract"] for f in fs)
            rows.append([fmt, len(fs), pages, f"{rate(pages, rd)} ({fmt_num(rd, 1)} s)", f"{rate(pages, exs)} ({fmt_num(exs, 1)} s)"])
        if b:
            L += ["Bare loop (one process, no Prefect), read and extract per format; reconcile and publish over the "
                  "whole batch:", "",
                  table(["format", "files", "pages", "read p/s", "extract p/s"], rows), "",
                  f"reconcile: {rate(s['pages'], b['reconcile'])} pages/s ({fmt_num(b['reconcile'], 1)} s for "
                  f"{s['n']} documents, {fmt_num(b['reconcile'] / s['n'], 2)} s/document); publish: "
                  f"{rate(s['pages'], b['publish'])} pages/s ({fmt_num(b['publish'], 1)} s, "
                  f"{sum(v for v in b['row_counts'].values()):,} rows in all datasets). Max RSS of the bare process: "
                  f"{fmt_num(b['max_rss_mib'], 0)} MiB.", ""]
            rows = [["bare loop, no Prefect (1 process)", fmt_num(s["bare"]["wall"], 1), "", "",
                     rate(s["pages"], s["bare"]["wall"]), "", fmt_num(s["bare"]["peak_tree_mib"], 0),
                     fmt_num(s["bare"]["peak_single_mib"], 0)]]
        else:
            rows = []
        base = None
        for key, label in (("threads", "`ituplans run` (Prefect, threads)"),
                           ("dask1", "`ituplans run --task-runner dask --workers 1`"),
                           ("dask2", "`ituplans run --task-runner dask --workers 2`")):
            r = s.get(key)
            if not r:
                continue
            if "error" in r:
                rows.append([label, "**failed**", r["error"][:200], "", "", "", "", ""])
                continue
            ft = r["flow_timing"]
            if key == "dask1":
                base = r["wall"]
            speed = f"{base / r['wall']:.2f}×" if key == "dask2" and base else ""
            rows.append([label, fmt_num(r["wall"], 1), fmt_num(ft.get("documents"), 1), fmt_num(ft.get("reconcile"), 1),
                         rate(s["pages"], r["wall"]), speed, fmt_num(r["peak_tree_mib"], 0), fmt_num(r["peak_single_mib"], 0)])
        if rows:
            L += ["End to end over the batch (each a subprocess started from scratch, cold cache):", "",
              table(["run", "wall s", "documents s", "reconcile s", "pages/s", "speed-up", "peak RSS tree MiB",
                     "largest process MiB"], rows), "",
              "*documents s* is the flow's read -> extract -> validate phase over all documents (the part the task "
              "runner parallelizes; with Dask one `document` task run per file does the three stages); *reconcile "
              "s* runs once over the batch in the flow process. The speed-up is of the wall time; the headline also "
              "gives it for the documents phase.", ""]
        db = s.get("dask_bare")
        if db:
            rows = []
            one = next((d for d in db if d.get("workers") == 1 and "wall" in d), None)
            for d in db:
                if "error" in d:
                    rows.append([d.get("workers"), "**failed**", d["error"][:200], "", "", ""])
                    continue
                sp = f"{one['wall'] / d['wall']:.2f}×" if one else ""
                rows.append([d["workers"], d["files"], fmt_num(d["wall"], 1), rate(s["pages"] * d["files"] / s["n"], d["wall"]),
                             sp, fmt_num(d["cluster_start"], 1), fmt_num(d["peak_tree_mib"], 0)])
            L += ["read + extract only, `client.map` over a dask.distributed `LocalCluster` (one process per worker, "
                  "one thread each, workers warmed up first; no Prefect, no reconcile/publish):", "",
                  table(["workers", "files", "wall s", "pages/s", "speed-up", "cluster start s", "peak RSS tree MiB"], rows), ""]
    else:
        L += ["## 5. Scale", "", "(skipped)", ""]
    if R.get("notes"):
        L += ["## Notes", ""] + [f"- {n}" for n in R["notes"]] + [""]
    return "\n".join(L)


def headline(R: dict) -> list[str]:
    out = []
    tot = R.get("compare_totals", {})
    if "ours" in tot:
        o = tot["ours"]
        for tool, t in tot.items():
            if tool.startswith("ours"):
                continue
            out.append(f"our PDF reader vs {tool}: {pct(o['all_found'], o['all_gold'])} vs "
                       f"{pct(t['all_found'], t['all_gold'])} of the gold cells found in the raw tables; "
                       f"{o['ms_per_page']:.0f} vs {t['ms_per_page']:.0f} ms/page "
                       + (f"(ours is {t['ms_per_page'] / o['ms_per_page']:.1f}× faster)" if t["ms_per_page"] >= o["ms_per_page"]
                          else f"(ours is {o['ms_per_page'] / t['ms_per_page']:.1f}× slower)"))
        others = [f"{tool[6:-1]} {t['all_found']}/{t['all_gold']}, {t['ms_per_page']:.1f} ms/page"
                  for tool, t in tot.items() if tool.startswith("ours (")]
        if others:
            out.append(f"our other readers on the same documents' tables: {'; '.join(others)}")
    fl = {(f["format"], f["what"]): 0.0 for f in R.get("floors", [])}
    for f in R.get("floors", []):
        fl[(f["format"], f["what"])] += f["seconds"]
    for fmt, floor_name in (("pdf", "floor: pdfplumber chars of every page"), ("pdf", "floor: pypdfium2 text of every page"),
                            ("docx", "floor: unzip + lxml parse of word/*.xml")):
        if (fmt, floor_name) in fl and (fmt, "ours: read_document") in fl:
            out.append(f"{fmt} reader ÷ {floor_name.split(': ', 1)[1]}: "
                       f"{fl[(fmt, 'ours: read_document')] / fl[(fmt, floor_name)]:.1f}×")
    e = R.get("e2e", {})
    if "prefect" in e:
        out.append(f"Prefect overhead on the samples: `ituplans run` {e['prefect']['wall']:.1f} s vs bare loop "
                   f"{e['bare']['wall']:.1f} s ({e['prefect']['wall'] / e['bare']['wall']:.2f}×, "
                   f"+{e['prefect']['wall'] - e['bare']['wall']:.1f} s); peak RSS {e['prefect']['peak_tree_mib']:.0f} vs "
                   f"{e['bare']['peak_tree_mib']:.0f} MiB")
    s = R.get("scale") or {}
    if s.get("bare") and "result" in s["bare"]:
        b = s["bare"]["result"]
        re_ = sum(f.get("read", 0) + f.get("extract", 0) for f in b["files"])
        out.append(f"at {s['n']} documents without Prefect: {s['bare']['wall']:.0f} s, of which reconcile "
                   f"{b['reconcile']:.0f} s ({100 * b['reconcile'] / s['bare']['wall']:.0f}%, "
                   f"{b['reconcile'] / s['n']:.2f} s/document, serial), read + extract {re_:.0f} s, publish "
                   f"{b['publish']:.0f} s")
    pf = [r for r in R.get("e2e", {}).get("per_format", []) if "prefect" in r]
    if pf:
        out.append("`ituplans run` ÷ bare loop per format on the samples: " + ", ".join(
            f"{r['format']} {r['prefect']['wall']:.1f} / {r['bare']['wall']:.1f} s ({r['prefect']['wall'] / r['bare']['wall']:.2f}×)"
            for r in pf))
    if s.get("threads") and "wall" in s["threads"]:
        out.append(f"Prefect overhead at {s['n']} documents: threads run {s['threads']['wall']:.0f} s vs bare loop "
                   f"{s['bare']['wall']:.0f} s ({s['threads']['wall'] / s['bare']['wall']:.2f}×)")
    if s.get("dask1") and s.get("dask2") and "wall" in s["dask1"] and "wall" in s["dask2"]:
        d1, d2 = s["dask1"], s["dask2"]
        out.append(f"Dask (flow) 2 workers vs 1 at {s['n']} documents: {d1['wall']:.0f} s -> {d2['wall']:.0f} s "
                   f"({d1['wall'] / d2['wall']:.2f}× end to end; documents phase "
                   f"{d1['flow_timing'].get('documents', 0):.0f} s -> {d2['flow_timing'].get('documents', 0):.0f} s, "
                   f"{d1['flow_timing'].get('documents', 0) / max(d2['flow_timing'].get('documents', 1e-9), 1e-9):.2f}×); "
                   f"peak RSS {d1['peak_tree_mib']:.0f} -> {d2['peak_tree_mib']:.0f} MiB")
    if s.get("threads") and s.get("dask2") and "wall" in s["threads"] and "wall" in s["dask2"]:
        t, d2 = s["threads"], s["dask2"]
        out.append(f"at {s['n']} documents, Dask with 2 workers vs the threads runner: {d2['wall']:.0f} s vs "
                   f"{t['wall']:.0f} s end to end ({t['wall'] / d2['wall']:.2f}×); peak RSS {d2['peak_tree_mib']:.0f} "
                   f"vs {t['peak_tree_mib']:.0f} MiB")
    db = [d for d in s.get("dask_bare", []) if "wall" in d]
    if db and s.get("dask1") and "wall" in s["dask1"] and db[0]["workers"] == 1:
        out.append(f"read + extract of the {s['n']} documents on 1 Dask worker: {db[0]['wall']:.0f} s with "
                   f"client.map, {s['dask1']['flow_timing'].get('documents', 0):.0f} s as the flow's documents phase "
                   f"(one `document` task run per file: read -> extract -> validate)")
    if len(db) == 2:
        out.append(f"Dask without Prefect (read + extract, client.map): 2 workers {db[0]['wall'] / db[1]['wall']:.2f}× "
                   f"faster than 1 ({db[0]['wall']:.1f} s -> {db[1]['wall']:.1f} s)")
    return out


# ---------------------------------------------------------------------------------------------------------
# Main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run, < 60 s")
    ap.add_argument("--copies", type=int, default=None, help="documents in the scale batch (default 200; 4 with --quick)")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--results", type=Path, default=None, help="where to write the markdown (default bench/RESULTS.md, "
                    "or bench/out/RESULTS-quick.md with --quick)")
    ap.add_argument("--tools", default=",".join(accuracy.TOOLS), help="raw-table tools to compare")
    ap.add_argument("--no-scale-threads", dest="scale_threads", action="store_false", help="skip `ituplans run` "
                    "with the threads runner on the scale batch (the default runner, next to Dask; ~2 min at 200)")
    ap.add_argument("--_bare", nargs=2, metavar=("FILES_JSON", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--_memory", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--render-only", type=Path, metavar="JSON", help="rewrite the markdown from a saved "
                    "bench/out/results*.json without running anything")
    args = ap.parse_args(argv)
    samples = args.samples.resolve()

    if args.render_only:
        R = json.loads(args.render_only.read_text())
        for s in STEMS:
            pdf_pages(s, samples)
        R["headline"] = headline(R)
        out = args.results or (BENCH / "out" / "RESULTS-quick.md" if R["quick"] else BENCH / "RESULTS.md")
        out.write_text(render(R))
        print(f"wrote {out}")
        return 0

    if args._bare:  # subprocess mode: the bare pipeline over a list of files, JSON on the last line
        files = [Path(p) for p in json.loads(Path(args._bare[0]).read_text())]
        t0 = time.perf_counter()
        res = bare_pipeline(files, Path(args._bare[1]), pages_of=lambda p: pdf_pages(stem_of(p), samples),
                            memory=args._memory)
        res["inner"] = time.perf_counter() - t0
        print(json.dumps(res))
        return 0

    quick = args.quick
    copies = args.copies if args.copies is not None else (4 if quick else 200)
    results_path = args.results or (BENCH / "out" / "RESULTS-quick.md" if quick else BENCH / "RESULTS.md")
    repeat = 1 if quick else 3
    pdf_stems = STEMS[:1] if quick else STEMS
    tools = [t for t in args.tools.split(",") if t]
    started = time.perf_counter()
    R: dict = {"quick": quick, "copies": copies, "notes": []}
    work = Path(tempfile.mkdtemp(prefix="ituplans-bench-"))
    try:
        log("machine")
        R["machine"] = machine()
        for s in STEMS:
            pdf_pages(s, samples)

        # warm up: imports, spaCy's model, regex compilation
        log("warm-up")
        bare_pipeline([samples / f"{STEMS[0]}.txt"], work / "warm")

        log("stages on the samples")
        R["stages"] = []
        for fmt in FORMATS:
            stems = STEMS[:1] if quick else STEMS
            R["stages"].append(stage_times(samples, fmt, stems, repeat if fmt != "pdf" else max(1, repeat - 1)))
            log(f"  {fmt}: {R['stages'][-1]['seconds']}")

        R["memory"] = {}
        if not quick:
            log("memory per stage (subprocess per format)")
            for fmt in FORMATS:
                files = [samples / f"{s}.{fmt}" for s in (pdf_stems if fmt == "pdf" else STEMS)]
                try:
                    res = bare_subprocess(files, work / f"mem-{fmt}", samples, memory=True)
                    R["memory"][fmt] = res["result"]["memory"]
                except Exception as exc:
                    R["memory"][fmt] = {"error": str(exc)[:300]}

        log("floors")
        R["floors"] = floors(samples, pdf_stems, repeat, STEMS[:1] if quick else STEMS)

        log("raw tables vs gold")
        gw = sum(sum(accuracy.gold_cells(s)[0].values()) for s in pdf_stems)
        gl = sum(sum(accuracy.gold_cells(s)[1].values()) for s in pdf_stems)
        R["gold_counts"] = f"{gw} work-month cells, {gl} matrix links"
        R["compare"] = []
        for tool in tools:
            log(f"  {tool}")
            R["compare"] += accuracy.compare(samples, pdf_stems, [tool], full_warm_up=not quick)
        if not quick:  # our other readers on the same question, for reference
            for ext in ("docx", "txt"):
                for row in accuracy.compare(samples, pdf_stems, ["ours"], ext=ext):
                    row["tool"] = f"ours ({ext})"
                    R["compare"].append(row)
        totals = {}
        for c in R["compare"]:
            if "error" in c:
                continue
            t = totals.setdefault(c["tool"], {"seconds": 0.0, "pages": 0, "wm_found": 0, "wm_gold": 0,
                                              "links_found": 0, "links_gold": 0})
            for k in ("seconds", "pages", "wm_found", "wm_gold", "links_found", "links_gold"):
                t[k] += c[k]
        for t in totals.values():
            t["ms_per_page"] = 1000 * t["seconds"] / t["pages"]
            t["all_found"] = t["wm_found"] + t["links_found"]
            t["all_gold"] = t["wm_gold"] + t["links_gold"]
        R["compare_totals"] = {k: v for k, v in totals.items() if not k.startswith("ours (")}
        R["compare_totals"].update({k: v for k, v in totals.items() if k.startswith("ours (")})

        log("end to end on the samples")
        if quick:  # the smallest run that still goes through every stage
            e2e_files = [samples / f"{s}.txt" for s in STEMS]
        else:
            e2e_files = [samples / f"{s}.{fmt}" for fmt in FORMATS for s in STEMS]
        e = {"files": [f.name for f in e2e_files],
             "pages": sum(pdf_pages(stem_of(f), samples) for f in e2e_files)}
        res = bare_subprocess(e2e_files, work / "e2e-bare", samples)
        e["bare"] = {k: res[k] for k in ("wall", "peak_tree_mib", "peak_single_mib")}
        e["bare"]["inner"] = res["result"]["inner"]
        penv = None
        try:
            # --quick uses the project's own .prefect (migrated by `make setup`) to save the migration
            penv = PrefectEnv(work, home=ROOT / ".prefect" if quick else None)
            e["migrate_seconds"] = penv.migrate_seconds
            e["prefect"] = penv.run(e2e_files, work / "e2e-prefect")
        except Exception as exc:
            e["note"] = f"`ituplans run` could not be benchmarked: {str(exc)[:500]}"
        if not quick and penv is not None:
            e["per_format"] = []
            for fmt in FORMATS:  # the same comparison on each format's two samples alone
                files = [samples / f"{s}.{fmt}" for s in STEMS]
                log(f"  {fmt} alone")
                row = {"format": fmt, "pages": sum(pdf_pages(s, samples) for s in STEMS)}
                try:
                    res = bare_subprocess(files, work / f"e2e-bare-{fmt}", samples)
                    row["bare"] = {k: res[k] for k in ("wall", "peak_tree_mib")}
                    res = penv.run(files, work / f"e2e-prefect-{fmt}")
                    row["prefect"] = {k: res[k] for k in ("wall", "peak_tree_mib")}
                except Exception as exc:
                    row["error"] = str(exc)[:500]
                e["per_format"].append(row)
        R["e2e"] = e

        log(f"scale: {copies} documents")
        batch = make_copies(samples, work / "batch", copies)
        per_format = {}
        for f in batch:
            per_format[f.suffix] = per_format.get(f.suffix, 0) + 1
        pdf_stage = next(x for x in R["stages"] if x["format"] == "pdf")
        pdf_mspp = 1000 * sum(pdf_stage["seconds"].values()) / pdf_stage["pages"]
        avg_pages = sum(pdf_pages(s, samples) for s in STEMS) / len(STEMS)
        s = {"n": copies, "per_format": ", ".join(f"{v} {k}" for k, v in per_format.items()),
             "pages": sum(pdf_pages(stem_of(f), samples) for f in batch),
             "pdf_ms_per_page": f"{pdf_mspp:.0f}", "pdf_batch_estimate_min": f"{200 * avg_pages * pdf_mspp / 60000:.0f}"}
        if not quick:
            log("  bare loop")
            s["bare"] = bare_subprocess(batch, work / "scale-bare", samples)
            s["bare"].pop("stdout", None)
            s["bare"].pop("stderr", None)
        if not quick and penv is not None:
            runs = [("dask1", ("--task-runner", "dask", "--workers", "1")),
                    ("dask2", ("--task-runner", "dask", "--workers", "2"))]
            if args.scale_threads:
                runs.insert(0, ("threads", ()))
            for key, extra in runs:
                log(f"  ituplans run {' '.join(extra) or '(threads)'}")
                try:
                    s[key] = penv.run([work / "batch"], work / f"scale-{key}", *extra)
                except Exception as exc:
                    s[key] = {"error": str(exc)[:1500]}
        elif quick:
            R["notes"].append("--quick: no bare loop and no `ituplans run` at scale (each Prefect run pays ~10-20 s "
                              "of ephemeral API start-up); the Dask path is exercised with client.map only, on "
                              "too few documents for its speed-up to mean anything. The Prefect run in section 4 "
                              "used the project's .prefect/ (already migrated).")
        s["dask_bare"] = []
        for workers in (2,) if quick else (1, 2):
            log(f"  dask LocalCluster, {workers} worker(s)")
            try:
                s["dask_bare"].append(dask_bare(batch, workers))
            except Exception as exc:
                s["dask_bare"].append({"workers": workers, "error": f"{type(exc).__name__}: {exc}"[:500]})
        R["scale"] = s
    finally:
        shutil.rmtree(work, ignore_errors=True)

    R["total_seconds"] = time.perf_counter() - started
    R["load_end"] = os.getloadavg()
    (BENCH / "out").mkdir(exist_ok=True)
    raw = BENCH / "out" / ("results-quick.json" if quick else "results.json")
    raw.write_text(json.dumps(R, indent=1, default=str))  # first: `--render-only` can redo the markdown from it
    R["headline"] = headline(R)
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(render(R))
    log(f"wrote {results_path} in {R['total_seconds']:.0f} s")
    for h in R["headline"]:
        print("  - " + h)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
