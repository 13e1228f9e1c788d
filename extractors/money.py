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
from extractors.profile import REPORT, profile
from extractors.scope import scope_in, scope_of
from extractors.tables import PeriodHeader, is_grade, is_total, numeric_body, numeric_kind
from extractors.text import (
    clean, format_period, has_term, is_nil, is_period_label, label, parse_period, period_text,
)
from pipeline.model import Cell, Document, Table
from pipeline.records import Dataset, FinancialResource

PERIOD, OBJECTIVE, GOAL, TOTAL, AMOUNT, FUNDING = "period", "objective", "goal", "total", "amount", "funding"
ACROSS = "a budget by cost category across the top (staff costs ...), outside a resources allocation section"
_MEASURE = re.compile(
    r"thousands?\s+of\s+(?:swiss\s+francs|chf|us\s+dollars)|millions?\s+of\s+(?:swiss\s+francs|chf)"
    r"|(?:k|m)chf|(?:chf|usd|us\$)\s*(?:thousands?|millions?|'000|’000|000s|k)\b|swiss\s+francs|\bchf\b|\busd\b|us\$",
    re.I,
)
_COLUMN_HEAD = re.compile(r"^\s*(objective|goal|enabler)\s*(" + OBJECTIVE_CODE + r"|\d{1,2})\b", re.I)
_BARE_NUMBER = re.compile(r"^\s*(" + OBJECTIVE_CODE + r"|\d{1,2})\s*$")
_SUBJECT_WORD = re.compile(r"^\s*(goal|objective|enabler)\s+(" + OBJECTIVE_CODE + r"|\d{1,2})\b", re.I)
_SECRETARIAT = re.compile(r"^(?:the\s+)?(?:general\s+)?secretariat$", re.I)
_UNIT = re.compile(r"^[A-Z][A-Z&/-]{1,7}$")
_YEARS = re.compile(r"\(?\b(?:19|20)\d{2}(?:\s*[-–—/]\s*(?:19|20)?\d{2})?\b\)?")
NO_CURRENCY = "columns by source of funds without a currency: not money (posts, work months)"


@dataclass(frozen=True)
class MoneyColumn:
    col: int
    kind: str  # period | objective | goal | total | amount
    label: str  # the period as printed (`2021`, `2016-2017`), or the column's number (`R.1`, `3`)
    period: tuple[int, int] | None = None
    head: str = ""  # the header text right above the column, as printed


@dataclass(frozen=True)
class MoneyTable:
    header_end: int  # index of the last header row
    columns: dict[int, MoneyColumn]
    measure: str
    factor: float
    title: str  # title rows and caption: what the table says it is about


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
        if lone and any(len(rows[k]) > 1 for k in range(r)) and not _MEASURE.search(rows[r][0].text):
            return r
    return first_body


def _period_head(text: str) -> str:
    """The period a short header cell over or under sources of funds prints (`2006`, `Budget 2006`, `Forecast
    2006-2007`), else ``; never a source's own (`Regular budget 2006`)."""
    if len(text.split()) > 3 or has_term(text, "funding_source"):
        return ""
    return period_text(text)


def _funding_column(stack: list[str]) -> MoneyColumn | None:
    """A column by source of funds: `Regular budget` (under a period, or printing one: `Regular budget 2006`), or a
    period under a source of funds (`Extra-budgetary` over `2006 | 2007`). `head` is the source as printed,
    without the period or measure it prints (`Regular budget 2006 (CHF thousands)` -> `Regular budget`)."""
    sources = [t for t in stack if has_term(t, "funding_source") and len(t.split()) <= 6]
    if not sources or (stack[-1] != sources[-1] and not _period_head(stack[-1])):
        return None
    printed = next((p for t in reversed(stack) if (p := _period_head(t) or (period_text(t) if t == sources[-1]
                                                                              else ""))), "")
    return MoneyColumn(-1, FUNDING, printed, parse_period(printed) if printed else None, _source_name(sources[-1]))


