"""Language and number handling shared by the extractors: cleaning cell text, numbers and periods as printed
in these documents, splitting KPI / risk cells into single statements (spaCy sentencizer + rules), focal
points, and the vocabulary of header words (kept as data in `extractors/vocab/*.csv`).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from pipeline.model import BULLET_CLASS, normalize_space

VOCAB_DIR = Path(__file__).parent / "vocab"

_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\ufffd\u200b\u00ad]")
_LINE_HYPHEN = re.compile(r"([A-Za-z]{3,})-[ \t]*\n[ \t]*([a-z])")
_QUOTES = "“”\"'‘’«» "


def _vocab_rows() -> list[tuple[str, str]]:
    """(role, term as written) from extractors/vocab/terms.csv and the other `role,term,note` files beside it."""
    files = [VOCAB_DIR / "terms.csv", *sorted(p for p in VOCAB_DIR.glob("*.csv") if p.name != "terms.csv")]
    rows = []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            rows += [(row["role"], row["term"]) for row in csv.DictReader(fh)]
    return rows


def _is_abbreviation(term: str) -> bool:
    return term.isupper() and term.replace(".", "").isalpha()


@lru_cache(maxsize=1)
def vocab() -> dict[str, tuple[str, ...]]:
    """role -> terms (lower case), from extractors/vocab/terms.csv and the other `role,term,note` files beside it
    (one per family of documents, e.g. older.csv): header wording across documents and years. A term written in
    capitals (`RB`, `XB`) is an abbreviation, not a part of words: it is in `abbreviations()` instead."""
    out: dict[str, list[str]] = {}
    for role, term in _vocab_rows():
        if not _is_abbreviation(term):
            out.setdefault(role, []).append(term.lower())
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, re.Pattern]:
    """role -> a pattern of its abbreviations (terms written in capitals in the vocabulary), matched in capitals as
    whole words: `RB | XB | Total`, `Regular budget (RB)`, never the letters inside a word (`Suburb`)."""
    out: dict[str, list[str]] = {}
    for role, term in _vocab_rows():
        if _is_abbreviation(term):
            out.setdefault(role, []).append(re.escape(term))
    return {k: re.compile(rf"(?<![A-Za-z0-9])(?:{'|'.join(v)})(?![A-Za-z0-9])") for k, v in out.items()}


def has_term(text: str, role: str) -> bool:
    """The text names a term of the role: a word or phrase anywhere in it (any case), or an abbreviation as a whole
    word in capitals."""
    low = normalize_space(text).lower()
    if any(term in low for term in vocab().get(role, ())):
        return True
    pattern = abbreviations().get(role)
    return pattern is not None and pattern.search(normalize_space(text)) is not None


@lru_cache(maxsize=1 << 16)  # a pure function of the text, called for the same cells by every extractor
def clean(text: str) -> str:
    """Cell text as one line: hyphenation at line ends undone, private-use glyphs dropped, spaces collapsed."""
    text = _PRIVATE_USE.sub("", text.replace("\u2011", "-").replace("\u2010", "-"))
    text = _LINE_HYPHEN.sub(r"\1\2", text)
    text = re.sub(r"/[ \t]*\n[ \t]*", "/", text)
    return normalize_space(text)


_FOOTNOTE_MARK = re.compile(r"(?<=[\w)])(?:[\u00b9\u00b2\u00b3\u2070-\u2079]+|\*{1,3})(?=[\s),;:]|$)")


def label(text: str) -> str:
    """A row label or title as printed, without footnote marks (`TPD¹`, `SGD*` -> `TPD`, `SGD`): marks refer to a
    note under the table, they are not part of the name."""
    return clean(_FOOTNOTE_MARK.sub("", clean(text)))


def strip_quotes(text: str) -> str:
    return text.strip(_QUOTES)


# ---------------------------------------------------------------- numbers and periods

_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:[',’ ]\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """`1'772` -> 1772, `41’200` -> 41200, `5,320,000` -> 5320000, `4.7` -> 4.7; None when not a number."""
    t = normalize_space(text).replace("\u00a0", "").replace("\u202f", "")
    if not t or not _NUMBER.match(t):
        return None
    return float(re.sub(r"[',’ ]", "", t))


def is_nil(text: str) -> bool:
    """A dash printed for "none" in a table of figures (`-`, `–`, `—`): an empty cell, not a value."""
    return normalize_space(text) in ("-", "–", "—", "--")


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b\d{{1,2}}[./]\d{{1,2}}[./](?:19|20)\d{{2}}\b|\b(?:\d{{1,2}}\s+)?{_MONTHS}\s+(?:19|20)\d{{2}}\b", re.I
)
# hyphen forms printed in periods (`2019‐2022` with U+2010, figure dash, minus sign ...) read as hyphens
_HYPHENS = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2212\ufe63\uff0d\u00ad"})
_PERIOD = re.compile(r"\b((?:19|20)\d{2})(?:\s*[-–—‑/]\s*((?:19|20)?\d{2}))?\b")


def periods_in(text: str) -> list[tuple[int, int]]:
    """All periods in a label, dates removed: `2007 (continued), 2008-2011` -> [(2007, 2007), (2008, 2011)]."""
    t = _DATE.sub(" ", text.translate(_HYPHENS))
    found = []
    for m in _PERIOD.finditer(t):
        start = int(m.group(1))
        end = m.group(2)
        if end is None:
            found.append((start, start))
            continue
        end_i = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
        if end_i < start:
            continue
        found.append((start, end_i))
    return found


def parse_period(text: str) -> tuple[int, int] | None:
    """The period a label is about: the last one printed (`2007 (continued), 2008-2011` -> 2008..2011)."""
    found = periods_in(text)
    return found[-1] if found else None


def period_text(text: str) -> str:
    """The last period as printed in a label, without what stands around it: `2021*` -> `2021`,
    `Budget 2016-2017 (CHF)` -> `2016-2017`; empty when the label names none."""
    t = _DATE.sub(lambda m: " " * len(m.group(0)), text)
    found = [m for m in _PERIOD.finditer(t.translate(_HYPHENS)) if parse_period(m.group(0))]
    return re.sub(r"\s*([-–—/])\s*", r"\1", clean(text[found[-1].start():found[-1].end()])) if found else ""


def is_period_label(text: str) -> bool:
    """A header cell that *is* a period (`2009-11`, `2008`), not a sentence that mentions one."""
    t = clean(text)
    if not t or len(t) > 40:
        return False
    rest = _PERIOD.sub("", _DATE.sub("", t))
    return bool(periods_in(t)) and len(re.sub(r"[\W_]+", "", rest)) <= 3


def format_period(p: tuple[int, int]) -> str:
    return str(p[0]) if p[0] == p[1] else f"{p[0]}-{p[1]}"


# ---------------------------------------------------------------- statements

_G = BULLET_CLASS
_MARKER = re.compile(
    r"^\s*(?:" + _G + r"+|\((?=\s)|\(?[a-z]\)|[a-z]\.(?=\s)|\(?[ivx]{1,4}\)|\d{1,2}(?:\.\d{1,2})+\.?(?=\s)"
    r"|\d{1,2}[.)](?=\s)|\d(?=\s+[A-Z]))\s*"
)
_GLYPH = re.compile(r"^\s*(?:" + _G + r"+|\((?=\s|$))\s*")
_RESULT_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*[a-z]?)(?:[.)]|\s)\s*(?=\S)", re.S)
_FOCAL = re.compile(r"\(\s*Focal\s+Points?\s*:\s*((?:[^()]|\([^()]*\))*)\)", re.I)


def strip_marker(text: str) -> str:
    return _MARKER.sub("", text, count=1).strip()


def strip_glyphs(text: str) -> str:
    """A cell's text with bullet glyphs removed from the start of each paragraph (enumerators stay)."""
    text = "\n".join(_GLYPH.sub("", p) for p in text.split("\n"))
    return re.sub(r"(?<=\s)\((?=\s)|(?<=\s)[·•▪](?=\s)", " ", text)  # a lone glyph inside a wrapped line


