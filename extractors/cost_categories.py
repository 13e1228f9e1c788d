"""Resources allocated to an activity (or to the whole plan) broken down by cost category: the `Resources
allocation for 2004-2005` subsection of a Bureau plan of 2000-2007 (`CHF thousands | 2004 | 2005 | Total` over
`Staff costs`, `Non-staff costs`, `Total`), or a summary `Resources allocation, budget and budget forecast for
2004-2007` of the same kind at the plan's level.

A money table (extractors/money.py) whose rows are costs by category (at least half of them named in vocab
`cost_category`, none of them revenue: `revenue_category`) is read here when it stands in a resources subsection
(extractors/bureau_outline.py) or its caption or title row names one. One record per money cell: `subject` the
activity of the section (subject_kind `output`), or at the plan's level the Sector or body the plan is about
(`sector`); `cost_category` the row's label as printed, empty on the breakdown's `Total` row (the subject's whole
amount). A label row across the table (no amounts) names the subject of the category rows under it (a summary by
activity and cost category). Money printed without a period (`CHF thousands`) takes the one the title row or
caption prints, else the resources heading's. The categories may stand across the top instead, with the years or
the subjects down the side.

Sources of funds down the side (`Regular budget`, `Extra-budgetary` rows, or label rows over cost categories)
are read like cost categories (`Staff costs / Regular budget` under a source's label row). Columns by source of
funds (`Regular budget | Extra-budgetary | Total`, possibly under a period each, or over the
years) split each amount by where the money comes from: `cost_category` is then the source as printed, after
the row's cost category when the rows are categories (`Staff costs / Extra-budgetary`); a `Total` column adds
nothing (`Staff costs`, or empty for the whole amount). The rows may be subjects (activities: anywhere), cost
categories or years (both only in a resources subsection). Such a table gives rows only when it names a currency
(in its header, title, caption, the text above or its cells): columns of posts by source of funds are not money.

Elsewhere (revenue and expenditure of the Union, staff costs by grade, the cost of an output's work months) a
budget by cost category gives no rows: financial.py reports it as skipped.
"""

from __future__ import annotations

from extractors.base import Extraction
from extractors.bureau_outline import RESOURCES, Place, outline, section_kind
from extractors.money import (
    AMOUNT, FUNDING, GOAL, OBJECTIVE, PERIOD, TOTAL, MoneyColumn, MoneyTable, body_rows, by_cost_category, by_source,
    categories_across, not_subjects, read_money_table, subject_of,
)
from extractors.profile import REPORT, profile
from extractors.scope import scope_of
from extractors.tables import is_total
from extractors.text import format_period, has_term, is_period_label, parse_period, period_text, periods_in
from pipeline.model import Document, Table
from pipeline.records import Dataset, FinancialResource

DATASET = Dataset.FINANCIAL_RESOURCES


def is_cost_breakdown(labels: list[str]) -> bool:
    """A budget by cost category (`money.by_cost_category`: `Staff costs`, `Travel on duty`, `Contractual
    services`) or by source of funds (`Regular budget`, `Extra-budgetary`) of which no row is revenue."""
    return (by_cost_category(labels) or by_source(labels)) and not any(has_term(t, "revenue_category") for t in labels)


def extract(doc: Document) -> Extraction:
    if profile(doc).plan_kind == REPORT:
        return Extraction({DATASET: []})
    records, used = [], set()
    for block, place, _ in outline(doc):
        if not isinstance(block, Table):
            continue
        found = _records(doc, block, place)
        if found:
            records.extend(found)
            used.add(block.index)
    return Extraction({DATASET: records}, frozenset(used))


def _records(doc: Document, table: Table, place: Place) -> list[FinancialResource]:
    money = read_money_table(table)
    if money is None:
        return []
    kinds = {c.kind for c in money.columns.values()}
    if kinds & {OBJECTIVE, GOAL} or not kinds & {PERIOD, AMOUNT, TOTAL, FUNDING}:
        return []
    ctx = table.context
    in_section = RESOURCES in (place.kind, section_kind(ctx.caption), section_kind(money.title))
    rows = body_rows(table, money)
    labels = [row_label for row_label, _ in rows]
    across = categories_across(money)
    named = [t for t in labels if t and not is_total(t)]
    periods_down = bool(named) and all(is_period_label(t) for t in named)
    if FUNDING in kinds:
        return _by_source(doc, table, money, place, rows, in_section) if money.named else []
    if across and not periods_down:
        return _subjects_down(doc, table, money, rows, _section_period(table, money, place))
    if not in_section or not (across or is_cost_breakdown(labels)):
        return []
    scope = scope_of(doc, ctx, f"{money.title} {ctx.preceding_text}")
    subject, kind = (place.output, "output") if place.output else (scope, "sector")
    section = _section_period(table, money, place)
    out = []
    if across:  # `Year | Staff costs | Non-staff costs | Total`, one row per year
        spans = [parse_period(period_text(t)) for t in named]
        whole = (min(p[0] for p in spans), max(p[1] for p in spans)) if all(spans) else None
        for row_label, values in rows:
            span = whole if is_total(row_label) else parse_period(period_text(row_label))
            for col, amount in values.items():
                out.append(_record(doc, table, money, scope, subject, kind, _category(money.columns[col]), span,
                                   amount))
        return out
    for (row_subject, row_kind, category), values in _grouped(rows, (subject, kind)):
        for col, amount in values.items():
            column = money.columns[col]
            span = column.period or (section if column.kind in (AMOUNT, TOTAL) else None)
            out.append(_record(doc, table, money, scope, row_subject, row_kind, category, span, amount,
                               column.label if column.period else ""))
    return out


