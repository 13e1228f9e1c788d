"""Row boundaries in Word text exports (pipeline/readers/text_rows.py).

Each case is a table as Word exports it: a TAB line per cell, a blank line after each row, and extra blank lines
where a cell ends with an empty paragraph, so some rows come apart. Expected rows are given as the first words
of their cells. These are the shapes that were grouped wrongly before the segmentation (regressions).
"""

from __future__ import annotations

import pytest

from pipeline.readers import text as text_reader
from pipeline.readers.text_rows import BULLET, CODE, LABEL, TEXT, TITLE, RawCell, cell_kind

CASES = {
    # a short risk cell completes its row; the next numbered result must not become a title row of its own
    "completing_cell_is_not_a_title": (
        "\tUNIT X\n\n\tExpected results\n\tKPIs\n\tRisks\n\n"
        "\t1. Advice given on all requests within the agreed time\n\tTimeliness of advice\n\tUnderstaffing\n\n"
        "\t2. Contracts reviewed\n\tFew disputes\n\n\n\tLack of information.\n\n"
        "\t3. Drafting of internal rules\n\n\tCoherence of the rules with the norms and practices of the common "
        "system, and smooth running of administrative and internal procedures for all staff.\n\t\n\n\n",
        [["UNIT"], ["Expected", "KPIs", "Risks"], ["1.", "Timeliness", "Understaffing"],
         ["2.", "Few", "Lack"], ["3.", "Coherence", ""]],
    ),
    # a numbered label row heads a row of two bulleted cells, which the export splits
    "numbered_label_then_bullet_cells": (
        "\tDepartment Y 2008\n\n\tExpected Results\n\tKPIs\n\n"
        "\t3.\nRecruit staff\n\n\t(\nFair classification\n\t(\nNumber of actions\n\n"
        "\t4.\nManage travel services\n\n\t(\nManage contracts\n\n(\nManage entitlements\n\n"
        "\t(\nVolume of actions processed\n\n(\nCustomer satisfaction\n\n\n"
        "\t5.\nProvide welfare services\n\n\t(\nReview policies\n\t(\nQuality of information\n\n\n",
        [["Department"], ["Expected", "KPIs"], ["3."], ["(", "("], ["4."], ["(", "("], ["5."], ["(", "("]],
    ),
    # a period title above a row whose last cell came apart: the title stays alone, the row is whole
    "title_then_split_row": (
        "\tExpected results\n\tKPIs\n\tRisks\n\n"
        "\tOFFICE\nContinued implementation\n\t6. Accelerate outputs\n\t- Under staffing\n\n\n\n"
        "\tPlan 2008-2011 (continued)\n\n\tCOORDINATION\n\nContinued implementation of items 1 to 3.\n\n"
        "- support to the committee in its preparations\n\t- quality services\n- expenditure versus budget\n\n\n"
        "\t- Late contributions\n\n- Inappropriate forecasts\n\n\n\n",
        [["Expected", "KPIs", "Risks"], ["OFFICE", "6.", "-"], ["Plan"], ["COORDINATION", "-", "-"]],
    ),
    # two short sentences that are a result and its KPIs, not two title rows
    "short_result_and_kpis": (
        "\tExpected Results\n\tKPIs\n\n\tEffective support of meetings\n\tSuccessful delivery of support\n\n"
        "\tEfficiency of the procurement function\n\n\n\tFeedback from requesting units\n"
        "Proportion of orders on time\n\n\n",
        [["Expected", "KPIs"], ["Effective", "Successful"], ["Efficiency", "Feedback"]],
    ),
    # regression: a result cell ending with an empty paragraph, then a KPI cell with a category and a dash item:
    # the KPI cell is no title (it holds a list item), so the two make one row
    "result_then_kpi_with_category": (
        "\tExpected Results\n\tKPIs\n\n\t2. Staff trained\n\tStaff trained per year\n\n"
        "\t3. Health insurance scheme reviewed\n\n\tProcess:\n- Review completed by the end of 2011\n\n\n",
        [["Expected", "KPIs"], ["2.", "Staff"], ["3.", "Process:"]],
    ),
    # regression: an activity code whose description follows after a blank line is no all-caps title
    "code_then_description": (
        "\tCode\n\tActivity\n\n\tCybersecurity\n\n\n\tCY101\n\tIncident response team assistance\n\n"
        "\tICT applications\n\n\n\n\tAP201\n\n\tE-health projects\n\n\tAP202\n\tE-government projects\n\n\n",
        [["Code", "Activity"], ["Cybersecurity"], ["CY101", "Incident"], ["ICT"], ["AP201", "E-health"],
         ["AP202", "E-government"]],
    ),
    # section titles with a different width below them stay title rows (unchanged behaviour)
    "titles_open_sections": (
        "\tPLENIPOTENTIARY CONFERENCE\n\n\t2006-2007 implementation\n\n\tExpected results\n\tKPIs\n\n"
        "\tPreparation of the conference\n\tDocuments on time\n\n\n\n"
        "\tCOUNCIL\n\n\t2008-2011\n\n\tExpected results\n\tKPIs\n\tRisks\n\n"
        "\tSessions prepared\n\tSatisfaction\n\tLate contributions\n\n\n",
        [["PLENIPOTENTIARY"], ["2006-2007"], ["Expected", "KPIs"], ["Preparation", "Documents"],
         ["COUNCIL"], ["2008-2011"], ["Expected", "KPIs", "Risks"], ["Sessions", "Satisfaction", "Late"]],
    ),
    # every row has a cell ending with an empty paragraph, so no run is as wide as the table (3 columns)
    "no_run_as_wide_as_the_table": (
        "\tOutputs\n\n\tObjective 1\nCooperation\n\n\tObjective 2\nEnabling environment\n\n\n"
        "\tRegional initiatives\n\n\tx\n\t\n\n\tGlobal Symposium for Regulators\n\t\n\n\tx\n\n\n"
        "\tICT statistics\n\n\n\tx\n\tx\n\n\tCybersecurity programme\n\tx\n\n\t\n\n\n",
        [["Outputs", "Objective", "Objective"], ["Regional", "x", ""], ["Global", "", "x"], ["ICT", "x", "x"],
         ["Cybersecurity", "x", ""]],
    ),
}


