"""What the benchmark runs on: the samples, the page count of their PDF renderings, and copies with distinct bytes.

Every format is measured per page of the same document: the pages of a sample's PDF rendering, also for its
.txt and .docx (`pdf_pages`).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from bench import accuracy

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
STEMS = accuracy.STEMS
FORMATS = ("txt", "docx", "pdf")

_PAGES: dict[str, int] = {}


def pdf_pages(stem: str, samples: Path) -> int:
    """Pages of the sample's PDF rendering (counted once per process)."""
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


def pages_of(path: Path, samples: Path) -> int:
    return pdf_pages(stem_of(path), samples)


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
