"""The columns of a money table, from its header texts top to bottom: periods (`2006`, `Budget 2004-2005`), objective
or goal numbers, totals, amounts (`CHF thousands`), and columns by source of funds (vocab `funding_source`:
`Regular budget | Extra-budgetary | Total`, `RB | XB | Cost recovery`, under a period or over one). Also the
header's repairs: texts equal but for spaces (a PDF line wrapped inside a word) are one, and a row of periods or
sources over repeated groups of columns that a Word text export printed without spans is spread over its groups.
What a table's measure is: extractors/money_measure.py; the table as a whole: extractors/money.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.codes import OBJECTIVE_CODE
from extractors.money_measure import MEASURE
from extractors.tables import is_total
from extractors.text import clean, format_period, has_term, parse_period, period_text, vocab
from pipeline.model import Cell

PERIOD, OBJECTIVE, GOAL, TOTAL, AMOUNT, FUNDING = "period", "objective", "goal", "total", "amount", "funding"
_COLUMN_HEAD = re.compile(r"^\s*(objective|goal|enabler)\s*(" + OBJECTIVE_CODE + r"|\d{1,2})\b", re.I)
_BARE_NUMBER = re.compile(r"^\s*(" + OBJECTIVE_CODE + r"|\d{1,2})\s*$")
_YEARS = re.compile(r"\(?\b(?:19|20)\d{2}(?:\s*[-–—/]\s*(?:19|20)?\d{2})?\b\)?")


@dataclass(frozen=True)
class MoneyColumn:
    col: int
    kind: str  # period | objective | goal | total | amount
    label: str  # the period as printed (`2021`, `2016-2017`), or the column's number (`R.1`, `3`)
    period: tuple[int, int] | None = None
    head: str = ""  # the header text right above the column, as printed



def period_head(text: str) -> str:
    """The period a short header cell over or under sources of funds prints (`2006`, `Budget 2006`, `Forecast
    2006-2007`), else ``; never a source's own (`Regular budget 2006`)."""
    if len(text.split()) > 3 or has_term(text, "funding_source"):
        return ""
    return period_text(text)


def funding_column(stack: list[str]) -> MoneyColumn | None:
    """A column by source of funds: `Regular budget` (under a period, or printing one: `Regular budget 2006`), or a
    period under a source of funds (`Extra-budgetary` over `2006 | 2007`). `head` is the source as printed,
    without the period or measure it prints (`Regular budget 2006 (CHF thousands)` -> `Regular budget`)."""
    sources = [t for t in stack if has_term(t, "funding_source") and len(t.split()) <= 6]
    if not sources or (stack[-1] != sources[-1] and not period_head(stack[-1])):
        return None
    printed = next((p for t in reversed(stack) if (p := period_head(t) or (period_text(t) if t == sources[-1]
                                                                              else ""))), "")
    return MoneyColumn(-1, FUNDING, printed, parse_period(printed) if printed else None, source_name(sources[-1]))


def source_name(text: str) -> str:
    """A source of funds as printed, without the period, measure or bracketed scale it prints (`RB (k)` -> `RB`)."""
    text = MEASURE.sub("", _YEARS.sub("", text))
    for term in vocab().get("money_scale", ()):
        if term.startswith("("):
            text = re.sub(re.escape(term), "", text, flags=re.I)
    return clean(re.sub(r"\(\s*\)", "", text)).strip(" ,:;-–")


def header_twins(rows: list[list[Cell]], first_body: int) -> dict[str, str]:
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


def period_groups(rows: list[list[Cell]], first_body: int, twins: dict[str, str]) -> dict[int, dict[int, str]]:
    """A header row of periods or sources of funds over repeated groups of columns (`2006 | 2007` over `Regular
    budget | Extra-budgetary | Total` twice, `Ordinary budget | Voluntary contributions` over `2006 | 2007` twice)
    whose cells do not span their groups (a Word text export keeps no spans): {row: {column: text}}, the k-th
    cell over the k-th group."""
    out = {}
    for r in range(first_body - 1):
        cells = [c for c in rows[r] if c.col > 0 and c.row == r and clean(c.text)]
        texts = [clean(c.text) for c in cells]
        if len(cells) < 2 or not (all(period_head(t) for t in texts) or
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


def column_kind(stack: list[str]) -> MoneyColumn | None:
    """What a column holds, from its header texts top to bottom."""
    if not stack:
        return None
    funding = funding_column(stack)
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


def total_spans(columns: dict[int, MoneyColumn]) -> dict[int, MoneyColumn]:
    """A `Total` column beside period columns only is the money of their whole span (`2004 | 2005 | Total` ->
    `2004-2005`)."""
    periods = [c.period for c in columns.values() if c.kind == PERIOD and c.period]
    if not periods or any(c.kind not in (PERIOD, TOTAL) for c in columns.values()):
        return columns
    span = (min(p[0] for p in periods), max(p[1] for p in periods))
    return {col: replace(c, label=format_period(span), period=span) if c.kind == TOTAL else c
            for col, c in columns.items()}


def funding_totals(columns: dict[int, MoneyColumn], stacks: dict[int, list[str]]) -> dict[int, MoneyColumn]:
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
        printed = next((p for t in reversed(stacks[col][:-1]) if (p := period_head(t))), "")
        source = next((t for t in reversed(stacks[col][:-1]) if has_term(t, "funding_source")), "")
        own = [f.period for f in funding if f.head == source_name(source)] if source else []
        spans = own or [f.period for f in funding]
        if printed:
            out[col] = replace(c, label=printed, period=parse_period(printed))
        elif spans and all(spans):
            span = (min(p[0] for p in spans), max(p[1] for p in spans))
            out[col] = replace(c, label=format_period(span), period=span)
        if own:
            out[col] = replace(out[col], kind=FUNDING, head=source_name(source))
    return out

