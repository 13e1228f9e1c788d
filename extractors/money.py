"""Reading a table of money: its header columns (periods, objectives, goals, totals, shares), its measure
(`CHF thousands`, `thousands of Swiss francs`, `CHF`) and the factor that turns a cell into Swiss francs, and
what each row is about (a goal, an objective, an output, a Sector, a unit, the total).

Shared by `financial.py` (money by period) and `cost_matrices.py` (money by objective or goal). A table is money
when its title, header, caption or the text just above it says so, and it is not a table of work months or
pages (`tables.numeric_kind`). Shares (`%`) are never money; a table of shares alone is skipped with a reason,
so is a budget broken down by cost category (`Staff costs`, `Revenue`) or by staff grade: those rows are not
subjects resources are allocated to (an activity's resources by cost category are read by `cost_categories.py`).
A `Total` column beside period columns is the money of their whole span. Columns by source of funds (`Regular
budget | Extra-budgetary | Total`, under a period or over one) are `funding` columns (vocab `funding_source`).
A money cell may print its currency, Swiss thousands marks and a scale (extractors/amounts.py): the table's
measure (header, title, caption, text above) gives the scale unless the cell prints one, else the currency the
cells print (`CHF`, in units).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.amounts import cell_currency, parse_amount, scaled_amount
from extractors.base import Extraction
from extractors.codes import OBJECTIVE_CODE, RESULT_CODE
from extractors.money_columns import (
    AMOUNT, FUNDING, GOAL, OBJECTIVE, PERIOD, TOTAL, MoneyColumn, column_kind, funding_totals, header_twins,
    period_groups, total_spans,
)
from extractors.money_measure import MEASURE, measure_of, money_evidence, printed_as_amounts, scale_of
from extractors.profile import REPORT, profile
from extractors.scope import scope_in, scope_of
from extractors.tables import PeriodHeader, is_grade, is_total, numeric_body, numeric_kind
from extractors.text import clean, has_term, is_nil, is_period_label, label
from pipeline.model import Cell, Document, Table
from pipeline.records import Dataset, FinancialResource

ACROSS = "a budget by cost category across the top (staff costs ...), outside a resources allocation section"
_SUBJECT_WORD = re.compile(r"^\s*(goal|objective|enabler)\s+(" + OBJECTIVE_CODE + r"|\d{1,2})\b", re.I)
_SECRETARIAT = re.compile(r"^(?:the\s+)?(?:general\s+)?secretariat$", re.I)
_UNIT = re.compile(r"^[A-Z][A-Z&/-]{1,7}$")
NO_CURRENCY = ("columns by source of funds without a currency, a scale, a budget title or totals adding up over "
               "amounts: not money (posts, work months)")


@dataclass(frozen=True)
class MoneyTable:
    header_end: int  # index of the last header row
    columns: dict[int, MoneyColumn]
    measure: str
    factor: float
    title: str  # title rows and caption: what the table says it is about
    evidence: str = ""  # why a table printing no currency is money all the same (money_measure.money_evidence)

    @property
    def named(self) -> bool:
        """A currency or a scale printed, or other evidence says the table is money: columns by source of funds are
        read only then (else they may count posts)."""
        return bool(self.measure or self.evidence)


def _covering(grid: list[list[Cell | None]], r: int) -> list[Cell]:
    out: list[Cell] = []
    for c in grid[r]:
        if c is not None and (not out or out[-1] is not c):
            out.append(c)
    return out


def _is_body_row(row: list[Cell], r: int) -> bool:
    """A row of figures under a label: most cells right of the label are numbers, and they are not the
    header's years or the numerals `1 2 3 4 5` under a spanning `Objectives` cell."""
    if not row or row[0].col != 0 or not clean(row[0].text) or row[0].row != r:
        return False
    values = [clean(c.text) for c in row[1:] if c.row == r and clean(c.text) and not is_nil(c.text)]
    numbers = [v for v in values if parse_amount(v) is not None]
    if not values or len(numbers) * 2 < len(values):
        return False
    if all(is_period_label(v) or is_total(v) for v in values):
        return False  # `Objective | 2019 | 2020 | 2021-2022`, `CHF thousands | 2004 | 2005 | Total`: the header
    return True


def _group_start(rows: list[list[Cell]], first_body: int) -> int:
    """A label row across the table under the column headings (`Revenue`, an activity over its cost categories)
    opens the body as its first group; one naming a measure (`CHF thousands`) is still a title. A label with empty
    cells beside it is one too (a PDF without column rules cannot show the merge)."""
    for r in range(1, first_body):
        lone = len(rows[r]) == 1 or (rows[r][0].col == 0 and rows[r][0].row == r and clean(rows[r][0].text) and
                                     all(not clean(c.text) for c in rows[r][1:]))
        if lone and any(len(rows[k]) > 1 for k in range(r)) and not MEASURE.search(rows[r][0].text):
            return r
    return first_body


