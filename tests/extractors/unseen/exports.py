"""Round 2: three hand-written planning documents that look like real Word exports rather than clean tables.

Cells end with empty paragraphs (so the text export's rows come apart with one, two or three blank lines inside
a row), merged title rows end with an empty paragraph, Wingdings bullets are a `(` line before the item, tables
continue after a page break with their header repeated, a table ends one blank line before a numbered heading,
headings are numbered as plain text (`II.1.2`, `PART II` on its own line), and financial, staff-cost, percentage
and document-list tables stand beside the extracted kinds (they give no rows). The expected records are in the
CSV files of `<stem>/`, written by hand from the data below (not from extractor output)."""

from __future__ import annotations

from tests.extractors.unseen.builder import PB, C, Doc, H, P, T

# ------------------------------------------------------------------ General Secretariat, 2010-2013
GS10 = Doc("gs-operational-plan-2010-2013", [
    P("Draft four-year rolling Operational Plan of the General Secretariat 2010-2013", "Title"),
    P("PART I"),
    P("Objectives of the General Secretariat"),
    P("Objective 1: To provide the membership, the Plenipotentiary Conference and the Council with high-quality "
      "services and timely information on the activities and financial status of the Union."),
    P("Objective 2: To progressively improve the efficiency of the operation and management of the Union, by "
      "proposing to the Council a sound and balanced budget."),
    P("PART II"),
    P("INTERSECTORAL OUTPUTS"),
    P("II.1"),
    P("COUNCIL"),
    P("II.1.1 Description of output"),
    P("The Council acts as the governing body of the Union between plenipotentiary conferences."),
    P("II.1.2 Human resources to support the Council"),
    # no title cell: the table's subject is only in the heading (II.1 COUNCIL)
    T([
        ["", "2010", "2011", "2012-2013"],
        ["SGO\n", "4.5", "4.5", "9.0"],
        ["C&P", "36.0\n", "38.5", "80.0\n\n"],
        ["FRMD", "6.0", "6.0", "12.0"],
        ["IS\n\n", "2.0", "", "4.0"],
    ]),
    P("The cost of these work months is given below."),
    T([
        ["CHF thousands", "2010", "2011", "2012-2013"],
        ["Staff costs\n", "1'250", "1'310", "2'700"],
        ["Non-staff costs", "480", "495", "1'010\n"],
        ["Total", "1'730", "1'805", "3'710"],
    ]),
    P("II.1.3 Documentation/Service level agreements"),
    T([
        [C("Council documentation\n", 4)],
        ["Pages", "2010", "2011", "2012-2013"],
        ["Translation\n", "9,800", "10,200\n", "20,400"],
        ["Typing", "1,150", "1,150", "2,300"],
        ["Reprography\n\n", "410,000", "", "820,000"],
    ], gap=1),
    P("II.1.4 Expected results and key performance indicators (KPIs)"),
    T([
        [C("COUNCIL", 3)],
        [C("2010-2013\n", 3)],
        ["Expected results", "KPIs", "Risk factors"],
        ["1. Council sessions prepared and held as planned\n(Focal Point: C&P)\n",
         "Customer:\n- Satisfaction of Member States with the organization of the sessions\n- Documents published six "
         "weeks before the session\nFinancial:\n- Expenditure versus\nbudget\nStaff:\n- Level of staff "
         "satisfaction\nProcess:\n- % of documents translated on time\n",
         "Late contributions; budget constraints; staff turnover"],
        ["2. Council decisions followed up\n2.1 Resolutions implemented by the secretariat\n2.2 Reports submitted "
         "to the next session",
         "(\nNumber of decisions implemented\n\n(\nReports submitted on time\n",
         "Late submission of reports;\nInsufficient resources;\n\n"],
        ["3. Working groups supported (Focal Points: SGO, CEC)", "As above", ""],
    ]),
    P("II.2"),
    P("WORLD TELECOMMUNICATION POLICY FORUM"),
    P("II.2.1 Expected results and key performance indicators (KPIs)"),
    # no title row: the output is the subject of the nearest heading that names one (II.2)
    T([
        ["Expected results", "KPIs"],
        ["1. Forum prepared with the participation of all stakeholders\n",
         "1. Number of Member States attending\n2. Number of Sector Members\nattending\n\n"],
        ["2. Opinions adopted by consensus", "Number of opinions adopted\n"],
    ]),
    P("PART III"),
    P("DEPARTMENTS"),
    P("III.1 Human Resources Management Department (HRMD)"),
    P("III.1.5 Staff resources of the department"),
    T([
        [C("Human Resources Management Department\n", 4)],
        [C("Work months", 4)],
        ["", "2010", "2011", "2012-2013"],
        ["D2", "12", "12", "24"],
        ["P4\n", "36", "36\n", "72"],
        ["G5", "96", "90", "180"],
    ]),
    PB(),
    T([
        ["", "2010", "2011", "2012-2013"],
        ["G4", "24", "24", "48"],
        ["G3\n", "12", "12", "24"],
        ["Total", "180", "174", "348"],
    ]),
    P("Staff costs of the department by grade (CHF):"),
    T([
        ["Grade", "2010", "2011", "2012-2013"],
        ["D2", "245'000", "251'000", "512'000"],
        ["P4", "172'500\n", "176'000", "360'000"],
        ["G5", "118'000", "121'000", "246'000"],
    ]),
    P("III.1.6 HRMD expected results and key performance indicators (KPIs)"),
    T([
        [C("HRMD 2010-2013", 2)],
        ["Expected Results", "KPIs"],
        ["1.\nRecruitment and classification\n\n", "(\nTime taken to fill vacancies\n\n(\nNumber of posts classified"],
        ["2. Staff development programme delivered to all sectors", "Customer:\n(\nStaff trained per year\nStaff:\n"
         "(\nSatisfaction of staff with the courses offered\n"],
    ]),
    PB(),
    T([
        ["Expected Results", "KPIs"],
        ["3. Health insurance scheme reviewed\n", "Process:\n- Review completed by the end of 2011\n"],
    ]),
    P("PART IV"),
    P("FINANCIAL RESOURCES"),
    P("IV.1 Budget of the General Secretariat"),
    T([
        ["", "Budget 2008-2009", "Budget 2010-2011"],
        [C("Revenue", 3)],
        ["Assessed contributions\n", "232'400", "238'100"],
        ["Cost recovery", "41'300", "44'900\n"],
        [C("Expenditure", 3)],
        ["Staff costs", "198'000", "205'600"],
        ["Total", "273'700", "283'000"],
    ]),
])

