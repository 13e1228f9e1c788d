"""What ran the benchmark: CPU, cores, RAM, Python, Java, package versions, date, git commit, load."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
from pathlib import Path

from bench.inputs import ROOT

PACKAGES = ["pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "lxml", "spacy", "rapidfuzz", "pandas",
            "pyarrow", "numpy", "pandera", "prefect", "prefect-dask", "dask", "distributed", "psutil",
            "camelot-py", "opencv-python-headless", "playa-pdf", "pypdf", "tabula-py", "jpype1"]


def describe() -> dict:
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


def render(R: dict) -> list[str]:
    m = R["machine"]
    return ["## Machine", "",
            f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gib']} GiB; {m['platform']}",
            f"- Python {m['python']}; Java: {m['java']}",
            f"- Load average (1, 5, 15 min) at the start: {', '.join(f'{x:.2f}' for x in m.get('load', (0, 0, 0)))}; "
            f"at the end: {', '.join(f'{x:.2f}' for x in R.get('load_end', (0, 0, 0)))}. The machine is shared: "
            f"anything above ~0.5 means other work competed for the {m['cores']} cores and the timings are "
            "inflated by it.",
            "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()), ""]
