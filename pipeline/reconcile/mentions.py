"""What one extraction names: the printed output and unit names (with their codes where the document gives them),
in order of first appearance, and the filling of `output_id` / `unit_id` once they are resolved.

Any dataset whose records have an `output` and an `output_id` field takes part (work months, service levels,
expected results, KPIs, risks, output-objective links, and datasets added later such as the results-based
plans' outputs); the known ones first, in `OUTPUT_DATASETS` order, so ids are numbered as before. A record's
own `scope` (matrices, results frameworks) wins over the document's body. A record with a non-empty
`output_number` (`R.1-7`) gives its output a code: codes are identity (pipeline/reconcile/resolve.py).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from pipeline.records import Dataset
from pipeline.reconcile.normalize import is_grade, norm_code, norm_scope

OUTPUT_DATASETS = (Dataset.LINKS, Dataset.WORK_MONTHS, Dataset.SERVICE_LEVELS, Dataset.EXPECTED_RESULTS,
                   Dataset.KPIS, Dataset.RISKS)
CODE_FIELD = "output_number"


def document_scope(ex) -> str:
    docs = ex.datasets.get(Dataset.DOCUMENTS, [])
    body = docs[0].body if docs else ""
    return norm_scope(body) if body else ""


def is_unit_row(r) -> bool:
    return r.row_kind == "department" and not is_grade(r.unit)


def _has_output(records) -> bool:
    first = next(iter(records), None)
    if first is None or not is_dataclass(first):
        return False
    names = {f.name for f in fields(first)}
    return "output" in names and "output_id" in names


def output_datasets(ex) -> list:
    """The datasets of this extraction whose records name an output: the known ones first, then the others."""
    extra = [ds for ds, recs in ex.datasets.items() if ds not in OUTPUT_DATASETS and _has_output(recs)]
    return [ds for ds in OUTPUT_DATASETS if ds in ex.datasets] + extra


def record_scope(r, scope_of_doc: str) -> str:
    own = getattr(r, "scope", "")
    return norm_scope(own) if isinstance(own, str) and own.strip() else scope_of_doc


def mentions(ex) -> list[tuple[str, str, str]]:
    """(kind, scope, printed name) in order of first appearance in one extraction."""
    scope = document_scope(ex)
    seen: dict[tuple[str, str, str], None] = {}
    for ds in output_datasets(ex):
        for r in ex.datasets.get(ds, []):
            if r.output.strip():
                seen.setdefault(("output", record_scope(r, scope), r.output), None)
    for r in ex.datasets.get(Dataset.WORK_MONTHS, []):
        if is_unit_row(r) and r.unit.strip():
            seen.setdefault(("unit", scope, r.unit), None)
    return list(seen)


def codes(ex) -> dict[tuple[str, str, str], str]:
    """(kind, scope, printed name) -> code (`R.1-7`), for the records that carry one; the first code wins."""
    scope = document_scope(ex)
    out: dict[tuple[str, str, str], str] = {}
    for ds in output_datasets(ex):
        for r in ex.datasets.get(ds, []):
            code = getattr(r, CODE_FIELD, "")
            if isinstance(code, str) and code.strip() and r.output.strip():
                out.setdefault(("output", record_scope(r, scope), r.output), norm_code(code))
    return out


def fill(ex, assigned: dict[tuple[str, str, str, str], str]) -> None:
    """Replace every record naming an output (and every department row) with its ids filled in."""
    doc, scope = ex.document_id, document_scope(ex)
    for ds in output_datasets(ex):
        out = []
        for r in ex.datasets.get(ds, []):
            changes = {"output_id": assigned.get(("output", record_scope(r, scope), r.output, doc), "")}
            if ds is Dataset.WORK_MONTHS:
                changes["unit_id"] = assigned.get(("unit", scope, r.unit, doc), "") if is_unit_row(r) else ""
            out.append(replace(r, **changes))
        ex.datasets[ds] = out
