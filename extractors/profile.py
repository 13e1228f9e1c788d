"""What kind of plan a document is, about which body, for which period, under which title: read from its
opening text (a Council cover sheet's boxes included: extractors/cover.py).

- Title: the title printed on the first page (the first line naming a plan or a report and its period, or the
  `Subject` of a Council cover box). The reader's title (often the file's metadata title) stands only when the
  opening prints it too, or when the opening prints no title at all; a generic one (`ITU Global Template`) never.
- Kind: decided by the title when it names one (`report` for a report on the implementation of a plan: it talks
  about a plan but is not one), else by the words of the opening.
- Period: the period the title prints (one- and two-year plans included: `... FOR 2018`), else the span of
  three or more years the opening names most often (years listed one by one, `2004, 2005, 2006, 2007`, are such
  a span; a plan's text also cites other plans' periods, which is why the title comes first), else the period
  of the first short line naming a plan and a period.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractors.cover import cover_of
from extractors.text import clean, format_period, has_term, periods_in, vocab
from pipeline.model import Document, Heading, ListItem, Paragraph, Table

REPORT = "report"
_KINDS = {
    "operational_plan": re.compile(r"\boperational\s+plan\b", re.I),
    "strategic_plan": re.compile(r"\bstrategic\s+plan\b|\bstrategic\s+orientations\b", re.I),
}
_FINANCIAL = re.compile(r"\bfinancial\s+plan\b", re.I)  # a part of most plans: only the title decides
_BODY = re.compile(
    r"operational\s+plan\s+(?:of|for)\s+the\s+((?:General\s+)?Secretariat|(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}))"
    r"|plan\s+(?:of|for)\s+the\s+(ITU-[RTD]|Radiocommunication|Telecommunication\s+\w+)"
    r"|\b(ITU-[RTD])\s+(?:draft\s+)?(?:four-year\s+(?:rolling\s+)?)?operational\s+plan\b", re.I
)
_TITLE_WORDS = re.compile(r"\b(?:strategic|operational|financial)\s+plan\b", re.I)
TITLE_BLOCKS = 40  # the opening searched for a printed title (a cover page and the plan's own title page)
_MAX_TITLE = 200
_MAX_TITLE_WORDS = 25


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
    title: str = ""


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


def _names_a_title(text: str) -> bool:
    """A title line: names a plan or a report and its period, and is no sentence (`Structure of the ...
    Operational Plan` is a section heading; `I have the honour to present the ... plan for 2008-2011.` a
    sentence)."""
    if len(text) > _MAX_TITLE or len(text.split()) > _MAX_TITLE_WORDS or text.endswith((".", ":", ";", ",")):
        return False
    if ", " in text and len(text.split()) > 12:
        return False
    return bool(_TITLE_WORDS.search(text) or has_term(text, "report_title")) and bool(periods_in(text))


def _is_generic(title: str) -> bool:
    return clean(title).lower().strip(" .:") in vocab().get("generic_title", ())


def listed_spans(text: str) -> list[tuple[int, int]]:
    """`2004, 2005, 2006, 2007` (or `... 2006 and 2007`) -> [(2004, 2007)]: consecutive years listed one by one."""
    out = []
    for m in _LISTED_YEARS.finditer(text):
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", m.group(0))]
        if years == list(range(years[0], years[0] + len(years))):
            out.append((years[0], years[-1]))
    return out


def printed_titles(doc: Document) -> list[str]:
    """Title lines of the opening in reading order: lines naming a plan or a report and its period, and the
    `Subject` of a Council cover box (printed as the title, period or not: `ITU-R DRAFT OPERATIONAL PLAN`)."""
    out = []
    cover = cover_of(doc)
    for b in doc.blocks[:TITLE_BLOCKS]:
        if isinstance(b, Table):
            if cover is not None and b.index == cover.table_index and cover.subject:
                out.append(cover.subject)  # the cover's `Subject` names the document, with or without its period
        else:
            text = clean(b.full_text if isinstance(b, Heading) else b.text)
            if _names_a_title(text) and not re.search(r"\s\d{1,3}$", text):  # not a line of the contents
                out.append(text)
    return out


def resolve_title(doc: Document) -> str:
    """The title printed on the first page; the reader's title (the file's metadata title, or a line it guessed)
    when it is one the opening prints, or when the opening prints none; empty when neither names the document
    (`built_title` then makes one)."""
    given = clean(doc.title or "")
    printed = printed_titles(doc)
    if given and not _is_generic(given):
        body_lines = {clean(b.full_text if isinstance(b, Heading) else b.text).lower()
                      for b in doc.blocks if not isinstance(b, Table)}
        if given.lower() not in body_lines:  # the metadata title: stale when the first page prints another
            if not printed or given.lower() in {t.lower() for t in printed}:
                return given
        elif is_title(doc, given):
            return given
    return printed[0] if printed else ""


def _title_period(title: str, kind: str) -> tuple[int, int] | None:
    found = periods_in(title)
    if not found:
        return None
    return found[-1] if kind == REPORT else found[0]


_CACHE: dict[int, tuple[Document, Profile]] = {}


def profile(doc: Document) -> Profile:
    hit = _CACHE.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    result = _profile(doc)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[id(doc)] = (doc, result)
    return result


def _profile(doc: Document) -> Profile:
    title = resolve_title(doc)
    text = opening_text(doc)
    counts = {k: len(p.findall(text)) for k, p in _KINDS.items()}
    named = title or doc.title or ""
    title_kind = REPORT if has_term(named, "report_title") else None
    title_kind = title_kind or next((k for k, p in _KINDS.items() if p.search(named)), None)
    if title_kind is None and _FINANCIAL.search(named):
        title_kind = "financial_plan"
    kind = title_kind or (max(counts, key=counts.get) if max(counts.values()) else "other")
    body = "Union"
    if kind == "operational_plan":
        m = _BODY.search(f"{title} {text}")
        body = clean(m.group(1) or m.group(2) or m.group(3)).title() if m else ""
        body = _sector_body(body.replace("Itu-", "ITU-"))
    period = _title_period(title, kind)
    if period is None:
        spans = Counter(p for p in periods_in(text) + listed_spans(text) if p[1] - p[0] >= 3)
        period = spans.most_common(1)[0][0] if spans else (_first_titled_period(doc) or (None, None))
    return Profile(kind, body, period[0], period[1], title)


def _first_titled_period(doc: Document) -> tuple[int, int] | None:
    """The period of the first short line naming a plan and a period (a plan whose title is not printed as one)."""
    for b in doc.blocks[:TITLE_BLOCKS]:
        if isinstance(b, (Heading, Paragraph)) and len(b.text) <= 160 and periods_in(b.text) and any(
                p.search(b.text) for p in (*_KINDS.values(), _FINANCIAL)):
            return periods_in(b.text)[-1]
    return None


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
