"""Objectives and matrices written the way other years' plans write them (tiny documents, inline)."""

from __future__ import annotations

import pytest

from extractors import matrices, objectives
from pipeline.readers import text as text_reader
from pipeline.records import Dataset

PLAN = """Strategic Plan for the Union 2012-2015

4
Radiocommunication Sector (ITU-R)

4.1
The ITU-R has three objectives:
{statement_1}
Objective R.2: Provide for worldwide connectivity and interoperability, improved performance, quality, affordability and timeliness of service;
Objective R.3 - Sectoral objective text that is long enough to be a statement of an objective and not a label.
Objective R.2 – Connectivity

ITU-R objectives and outputs
\t
\t{col_1}
\t{col_2}

\tWorld Radiocommunication Conference
\t{mark}
\t

\tStudy Groups
\t
\t{mark}


"""


def _doc(tmp_path, **kw):
    values = dict(statement_1="Objective R.1: Ensure rational, equitable, efficient and economical use of the radio-frequency spectrum;",
                  col_1="Objective R.1 Spectrum", col_2="Objective R.2\nConnectivity", mark="x")
    values.update(kw)
    path = tmp_path / "strategic-plan-2012-2015.txt"
    path.write_text(PLAN.format(**values), encoding="utf-8")
    return text_reader.read(path)


def test_sector_prefixed_objective_numbers(tmp_path):
    doc = _doc(tmp_path)
    recs = objectives.extract(doc).records[Dataset.OBJECTIVES]
    assert [(r.scope, r.number) for r in recs] == [("ITU-R", "R.1"), ("ITU-R", "R.2"), ("ITU-R", "R.3")]
    assert recs[0].text.startswith("Ensure rational") and not recs[0].text.endswith(";")
    assert (recs[0].title, recs[1].title) == ("Spectrum", "Connectivity")


@pytest.mark.parametrize("mark", ["x", "X", "✓", "•"])
def test_matrix_marks(tmp_path, mark):
    links = matrices.extract(_doc(tmp_path, mark=mark)).records[Dataset.LINKS]
    assert [(r.output, r.objective_number, r.scope) for r in links] == [
        ("World Radiocommunication Conference", "R.1", "ITU-R"), ("Study Groups", "R.2", "ITU-R")]
    assert links[0].matrix_title == "ITU-R objectives and outputs"


RESULTS = """II.3 Expected results

\tStudy Groups
2012-2015 Expected results and KPIs

\tOutput
\tExpected results
\tKey performance indicators
\tFocal point

\tWorld Radiocommunication Seminar
\t1. Better informed administrations (Focal Point: BR)
\t- Number of participants
- Satisfaction of participants
\tSSD

\tRadio Regulations Board
\t2. Rules of procedure adopted on time
\t- Rules adopted
\t
"""


def test_results_table_with_an_output_column_and_a_focal_point_column(tmp_path):
    from extractors import results

    path = tmp_path / "br-operational-plan-2012-2015.txt"
    path.write_text(RESULTS, encoding="utf-8")
    ex = results.extract(text_reader.read(path))
    ers = ex.records[Dataset.EXPECTED_RESULTS]
    assert [(r.output, r.horizon, r.result_number, r.expected_result, r.focal_point) for r in ers] == [
        ("World Radiocommunication Seminar", "2012-2015", "1", "Better informed administrations", "BR; SSD"),
        ("Radio Regulations Board", "2012-2015", "2", "Rules of procedure adopted on time", ""),
    ]
    kpis = [(k.output, k.result_number, k.kpi) for k in ex.records[Dataset.KPIS]]
    assert kpis == [("World Radiocommunication Seminar", "1", "Number of participants"),
                    ("World Radiocommunication Seminar", "1", "Satisfaction of participants"),
                    ("Radio Regulations Board", "2", "Rules adopted")]


BROKEN_HEADER = """Strategic Plan for the Union 2012-2015

4
Radiocommunication Sector (ITU-R)

4.1
Objective 1: Promote coordination and collaboration among the members of the Sector in all its activities.
Objective 2: Provide worldwide connectivity and interoperability with improved performance and quality.

ITU-R objectives and outputs
\t
\tObjective 1
\tObjective 2

\t
\tPromote coordination
\tWorldwide

\t
\tand collaboration
\tconnectivity

\tStudy Groups
\tx
\t


"""


def test_a_matrix_header_broken_over_rows_gives_the_titles(tmp_path):
    """Regression (issue 16, rule-less PDF renderings): `Objective 1` in the header row, its title in the rows
    below that mark no link and label no output."""
    path = tmp_path / "plan.txt"
    path.write_text(BROKEN_HEADER, encoding="utf-8")
    doc = text_reader.read(path)
    titles = {r.number: r.title for r in objectives.extract(doc).records[Dataset.OBJECTIVES]}
    assert titles == {"1": "Promote coordination and collaboration", "2": "Worldwide connectivity"}
    links = matrices.extract(doc).records[Dataset.LINKS]
    assert [(link.output, link.objective_number) for link in links] == [("Study Groups", "1")]
