"""What a run reports: a line per document as it finishes (progress listeners), the run's summary, and its
markdown artifact in Prefect (documents, rows per dataset, F1 against gold and the columns that differ from it
where gold exists (computed once by pipeline/gold_scores.py), skipped tables with their reasons, failures)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from pipeline.gold_scores import GoldScores
from pipeline.records import Dataset, ErrorItem, Status
from pipeline.steps import DocumentResult


@dataclass
class DocSummary:
    path: str
    source_file: str
    status: str
    format: str
    rows: dict[str, int]
    errors: list[str]
    cached: list[str]
    seconds: float
    tables_used: int = 0  # tables an extractor took records from
    tables_total: int = 0  # tables in the document (the others are none of the kinds: skipped)
    skipped_tables: list = field(default_factory=list)  # pipeline.records.TableRow of each table no extractor read


@dataclass
class RunSummary:
    run_id: str | None
    version_dir: str | None
    latest_switched: bool
    documents: list[DocSummary]
    row_counts: dict[str, int]
    errors: list[ErrorItem]
    changes: dict[str, dict[str, int]]
    seconds: float
    discovery_errors: list[ErrorItem] = field(default_factory=list)
    gold: GoldScores = field(default_factory=GoldScores)  # the version against gold (pipeline/gold_scores.py)

    @property
    def all_failed(self) -> bool:
        """True when no document made it (including: nothing to process)."""
        return not any(d.status != Status.FAILED.value for d in self.documents)


def doc_summary(result: DocumentResult) -> DocSummary:
    ex = result.extraction
    return DocSummary(result.path, result.source_file, result.status, result.format, result.rows(),
                      [f"{e.stage}: {e.reason}" for e in result.errors], list(result.cached),
                      round(sum(result.seconds.values()), 3),
                      len(ex.tables_used) if ex is not None else 0,
                      ex.tables_total if ex is not None else result.tables,
                      ex.skipped_tables if ex is not None else [])


# ---------------------------------------------------------------------------------------------------------
# Progress hooks (the CLI prints a line per document; the flow body calls `emit`, so they work with any runner)

_PROGRESS: list[Callable[[DocSummary], None]] = []


def add_progress_listener(fn: Callable[[DocSummary], None]) -> None:
    _PROGRESS.append(fn)


def remove_progress_listener(fn: Callable[[DocSummary], None]) -> None:
    if fn in _PROGRESS:
        _PROGRESS.remove(fn)


def emit(summary: DocSummary) -> None:
    for fn in list(_PROGRESS):
        try:
            fn(summary)
        except Exception:  # a broken listener must not break the run
            pass


# ---------------------------------------------------------------------------------------------------------
# The run's artifact


def artifact_markdown(summary: RunSummary) -> str:
    lines = [f"# process-documents {summary.run_id or ''}".rstrip(), ""]
    if summary.version_dir:
        switched = "and `latest` points at it" if summary.latest_switched else "(`latest` NOT switched: every document failed)"
        lines += [f"Published `{summary.version_dir}` {switched}.", ""]
    lines += ["## Documents", "", "| file | status | format | rows | tables used | tables skipped | cached | errors |",
              "|---|---|---|---:|---:|---:|---|---|"]
    for d in summary.documents:
        rows = sum(v for k, v in d.rows.items() if k != Dataset.DOCUMENTS.value)
        errs = "; ".join(d.errors).replace("|", "\\|")
        lines.append(f"| {d.source_file} | {d.status} | {d.format} | {rows} | {d.tables_used} | "
                     f"{d.tables_total - d.tables_used} | {', '.join(d.cached)} | {errs} |")
    lines += ["", "## Rows per dataset", "", "| dataset | rows | added | removed | changed |", "|---|---:|---:|---:|---:|"]
    for name, n in summary.row_counts.items():
        c = summary.changes.get(name, {})
        lines.append(f"| {name} | {n} | {c.get('added', '')} | {c.get('removed', '')} | {c.get('changed', '')} |")
    lines += summary.gold.markdown_lines()
    lines += skipped_tables_markdown(summary.documents)
    if summary.errors:
        lines += ["", "## Failures", "", "| file | stage | reason |", "|---|---|---|"]
        for e in summary.errors:
            lines.append(f"| {e.source_file} | {e.stage}{'/' + e.component if e.component else ''} | "
                         f"{e.reason.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


HEADER_SHOWN = 80  # characters of a skipped table's first row shown in the summary and the artifact


def shown_header(header: str) -> str:
    return header if len(header) <= HEADER_SHOWN else header[:HEADER_SHOWN - 1] + "…"


def skipped_table_line(t) -> str:
    """One skipped table in a line of text (the CLI's run summary): where it is, its first row, the reason."""
    page = f", page {t.page}" if t.page is not None else ""
    return f"table_index {t.table_index}{page} “{shown_header(t.header)}”: {t.reason}"


def skipped_tables_markdown(documents: list[DocSummary]) -> list[str]:
    """Every table no extractor read, per document, with its reason (tables.csv lists every table)."""
    skipped = [(d.source_file, t) for d in documents for t in d.skipped_tables]
    if not skipped:
        return []
    lines = ["", f"## Skipped tables ({len(skipped)})", "",
             "Tables no extractor read, and why (`tables.csv` lists every table, used or not).", "",
             "| file | table_index | page | header | reason |", "|---|---:|---:|---|---|"]
    for file, t in skipped:
        cells = [file, str(t.table_index), "" if t.page is None else str(t.page), shown_header(t.header), t.reason]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return lines