def _first_words(table) -> list[list[str]]:
    return [[(c.text.split() or [""])[0] for c in row] for row in table.rows()]


@pytest.mark.parametrize("name", list(CASES))
def test_rows_of_split_export_tables(tmp_path, name):
    export, expected = CASES[name]
    path = tmp_path / f"{name}.txt"
    path.write_text("Heading\n\n" + export + "After the table.\n", encoding="utf-8")
    tables = text_reader.read(path).tables
    assert len(tables) == 1
    assert _first_words(tables[0]) == expected


@pytest.mark.parametrize(
    "paragraphs, kind",
    [
        (["(", "Manage contracts"], BULLET),
        (["- Late contributions"], BULLET),
        (["4.", "Manage travel services"], LABEL),
        (["3. Drafting of internal rules"], LABEL),
        (["COUNCIL & WORKING GROUPS"], TITLE),
        (["CS"], TITLE),
        (["AP201"], CODE),
        (["TLC-09"], CODE),
        (["2006-2007 implementation (at 31.05.2007)"], TITLE),
        (["Feedback from requesting units"], TEXT),
        (["1. In respect of the conferences, assemblies and other meetings of the Union: provision of timely "
          "and adequate legal advice and assistance, and of the legal instruments"], TEXT),
    ],
)
def test_cell_kinds(paragraphs, kind):
    assert cell_kind(RawCell(paragraphs, 0, 1)) == kind


@pytest.mark.parametrize("glyph", ["•", "➢", "✓", "▪", "\uf0d8"])
def test_any_bullet_glyph_makes_a_bullet_cell(glyph):
    """Regression: arrow and check-mark bullets were plain text, so their cells were grouped as text."""
    assert cell_kind(RawCell([f"{glyph} Number of regulators attending", f"{glyph} Guidelines adopted"], 0, 1)) == BULLET