def _grouped(rows, whole: tuple[str, str]):
    """((subject, subject kind, cost category), amounts) per row of a breakdown down the side. A label row
    without amounts (an activity over its own cost categories, not a category over its parts) names the subject of
    the rows under it; one naming a source of funds (`Regular budget` over `Staff costs`, `Non-staff costs`) is
    added to their category (`Staff costs / Regular budget`). A `Total` row is its source's whole amount, else its
    group's, when it adds up their rows, else the table's (`Total`, or the section's subject when the table has no
    groups)."""
    group: tuple[str, str] | None = None
    source = ""
    sums: dict[int, float] = {}  # of the group's rows
    source_sums: dict[int, float] = {}
    grouped = False
    for row_label, values in rows:
        if not values:
            if row_label and has_term(row_label, "funding_source") and not is_total(row_label):
                source, source_sums = row_label, {}
            elif row_label and not is_total(row_label) and not has_term(row_label, "cost_category"):
                group, sums, grouped, source = subject_of(row_label), {}, True, ""  # (not `Staff costs` over parts)
            continue
        if not is_total(row_label):
            for acc in (sums, source_sums):
                for col, amount in values.items():
                    acc[col] = acc.get(col, 0.0) + amount
            yield (*(group or whole), _join(row_label, source)), values
        elif source and _adds_up(source_sums, values):
            yield (*(group or whole), source), values
            source, source_sums = "", {}
        elif group is not None and _adds_up(sums, values):
            yield (*group, ""), values
            group, sums = None, {}
        else:
            yield (*(("Total", "total") if grouped else whole), ""), values


def _adds_up(sums: dict[int, float], values: dict[int, float]) -> bool:
    return bool(sums) and all(abs(sums.get(col, 0.0) - v) < 0.5 for col, v in values.items())


def _join(*parts: str) -> str:
    """A cost category and a source of funds as one `cost_category` (`Staff costs / Regular budget`)."""
    return " / ".join(p for p in parts if p)


def _section_period(table: Table, money: MoneyTable, place: Place) -> tuple[int, int] | None:
    """The period of money printed without one: the one the table's title row or caption prints (`Resources
    allocation for 2004-2005 (CHF thousands)`), else the resources subsection heading's."""
    found = periods_in(f"{money.title} {table.context.caption}")
    if found:
        return found[-1]
    return place.period if place.kind == RESOURCES else None


def _subjects_down(doc, table: Table, money: MoneyTable, rows, span: tuple[int, int] | None):
    """`Activity | Staff costs | Non-staff costs | Total`: subjects down the side, cost categories across, all for
    one period (`_section_period`)."""
    ctx = table.context
    scope = scope_of(doc, ctx, f"{money.title} {ctx.preceding_text}")
    out = []
    for row_label, values in rows:
        if not row_label:
            continue
        subject, kind = subject_of(row_label)
        for col, amount in values.items():
            out.append(_record(doc, table, money, scope, subject, kind, _category(money.columns[col]), span, amount))
    return out


def _by_source(doc, table: Table, money: MoneyTable, place: Place, rows, in_section: bool):
    """Money by source of funds across the top (`funding` and `Total` columns), subjects, cost categories or years
    down the side."""
    ctx = table.context
    scope = scope_of(doc, ctx, f"{money.title} {ctx.preceding_text}")
    section = _section_period(table, money, place)
    labels = [row_label for row_label, _ in rows]
    named = [t for t in labels if t and not is_total(t)]
    whole = (place.output, "output") if place.output else (scope, "sector")
    if named and all(is_period_label(t) for t in named):  # `Year | Regular budget | Extra-budgetary`
        if not in_section:
            return []
        spans = [parse_period(period_text(t)) for t in named]
        span_all = (min(p[0] for p in spans), max(p[1] for p in spans)) if all(spans) else None
        return [_record(doc, table, money, scope, *whole, _source(money.columns[col]),
                        span_all if is_total(row_label) else parse_period(period_text(row_label)), amount)
                for row_label, values in rows for col, amount in values.items()]
    if is_cost_breakdown(labels):
        grouped = list(_grouped(rows, whole)) if in_section else []
    elif not_subjects(labels):
        return []
    else:
        grouped = [((*subject_of(row_label), ""), values) for row_label, values in rows if row_label]
    out = []
    for (subject, kind, category), values in grouped:
        for col, amount in values.items():
            column = money.columns[col]
            if column.kind not in (FUNDING, TOTAL):
                continue
            out.append(_record(doc, table, money, scope, subject, kind, _join(category, _source(column)),
                               column.period or section, amount, column.label if column.period else ""))
    return out


def _source(column: MoneyColumn) -> str:
    return column.head if column.kind == FUNDING else ""


def _category(column: MoneyColumn) -> str:
    return "" if column.kind == TOTAL else column.head


def _record(doc, table: Table, money: MoneyTable, scope: str, subject: str, kind: str, category: str,
            span: tuple[int, int] | None, amount: float, printed: str = "") -> FinancialResource:
    period, (start, end) = (printed or format_period(span), span) if span else ("", (None, None))
    return FinancialResource(doc.document_id, scope, subject, kind, "", "", period, start, end,
                             amount * money.factor, money.measure, table.index, cost_category=category)
