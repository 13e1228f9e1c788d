"""What kind of plan a document is, about which body, for which period: read from its opening text (a Council
cover sheet's boxes included: extractors/cover.py).

Period: the span of three or more years the opening names most often (years listed one by one, `2004, 2005,
2006, 2007`, are such a span); a one- or two-year plan names none: then the period of its printed title (the
cover's `Subject`, else the first short line naming a plan and a period: `... OPERATIONAL PLAN FOR 2003`)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractors.cover import cover_of
from extractors.text import clean, format_period, periods_in
from pipeline.model import Document, Heading, ListItem, Paragraph

_KINDS = {
    "operational_plan": re.compile(r"\boperational\s+plan\b", re.I),
    "strategic_plan": re.compile(r"\bstrategic\s+plan\b|\bstrategic\s+orientations\b", re.I),
}
_FINANCIAL = re.compile(r"\bfinancial\s+plan\b", re.I)  # a part of most plans: only the title decides
_BODY = re.compile(
    r"operational\s+plan\s+(?:of|for)\s+the\s+((?:General\s+)?Secretariat|(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}))"
    r"|plan\s+(?:of|for)\s+the\s+(ITU-[RTD]|Radiocommunication|Telecommunication\s+\w+)", re.I
)


# a Bureau's (or Sector's) plan is about its Sector: the body is published as the Sector's name, the value
# objectives and matrices take as their scope
_SECTOR_BODIES = [
    ("ITU-R", re.compile(r"\bITU-R\b|\bradiocommunication\s+(?:bureau|sector)\b", re.I)),
    ("ITU-T", re.compile(r"\bITU-T\b|\bstandardization\s+(?:bureau|sector)\b", re.I)),
    ("ITU-D", re.compile(r"\bITU-D\b|\bdevelopment\s+(?:bureau|sector)\b", re.I)),
]


def _sector_body(body: str) -> str:
    for name, pat in _SECTOR_BODIES:
        if pat.search(body):
            return name
    return body


@dataclass(frozen=True)
class Profile:
    plan_kind: str
    body: str
    period_start: int | None
    period_end: int | None


_LISTED_YEARS = re.compile(r"\b(?:19|20)\d{2}(?:\s*(?:,|;|\band\b|&)\s*(?:19|20)\d{2}\b){2,}")


def opening_text(doc: Document, blocks: int = 150) -> str:
    parts = [doc.title]
    cover = cover_of(doc)
    if cover is not None:
        parts.append(cover.text)
    for b in doc.blocks[:blocks]:
        if isinstance(b, (Heading, Paragraph, ListItem)):
            parts.append(b.text)
    return clean(" ".join(parts))


def listed_spans(text: str) -> list[tuple[int, int]]:
    """`2004, 2005, 2006, 2007` (or `... 2006 and 2007`) -> [(2004, 2007)]: consecutive years listed one by one."""
    out = []
    for m in _LISTED_YEARS.finditer(text):
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", m.group(0))]
        if years == list(range(years[0], years[0] + len(years))):
            out.append((years[0], years[-1]))
    return out


def _title_period(doc: Document) -> tuple[int, int] | None:
    """The period of the plan's printed title, for a plan naming no span of its own (one- and two-year plans)."""
    cover = cover_of(doc)
    lines = [cover.subject] if cover is not None and cover.subject else []
    lines += [b.text for b in doc.blocks[:40] if isinstance(b, (Heading, Paragraph)) and len(b.text) <= 160]
    for line in lines:
        if any(p.search(line) for p in (*_KINDS.values(), _FINANCIAL)) and periods_in(line):
            return periods_in(line)[-1]
    return None


def profile(doc: Document) -> Profile:
    text = opening_text(doc)
    counts = {k: len(p.findall(text)) for k, p in _KINDS.items()}
    title_kind = next((k for k, p in _KINDS.items() if p.search(doc.title or "")), None)
    if title_kind is None and _FINANCIAL.search(doc.title or ""):
        title_kind = "financial_plan"
    kind = title_kind or (max(counts, key=counts.get) if max(counts.values()) else "other")
    body = "Union"
    if kind == "operational_plan":
        m = _BODY.search(text)
        body = clean(m.group(1) or m.group(2)).title() if m else ""
        body = _sector_body(body.replace("Itu-", "ITU-"))
    spans = Counter(p for p in periods_in(text) + listed_spans(text) if p[1] - p[0] >= 3)
    period = spans.most_common(1)[0][0] if spans else (_title_period(doc) or (None, None))
    return Profile(kind, body, period[0], period[1])


_KIND_LABEL = {"operational_plan": "Operational Plan", "strategic_plan": "Strategic Plan",
               "financial_plan": "Financial Plan"}


def is_title(doc: Document, text: str) -> bool:
    """Whether `text` can be the document's title. A title from the file's metadata is not a line of its body; a
    line of the body is the title only when it names a plan and its period (a title page): not a section heading
    (`PART I The Union and its membership`, `Structure of the General Secretariat Operational Plan`)."""
    if not text.strip():
        return False
    lines = {clean(b.text) for b in doc.blocks if isinstance(b, (Heading, Paragraph, ListItem))}
    lines |= {clean(b.full_text) for b in doc.blocks if isinstance(b, Heading)}
    if clean(text) not in lines:
        return True
    sentence = text.rstrip().endswith(".") or text.lstrip()[:1].isdigit()  # "1 I have the honour to present ..."
    return not sentence and any(p.search(text) for p in _KINDS.values()) and bool(periods_in(text))


def built_title(doc: Document, p: Profile) -> str:
    """A title for a document that prints none (a text export has no title page or metadata): the phrase its
    opening text names itself with (`... present the draft four-year rolling operational plan of the General
    Secretariat ...`), else its kind and body, with the period: `Strategic Plan of the Union 2008-2011`."""
    label = _KIND_LABEL.get(p.plan_kind)
    if label is None or not p.body:
        return ""
    period = f" {format_period((p.period_start, p.period_end))}" if p.period_start else ""
    named = re.search(r"\bthe\s+((?:[\w’'-]+\s+){0,4}?)" + label.replace(" ", r"\s+") + r"\s+(?:of|for)\s+the\s+"
                      + re.escape(p.body) + r"\b", opening_text(doc), re.I)
    lead = named.group(1).strip() if named else ""
    lead = lead[:1].upper() + lead[1:] + " " if lead else ""
    return f"{lead}{label} of the {p.body}{period}"
