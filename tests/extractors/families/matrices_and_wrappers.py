"""Family M (cost-weighted matrices) and family W (wrappers and metadata): hand-written documents from the layouts
FAMILIES.md describes, in words of our own; the expected records are in `<stem>/*.csv`."""

from __future__ import annotations

from tests.extractors.families.builder import outer_box, rules_only, shaded, wide_first_column
from tests.extractors.unseen.builder import B, C, Doc, H, P, PB, T

# ------------------------------------------------------------------ M: financial plan 2008-2011, GS matrices
FP08 = Doc("financial-plan-2008-2011", [
    P("Financial Plan for the Union 2008-2011", "Title"),
    H(1, "1 Linkage between outputs and objectives"),
    P("The cost of each intersectoral output is spread over the objectives of the General Secretariat it serves; "
      "an output that does not serve an objective shows 0."),
    P("Linkage between Intersectoral Outputs and General Secretariat Objectives"),
    P("Amounts in thousands of Swiss francs"),
    T([
        ["Intersectoral outputs", "Total", C("GS Objectives", 5)],
        ["", "", "1", "2", "3", "4", "5"],
        ["Plenipotentiary Conference", "8'120", "5'200", "2'920", "0", "0", "0"],
        ["Council", "11'300", "6'400", "3'100", "1'800", "0", "0"],
        ["World Telecommunication Policy Forum", "1'950", "1'950", "0", "0", "0", "0"],
        ["Total", "21'370", "13'550", "6'020", "1'800", "0", "0"],
    ], style=wide_first_column()),
    H(1, "2 Objectives and goals"),
    P("Linkage between General Secretariat objectives and the goals of the Union (CHF thousands)"),
    T([
        ["GS objective", "Goal 1", "Goal 5", "Total"],
        ["Objective 1", "3'000", "10'550", "13'550"],
        ["Objective 2", "0", "6'020", "6'020"],
        ["Total", "3'000", "16'570", "19'570"],
    ], style=rules_only()),
])

# ------------------------------------------------------------------ M: financial plan 2016-2019, Sector matrices
FP16 = Doc("financial-plan-2016-2019", [
    P("Draft Financial Plan of the Union for 2016-2019", "Title"),
    H(1, "1 Cost of the ITU-R outputs by objective"),
    T([
        [C("Sectoral outputs and ITU-R objectives (CHF thousands)", 4)],
        ["Outputs", "Objective R.1", "Objective R.2", "Objective R.3"],
        ["R.1-1 World radiocommunication conferences", "14'200", "0", "850"],
        ["R.2-1 Study group meetings and publications", "0", "9'400", "1'100"],
        ["R.3-1 Regional seminars", "0", "0", "2'300"],
    ], style=shaded(header_rows=2)),
    H(1, "2 Resources of the Sectors by goal"),
    P("Allocation of resources to the goals of the Union, in CHF thousands:"),
    T([
        ["Sector", "Goal 1", "Goal 2", "Goal 3", "Goal 4"],
        ["ITU-R", "21'000", "3'500", "1'200", "2'300"],
        ["ITU-T", "9'800", "2'100", "2'400", "1'900"],
        ["ITU-D", "6'000", "24'500", "5'100", "2'200"],
        ["General Secretariat", "40'100", "38'000", "12'300", "30'900"],
    ], style="Light Shading"),
    P("Share of each Sector in the budget (%)"),
    T([
        ["Sector", "2016-2017", "2018-2019"],
        ["ITU-R", "17.5", "17.4"],
        ["ITU-T", "9.8", "9.9"],
        ["ITU-D", "22.7", "22.8"],
        ["General Secretariat", "50.0", "49.9"],
    ], style=rules_only()),
    H(1, "3 Human resources"),
    P("Human resources by Sector for the next two biennia:"),
    T([
        [C("Human resources (CHF thousands)", 3)],
        ["", "2016-2017", "2018-2019"],
        ["ITU-R", "38'900", "39'500"],
        ["ITU-T", "19'800", "20'100"],
        ["ITU-D", "30'200", "30'700"],
        ["Total", "88'900", "90'300"],
    ], style="Light List"),
    P("The Plenipotentiary Conference needs the following work of the secretariat:"),
    T([
        [C("Plenipotentiary Conference", 3)],
        [C("Human resources (work months)", 3)],
        ["Department", "2016-2017", "2018-2019"],
        ["C&P", "46", "118"],
        ["IS", "12", "20.5"],
        ["Total", "58", "138.5"],
    ]),
])

