"""Regressions for rules found on documents the extractors had not seen (tests/extractors/unseen/): each case is a
minimal Word text export of one table."""

from __future__ import annotations

from extractors import activities, documents, objectives, results, service_levels, work_months
from pipeline.readers import text as text_reader
from pipeline.records import Dataset


def _read(tmp_path, text: str, name: str = "xx-operational-plan-2010-2013.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return text_reader.read(path)


def _rows(text: str) -> str:
    """Rows written as `a | b | c` lines -> the export's TAB lines, a blank line after each row."""
    out = []
    for line in text.strip().splitlines():
        out += ["\t" + c.strip() for c in line.split("|")] + [""]
    return "\n".join(out) + "\n\n"


def test_labelled_headcount_column_beside_the_periods(tmp_path):
    doc = _read(tmp_path, "Human resources in work months:\n" + _rows("""
        Space Services Department
        Grade | Posts | 2010 | 2011-12
        P5 | 3 | 36 | 72
        Total | 3 | 36 | 72
    """) + "After.\n")
    wm = work_months.extract(doc).records[Dataset.WORK_MONTHS]
    assert [(r.output, r.unit, r.period, r.work_months) for r in wm] == [
        ("Space Services Department", "P5", "2010", 36.0), ("Space Services Department", "P5", "2011-12", 72.0),
        ("Space Services Department", "Total", "2010", 36.0), ("Space Services Department", "Total", "2011-12", 72.0),
    ]


def test_title_cell_holding_a_header_word(tmp_path):
    """`WRC-12 documentation` is the title of a documentation table; `PKM work months` names PKM."""
    doc = _read(tmp_path, "3.1 Documentation\n\n" + _rows("""
        WRC-12 documentation
        Pages | 2010 | 2011
        Translation | 12,400 | 41’200
    """) + "3.2 Projects and Knowledge Management Department (PKM)\n\n" + _rows("""
        PKM work months
        Grade | 2010 | 2011
        D1 | 12 | 12
    """) + "After.\n")
    sl = service_levels.extract(doc).records[Dataset.SERVICE_LEVELS]
    assert [(r.output, r.service, r.quantity) for r in sl] == [
        ("WRC-12 documentation", "Translation", 12400.0), ("WRC-12 documentation", "Translation", 41200.0)]
    wm = work_months.extract(doc).records[Dataset.WORK_MONTHS]
    assert {r.output for r in wm} == {"PKM"}


def test_footnote_marks_on_row_labels(tmp_path):
    doc = _read(tmp_path, "2.1 Study groups\n\nWork months:\n" + _rows("""
        Study Groups
        | 2012 | 2013
        TPD¹ | 96 | 96
        ODS* | 6 | 12
    """) + "¹ Formerly known as the Policy Division.\n")
    wm = work_months.extract(doc).records[Dataset.WORK_MONTHS]
    assert sorted({r.unit for r in wm}) == ["ODS", "TPD"]


def test_arrow_and_check_mark_bullets(tmp_path):
    doc = _read(tmp_path, "1.2 Regulatory reform results\n\n" + _rows("""
        Regulatory reform 2009-2012
        Expected results | Performance indicators | Risk factors
        1. Regulators informed of best practices | Customer: | ➢ Low participation
    """).replace("Customer:\n", "Customer:\n➢ Number of regulators attending\n✓ Guidelines adopted\n") + "After.\n")
    ex = results.extract(doc).records
    assert [(k.category, k.kpi) for k in ex[Dataset.KPIS]] == [
        ("Customer", "Number of regulators attending"), ("Customer", "Guidelines adopted")]
    assert [r.risk for r in ex[Dataset.RISKS]] == ["Low participation"]


def test_activity_list_with_a_unit_column(tmp_path):
    doc = _read(tmp_path, "ANNEX 2 - List of activity codes\n\n" + _rows("""
        Code | Activity | Unit
        Regulatory environment
        DA101 | Global Symposium for Regulators | PKM
        DA102 | Regulatory database | PKM
        DA103 | Regulatory training | Field Offices
    """) + "After.\n")
    acts = activities.extract(doc).records[Dataset.ACTIVITIES]
    assert [(a.group, a.code, a.description) for a in acts] == [
        ("Regulatory environment", "DA101", "Global Symposium for Regulators"),
        ("Regulatory environment", "DA102", "Regulatory database"),
        ("Regulatory environment", "DA103", "Regulatory training")]


def test_a_bureau_plan_is_about_its_sector(tmp_path):
    """Objectives under no sector heading take the plan's body, which must be a scope value (`ITU-T`), not the
    Bureau's name."""
    doc = _read(tmp_path, "Draft four-year rolling Operational Plan for the Telecommunication Standardization Bureau "
                "for the period 2012-2015\n\n1 Objectives\n\nObjective 1: Develop interoperable international "
                "standards in a timely manner and in line with the needs of the membership.\n",
                name="tsb-plan-2012-2015.txt")
    assert [(o.scope, o.number) for o in objectives.extract(doc).records[Dataset.OBJECTIVES]] == [("ITU-T", "1")]
    assert documents.extract(doc).records[Dataset.DOCUMENTS][0].body == "ITU-T"


def test_dashes_for_none_in_a_work_month_table(tmp_path):
    doc = _read(tmp_path, "1.1 Council\n\nWork months required (a dash stands for none):\n" + _rows("""
        Council
        | 2012 | 2013 | 2014 – 2015
        FRMD | – | 6 | –
        HRMD | – | – | 4
        IS | 12 | - | 24
    """) + "After.\n")
    wm = work_months.extract(doc).records[Dataset.WORK_MONTHS]
    assert [(r.unit, r.period, r.work_months) for r in wm] == [
        ("FRMD", "2013", 6.0), ("HRMD", "2014 – 2015", 4.0), ("IS", "2012", 12.0), ("IS", "2014 – 2015", 24.0)]


def test_horizons_printed_in_the_header_cells(tmp_path):
    doc = _read(tmp_path, "1.2 Council expected results\n\n" + _rows("""
        COUNCIL
        Expected results (2012-2013) | KPIs | Expected results (2014-2015) | KPIs
        1) Sessions held as planned | - Documents on time | 1) Paperless sessions | - Documents online only
    """) + "After.\n", name="gs-operational-plan-2012-2015.txt")
    ex = results.extract(doc).records
    assert [(r.horizon, r.result_number, r.expected_result) for r in ex[Dataset.EXPECTED_RESULTS]] == [
        ("2012-2013", "1", "Sessions held as planned"), ("2014-2015", "1", "Paperless sessions")]
    assert [(k.horizon, k.kpi) for k in ex[Dataset.KPIS]] == [
        ("2012-2013", "Documents on time"), ("2014-2015", "Documents online only")]


def test_result_numbers_in_their_own_column(tmp_path):
    doc = _read(tmp_path, "2.3 Study groups results\n\n" + _rows("""
        STUDY GROUPS 2012-2015
        No. | Expected results | KPIs | Risk factors
        1 | Recommendations approved on time | - Number approved | - Budget cuts
        2. | Workshops held | - Participants | - Low attendance
    """) + "After.\n", name="x-operational-plan-2012-2015.txt")
    ex = results.extract(doc).records
    assert [(r.output, r.horizon, r.result_number, r.expected_result) for r in ex[Dataset.EXPECTED_RESULTS]] == [
        ("STUDY GROUPS", "2012-2015", "1", "Recommendations approved on time"),
        ("STUDY GROUPS", "2012-2015", "2", "Workshops held")]
    assert [(k.result_number, k.kpi) for k in ex[Dataset.KPIS]] == [("1", "Number approved"), ("2", "Participants")]
    assert [(k.result_number, k.risk) for k in ex[Dataset.RISKS]] == [("1", "Budget cuts"), ("2", "Low attendance")]


def test_square_root_check_marks_in_a_matrix(tmp_path):
    from extractors import matrices

    doc = _read(tmp_path, "ITU-D objectives and outputs\n" + _rows("""
        Outputs | Objective 1 Cooperation | Objective 2 Environment
        ICT statistics | √ |
        Regulatory reform | | √
    """) + "After.\n", name="strategic-plan-2012-2015.txt")
    links = matrices.extract(doc).records[Dataset.LINKS]
    assert [(r.output, r.objective_number) for r in links] == [("ICT statistics", "1"), ("Regulatory reform", "2")]


def test_title_cell_without_header_words_is_kept_as_printed():
    """Regression: removing header words also dropped a leading 'The' from titles that had none."""
    from extractors.tables import without_header_words

    assert without_header_words("The Plenipotentiary Conference") == "The Plenipotentiary Conference"
    assert without_header_words("PKM work months") == "PKM"
    assert without_header_words("Work months") == ""


def test_financial_tables_by_period_are_not_work_months(tmp_path):
    """CHF, cost and percentage tables with the same period columns as a work-month table, under a heading or
    caption that names work months / human resources, give no rows."""
    doc = _read(tmp_path, "2.1 Human resources to support the Council\n\nThe cost of these work months is given below.\n"
                + _rows("""
        CHF thousands | 2010 | 2011
        Staff costs | 1'250 | 1'310
    """) + "2.2 Human resources\n\n" + _rows("""
        % | 2012-2013 | 2014-2015
        ITU-R | 18.0 | 18.5
    """) + "Staff costs of the department by grade (CHF):\n" + _rows("""
        Grade | 2010 | 2011
        P4 | 172'500 | 176'000
    """) + "After.\n")
    assert work_months.extract(doc).records[Dataset.WORK_MONTHS] == []
    assert service_levels.extract(doc).records[Dataset.SERVICE_LEVELS] == []


def test_header_words_inside_a_name_stay(tmp_path):
    """`Human Resources Management Department` is a name: `human resources` is removed only as a header word."""
    doc = _read(tmp_path, "3.1 HRMD\n\n" + _rows("""
        Human Resources Management Department
        Work months
        | 2010 | 2011
        D2 | 12 | 12
    """) + "After.\n")
    assert {r.output for r in work_months.extract(doc).records[Dataset.WORK_MONTHS]} == {
        "Human Resources Management Department"}


def test_work_month_table_continued_after_a_page_break(tmp_path):
    """The period header repeated at the top of the next table (no title, no text between): the same table, with
    the same output (.docx: two tables; text export: one table with the header row repeated, which gives no row)."""
    from pipeline.readers import read_document
    from tests.extractors.unseen.builder import PB, C, Doc, P, T, build

    doc = Doc("xx-operational-plan-2010-2013", [
        P("3.1 Staff resources of the department"),
        T([[C("Human Resources Management Department", 3)], [C("Work months", 3)], ["Grade", "2010", "2011"],
           ["D2", "12", "12"]]),
        PB(),
        T([["Grade", "2010", "2011"], ["G4", "24", "24"]]),
        P("After."),
    ])
    for path in build(doc, tmp_path).values():
        wm = work_months.extract(read_document(path)).records[Dataset.WORK_MONTHS]
        assert [(r.output, r.unit, r.period, r.work_months) for r in wm] == [
            ("Human Resources Management Department", "D2", "2010", 12.0),
            ("Human Resources Management Department", "D2", "2011", 12.0),
            ("Human Resources Management Department", "G4", "2010", 24.0),
            ("Human Resources Management Department", "G4", "2011", 24.0)], path.suffix


def test_results_table_under_a_recurring_heading_is_a_new_part(tmp_path):
    """`II.1.4 Expected results ...` and `II.2.1 Expected results ...` read the same: the next table under a heading
    with another number does not continue the previous output."""
    doc = _read(tmp_path, "II.1\nCOUNCIL\n\nII.1.4 Expected results and key performance indicators (KPIs)\n\n" + _rows("""
        COUNCIL
        Expected results | KPIs
        1. Sessions held | Documents on time
    """) + "II.2\nWORLD TELECOMMUNICATION POLICY FORUM\n\nII.2.1 Expected results and key performance indicators (KPIs)\n\n"
        + _rows("""
        Expected results | KPIs
        1. Forum prepared | Number of Member States attending
    """) + "After.\n")
    ex = results.extract(doc).records[Dataset.EXPECTED_RESULTS]
    assert [(r.output, r.expected_result) for r in ex] == [
        ("COUNCIL", "Sessions held"), ("WORLD TELECOMMUNICATION POLICY FORUM", "Forum prepared")]


def test_a_list_of_events_is_not_an_activity_list(tmp_path):
    """`PP-10`, `WTDC-10`, `WTSA-08` look like codes, but each prefix stands once: activity codes come in series."""
    doc = _read(tmp_path, "2.4 Documents\n\n" + _rows("""
        Document | Title
        PP-10 | Final Acts of the Plenipotentiary Conference
        WTDC-10 | Hyderabad Action Plan
        WTSA-08 | Resolutions of the Assembly
        RA-07 | Resolutions of the Radiocommunication Assembly
    """) + "After.\n")
    assert activities.extract(doc).records[Dataset.ACTIVITIES] == []
