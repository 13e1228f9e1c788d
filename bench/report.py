"""The report writer: the results dict -> bench/RESULTS.md.

The title, the headline (each section's `headline(R)`, in the order a reader wants them), the machine, the
sections in the report's order (each `render(R, n)`; a section with nothing to say takes no number) and the
notes. The helpers below format the numbers and tables the sections render.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench import machine
from bench.inputs import STEMS, pdf_pages


def fmt_num(x, digits=2) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}"


def rate(pages: float, seconds: float) -> str:
    """Pages per second, or — when nothing was timed."""
    return fmt_num(pages / seconds, 1) if seconds and seconds > 0 else "—"


def pct(a, b) -> str:
    return f"{100 * a / b:.1f}%" if b else "—"


def table(headers: list[str], rows: list[list], align: str | None = None) -> str:
    """A markdown table; `align` has one letter per column, l or r (default: the first left, the rest right)."""
    align = align or ("l" + "r" * (len(headers) - 1))
    sep = ["---:" if a == "r" else "---" for a in align]
    out = ["| " + " | ".join(headers) + " |", "| " + " | ".join(sep) + " |"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def headline(R: dict, sections) -> list[str]:
    return [line for section in sections for line in section.headline(R)]


def render(R: dict, sections) -> str:
    m = R["machine"]
    L = [f"# Benchmark results{' (quick smoke run)' if R['quick'] else ''}", "",
         f"Produced by `.venv/bin/python bench/run.py{' --quick' if R['quick'] else ''} --copies {R['copies']}` "
         f"on {m['date']} (commit {m.get('commit', '?')}{', with uncommitted changes' if m.get('dirty') else ''}); "
         f"total {R['total_seconds'] / 60:.1f} min. Rerun it to refresh this file; numbers from another machine "
         "are not comparable.", ""]
    if R.get("headline"):
        L += ["## Headline", ""] + [f"- {h}" for h in R["headline"]] + [""]
    L += machine.render(R)
    n = 0
    for section in sections:
        part = section.render(R, n + 1)
        if part:
            n += 1
            L += part
    if R.get("notes"):
        L += ["## Notes", ""] + [f"- {n}" for n in R["notes"]] + [""]
    return "\n".join(L)


def write(R: dict, raw: Path, results: Path, sections, headline_sections) -> None:
    """The JSON first (`rewrite` can redo the markdown from it), then the markdown."""
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(json.dumps(R, indent=1, default=str))
    R["headline"] = headline(R, headline_sections)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(render(R, sections))


def rewrite(R: dict, results: Path, samples: Path, sections, headline_sections) -> None:
    """The markdown again from saved results (`run.py --render-only`)."""
    R.setdefault("pages", {s: pdf_pages(s, samples) for s in STEMS})  # results saved before they were kept
    R["headline"] = headline(R, headline_sections)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(render(R, sections))