# ------------------------------------------------------------------ ITU-D / BDT, 2011-2014
BDT11 = Doc("bdt-operational-plan-2011-2014", [
    P("Four-year rolling Operational Plan of the Telecommunication Development Bureau for 2011-2014", "Title"),
    P("PART I"),
    P("Objectives of the Telecommunication Development Sector (ITU-D)"),
    P("Objective 1: Foster international cooperation and solidarity in the delivery of technical assistance and in "
      "the creation, development and improvement of telecommunication equipment and networks in developing "
      "countries."),
    P("Objective 2: Assist the membership in creating an enabling environment for investment in ICT networks and "
      "services, through policy, regulatory and legal advice."),
    P("BDT outputs and ITU-D objectives"),
    T([
        ["Outputs\n", "Objective 1\nCooperation\n", "Objective 2\nEnabling environment\n"],
        ["Regional initiatives\n", "x", ""],
        ["Global Symposium for Regulators", "\n", "x\n"],
        ["ICT statistics\n\n", "x", "x"],
        ["Cybersecurity programme", "x\n", ""],
    ]),
    P("PART II"),
    P("PROGRAMMES"),
    P("II.3 Cybersecurity and ICT applications"),
    P("II.3.1 Work months (w/m)"),
    T([
        [C("Cybersecurity programme\n", 4)],
        ["Department", "2011", "2012", "2013-2014"],
        ["IEE\n", "60", "62", "128"],
        ["PKM", "18\n", "18", "36\n\n"],
        ["BDT Field Offices\n\n\n", "240", "244", "500"],
        ["Total", "318", "324", "664"],
    ], gap=1),
    P("II.3.2 Expected results, performance indicators and risk factors"),
    T([
        [C("CYBERSECURITY PROGRAMME\n", 3)],
        [C("2011-2014", 3)],
        ["Expected results\n", "Performance indicators", "Risk factors\n"],
        ["1. National computer incident response teams established in developing countries (Focal Point: IEE)\n",
         "Customer:\n• Number of CIRTs established\n• Number of countries assisted\nwith legislation\n\n"
         "Financial:\n• Extra-budgetary funds mobilized\n",
         "Lack of partners; insufficient funding; political instability in the target countries"],
        ["2. Cybersecurity guides published\n", "\n\nProcess:\n1. Guides published in six languages\n2. Number of "
         "downloads of the guides\n",
         "- Delays in translation\n- Lack of expert contributors"],
    ]),
    P("II.3.3 ICT applications expected results"),
    T([
        ["Expected results", "KPIs", "Risks"],
        ["1. E-health and e-government projects implemented with partners\n\n",
         "(\nNumber of projects implemented\n(\nPartner satisfaction", "(\nFunding not secured\n\n\n"],
        ["2. ICT applications toolkit made available online", "Number of toolkit users", "Low demand from Member States"],
    ]),
    P("II.4 Documents for the programmes"),
    T([
        ["Document", "Title"],
        ["PP-10", "Final Acts of the Plenipotentiary Conference (Guadalajara, 2010)"],
        ["WTDC-10", "Hyderabad Action Plan\n"],
        ["WTSA-08", "Resolutions of the World Telecommunication Standardization Assembly"],
        ["RA-07", "Resolutions of the Radiocommunication Assembly"],
    ]),
    P("PART III"),
    P("ANNEX – Activity codes"),
    T([
        ["Code", "Activity"],
        [C("Cybersecurity\n", 2)],
        ["CY101", "Incident response team assistance\n"],
        ["CY102", "Cybersecurity legislation toolkit"],
        [C("ICT applications\n\n", 2)],
        ["AP201\n", "E-health projects"],
        ["AP202", "E-government projects\n\n"],
    ]),
])

