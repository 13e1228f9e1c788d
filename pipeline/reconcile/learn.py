"""What the documents themselves say about names: acronym definitions and renames.

- Acronyms: `Conferences and Publications Department (C&P)`, `FINANCE DEPARTMENT (FI)`. The long form is the
  shortest run of words before the parenthesis whose initials (or, for a one-word long form, whose first
  word's letters) contain the acronym's letters in order, starting with its first letter.
- Renames: `X, formerly known as "Y"`, `X (formerly Y)`, `X, previously called Y` give new -> old. A footnote
  `Formerly known as "Y"` whose anchor is lost (text exports drop footnote marks) gives old with no new
  name; reconciliation then proposes the new name for review instead of guessing.
- Lineage statements (`pipeline.reconcile.lineage`): mergers, renames, splits and abolitions as the text states
  them; a stated rename is also a rename above (new -> old).
- The project's own acronym list (`acronyms.csv`: acronym, long form, scope) is the fallback when no document
  defines an acronym; it is never used to name a new entity, only to find an existing one.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.reconcile import lineage
from pipeline.reconcile.normalize import fold, is_subsequence, key, letters, norm_scope, singular_acronym, split_acronym

ACRONYM_LIST = Path(__file__).with_name("acronyms.csv")

_FUNCTION_WORDS = frozenset("a an the of and for on in to its &".split())

_WORD = re.compile(r"[A-Za-z0-9’'\-]+|&")
_RENAME_INLINE = re.compile(
    r"(?P<new>[A-Z][^.;:()“”\"]{2,100}?)\s*(?:\((?P<acr>[A-Z][A-Za-z&/\-]{1,9})\))?\s*[,(]\s*"
    r"(?:formerly|previously)(?:\s+(?:known\s+as|called|named))?\s+[“\"]?(?P<old>[^”\"().;,]{3,100})",
    re.I,
)
_RENAME_BARE = re.compile(
    r"^\W*(?:formerly|previously)(?:\s+(?:known\s+as|called|named))?\s+[“\"]?(?P<old>[^”\"().;,]{3,100})", re.I
)
_LEAD_INS = re.compile(r"^(?:the|a|an|this|that|our|its)\s+", re.I)


@dataclass
class Glossary:
    """acronym letters -> long forms (first seen first); renames as (new name or '', old name, document_id)."""

    acronyms: dict[str, list[str]] = field(default_factory=dict)
    renames: list[tuple[str, str, str]] = field(default_factory=list)
    statements: list = field(default_factory=list)  # lineage.Statement, in document order

    def add_acronym(self, acr: str, long_form: str) -> None:
        self.__dict__.pop("_expanded", None)  # cache of reconcile.core.expand_key
        forms = self.acronyms.setdefault(letters(acr), [])
        if all(key(f) != key(long_form) for f in forms):
            forms.append(long_form)

    def long_form(self, acr: str) -> str | None:
        forms = self.acronyms.get(letters(acr))
        return forms[0] if forms else None

    def merge(self, other: "Glossary") -> None:
        for acr, forms in other.acronyms.items():
            for f in forms:
                self.add_acronym(acr, f)
        for r in other.renames:
            if r not in self.renames:
                self.renames.append(r)
        for st in getattr(other, "statements", ()):  # a glossary cached by an older version has none
            if st not in self.statements:
                self.statements.append(st)

    def add_statement(self, st) -> None:
        if st in self.statements:
            return
        self.statements.append(st)
        if st.relation == "renamed" and st.sources and st.targets:
            new, old = (_bare(st.targets[0]), _bare(st.sources[0]))
            if (new, old, st.document_id) not in self.renames:
                self.renames.append((new, old, st.document_id))


def _bare(name: str) -> str:
    """'Strategy and Policy Unit (SPU)' -> 'Strategy and Policy Unit'."""
    split = split_acronym(name)
    return split[0] if split else name


@lru_cache(maxsize=1)
def _acronym_list() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    with open(ACRONYM_LIST, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            acr, long_form = row["acronym"].strip(), row["long_form"].strip()
            scope = norm_scope(row.get("scope", "") or "")
            if acr and long_form:
                out.setdefault((singular_acronym(letters(acr)), scope), []).append(long_form)
    return out


def listed_long_forms(acr: str, scope: str = "") -> list[str]:
    """The project's list (acronyms.csv): long forms of `acr` for `scope`, then those for every scope."""
    table = _acronym_list()
    a = singular_acronym(letters(acr))
    return table.get((a, norm_scope(scope)), []) + (table.get((a, ""), []) if scope else [])