# ------------------------------------------------------------------ W: Council cover around a one-year GS plan
GS18 = Doc("gs-operational-plan-2018", [
    P("Council Working Group on Financial and Human Resources"),
    P("Document CWG-FHR 7/4-E"),
    P("Council 2017"),
    P("Geneva, 15-25 May 2017"),
    P("Agenda item: ADM 5"),
    P("Document C17/35-E"),
    P("Report by the Secretary-General"),
    P("DRAFT OPERATIONAL PLAN OF THE GENERAL SECRETARIAT FOR 2018"),
    P("Summary"),
    P("This document presents the draft operational plan of the General Secretariat for 2018, prepared within the "
      "Strategic Plan for the Union for 2016‐2019 and the Financial Plan for 2016‐2019."),
    P("Action required"),
    P("The Council is invited to approve the attached draft operational plan."),
    P("References"),
    P("Resolution 71 (Rev. Busan, 2014); Decision 5 (Rev. Busan, 2014); Document C16/54"),
    PB(),
    P("Operational plan of the General Secretariat for 2018"),
    H(1, "1 Intersectoral objectives"),
    B("I.1 (Collaboration): Foster cooperation among the Sectors and with external stakeholders on intersectoral "
      "matters"),
    B("I.2 (Emerging trends): Identify and analyse emerging trends in the telecommunication/ICT environment"),
    H(1, "2 Enablers"),
    T([
        ["Enabler", "Statement"],
        ["E.1", "Ensure efficient and effective use of human, financial and capital resources"],
        ["E.2", "Provide timely and effective conference, documentation and publication services"],
    ], style=shaded()),
    H(1, "3 Outputs"),
    T([
        ["Output", "Description"],
        ["I.1-1", "Coordination meetings of the Sectors on intersectoral matters"],
        ["E.2-1", "Documents of Council and conferences in the six languages"],
    ], style="Light Grid"),
], meta_title="ITU Global Template", page_header="C17/35-E")

# ------------------------------------------------------------------ W: a report on the implementation of a plan
REP17 = Doc("implementation-report-2017", [
    P("Council 2018"),
    P("Document C18/35-E"),
    P("Report by the Secretary-General"),
    P("REPORT ON THE IMPLEMENTATION OF THE STRATEGIC PLAN AND THE ACTIVITIES OF THE UNION FOR 2017"),
    P("Summary"),
    P("This report sets out what the Union achieved in 2017 against the targets of the Strategic Plan for "
      "2016-2019."),
    H(1, "1 Progress towards the targets"),
    P("Goal 1: Growth – household Internet access rose in every region in 2017, ahead of the expected path."),
    T([
        ["Target", "Baseline 2015", "Expected 2017", "Achieved 2017"],
        ["1.1 Households with Internet access", "46%", "50%", "52%"],
        ["1.2 Individuals using the Internet", "43%", "48%", "49%"],
    ], style=rules_only()),
    H(1, "2 Activities of the Sectors"),
    P("Objective R.1: The Sector processed more satellite filings than in any year before, and the Radio "
      "Regulations Board met four times."),
    P("WTDC Resolutions: 17, 30, 37"),
    P("WSIS Action lines: C2, C5, C6"),
    P("SDGs: 9, 17"),
    T([
        ["Output", "Expected", "Achieved"],
        ["R.1-3 Processing of notices", "4'000 notices", "4'350 notices"],
        ["T.1-1 ITU-T Recommendations", "250", "268"],
    ], style=shaded()),
], meta_title="Draft Strategic Plan for the Union 2012-2015")

# ------------------------------------------------------------------ W: a 2003 cover box around a one-year plan
T03 = Doc("itu-t-operational-plan-2003", [
    P("INTERNATIONAL TELECOMMUNICATION UNION"),
    P("COUNCIL"),
    P("Document C03/12-E"),
    P("Report by the Secretary-General"),
    T([
        ["1 Subject: ITU-T OPERATIONAL PLAN FOR 2003", ""],
        ["2 Purpose\nThis document presents the operational plan of the Telecommunication Standardization Sector "
         "for 2003.", "Ref. doc."],
        ["3 Background\nUnder the Convention, the Director of the Bureau prepares each year an operational plan for "
         "the Sector.", "CV 205A"],
        ["4 Recommendation\nThe Council is invited to take note of the plan.", ""],
        ["5 Implications\nNone.", ""],
    ], style=outer_box),
    PB(),
    P("ITU-T Operational Plan for 2003"),
    H(1, "1 Introduction"),
    P("The plan continues the work programme adopted for 2002-2003 and takes account of the strategic plan of the "
      "Union for 2003-2007."),
    P("Objective 1: To develop, in a timely manner, Recommendations that meet the needs of the membership and of "
      "the market."),
    P("Objective 2: To make the results of the Sector's work widely known, in particular in developing countries."),
    H(1, "2 Resources"),
    P("Resources allocation for 2003 (CHF thousands)"),
    T([
        ["Activity", "2003"],
        ["Study groups", "12'400"],
        ["Telecommunication Standardization Advisory Group", "1'050"],
        ["Workshops", "640"],
        ["Total", "14'090"],
    ], style=rules_only()),
])

M_DOCUMENTS = [FP08, FP16]
W_DOCUMENTS = [GS18, REP17, T03]
