"""Amounts as printed in a money cell: the currency beside them (`CHF 1'850`, `1'850 CHF`, vocab
`amount_currency`), Swiss thousands marks (`1'850`, `1’850.5`, `1 850` with a thin or no-break space), the Swiss
`.-` of whole francs, and a scale the cell prints (`CHF 1.2 million`, `850k`: vocab `amount_thousands`,
`amount_millions`), which wins over the table's measure (extractors/money.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.text import clean, parse_number, vocab

_SWISS_END = re.compile(r"\.\s*[-–—]$")  # `400'000.-`: whole francs


@lru_cache(maxsize=1)
def _currency_mark() -> re.Pattern:
    """A currency printed before or after the amount in a cell (vocab `amount_currency`)."""
    alt = "|".join(re.escape(t) for t in sorted(vocab().get("amount_currency", ()), key=len, reverse=True))
    return re.compile(rf"^(?:{alt})\s*(?=[+-]?\d)|(?:(?<=\d)|(?<=\w\s))\s*(?:{alt})$", re.I)


@lru_cache(maxsize=1)
def _cell_scale() -> re.Pattern:
    """A scale printed after the amount in a cell (vocab `amount_thousands`, `amount_millions`), a currency
    possibly after it (`1.2 million CHF`)."""
    words = [t for role in ("amount_thousands", "amount_millions") for t in vocab().get(role, ())]
    currencies = vocab().get("amount_currency", ())
    alt = "|".join(re.escape(t) for t in sorted(words, key=len, reverse=True))
    cur = "|".join(re.escape(t) for t in sorted(currencies, key=len, reverse=True))
    return re.compile(rf"(?<=\d)\s*({alt})(?:\s+(?:{cur}))?$", re.I)


def _amount_parts(text: str) -> tuple[str, float | None]:
    """(the amount as printed, the scale the cell prints or None)."""
    t = _currency_mark().sub("", clean(text)).strip()
    m = _cell_scale().search(t)
    scale = None
    if m:
        scale = 1_000_000.0 if m.group(1).lower() in vocab().get("amount_millions", ()) else 1000.0
        t = t[:m.start()]
    return _SWISS_END.sub("", t).strip(), scale


def parse_amount(text: str) -> float | None:
    """A money cell as a number as printed: `CHF 1'850` -> 1850, `1’850.5 CHF` -> 1850.5, `1 850` (thin or
    no-break space) -> 1850, `400'000.-` -> 400000, `CHF 1.2 million` -> 1.2; None when it is not an amount."""
    return parse_number(_amount_parts(text)[0])


def scaled_amount(text: str, factor: float) -> float | None:
    """A money cell in the unit of its table's measure (`factor` Swiss francs): a scale the cell prints wins
    (`CHF 1.2 million` under `CHF thousands` -> 1200)."""
    printed, scale = _amount_parts(text)
    value = parse_number(printed)
    return value * scale / factor if value is not None and scale else value


def cell_currency(text: str) -> str:
    """The currency a money cell prints beside its amount (`CHF`), or ``."""
    t = clean(text)
    m = _currency_mark().search(t)
    return clean(m.group(0)) if m and parse_amount(t) is not None else ""