def read_money_table(table: Table) -> MoneyTable | None:
    """The money reading of a table, or None when it is not a table of money by period, objective or goal."""
    if table.n_rows < 2 or table.n_cols < 2 or numeric_kind(table) is not None:
        return None
    grid = table.grid()
    rows = [_covering(grid, r) for r in range(table.n_rows)]
    first_body = next((r for r in range(table.n_rows) if _is_body_row(rows[r], r)), None)
    if first_body is None or first_body == 0:
        return None
    first_body = _group_start(rows, first_body)
    header_end = first_body - 1
    titles = []
    stacks: dict[int, list[str]] = {}
    twins = header_twins(rows, first_body)
    groups = period_groups(rows, first_body, twins)
    for r in range(first_body):
        cells = rows[r]
        if len(cells) == 1:  # a title row across the table
            titles.append(clean(cells[0].text))
            continue
        for c in cells:
            if c.col == 0 or c.row != r:
                continue
            for k in range(c.col, c.col + c.col_span):
                text = groups[r].get(k, "") if r in groups else twins.get(clean(c.text), clean(c.text))
                if text and (not stacks.get(k) or stacks[k][-1] != text):
                    stacks.setdefault(k, []).append(text)
    columns = {}
    for col in range(1, table.n_cols):
        kind = column_kind(stacks.get(col, []))
        if kind is not None:
            columns[col] = MoneyColumn(col, kind.kind, kind.label, kind.period, kind.head or stacks[col][-1])
    if not columns:
        return None
    columns = funding_totals(total_spans(columns), stacks)
    header_texts = [t for col in sorted(stacks) for t in stacks[col]] + [clean(c.text) for r in range(first_body)
                                                                         for c in rows[r] if c.col == 0]
    ctx = table.context
    context = [*titles, ctx.caption, ctx.preceding_text]
    evidence = " ".join([*header_texts, *context, ctx.heading])
    printed = next((m for r in range(first_body, table.n_rows) for c in rows[r][1:] if (m := cell_currency(c.text))),
                   "")
    said = printed or has_term(evidence, "money_caption") or has_term(" ".join(header_texts), "money_header")
    kinds = {c.kind for c in columns.values()}
    if not said and FUNDING not in kinds and not by_cost_category(_row_labels(rows, first_body)):
        return None
    if not has_term(" ".join([*header_texts, *context]), "currency") and \
            has_term(" ".join([*titles, *header_texts, ctx.caption]), "share_column"):
        return None  # a table of shares (`Share of each Sector in the budget (%)`)
    measure, factor = measure_of([*header_texts, *titles, ctx.caption, ctx.preceding_text, printed])
    money = MoneyTable(header_end, columns, measure, factor, clean(" ".join([*titles, ctx.caption])))
    if measure:
        return money
    sums = printed_as_amounts([c.text for r in range(first_body, table.n_rows) for c in rows[r][1:]]) and \
        _totals_add_up(body_rows(table, money), columns)
    evidence = money_evidence([*titles, ctx.caption], header_texts, ctx.heading, sums)
    if not said and not evidence and FUNDING not in kinds:
        return None  # costs by category that nothing says are money (columns by source of funds: reported)
    scale, factor = scale_of([*titles, *header_texts, ctx.caption, ctx.heading]) if evidence else ("", 1.0)
    return replace(money, measure=scale, factor=factor, evidence=evidence)


def _row_labels(rows: list[list[Cell]], first_body: int) -> list[str]:
    return [clean(row[0].text) for r, row in enumerate(rows[first_body:], first_body)
            if row and row[0].col == 0 and row[0].row == r]


def _totals_add_up(rows: list[tuple[str, dict[int, float]]], columns: dict[int, MoneyColumn]) -> bool:
    """A `Total` row is the sum of the rows above it in every column, or a lone `Total` column the sum of the
    columns beside it in every row (at least two figures summed)."""
    parts = [values for row_label, values in rows if not is_total(row_label) and values]
    totals = [values for row_label, values in rows if is_total(row_label) and values]
    if len(parts) >= 2 and totals and all(abs(sum(p.get(col, 0.0) for p in parts) - v) < 0.5
                                          for col, v in totals[-1].items()):
        return True
    total_cols = [col for col, c in columns.items() if c.kind == TOTAL]
    if len(total_cols) != 1 or len(columns) < 3:
        return False
    t = total_cols[0]
    return all(abs(sum(v for col, v in values.items() if col != t) - values[t]) < 0.5
               for _, values in rows if t in values) and any(t in values for _, values in rows)


def body_rows(table: Table, money: MoneyTable) -> list[tuple[str, dict[int, float]]]:
    """(row label, {grid column: amount as printed}) for the rows under the header; `0` is an amount."""
    header = PeriodHeader(money.header_end, "", {col: c.label for col, c in money.columns.items()})
    return [(label(cell.text), values)
            for cell, values in numeric_body(table, header, lambda text: scaled_amount(text, money.factor))]


