"""Seconds per page for each reader on the samples, next to the floor of what PDF parsing costs.

    .venv/bin/python bench/readers.py [--repeat N] [--samples DIR]

Rows:
  text, docx, pdf           the project's readers (pipeline.readers.<fmt>.read), whole document
  floor: pypdfium2 text     pypdfium2 plain-text extraction of every page (C library: the fastest possible read)
  floor: pdfplumber chars   pdfplumber/pdfminer parsing every page's characters, nothing else
  pdfplumber page pass      chars + words + ruled-table finding per page: what pdf.read does per page before layout

"Pages" is the page count of the sample's PDF for every row, so the rows compare per page of the same document.
Each figure is the best of N runs (default 3).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.accuracy import STEMS, page_count  # noqa: E402
from bench.floors import pdfium_text, plumber_chars  # noqa: E402
from bench.measure import best_of  # noqa: E402


def _reader(fmt: str):
    import importlib

    return importlib.import_module(f"pipeline.readers.{fmt}").read


def _plumber_page_pass(path: Path) -> None:
    import pdfplumber
    from pdfplumber.table import TableFinder

    from pipeline.readers.pdf import TABLE_SETTINGS, WORD_ATTRS

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words(extra_attrs=WORD_ATTRS)
            TableFinder(page, TABLE_SETTINGS)
            page.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    args = ap.parse_args(argv)

    rows: list[tuple[str, str, int, float]] = []
    for stem in STEMS:
        pdf_path = args.samples / f"{stem}.pdf"
        if not pdf_path.exists():
            print(f"skipping {stem}: {pdf_path} is missing (run scripts/render_samples.py)")
            continue
        pages = page_count(pdf_path)
        for fmt, ext in (("text", "txt"), ("docx", "docx"), ("pdf", "pdf")):
            path = args.samples / f"{stem}.{ext}"
            if not path.exists():
                continue
            try:
                read = _reader(fmt)
            except ImportError as exc:
                print(f"skipping the {fmt} reader: {exc}")
                continue
            rows.append((fmt, stem, pages, best_of(lambda: read(path), args.repeat)))
        rows.append(("floor: pypdfium2 text", stem, pages, best_of(lambda: pdfium_text(pdf_path), args.repeat)))
        rows.append(("floor: pdfplumber chars", stem, pages, best_of(lambda: plumber_chars(pdf_path), args.repeat)))
        rows.append(("pdfplumber page pass", stem, pages, best_of(lambda: _plumber_page_pass(pdf_path), args.repeat)))

    width = max((len(r[0]) for r in rows), default=10)
    print(f"{'reader':<{width}}  {'sample':<30} {'pages':>5} {'seconds':>8} {'ms/page':>8}")
    for name, stem, pages, secs in rows:
        print(f"{name:<{width}}  {stem:<30} {pages:>5} {secs:>8.3f} {1000 * secs / pages:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
