"""Sentences that announce what happened to an output or a unit between two editions, read as lineage statements.

A statement is a relation between printed names, as the text says it:

| relation      | the text says (examples)                                                             |
|---------------|--------------------------------------------------------------------------------------|
| `merged_into` | "X and Y have been merged into Z", "X and Y were merged to form Z", "X was merged with |
|               | Y" (X into Y), "Z (combining the former X and Y)", "the merger of X and Y into Z"       |
| `renamed`     | "X has been renamed Z", "X was renamed as Z", "X, renamed Z", "Z (formerly X)",        |
|               | "Z, formerly known as X", "Z, previously called X"                                     |
| `split_from`  | "X was split into Y and Z", "X has been divided into Y and Z", "Y and Z were created   |
|               | from X" (Y and Z are split from X)                                                     |
| `abolished`   | "X was abolished", "X has been discontinued / dissolved / eliminated / disbanded",      |
|               | "the abolition / elimination / discontinuation / closure of X"                        |

`sources` are the earlier names, `targets` the later ones (empty for `abolished`). Coordinated names are split
("the Finance and Personnel Departments" -> "Finance Department", "Personnel Department"), but the whole phrase
is kept first: "Economics and finance" is one output, and resolution (`pipeline.reconcile.resolve`) uses the
whole phrase when it names an entity, else its parts. The verbs are data (`VERBS` below), matched case-insensitively; names are cut at
clause boundaries (`:`, `;`, `, and`, a lead-in such as "Since the last plan,").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RELATIONS = ("renamed", "merged_into", "split_from", "abolished")


@dataclass(frozen=True)
class Statement:
    relation: str
    sources: tuple[str, ...]  # the earlier name(s) as printed: the whole phrase, then its coordinated parts
    targets: tuple[str, ...]  # the later name(s), the same way; () for `abolished`
    document_id: str
    evidence: str


_AUX = r"(?:has|have|had|was|were|is|are|will\s+be|would\s+be)?\s*(?:been\s+)?(?:now\s+)?"
# (relation, pattern between the earlier names (left) and the later ones (right)); `left_is_target` flips them
VERBS: list[tuple[str, str, bool]] = [
    ("merged_into", _AUX + r"(?:merged|combined|amalgamated|consolidated|integrated|fused)\s+(?:together\s+)?"
                    r"(?:in|into|to\s+form|to\s+create|to\s+become|as)\s+", False),
    ("merged_into", _AUX + r"(?:merged|amalgamated|combined)\s+with\s+", False),
    ("renamed", _AUX + r"(?:renamed|re-named|retitled|rebranded)\s+(?:as\s+|to\s+|to\s+be\s+)?", False),
    ("renamed", r",?\s*(?:which\s+)?(?:has\s+)?changed\s+(?:its|their)\s+name\s+to\s+", False),
    ("split_from", _AUX + r"(?:split|divided|separated|broken\s+up)\s+into\s+", False),
    ("split_from", _AUX + r"(?:created|formed|established|carved\s+out)\s+(?:from|out\s+of)\s+"
                   r"(?:the\s+(?:split|division)\s+of\s+)?", True),
    ("abolished", _AUX + r"(?:abolished|discontinued|dissolved|eliminated|disbanded|closed\s+down|terminated|"
                  r"phased\s+out|suppressed)\b", False),
]
_NOUN_VERBS: list[tuple[str, str]] = [  # "the merger of X and Y into Z", "the abolition of X"
    ("merged_into", r"\b(?:the\s+)?(?:merger|merging|amalgamation|consolidation)\s+of\s+(?P<left>.+?)\s+"
                    r"(?:in|into|to\s+form|to\s+create)\s+(?P<right>.+)$"),
    ("abolished", r"\b(?:the\s+)?(?:abolition|abolishment|elimination|discontinuation|closure|dissolution|"
                  r"suppression)\s+of\s+(?P<left>.+)$"),
]
_PAREN_MERGE = re.compile(
    r"(?P<right>[A-Z][\w&'’/\- ]{2,100}?)\s*\(\s*(?i:(?:which\s+)?(?:combining|combines|merging|merges|grouping|"
    r"groups|bringing\s+together)\s+(?:the\s+)?(?:former\s+)?)(?P<left>[^()]{3,200}?)\s*\)")
_FORMERLY = re.compile(
    r"(?P<right>[A-Z][^.;:()“”\"]{2,100}?)\s*(?:\((?:[A-Z][A-Za-z&/\-]{1,9})\))?\s*[,(]\s*"
    r"(?:formerly|previously)(?:\s+(?:known\s+as|called|named))?\s+[“\"]?(?P<left>[^”\"().;,]{3,100})", re.I)

_CLAUSES = re.compile(r"\s*(?:[:;]|,\s+and\s+|,\s+while\s+|,\s+whereas\s+|\.\s+(?=[A-Z]))\s*")
_LEAD_INS = frozenset("""since following after as in with from during by under effective upon owing due
    furthermore moreover also additionally finally notably meanwhile however accordingly consequently
    thus therefore today now""".split())
_DETERMINERS = re.compile(r"^(?:(?i:the|a|an|its|their|our|this|these|those|both|two|three|former|formerly|new|"
                          r"existing|previous|current|separate|single|old)\s+|(?:output|outputs|programme|unit|"
                          r"units|department|departments|division|divisions|activity|activities)\s+)+")
_TRAILERS = re.compile(r"\s+(?:in|on|at|from|by|with\s+effect|as\s+of|effective|since|during|following|"
                       r"under|after|before|for\s+the)\b.*$", re.I)
_PLURAL_HEADS = {"departments": "Department", "units": "Unit", "divisions": "Division", "offices": "Office",
                 "programmes": "Programme", "programs": "Program", "services": "Services", "sections": "Section",
                 "registrars": "Registrar", "groups": "Group", "bureaux": "Bureau", "bureaus": "Bureau"}


_NUMBERING = re.compile(r"^\s*(?:\(?[0-9ivxIVX]+(?:\.[0-9]+)*[.)]?|[a-z]\))\s+")


def _clean(name: str) -> str:
    name = _NUMBERING.sub("", name.strip(" ,.;:“”\"'"))
    name = _DETERMINERS.sub("", name)
    return name.strip(" ,.;:“”\"'")


def _after_lead_in(chunk: str) -> str:
    """'During 2007 the Common Services Department' -> 'the Common Services Department'; 'Since 2009 GMPCS' ->
    'GMPCS': from the last article before a capital, else from the first capitalized word after the first."""
    articles = list(re.finditer(r"\b(?:the|a|an)\s+(?=[A-Z])", chunk))
    if articles:
        return chunk[articles[-1].start():]
    m = re.search(r"\s(?=[A-Z])", chunk.strip())
    return chunk.strip()[m.end():] if m else ""


def _subject(text: str) -> str:
    """The noun phrase just before a verb: the tail of comma-separated chunks not opened by a lead-in."""
    chunks = text.split(",")
    kept: list[str] = []
    for n, chunk in enumerate(reversed(chunks)):
        words = _NUMBERING.sub("", chunk).split()
        first = words[0].lower() if words else ""
        if first in _LEAD_INS:
            if n == 0:  # the lead-in is in the verb's own chunk: "During 2007 the Common Services Department"
                kept.insert(0, _after_lead_in(chunk))
            break
        kept.insert(0, chunk)
    return ",".join(kept)


def _object(text: str) -> str:
    """The noun phrase just after a verb: up to the next comma that does not continue a list, or the end."""
    m = re.search(r",\s+(?!and\s|or\s|the\s+[A-Z])|\s+(?:which|who|whose|so\s+that|in\s+order)\b", text)
    return _TRAILERS.sub("", text[:m.start()] if m else text)


def names(phrase: str) -> tuple[str, ...]:
    """The whole cleaned phrase, then its coordinated parts with a shared plural head distributed:
    'the Finance and Personnel Departments' -> ('Finance and Personnel Departments', 'Finance Department',
    'Personnel Department')."""
    whole = _clean(phrase)
    if not whole:
        return ()
    parts = [_clean(p) for p in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+as\s+well\s+as\s+", whole)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return (whole,)
    last_words = parts[-1].split()
    head = _PLURAL_HEADS.get(last_words[-1].lower()) if len(last_words) >= 2 else None
    if head:
        parts = [p if p.split()[-1].lower() in _PLURAL_HEADS or p.split()[-1] == head else f"{p} {head}"
                 for p in parts[:-1]] + [" ".join(last_words[:-1] + [head])]
    return (whole, *parts)


_TRIGGER = re.compile(r"merg|renam|re-nam|retitl|rebrand|formerly|previously|split|divided|abolish|discontinu|dissol|"
                      r"eliminat|disband|closed down|combin|amalgamat|consolidat|name to|created from|formed from|"
                      r"established from|terminated|phased out|closure|suppress|separated|broken up|carved out|fused|"
                      r"integrated")  # on lower-case text (8x faster than re.I): a sentence without one states no change


def statements(text: str, document_id: str) -> list[Statement]:
    """The lineage statements of one paragraph."""
    if not _TRIGGER.search(text.lower()):
        return []
    found: list[Statement] = []
    evidence = " ".join(text.split())
    for m in _PAREN_MERGE.finditer(text):
        found.append(Statement("merged_into", names(m.group("left")), names(m.group("right")), document_id,
                               evidence))
    for m in _FORMERLY.finditer(text):
        new = _clean(m.group("right"))
        new = _subject(new) if "," in new else new
        found.append(Statement("renamed", names(m.group("left")), names(new), document_id, evidence))
    masked = _PAREN_MERGE.sub(" ", text)
    for clause in _CLAUSES.split(masked):
        if not clause.strip():
            continue
        for relation, pattern in _NOUN_VERBS:
            m = re.search(pattern, clause, re.I)
            if m:
                right = names(_object(m.group("right"))) if "right" in m.groupdict() else ()
                found.append(Statement(relation, names(_object(m.group("left"))), right, document_id, evidence))
        for relation, pattern, flipped in VERBS:
            m = re.search(r"\s" + pattern, clause, re.I)
            if not m:
                continue
            left, right = _subject(clause[:m.start()]), _object(clause[m.end():])
            if flipped:
                left, right = right, left
            if relation == "renamed" and re.search(r"\bformerly\b|\bpreviously\b", left, re.I):
                continue  # handled by _FORMERLY
            sources = names(left)
            targets = () if relation == "abolished" else names(right)
            if sources and (targets or relation == "abolished"):
                found.append(Statement(relation, sources, targets, document_id, evidence))
            break
    return found