def subject_of(text: str) -> tuple[str, str]:
    """(subject as published, subject kind) of a row label: `R.1 Regulation` -> (`R.1`, objective), `R.1-7 ...`
    -> (`R.1-7`, output), `Goal 1 – Growth` -> (`Goal 1`, goal), `ITU-R` -> (`ITU-R`, sector), `Total`."""
    t = clean(text)
    if is_total(t):
        return t, TOTAL
    m = RESULT_CODE.match(t)
    if m:
        return f"{m.group(1)}-{m.group(2)}", "output"
    m = re.match(rf"^({OBJECTIVE_CODE})(?![\d-])", t)
    if m:
        return m.group(1), "objective"
    m = _SUBJECT_WORD.match(t)
    if m:
        word = m.group(1).lower()
        return f"{m.group(1)} {m.group(2)}", "goal" if word == "goal" else "objective"
    if (scope_in(t) and len(t.split()) <= 4) or _SECRETARIAT.match(t):
        return t, "sector"
    if _UNIT.match(t):
        return t, "unit"
    return t, "output"


def by_cost_category(labels: list[str]) -> bool:
    """At least half the named rows are cost categories (`Staff costs`, `Travel on duty`, `Revenue`)."""
    named = [t for t in labels if t and not is_total(t)]
    return bool(named) and sum(1 for t in named if has_term(t, "cost_category")) * 2 >= len(named)


def by_source(labels: list[str]) -> bool:
    """At least half the named rows are sources of funds (`Regular budget`, `Extra-budgetary`)."""
    named = [t for t in labels if t and not is_total(t)]
    return bool(named) and sum(1 for t in named if has_term(t, "funding_source")) * 2 >= len(named)


def categories_across(money: MoneyTable) -> dict[int, MoneyColumn]:
    """The amount columns of a budget by cost category across the top (`Activity | Staff costs | Non-staff costs |
    Total`, `Year | Staff costs | ...`): at least half the amount columns name a cost category and none a period.
    Empty for any other table."""
    amounts = {col: c for col, c in money.columns.items() if c.kind == AMOUNT}
    named = [c for c in amounts.values() if has_term(c.head, "cost_category")]
    if not named or len(named) * 2 < len(amounts) or any(c.kind == PERIOD for c in money.columns.values()):
        return {}
    return amounts


def not_subjects(labels: list[str]) -> str:
    """Why the rows of a money table are not subjects resources go to (empty when they are): a budget by cost
    category (`Staff costs`, `Revenue`) or by staff grade."""
    named = [t for t in labels if t and not is_total(t)]
    if not named:
        return "no row names what the money is for"
    if all(is_period_label(t) for t in named):
        return "periods down the side: the table says no subject the money is for"
    if by_cost_category(named):
        return "a budget by cost category (staff costs, revenue ...), not resources by goal, objective or output"
    if by_source(named):
        return "a budget by source of funds (regular budget, extra-budgetary ...), not resources by goal, objective " \
               "or output"
    if sum(1 for t in named if is_grade(t)) * 2 >= len(named):
        return "money by staff grade, not resources by goal, objective or output"
    return ""


def money_records(doc: Document, matrices: bool) -> Extraction:
    """financial_resources records of a document's money tables: by period (`matrices` False) or cost matrices
    (objective or goal columns, `matrices` True). A report's tables are not plan data: none."""
    if profile(doc).plan_kind == REPORT:
        return Extraction({Dataset.FINANCIAL_RESOURCES: []})
    records, used, skipped = [], set(), {}
    for table in doc.tables:
        money = read_money_table(table)
        if money is None:
            continue
        kinds = {c.kind for c in money.columns.values()}
        if FUNDING in kinds and not matrices:  # by source of funds: cost_categories.py reads what it can
            why = not_subjects([row_label for row_label, _ in body_rows(table, money)]) if money.named \
                else NO_CURRENCY
            if why:
                skipped[table.index] = why
            continue
        if bool(kinds & {OBJECTIVE, GOAL}) != matrices or not (matrices or kinds & {PERIOD, AMOUNT}):
            continue
        rows = body_rows(table, money)
        why = ACROSS if categories_across(money) else not_subjects([row_label for row_label, _ in rows])
        if why:
            skipped[table.index] = why
            continue
        used.add(table.index)
        scope = scope_of(doc, table.context, f"{money.title} {table.context.preceding_text}")
        for row_label, values in rows:
            if not row_label or not values:
                continue
            subject, kind = subject_of(row_label)
            for col, amount in values.items():
                column = money.columns[col]
                objective = column.label if column.kind == OBJECTIVE else ""
                goal = column.label if column.kind == GOAL else ""
                period, (start, end) = (column.label, column.period) if column.period else ("", (None, None))
                records.append(FinancialResource(
                    doc.document_id, scope, subject, kind, objective, goal, period, start, end,
                    amount * money.factor, money.measure, table.index))
    return Extraction({Dataset.FINANCIAL_RESOURCES: records}, frozenset(used), skipped)