def starts_with_glyph(text: str) -> bool:
    return bool(_GLYPH.match(text.lstrip("\n")) and _GLYPH.match(text.lstrip("\n")).group(0).strip())


def split_result_number(text: str) -> tuple[str, str]:
    """(`3a`, `Establish ...`) from `3a. Establish ...`; ("", text) when the cell has no leading number."""
    m = _RESULT_NUMBER.match(text)
    if not m:
        return "", text.strip()
    number = m.group(1)
    if re.fullmatch(r"(19|20)\d{2}", number):
        return "", text.strip()
    return number, text[m.end():].strip()


def pull_focal_points(text: str) -> tuple[str, str]:
    """(`text without the focal points`, `SPU; CEC`)."""
    points = [normalize_space(m.group(1)) for m in _FOCAL.finditer(text)]
    return normalize_space(_FOCAL.sub(" ", text)), "; ".join(p for p in points if p)


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(text: str) -> list[str]:
    """spaCy's sentence split, re-joined where it cut after an abbreviation (`Res. 1243`, `(doc. C07/22)`) or
    before a piece that does not start like a sentence."""
    out: list[str] = []
    for sent in _nlp()(text).sents:
        piece = sent.text.strip()
        if not piece:
            continue
        if out and (not piece[0].isupper() or _ends_with_abbreviation(out[-1])):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


