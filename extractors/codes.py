"""The numbering grammar of results-based plans (2016 onward) and of statements of goals and objectives.

- Objective and enabler codes: a Sector letter, a dot, a number (`R.1`, `T.2`, `D.3`, intersectoral `I.1`,
  enablers `E.3`). A code is often followed by a short name in parentheses, then the statement:
  `R.1 (Regulation) Meet, in a rational ... manner, ...`.
- Result codes: an objective code, a dash and a number (`R.1-7`). Outcomes and outputs share this code space:
  which one a code is comes from the table or list it stands in, never from the code.
- ITU-D's own numbering: outcome `2.3 - <text>` (objective 2, outcome 3).
- Statements: `Goal 1: Growth – <statement>`, `Objective R.1: <statement>`, `Enabler E.2 - <statement>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.text import clean, strip_quotes
from pipeline.model import split_number

DASHES = "-–—‑‐"
_DASH = f"[{DASHES}]"
OBJECTIVE_CODE = r"[RTDIE]\.\d{1,2}"
RESULT_CODE = re.compile(rf"^\s*({OBJECTIVE_CODE})\s*{_DASH}\s*(\d{{1,2}})(?![\d.])\s*[{DASHES}:.]?\s*(.*)$", re.S)
NUMBERED_RESULT = re.compile(rf"^\s*(\d{{1,2}})\.(\d{{1,2}})(?![\d.])\s*(?:{_DASH}|:|\))?\s+(?=\S)(.*)$", re.S)

_WORD_PREFIX = re.compile(
    r"^[“”\"'‘’\s]*(?:(?:strategic|sectoral|sector|intersectoral|specific)\s+)?(Objective|Goal|Enabler)\s+"
    r"((?:[A-Z]{1,2}[.-]?)?\d{1,2}(?:\.\d{1,2})?)(?![\d.]*\d)(?!\s*" + _DASH + r"\s*\d)\s*[:.–—-]?\s*(.*)$",
    re.I | re.S,
)
_CODE_PREFIX = re.compile(rf"^[“”\"'‘’\s]*({OBJECTIVE_CODE})(?![\d]|\s*{_DASH}\s*\d)\s*[:.–—-]?\s*(.*)$", re.S)
_PAREN_NAME = re.compile(r"^\(([^()]{2,60})\)\s*[:.–—-]?\s*(.*)$", re.S)
_DASH_NAME = re.compile(rf"^([A-Z][^:;,.()]{{0,60}}?)\s+[{DASHES}]\s+(?=[A-Z])(.*)$", re.S)
_COLON_NAME = re.compile(r"^([A-Z][^:;,.()]{0,60}?):\s+(?=[A-Z])(.*)$", re.S)
_TOC_TAIL = re.compile(r"(?:\s*(?:\.\s*){2,}|\s*…+|\s)\s*(\d{1,3})\s*$")
_GLUED_PAGE = re.compile(r"(?<=[a-z/)])\d{1,3}$")  # `... telecommunications/ICTs3`: a PDF's tab before the page lost
NAME_WORDS = 5

_SECTOR_OF_CODE = {"R": "ITU-R", "T": "ITU-T", "D": "ITU-D"}


def sector_of_code(code: str) -> str:
    """`R.1` -> `ITU-R`; empty for intersectoral and enabler codes (their scope comes from the document)."""
    return _SECTOR_OF_CODE.get(code[:1].upper(), "") if re.match(OBJECTIVE_CODE, code or "") else ""


@dataclass(frozen=True)
class Statement:
    kind: str  # goal | objective | enabler
    number: str  # as printed: `1`, `R.1`, `E.3`
    title: str  # the short name (`Growth`, `Regulation`); empty when none
    text: str  # the statement; empty when the line holds only a code and a name
    coded: bool  # written as a bare code (`R.1 (Regulation) ...`) rather than `Objective R.1: ...`
    toc: bool = False  # ends with a page number: a line of a table of contents


def _kind_of_code(code: str) -> str:
    return "enabler" if code.upper().startswith("E") else "objective"


def split_name(rest: str) -> tuple[str, str]:
    """(`Growth`, `Enable and foster ...`) from `Growth – Enable and foster ...`; (`Regulation`, ...) from
    `(Regulation) Meet ...`; ("", rest) when no short name stands first."""
    rest = rest.strip()
    m = _PAREN_NAME.match(rest)
    if m:
        return clean(m.group(1)), m.group(2).strip()
    for pat in (_DASH_NAME, _COLON_NAME):
        m = pat.match(rest)
        if m and len(m.group(1).split()) <= NAME_WORDS:
            return clean(m.group(1)), m.group(2).strip()
    return "", rest


def parse_statement(text: str) -> Statement | None:
    """A goal, objective or enabler as it opens a line, a list item or a cell; None for anything else.
    A leading section number (`3.1.1 Goal 1: ...`, `1. I.1 ...`) is passed over."""
    t = clean(text)
    found = _parse(t)
    if found is None:
        number, rest = split_number(t)
        if number and rest:
            found = _parse(rest)
    return found


def _parse(t: str) -> Statement | None:
    m = _WORD_PREFIX.match(t)
    if m:
        kind, number, rest, coded = m.group(1).lower(), m.group(2), m.group(3), False
        if kind == "objective" and number[:1].upper() == "E":
            kind = "enabler"
    else:
        m = _CODE_PREFIX.match(t)
        if not m:
            return None
        number, rest, coded = m.group(1), m.group(2), True
        kind = _kind_of_code(number)
        if rest and not (rest[0].isupper() or rest[0] in "(“\"'‘"):
            return None  # `R.1 and R.2 are ...`: a sentence about codes, not a statement
    toc = False
    tail = _TOC_TAIL.search(rest)
    if tail and not re.search(r"(?:19|20)\d{2}\s*$", rest):
        toc = True
        rest = rest[: tail.start()]
    elif _GLUED_PAGE.search(rest):
        toc = True  # kept as printed: it only gives way to the body's statement of the same objective
    title, statement = split_name(rest)
    statement = strip_quotes(clean(statement)).rstrip(";").strip()
    statement = strip_quotes(statement)
    return Statement(kind, number, title, statement, coded, toc)


@dataclass(frozen=True)
class ResultCode:
    objective: str  # `R.1`, `2`
    number: str  # `R.1-7`, `2.3`
    text: str


def parse_result(text: str, numbered: bool = True) -> ResultCode | None:
    """`R.1-7: Improvement of ...` -> (R.1, R.1-7, Improvement of ...); with `numbered`, also ITU-D's
    `2.3 - <text>` -> (2, 2.3, <text>)."""
    t = clean(text)
    m = RESULT_CODE.match(t)
    if m:
        return ResultCode(m.group(1), f"{m.group(1)}-{m.group(2)}", clean(m.group(3)))
    if numbered:
        m = NUMBERED_RESULT.match(t)
        if m:
            return ResultCode(m.group(1), f"{m.group(1)}.{m.group(2)}", clean(m.group(3)))
    return None


def objective_code(text: str) -> str:
    """The objective a label names: `R.1`, `R.1 Regulation`, `Objective 2`, `Objective R.1 ...` -> the code or
    number; empty when the label names none."""
    t = clean(text)
    m = re.match(rf"^(?:(?:sector|sectoral|intersectoral)\s+)?(?:objective|enabler)?\s*({OBJECTIVE_CODE}|\d{{1,2}})"
                 rf"(?![\d.]|\s*{_DASH}\s*\d)\b", t, re.I)
    if m and (re.match(OBJECTIVE_CODE, m.group(1)) or re.match(r"^(?:sector\w*\s+|intersectoral\s+)?(?:objective|enabler)",
                                                                t, re.I)):
        return m.group(1)
    return ""


def page_number_tail(text: str) -> bool:
    return bool(_TOC_TAIL.search(clean(text))) and not re.search(r"(?:19|20)\d{2}\s*$", clean(text))