def _source_name(text: str) -> str:
    """A source of funds as printed, without the period or measure it prints."""
    return clean(re.sub(r"\(\s*\)", "", _MEASURE.sub("", _YEARS.sub("", text)))).strip(" ,:;-–")


def _twins(rows: list[list[Cell]], first_body: int) -> dict[str, str]:
    """Header texts equal but for spaces (`Extra-budgeta ry resources` beside `Extra-budgetary resources`: a PDF
    line wrapped inside a word of a narrower cell) -> the form printed most often (a tie: the one with fewer
    spaces)."""
    forms: dict[str, list[str]] = {}
    for r in range(first_body):
        for c in rows[r]:
            if c.row == r and clean(c.text):
                forms.setdefault(re.sub(r"\s+", "", clean(c.text)), []).append(clean(c.text))
    out = {}
    for printed in forms.values():
        if len(set(printed)) > 1:
            best = min(set(printed), key=lambda f: (-printed.count(f), f.count(" ")))
            out.update({f: best for f in printed})
    return out


def _period_groups(rows: list[list[Cell]], first_body: int, twins: dict[str, str]) -> dict[int, dict[int, str]]:
    """A header row of periods or sources of funds over repeated groups of columns (`2006 | 2007` over `Regular
    budget | Extra-budgetary | Total` twice, `Ordinary budget | Voluntary contributions` over `2006 | 2007` twice)
    whose cells do not span their groups (a Word text export keeps no spans): {row: {column: text}}, the k-th
    cell over the k-th group."""
    out = {}
    for r in range(first_body - 1):
        cells = [c for c in rows[r] if c.col > 0 and c.row == r and clean(c.text)]
        texts = [clean(c.text) for c in cells]
        if len(cells) < 2 or not (all(_period_head(t) for t in texts) or
                                  all(has_term(t, "funding_source") for t in texts)):
            continue
        heads = [(c.col, twins.get(clean(c.text), clean(c.text))) for c in rows[r + 1] if c.col > 0 and c.row == r + 1]
        size = len(heads) // len(cells)
        if size < 2 or size * len(cells) != len(heads) or \
                any(heads[j][1] != heads[j % size][1] for j in range(len(heads))):
            continue
        if all(c.col == heads[i * size][0] and c.col_span == size for i, c in enumerate(cells)):
            continue  # the spans say it already
        out[r] = {col: texts[j // size] for j, (col, _) in enumerate(heads)}
    return out


def _column_kind(stack: list[str]) -> MoneyColumn | None:
    """What a column holds, from its header texts top to bottom."""
    if not stack:
        return None
    funding = _funding_column(stack)
    if funding is not None:
        return funding
    bottom = stack[-1]
    if has_term(bottom, "share_column") and not has_term(bottom, "currency"):
        return None  # `%`: a share, not money
    if is_total(bottom):
        return MoneyColumn(-1, TOTAL, "")
    m = _COLUMN_HEAD.match(bottom)
    if m:
        return MoneyColumn(-1, GOAL if m.group(1).lower() == "goal" else OBJECTIVE, m.group(2))
    m = _BARE_NUMBER.match(bottom)
    if m and len(stack) > 1:
        above = " ".join(stack[:-1]).lower()
        if "goal" in above:
            return MoneyColumn(-1, GOAL, m.group(1))
        if has_term(above, "objective_column"):
            return MoneyColumn(-1, OBJECTIVE, m.group(1))
    printed = period_text(bottom)
    if printed and len(bottom) <= 40:
        return MoneyColumn(-1, PERIOD, printed, parse_period(printed))
    if has_term(bottom, "money_header") and len(bottom.split()) <= 4:
        return MoneyColumn(-1, AMOUNT, "")
    return None


def _total_spans(columns: dict[int, MoneyColumn]) -> dict[int, MoneyColumn]:
    """A `Total` column beside period columns only is the money of their whole span (`2004 | 2005 | Total` ->
    `2004-2005`)."""
    periods = [c.period for c in columns.values() if c.kind == PERIOD and c.period]
    if not periods or any(c.kind not in (PERIOD, TOTAL) for c in columns.values()):
        return columns
    span = (min(p[0] for p in periods), max(p[1] for p in periods))
    return {col: replace(c, label=format_period(span), period=span) if c.kind == TOTAL else c
            for col, c in columns.items()}


def _funding_totals(columns: dict[int, MoneyColumn], stacks: dict[int, list[str]]) -> dict[int, MoneyColumn]:
    """Beside columns by source of funds, a `Total` column under a period is that period's (`2006` over `Regular
    budget | Extra-budgetary | Total`); one under a source is that source's over its years (`Regular budget` over
    `2006 | 2007 | Total`); one under neither, beside sources that print periods, covers their span."""
    funding = [c for c in columns.values() if c.kind == FUNDING]
    if not funding:
        return columns
    out = dict(columns)
    for col, c in columns.items():
        if c.kind != TOTAL:
            continue
        printed = next((p for t in reversed(stacks[col][:-1]) if (p := _period_head(t))), "")
        source = next((t for t in reversed(stacks[col][:-1]) if has_term(t, "funding_source")), "")
        own = [f.period for f in funding if f.head == _source_name(source)] if source else []
        spans = own or [f.period for f in funding]
        if printed:
            out[col] = replace(c, label=printed, period=parse_period(printed))
        elif spans and all(spans):
            span = (min(p[0] for p in spans), max(p[1] for p in spans))
            out[col] = replace(c, label=format_period(span), period=span)
        if own:
            out[col] = replace(out[col], kind=FUNDING, head=_source_name(source))
    return out


def measure_of(texts: list[str]) -> tuple[str, float]:
    """(measure as printed, factor to Swiss francs) from the first text naming one."""
    for text in texts:
        m = _MEASURE.search(text or "")
        if m:
            printed = clean(m.group(0))
            low = printed.lower()
            if "million" in low or low.startswith("mchf"):
                return printed, 1_000_000.0
            if "thousand" in low or "000" in low or low.startswith("kchf") or low.endswith(" k"):
                return printed, 1000.0
            return printed, 1.0
    return "", 1.0


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
    twins = _twins(rows, first_body)
    groups = _period_groups(rows, first_body, twins)
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
        kind = _column_kind(stacks.get(col, []))
        if kind is not None:
            columns[col] = MoneyColumn(col, kind.kind, kind.label, kind.period, kind.head or stacks[col][-1])
    if not columns:
        return None
    columns = _funding_totals(_total_spans(columns), stacks)
    header_texts = [t for col in sorted(stacks) for t in stacks[col]] + [clean(c.text) for r in range(first_body)
                                                                         for c in rows[r] if c.col == 0]
    ctx = table.context
    context = [*titles, ctx.caption, ctx.preceding_text]
    evidence = " ".join([*header_texts, *context, ctx.heading])
    printed = next((m for r in range(first_body, table.n_rows) for c in rows[r][1:] if (m := cell_currency(c.text))),
                   "")
    if not printed and not has_term(evidence, "money_caption") and \
            not has_term(" ".join(header_texts), "money_header"):
        return None
    if not has_term(" ".join([*header_texts, *context]), "currency") and \
            has_term(" ".join([*titles, *header_texts, ctx.caption]), "share_column"):
        return None  # a table of shares (`Share of each Sector in the budget (%)`)
    measure, factor = measure_of([*header_texts, *titles, ctx.caption, ctx.preceding_text, printed])
    return MoneyTable(header_end, columns, measure, factor, clean(" ".join([*titles, ctx.caption])))


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
            why = not_subjects([row_label for row_label, _ in body_rows(table, money)]) if money.measure \
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
