"""LibreOffice renderings of built test documents: every .docx converted once to PDF and to legacy .doc, two
soffice processes at a time, each with its own profile (used by the unseen-document and family-document tests)."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

RENDERED = ["pdf", "doc"]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx: list[Path], out_dir: Path, formats: list[str] = RENDERED) -> dict[tuple[str, str], Path]:
    """{(stem, format): path} for every .docx in every format, made under `out_dir/<format>/`."""
    program = soffice()
    assert program, "LibreOffice (soffice) is needed to make the PDF and .doc renderings"
    out_dir = Path(out_dir)
    halves = [docx[::2], docx[1::2]]
    jobs = [(fmt, k, half) for fmt in formats for k, half in enumerate(halves) if half]

    def run(job) -> None:
        fmt, k, files = job
        profile = (out_dir / f"profile-{fmt}-{k}").as_uri()
        subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                        "--convert-to", fmt, "--outdir", str(out_dir / fmt), *map(str, files)],
                       check=True, timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, jobs))
    paths = {(p.stem, fmt): out_dir / fmt / f"{p.stem}.{fmt}" for p in docx for fmt in formats}
    missing = [p for p in paths.values() if not p.exists()]
    assert not missing, f"LibreOffice made no {missing}"
    return paths