# ------------------------------------------------------------------ Strategic plan (Secretariat part, financial plan)
SP12 = Doc("strategic-plan-2012-2015-secretariat", [
    P("Strategic Plan for the Union for 2012-2015", "Title"),
    P("PART IV"),
    P("The General Secretariat"),
    P("IV.1 Objectives of the secretariat"),
    P("Objective 1: Provide high-quality and efficient services to the membership of the Union and to the "
      "conferences, assemblies and meetings of the Union."),
    P("Objective 2:"),
    P("Improve the efficiency of the operation and management of the Union through results-based management and "
      "a sound and balanced budget."),
    P("IV.2 Secretariat objectives and outputs"),
    T([
        ["Outputs\n", "Objective 1\nServices to the membership\n\n", "Objective 2\nEfficient management\n"],
        ["Conferences and meetings services\n", "x\n", ""],
        ["Financial management\n\n\n", "", "x"],
        ["Information services", "x", "x\n"],
    ]),
    P("PART V"),
    P("FINANCIAL PLAN"),
    P("V.1 Revenue and expenditure"),
    T([
        ["CHF thousands", "2012-2013", "2014-2015"],
        ["Assessed contributions\n", "256'200", "258'000"],
        ["Cost recovery", "42'300", "44'100\n"],
        ["Total revenue", "298'500", "302'100"],
    ]),
    P("V.2 Human resources"),
    P("Distribution of the staff costs by Sector:"),
    T([
        ["%", "2012-2013", "2014-2015"],
        ["General Secretariat\n", "48.5", "48.0"],
        ["ITU-R", "18.0", "18.5"],
        ["ITU-T", "12.5", "12.5\n"],
        ["ITU-D", "21.0", "21.0"],
    ]),
    T([
        [C("Staff costs\n", 3)],
        ["Category", "2012-2013", "2014-2015"],
        ["Professional", "201'400", "205'000"],
        ["General Service\n", "88'700", "90'100"],
    ]),
    P("V.3 Documents of reference"),
    T([
        ["Document\n", "Subject"],
        ["C11/10", "Draft financial plan 2012-2015"],
        ["C11/11\n", "Draft strategic plan 2012-2015"],
        ["C11/12", "Cost recovery"],
    ]),
])

DOCUMENTS = [GS10, BDT11, SP12]
