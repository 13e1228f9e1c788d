"""The review report as one self-contained HTML page (inline CSS and JS, nothing fetched from the network).

Every piece of document text goes through `esc()`: documents are untrusted. A Content-Security-Policy meta tag
forbids loading anything from anywhere, so even a mistake in escaping cannot make the page call out.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from pipeline.gold_rows import GOLD_COLUMNS, gold_row_of, row_key
from pipeline.model import Table
from pipeline.records import Dataset
from pipeline.review.compare import same_value

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

STATUS_LABEL = {
    "ok": "matches gold",
    "changed": "differs from gold",
    "extra": "not in gold",
    "missing": "in gold, not extracted",
    "nogold": "no gold to compare",
}

STATUS_SHORT = {"ok": "ok", "changed": "differs", "extra": "not in gold", "missing": "missing", "nogold": "–"}

STATE_TEXT = {
    "reviewed": "Reviewed: gold accepted on {date} for exactly this file; the pipeline publishes the gold rows "
                "(review_status = reviewed).",
    "stale": "Gold was accepted on {date} for other content of this document ({file}); the document has changed "
             "since, so the gold is NOT applied: rows are extracted again. Compare, correct and accept again.",
    "gold": "Gold exists but was not accepted through review for this file: shown for comparison only.",
    "none": "No gold yet: accepting the companion CSV creates it once you change it (or name the dataset with "
            "--dataset to confirm it as it is).",
}

CSS = """
:root{--ok:#e8f5e9;--extra:#ffebee;--changed:#fff8e1;--missing:#eceff1;--line:#cfd8dc;--ink:#1c2833}
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);margin:0;padding:0 1.2rem 3rem}
header{position:sticky;top:0;background:#fff;border-bottom:2px solid var(--line);padding:.6rem 0;z-index:2}
h1{font-size:1.25rem;margin:.2rem 0}
h2{font-size:1.1rem;margin:1.6rem 0 .4rem;border-top:1px solid var(--line);padding-top:.8rem}
h3{font-size:.95rem;margin:.8rem 0 .3rem}
.meta{color:#546e7a;font-size:.85rem}
.meta code{font-size:.8rem}
.controls{margin-top:.4rem;display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
.controls input[type=search]{padding:.2rem .4rem;min-width:16rem}
table{border-collapse:collapse;margin:.2rem 0}
th,td{border:1px solid var(--line);padding:.2rem .4rem;vertical-align:top;text-align:left}
th{background:#f5f7f8}
table.src td{white-space:pre-wrap;max-width:28rem}
table.src td.hole{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f3f3f3 4px,#f3f3f3 8px)}
.pair{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:1rem;align-items:start}
table.records{width:100%}
table.records th,table.records td{overflow-wrap:anywhere}
@media (max-width:1100px){.pair{grid-template-columns:1fr}}
.pane{overflow:auto;max-height:80vh;border:1px solid #eee;padding:.3rem}
tr.ok td{background:var(--ok)}
tr.extra td{background:var(--extra)}
tr.changed td{background:var(--changed)}
tr.missing td{background:var(--missing);color:#37474f;font-style:italic}
td.diff{outline:2px solid #f9a825;outline-offset:-2px}
.gold{display:block;font-size:.8rem;color:#6d4c41}
.badge{display:inline-block;border-radius:.6rem;padding:0 .45rem;font-size:.78rem;margin-right:.25rem;border:1px solid var(--line)}
.badge.extra{background:var(--extra)}.badge.changed{background:var(--changed)}.badge.missing{background:var(--missing)}
.badge.ok{background:var(--ok)}.badge.reviewed{background:#e3f2fd}.badge.stale{background:#fce4ec}
.state{font-size:.85rem;margin:.2rem 0 .4rem;padding:.25rem .5rem;border-left:4px solid var(--line);background:#fafafa}
.state.reviewed{border-color:#1e88e5}.state.stale{border-color:#d81b60}
nav ol{columns:2;font-size:.85rem}
details{margin:.3rem 0}
summary{cursor:pointer}
body.only-diffs tr.ok,body.only-diffs tr.nogold{display:none}
body.only-diffs section.table-review.clean{display:none}
tr.hidden-by-filter{display:none}
.reason{display:block;margin:.1rem 0 .2rem 1rem;color:#8d3b00}
#js-errors:empty{display:none}
#js-errors{background:#ffebee;border:1px solid #e57373;padding:.4rem}
"""

JS = """
(function () {
  "use strict";
  var body = document.body;
  var onlyDiffs = document.getElementById("only-diffs");
  var filter = document.getElementById("row-filter");
  var status = document.getElementById("js-status");
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.records tbody tr"));
  function update() {
    body.classList.toggle("only-diffs", !!(onlyDiffs && onlyDiffs.checked));
    var q = filter ? filter.value.trim().toLowerCase() : "";
    var shown = 0;
    rows.forEach(function (tr) {
      var hide = q !== "" && tr.textContent.toLowerCase().indexOf(q) === -1;
      tr.classList.toggle("hidden-by-filter", hide);
      if (!hide && !(body.classList.contains("only-diffs") && (tr.classList.contains("ok") || tr.classList.contains("nogold")))) {
        shown += 1;
      }
    });
    if (status) { status.textContent = shown + " of " + rows.length + " extracted/gold rows shown"; }
  }
  if (onlyDiffs) { onlyDiffs.addEventListener("change", update); }
  if (filter) { filter.addEventListener("input", update); }
  update();
  document.documentElement.setAttribute("data-report-ready", "1");
})();
"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _cell_text(text: str) -> str:
    return esc(text).replace("\n", "<br>")


def location(table: Table) -> str:
    """Where the table is in the source: pages (PDF), lines (text export), else its position."""
    pages = sorted(set(table.pages) | {c.provenance.page for c in table.cells if c.provenance.page})
    if pages:
        return f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}–{pages[-1]}"
    lines = [c.provenance.line for c in table.cells if c.provenance.line]
    if lines:
        return f"lines {min(lines)}–{max(lines)} of the text export"
    return ""


def source_table_html(table: Table) -> str:
    """The table as it appears: merged cells as rowspan/colspan, positions without a cell hatched."""
    grid = table.grid()
    out = ['<table class="src">']
    for r in range(table.n_rows):
        out.append("<tr>")
        for k in range(table.n_cols):
            c = grid[r][k]
            if c is None:
                out.append('<td class="hole"></td>')
                continue
            if c.row != r or c.col != k:
                continue  # covered by a merged cell
            rs, cs = min(c.row_span, table.n_rows - r), min(c.col_span, table.n_cols - k)
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            page = f' title="page {c.provenance.page}"' if c.provenance.page else ""
            out.append(f"<td{attrs}{page}>{_cell_text(c.text)}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _records_table(dataset: Dataset, items: list[tuple[str, dict, dict | None]], columns: list[str]) -> str:
    """items: (status, row in gold layout, gold row or None)."""
    out = [f'<table class="records" data-dataset="{esc(dataset.value)}"><thead><tr><th>check</th>']
    out += [f"<th>{esc(c)}</th>" for c in columns]
    out.append("</tr></thead><tbody>")
    for status, row, gold in items:
        out.append(f'<tr class="{esc(status)}"><td><span class="badge {esc(status)}" '
                   f'title="{esc(STATUS_LABEL.get(status, status))}">'
                   f'{esc(STATUS_SHORT.get(status, status))}</span></td>')
        for c in columns:
            value = row.get(c, "")
            if status == "changed" and gold is not None and not same_value(c, value, gold.get(c, "")):
                out.append(f'<td class="diff">{esc(value)}<span class="gold">gold: {esc(gold.get(c, ""))}</span></td>')
            else:
                out.append(f"<td>{esc(value)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _badges(counts: dict[str, int]) -> str:
    return "".join(f'<span class="badge {k}">{esc(STATUS_LABEL[k])}: {counts[k]}</span>'
                   for k in ("changed", "extra", "missing") if counts.get(k))


def render_report(data) -> str:
    doc, ex = data.document, data.extraction
    tables = {t.index: t for t in doc.tables}
    columns = {d: [c for c in GOLD_COLUMNS[d] if c not in ("document_id", "notes")] for d in Dataset}

    # extracted rows per (table, dataset), with their comparison status; and where missing gold rows belong
    per_table: dict[int, dict[Dataset, list]] = defaultdict(lambda: defaultdict(list))
    no_table: dict[Dataset, list] = defaultdict(list)
    for d in Dataset:
        comp = data.comparisons[d]
        records = list(ex.datasets.get(d, []))
        place_prefix: dict = {}
        place_first: dict = {}
        for i, r in enumerate(records):
            item = (comp.status[i], gold_row_of(r, d), comp.gold_match[i])
            ti = getattr(r, "table_index", -1)
            if ti is not None and ti >= 0:
                per_table[ti][d].append(item)
                k = row_key(item[1], d)
                place_prefix.setdefault(k[:-1], ti)
                place_first.setdefault(k[:1], ti)
            else:
                no_table[d].append(item)
        for g in comp.missing:
            k = row_key(g, d)
            ti = place_prefix.get(k[:-1], place_first.get(k[:1]))
            item = ("missing", {c: g.get(c, "") for c in GOLD_COLUMNS[d]}, g)
            (per_table[ti][d] if ti is not None else no_table[d]).append(item)

    used = sorted(set(ex.tables_used) | set(per_table))
    skipped = [t for t in doc.tables if t.index not in set(used)]

    p: list[str] = []
    title = doc.title or doc.source_file
    p.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
    p.append(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">')
    p.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    p.append(f"<title>Review: {esc(doc.source_file)}</title><style>{CSS}</style></head><body>")
    p.append("<header>")
    p.append(f"<h1>Review: {esc(title)}</h1>")
    p.append(f'<div class="meta">File <b>{esc(doc.source_file)}</b> ({esc(doc.format.value)}, '
             f"{esc(doc.page_count)} pages, {len(doc.tables)} tables: {len(used)} used, {len(skipped)} skipped) · "
             f"document id <code>{esc(doc.document_id)}</code> · sha256 <code>{esc(doc.sha256[:16])}…</code> · "
             f"report made {esc(data.built_at)}</div>")
    p.append('<div class="controls"><label><input type="checkbox" id="only-diffs"> Show only differences</label>'
             '<input type="search" id="row-filter" placeholder="Filter rows (e.g. SGO, 4.7)" aria-label="Filter rows">'
             '<span id="js-status" class="meta"></span></div>')
    p.append('<div id="js-errors"></div></header>')

    # How to use
    p.append("<h2>What to do</h2><ol>"
             "<li>Check the rows extracted from each table against the source table beside them. Row colours: "
             '<span class="badge ok">matches gold</span> <span class="badge changed">differs from gold</span> '
             '<span class="badge extra">not in gold</span> <span class="badge missing">in gold, not extracted</span>.'
             "</li><li>Correct the companion CSV files in this folder (one per dataset, links below) in a "
             "spreadsheet or text editor: fix a value, delete a wrong row, add a missing one. Keep the header row. "
             "Where gold exists a file holds the gold rows; its <code>check</code> column says where the extraction "
             "differs, and rows marked <code>not in gold</code> are left out unless you empty that cell. Its "
             "<code>table</code> column is the table number used here.</li>"
             f"<li>Run <code>{esc(data.command)} gold accept {esc(doc.source_file)}</code>: only the files you "
             "changed are accepted (name a dataset with <code>--dataset kpis</code> to confirm it unchanged). From "
             "the next run on, the corrected rows are published with <code>review_status = reviewed</code>; "
             f"<code>{esc(data.command)} gold undo {esc(doc.source_file)}</code> takes the last accept back.</li></ol>")

    # Summary per dataset
    p.append('<h2 id="summary">Datasets</h2><table class="summary"><thead><tr><th>dataset</th><th>companion CSV</th>'
             "<th>extracted</th><th>gold</th><th>matching</th><th>differ</th><th>not in gold</th>"
             "<th>missing</th><th>review state</th></tr></thead><tbody>")
    for d in Dataset:
        comp = data.comparisons[d]
        c = comp.counts
        st = data.states[d]
        entry = st.get("entry") or {}
        text = STATE_TEXT[st["state"]].format(date=esc(entry.get("accepted_at", "?")),
                                              file=esc(entry.get("source_file", "?")))
        gold = str(comp.gold_rows) if comp.has_gold else "–"
        p.append(f'<tr><td>{esc(d.value)}</td><td><a href="{esc(data.companion_files[d])}">'
                 f"{esc(data.companion_files[d])}</a></td><td>{comp.extracted_rows}</td><td>{gold}</td>"
                 f"<td>{c.get('ok', 0) if comp.has_gold else '–'}</td><td>{c.get('changed', 0)}</td>"
                 f"<td>{c.get('extra', 0)}</td><td>{c.get('missing', 0)}</td>"
                 f'<td><span class="badge {esc(st["state"])}">{esc(st["state"])}</span> {text}</td></tr>')
    p.append("</tbody></table>")
    if ex.errors:
        p.append("<h3>Extraction problems</h3><ul>")
        p += [f"<li>{esc(e.component)}: {esc(e.reason)}</li>" for e in ex.errors]
        p.append("</ul>")

    # Table of contents
    p.append('<nav><h2>Tables used by an extractor</h2><ol>')
    for ti in used:
        t = tables.get(ti)
        counts: dict[str, int] = defaultdict(int)
        for items in per_table[ti].values():
            for s, _, _ in items:
                counts[s] += 1
        label = (t.context.caption or t.context.heading) if t else ""
        where = location(t) if t else ""
        p.append(f'<li><a href="#table-{ti}">Table {ti + 1}</a> {esc(label)} '
                 f'<span class="meta">{esc(where)}</span> {_badges(counts)}</li>')
    p.append("</ol></nav>")

    # One section per used table
    for ti in used:
        t = tables.get(ti)
        items_by = per_table.get(ti, {})
        has_diff = any(s in ("changed", "extra", "missing") for items in items_by.values() for s, _, _ in items)
        cls = "table-review" + ("" if has_diff else " clean")
        heading = t.context.heading_number + " " + t.context.heading if t else ""
        p.append(f'<section class="{cls}" id="table-{ti}"><h2>Table {ti + 1}: {esc(heading.strip())}</h2>')
        if t is not None:
            meta = [x for x in (location(t), f"caption: {t.context.caption}" if t.context.caption else "") if x]
            if meta:
                p.append(f'<div class="meta">{esc(" · ".join(meta))}</div>')
        p.append('<div class="pair"><div class="pane"><h3>Source table</h3>')
        p.append(source_table_html(t) if t is not None else "<p>(table not found in the document)</p>")
        p.append('</div><div class="pane">')
        if not items_by:
            p.append("<p>No rows were extracted from this table.</p>")
        for d in Dataset:
            items = items_by.get(d)
            if not items:
                continue
            counts = defaultdict(int)
            for s, _, _ in items:
                counts[s] += 1
            p.append(f"<h3>{esc(d.value)} ({sum(1 for s, _, _ in items if s != 'missing')} rows) {_badges(counts)}</h3>")
            p.append(_records_table(d, items, columns[d]))
        p.append("</div></div></section>")

    # Rows that do not come from a table, and gold rows that could not be placed
    rest = [d for d in Dataset if no_table.get(d)]
    if rest:
        p.append('<section class="table-review" id="not-from-tables"><h2>Rows not from a table '
                 "(document, objectives) and gold rows not placed in a table</h2>")
        for d in rest:
            counts = defaultdict(int)
            for s, _, _ in no_table[d]:
                counts[s] += 1
            p.append(f"<h3>{esc(d.value)} {_badges(counts)}</h3>")
            p.append(_records_table(d, no_table[d], columns[d]))
        p.append("</section>")

    # Skipped tables, collapsed
    p.append(f'<section id="skipped"><h2>Tables no extractor used ({len(skipped)})</h2>'
             '<p class="meta">Each with the reason it was skipped (as in the run\'s tables.csv). Check that none of '
             "them holds data that should be in a dataset; if one does, report it to the developers (or add the rows "
             "to the companion CSV by hand).</p>")
    reasons = {r.table_index: r.reason for r in ex.table_rows}  # extractors/table_report.py: why each was skipped
    for t in skipped:
        label = t.context.caption or (t.context.heading_number + " " + t.context.heading).strip()
        first = next((c.flat for c in t.cells if c.flat), "")
        reason = reasons.get(t.index, "")
        p.append(f'<details id="table-{t.index}"><summary>Table {t.index + 1}: {esc(label)} '
                 f'<span class="meta">{esc(location(t))} · {t.n_rows}×{t.n_cols} · “{esc(first[:80])}”</span>'
                 f'<span class="reason">Skipped: {esc(reason)}</span></summary>{source_table_html(t)}</details>')
    p.append("</section>")
    p.append(f"<script>{JS}</script></body></html>")
    return "\n".join(p)
