"""Nothing silent: one row per table the reader found, saying which extractors read it, or why none did.

A table no extractor read gets the reason an extractor gave when it recognized the table but could not read it
(`looks like a results-framework table but its header is not understood: ...`, `a budget by cost category ...`),
else the kind of table it is known to be and that is not data (a definitional grid, a Council cover box, a
report's achieved-versus-expected table, shares in per cent), else `no extractor recognized this table`. The rows
are what the `tables` dataset, the run summary, the Prefect artifact and the review report show the user
(`table_rows`, run by `extractors.extract_all` once per document).
"""

from __future__ import annotations

from extractors.cover import cover_of
from extractors.profile import REPORT, profile
from extractors.text import clean, has_term, parse_number
from pipeline.model import Document, Table
from pipeline.records import TableRow  # a row of tables.csv, declared in pipeline/datasets/resources.py

USED, SKIPPED = "used", "skipped"
UNRECOGNIZED = "no extractor recognized this table"
DEFINITIONS = "a definitional grid (terms of the planning framework and what they mean), not data"
COVER = "a Council cover box (subject, purpose, background, recommendation), not data"
PROGRESS = "an achieved-versus-expected table of a report, not plan data"
REPORT_TABLE = "a table of a report on a plan's implementation, not plan data"
SHARES = "shares in per cent, not amounts"
MIN_DEFINITION_WORDS = 8


def header_text(table: Table, limit: int = 200) -> str:
    rows = table.rows()
    text = " | ".join(clean(c.text) for c in rows[0] if clean(c.text)) if rows else ""
    return text[:limit]


def _first_column(table: Table) -> list[str]:
    return [clean(r[0].text) for r in table.rows() if r and r[0].col == 0 and clean(r[0].text)]


def known_kind(doc: Document, table: Table) -> str:
    """Why a table nobody read is not data, when its kind is known; empty otherwise."""
    cells = [clean(c.text) for c in table.cells if clean(c.text)]
    if profile(doc).plan_kind == REPORT:
        head = " ".join(clean(c.text) for c in table.rows()[0]) if table.n_rows else ""
        return PROGRESS if has_term(head, "progress_header") else REPORT_TABLE
    firsts = _first_column(table)
    concepts = [t for t in firsts if has_term(t.lower(), "framework_term") and len(t.split()) <= 5]
    long_texts = [c for c in cells if len(c.split()) >= MIN_DEFINITION_WORDS]
    if len(concepts) >= 3 and len(long_texts) >= 2:
        return DEFINITIONS
    cover = cover_of(doc)
    if cover is not None and cover.table_index == table.index:
        return COVER
    head = " ".join(clean(c.text) for row in table.rows()[:2] for c in row)
    if has_term(head, "progress_header"):
        return PROGRESS
    context = f"{head} {table.context.caption}"
    numbers = [c for c in cells if parse_number(c) is not None]
    if has_term(context, "share_column") and not has_term(context, "currency") and numbers:
        return SHARES
    return ""


def table_rows(doc: Document, used_by: dict[int, list[str]], skipped: dict[int, str]) -> list[TableRow]:
    """One row per table of the document, from an extraction's `used_by` and `skipped`
    (`extractors.DocumentExtraction`)."""
    out = []
    for table in doc.tables:
        names = used_by.get(table.index, [])
        if names:
            status, reason = USED, ""
        else:
            status = SKIPPED
            reason = skipped.get(table.index) or known_kind(doc, table) or UNRECOGNIZED
        heading = clean(f"{table.context.heading_number} {table.context.heading}")
        out.append(TableRow(doc.document_id, doc.source_file, table.index, table.pages[0] if table.pages else None,
                            heading, clean(table.context.caption), header_text(table), table.n_rows, table.n_cols,
                            status, "; ".join(names), reason))
    return out
