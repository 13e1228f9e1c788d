from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors import extract_all
from pipeline.readers import read_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
STRATEGIC = SAMPLES / "strategic-plan-2008-2011.txt"
OPERATIONAL = SAMPLES / "gs-operational-plan-2008-2011.txt"
DECISIONS = ROOT / "gold" / "entities" / "decisions.csv"
TRUTH = Path(__file__).parent / "truth_entities.csv"


@pytest.fixture(scope="session")
def sample_docs():
    return [read_document(STRATEGIC), read_document(OPERATIONAL)]


def extract(docs):
    return [extract_all(d) for d in docs]


@pytest.fixture
def no_decisions(tmp_path) -> Path:
    p = tmp_path / "no-decisions.csv"
    p.write_text("kind,scope,alias,entity_id,notes\n", encoding="utf-8")
    return p


NEW_OUTPUT_SECTION = """II.8.5 – CHILD ONLINE PROTECTION
II.8.5.1 Description of output
Child Online Protection is a new intersectoral initiative launched in 2008.
II.8.5.4 Resources to support activities related to Child Online Protection
\tChild Online Protection
\tWork months

\t
\t2008
\t2009
\t2010-2012

\tSGO
\t2.0
\t2.0
\t6.0

\tCEC
\t1.0
\t1.5
\t3.0


"""


def _drop_row(text: str, label: str) -> str:
    """Remove every table row whose first cell is `label` (the label line, its number cells, the blank)."""
    return re.sub(rf"(?m)^\t{re.escape(label)}\n(?:\t[0-9.,']*\n)+\n", "", text)


def _swap_rows(text: str, a: str, b: str, table_title: str) -> str:
    """Swap two rows of the first table whose title cell is `table_title` (rows reordered)."""
    start = text.index(f"\t{table_title}\n")
    end = text.index("\n\n\n", start)
    table = text[start:end]
    row = lambda lab: re.search(rf"(?m)^\t{re.escape(lab)}\n(?:\t[0-9.,']*\n)+", table).group(0)
    ra, rb = row(a), row(b)
    table = table.replace(ra, "\x00A").replace(rb, ra).replace("\x00A", rb)
    return text[:start] + table + text[end:]


def next_year_text(text: str) -> str:
    """The 2009-2012 plan as a reviewer would expect it: a unit renamed (PER -> HRM, with a 'formerly known as'
    statement), a unit merged (SPU's rows folded into SGO: the SPU rows disappear), outputs reworded, rows
    reordered, one new output (Child Online Protection)."""
    t = text
    # rename: Personnel Department -> Human Resources Management Department (HRM)
    t = t.replace("PERSONNEL DEPARTMENT (PE)\n",
                  "PERSONNEL DEPARTMENT (PE)\n"
                  "The Human Resources Management Department (HRM), formerly known as Personnel Department, "
                  "manages the Union's staff.\n")
    t = re.sub(r"(?m)^\tPER$", "\tHRM", t)
    # merge: the Strategy and Policy Unit is merged into the Office of the Secretary-General
    t = _drop_row(t, "SPU")
    # outputs reworded
    t = t.replace("\tBuildings Infrastructure\n", "\tBuilding Infrastructure\n")
    t = t.replace("\tBUILDINGS INFRASTRUCTURE\n", "\tBUILDING INFRASTRUCTURE\n")
    t = t.replace("\tCorporate Governance & Communication\n", "\tCorporate Governance and Communications\n")
    t = t.replace("\tPlenipotentiary Conference\n\tWork months", "\tThe Plenipotentiary Conference\n\tWork months")
    # rows reordered
    t = _swap_rows(t, "SGO", "IS", "The Plenipotentiary Conference")
    # a new output before Part III
    i = t.index("PART III")
    t = t[:i] + NEW_OUTPUT_SECTION + t[i:]
    return t.replace("2008-2011", "2009-2012")
