"""What a money table says its amounts are in: the measure it prints (`CHF thousands`, `thousands of Swiss francs`,
`CHF`) and the factor that turns a cell into Swiss francs; for a table that prints no currency, whether other
evidence says it is money all the same (`money_evidence`).
"""

from __future__ import annotations

import re

from extractors.text import clean, has_term, vocab

MEASURE = re.compile(
    r"thousands?\s+of\s+(?:swiss\s+francs|chf|us\s+dollars)|millions?\s+of\s+(?:swiss\s+francs|chf)"
    r"|(?:k|m)chf|(?:chf|usd|us\$)\s*(?:thousands?|millions?|'000|’000|000s|k)\b|swiss\s+francs|\bchf\b|\busd\b|us\$",
    re.I,
)


def measure_of(texts: list[str]) -> tuple[str, float]:
    """(measure as printed, factor to Swiss francs) from the first text naming one."""
    for text in texts:
        m = MEASURE.search(text or "")
        if m:
            printed = clean(m.group(0))
            low = printed.lower()
            if "million" in low or low.startswith("mchf"):
                return printed, 1_000_000.0
            if "thousand" in low or "000" in low or low.startswith("kchf") or low.endswith(" k"):
                return printed, 1000.0
            return printed, 1.0
    return "", 1.0



_SCALE_WORD = r"[^\s]*{term}[^\s]*"
_AMOUNT_MARKS = re.compile(r"\d['’\u2009\u202f\u00a0 ]\d{3}(?!\d)|\d\.\d{2}$|\d\.\s*[-–]$")


def scale_of(texts: list[str]) -> tuple[str, float]:
    """A scale printed without a currency (`Amounts in thousands`, `RB (k)`, `('000)`: vocab `money_scale`,
    `money_scale_millions`) as (the word as printed, factor), or ("", 1.0)."""
    for role, factor in (("money_scale", 1000.0), ("money_scale_millions", 1_000_000.0)):
        for text in texts:
            low = clean(text or "").lower()
            term = next((t for t in vocab().get(role, ()) if t in low), "")
            if term:
                word = re.search(_SCALE_WORD.format(term=re.escape(term)), low).group(0)
                return word.strip("().,:;[]"), factor
    return "", 1.0


def printed_as_amounts(texts: list[str]) -> bool:
    """Some figure is printed the way amounts are: Swiss thousands marks (`1'320`, `1 320`), cents (`12.50`), or
    the `.-` of whole francs."""
    return any(_AMOUNT_MARKS.search(clean(t)) for t in texts)


def money_evidence(titles: list[str], header: list[str], heading: str, adds_up: bool) -> str:
    """Why a table that prints no currency is money all the same, or "" when nothing says so. `titles` is what the
    table says about itself (title rows, caption), `header` its header texts, `heading` the section it stands in,
    `adds_up` whether its totals add up over figures printed as amounts. A count named in its titles or header
    (`Posts by source of funds`, `Number of staff`: vocab `not_money_caption`) is never money; else, in order: a
    scale (`Amounts in thousands`, `RB (k)`), a budget, cost or resources title (vocab `money_title`; header texts
    naming a source of funds, `Regular budget`, do not count), totals that add up."""
    if has_term(" ".join([*titles, *header]), "not_money_caption"):
        return ""
    scale, _ = scale_of([*titles, *header, heading])
    if scale:
        return f"a scale without a currency ({scale})"
    named = [*titles, heading, *(t for t in header if not has_term(t, "funding_source"))]
    if has_term(" ".join(named), "money_title"):
        return "a budget, cost or resources title"
    return "totals adding up over amounts" if adds_up else ""