_BULLET_START = re.compile(r"^\s*(?:" + _G + r"|\(?[a-z]\)|\d{1,2}[.)])\s+")
_INLINE_BULLET = re.compile(r"\s+[·•▪]\s+")
_JOINING_WORD = re.compile(r"\b(?:versus|vs|and|or|of|to|with|for|the|in|on|by|from|between)$", re.I)


def _ends_with_abbreviation(text: str) -> bool:
    m = re.search(r"(?:^|[\s(])([A-Za-z][A-Za-z.]{0,5})\.$", text)
    return bool(m) and m.group(1).lower() in vocab().get("abbreviation", ())


def split_statements(cell_text: str) -> list[tuple[str, str]]:
    """(category, statement) pairs of a KPI / risk cell, following the data dictionary's rules."""
    lines: list[str] = []
    new_item = False
    for raw in cell_text.replace("\r", "\n").split("\n"):
        indented = raw[:2] == "  " and not _BULLET_START.match(raw)
        raw = _PRIVATE_USE.sub("", raw).strip()
        if not raw:
            continue
        if _GLYPH.fullmatch(raw):  # a bullet glyph alone on its line: the next line is a new item
            new_item = True
            continue
        if new_item:
            new_item = False
            lines.append(raw)
            continue
        if lines and (indented or raw[0] in ";,)") and not re.search(r"[.!?]$", lines[-1]):
            lines[-1] = lines[-1] + " " + raw
            continue
        parts = _INLINE_BULLET.split(raw)
        for k, part in enumerate(parts):
            part = part.strip()
            if not part:
                continue
            starts_item = k > 0 or bool(_BULLET_START.match(part))
            if lines and not starts_item and _continues(lines[-1], part):
                lines[-1] = lines[-1] + " " + part
            else:
                lines.append(part)
    out: list[tuple[str, str]] = []
    category = ""
    for line in lines:
        text = clean(strip_marker(line))
        if not text:
            continue
        words = text.split()
        if len(words) <= 2 and has_term(text, "kpi_column") and not text.endswith(":"):
            category = text  # a bare "KPIs" line heads what follows, like "KPIs:"
            continue
        if text.endswith(":"):
            # a short header names the category of what follows; a longer lead-in ends the previous one
            category = strip_quotes(text[:-1]).strip() if len(words) <= 4 else ""
            continue
        if is_placeholder(text):
            continue
        if not any(ch.isalnum() for ch in text):
            continue
        sents = sentences(text)
        if len(sents) >= 2 and all(len(s.split()) <= 12 for s in sents):
            out.extend((category, s) for s in sents)
        else:
            out.append((category, text))
    return out


def is_placeholder(text: str) -> bool:
    """`n/a`, `To be completed`, `As above`; or a statement that nothing was planned."""
    t = clean(text)
    return (has_term(t, "placeholder") and len(t.split()) <= 6) or has_term(t, "nothing_planned")


def _continues(prev: str, line: str) -> bool:
    """A wrapped line: the previous one does not end a sentence and either this one starts in lower case or
    the previous one ends on a word that needs a continuation (`... completed versus`)."""
    if re.search(r"[.!?]$", prev.strip()):
        return False
    return line[:1].islower() or bool(_JOINING_WORD.search(prev.strip()))