def _long_form(words: list[str], acr: str) -> str | None:
    acr_l = letters(acr)
    if len(acr_l) < 2:
        return None
    for start in range(len(words) - 1, max(-1, len(words) - 12), -1):
        span = words[start:]
        content = [w for w in span if w.lower() not in _FUNCTION_WORDS]
        if not content or span[0].lower() in _FUNCTION_WORDS or span[0][0].lower() != acr_l[0]:
            continue
        ini = "".join(fold(w)[0] for w in content)
        if is_subsequence(acr_l, ini) and len(content) <= len(acr_l) + 2 and (len(ini) >= len(acr_l) or len(content) == 1):
            return " ".join(span).strip(" ,")
        first = fold(content[0])
        if len(content) <= 2 and first[:2] == acr_l[:2] and is_subsequence(acr_l, first):  # FINANCE DEPARTMENT (FI)
            return " ".join(span).strip(" ,")
    return None


def learn_text(text: str, document_id: str, glossary: Glossary) -> None:
    if "(" in text:
        _learn_acronyms(text, glossary)
    low = text.lower()
    if "formerly" in low or "previously" in low:  # the rename patterns are costly: run them only where they can match
        _learn_renames(text, document_id, glossary)
    for st in lineage.statements(text, document_id):
        glossary.add_statement(st)


_PAREN = re.compile(r"\s*\(([A-Z][A-Za-z0-9&/\-]{1,9})\)")
_RUN_BEFORE = re.compile(r"[A-Za-z][A-Za-z0-9 ,&’'\-]{2,120}$")


def _definitions(text: str):
    """(words before, acronym) for each `(ACR)`: the longest run of name characters (at most 120) before it, found from the parenthesis backwards."""
    end = 0
    for m in _PAREN.finditer(text):
        before = text[max(end, m.start() - 121):m.start()]
        run = _RUN_BEFORE.search(before)
        end = m.end()
        if run:
            yield run.group(0), m.group(1)


def _learn_acronyms(text: str, glossary: Glossary) -> None:
    for words_before, acr in _definitions(text):
        if not any(ch.isupper() for ch in acr[1:]) and len(acr) > 3:
            continue  # "(Tower)", "(Vouchers)": a word, not an acronym
        words = _WORD.findall(words_before)
        lf = _long_form(words, acr)
        if lf and letters(lf) != letters(acr):
            glossary.add_acronym(acr, lf)


def _learn_renames(text: str, document_id: str, glossary: Glossary) -> None:
    for m in _RENAME_INLINE.finditer(text):
        new = _LEAD_INS.sub("", m.group("new").strip(" ,"))
        old = m.group("old").strip(" ,")
        glossary.renames.append((new, old, document_id))
        if m.group("acr"):
            glossary.add_acronym(m.group("acr"), new)
    if not _RENAME_INLINE.search(text):
        m = _RENAME_BARE.match(text.strip())
        if m:
            glossary.renames.append(("", m.group("old").strip(" ,"), document_id))


def learn_document(doc) -> Glossary:
    """Acronyms and renames stated in a `pipeline.model.Document` (headings, paragraphs, list items, cells)."""
    g = Glossary()
    for block in doc.blocks:
        if hasattr(block, "cells"):
            for cell in block.cells:
                for para in cell.text.split("\n"):
                    learn_text(para, doc.document_id, g)
        else:
            learn_text(getattr(block, "full_text", None) or block.text, doc.document_id, g)
    return g


def learn_extraction(ex) -> Glossary:
    """Fallback when no Document is at hand: the statements the extractors kept (results, KPIs, objectives)."""
    g = Glossary()
    for records in ex.datasets.values():
        for r in records:
            for attr in ("expected_result", "kpi", "risk", "text", "description", "title"):
                v = getattr(r, attr, None)
                if isinstance(v, str) and "(" in v:
                    learn_text(v, ex.document_id, g)
    return g
