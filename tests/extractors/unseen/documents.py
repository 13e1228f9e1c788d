"""Three hand-written planning documents of kinds the samples do not cover (other bodies, other years, other
renderings of the same kinds of tables). Written for these tests; the expected records are in the CSV files of
`<stem>/`, written by hand from the data below (not from extractor output)."""

from __future__ import annotations

from tests.extractors.unseen.builder import B, C, Doc, H, P, T

# ------------------------------------------------------------------ ITU-R / BR, 2010-2013
BR = Doc("br-operational-plan-2010-2013", [
    P("Draft four-year rolling Operational Plan of the Radiocommunication Bureau 2010-2013", "Title"),
    H(1, "PART I – Mission and objectives of the Radiocommunication Sector"),
    P("This draft plan covers the activities of the Radiocommunication Bureau (BR) for the period 2010-2013 and "
      "is submitted to Council for consideration."),
    P("Objective 1: Ensure the rational, equitable, efficient and economical use of the radio-frequency spectrum "
      "and satellite orbits by all radiocommunication services."),
    P("Objective 2:"),
    P("Provide for worldwide connectivity and interoperability of radiocommunication systems through the "
      "development of ITU-R Recommendations, Reports and Handbooks."),
    P("Objective 3: Disseminate information and know-how on radiocommunication matters, in particular to "
      "developing countries, through seminars, workshops and publications."),
    P("The Bureau's outputs serve these objectives as shown below:"),
    P("ITU-R objectives and outputs 2010-2013"),
    T([
        ["Outputs", "Objective 1\nSpectrum and orbit use", "Objective 2\nRecommendations and Reports",
         "Objective 3\nInformation and know-how"],
        ["World Radiocommunication Conference", "x", "", ""],
        ["Radio Regulations Board", "x", "", ""],
        ["Study Groups and Radiocommunication Assembly", "", "X", "x"],
        ["Processing of space notices", "x", "", ""],
        ["Regional radiocommunication seminars", "", "", "x"],
    ]),
    H(1, "PART II – Outputs"),
    H(2, "2.1 World Radiocommunication Conference (WRC)"),
    P("The table below gives the work months each department of the Bureau devotes to the conference."),
    T([
        [C("World Radiocommunication Conference (WRC)", 4)],
        [C("Work-months", 4)],
        ["Department", "2010", "2011", "2012-2013"],
        ["SSD", "1'250", "980", "2'410.5"],
        ["TSD", "64.5", "58", "120"],
        ["IAP", "12", "12", "24"],
        ["SGD", "30.25", "", "61"],
        ["Total", "1'356.75", "1'050", "2'615.5"],
    ]),
    H(3, "2.1.1 Documentation"),
    T([
        [C("WRC-12 documentation", 4)],
        ["Pages", "2010", "2011", "2012-2013"],
        ["Translation", "12,400", "3'200", "41’200"],
        ["Typing", "0", "1,150", "9,800"],
        ["Reprography", "250,000", "", "1'800'000"],
    ]),
    H(3, "2.1.2 Expected results, key performance indicators and risk factors"),
    T([
        [C("WORLD RADIOCOMMUNICATION CONFERENCE", 3)],
        [C("Operational plan 2010-2013", 3)],
        ["Expected results", "Key performance indicators", "Risk factors"],
        ["1. Timely preparation of the CPM Report for WRC-12.\nThe Bureau coordinates the contributions of the "
         "study groups to the report.",
         "Customer:\n• Number of administrations submitting proposals\n• Satisfaction of delegates with the "
         "documents\nFinancial:\n• Expenditure versus budget",
         "▪ Late submission of contributions\n▪ Insufficient staff resources"],
        ["2. Publication of the Final Acts within three months of the Conference (Focal Point: IAP)",
         "Process:\n– Final Acts published on time in six languages", "n/a"],
        ["3. Updated Radio Regulations available online",
         "◦ Number of downloads of the Radio Regulations\n◦ Number of online subscribers", ""],
    ]),
    H(2, "2.2 Radio Regulations Board (RRB)"),
    P("The work months needed for the Board are as follows:"),
    T([
        ["Dept.", "2010", "2011", "2012–2013"],
        ["SSD", "18", "18", "36"],
        ["TSD", "22.5", "20", "41"],
        ["SGD", "4", "4", "8"],
    ]),
    H(1, "PART III – Departments"),
    H(2, "3.1 Space Services Department (SSD)"),
    P("Human resources of the department in work months, with its established posts:"),
    T([
        [C("Space Services Department", 5)],
        ["Grade", "Posts", "2010", "2011", "2012-13"],
        ["D2", "1", "12", "12", "24"],
        ["P5", "3", "36", "36", "72"],
        ["P4", "6", "66", "72", "144"],
        ["G6", "4", "48", "48", "96"],
        ["GS-4", "2", "24", "18", "24"],
        ["Total", "16", "186", "186", "360"],
    ]),
    P("Distribution of the department's work by objective (per cent):"),
    T([
        ["Objective", "2010", "2011", "2012-2013"],
        ["Objective 1", "72%", "70%", "70%"],
        ["Objective 2", "18%", "20%", "20%"],
        ["Objective 3", "10%", "10%", "10%"],
    ]),
    H(1, "ANNEX – Activity codes of the Radiocommunication Bureau"),
    T([
        ["Code", "Activity"],
        [C("General activities", 2)],
        ["BR101", "Management and coordination"],
        ["BR102", "Representation of the Bureau"],
        [C("Space services", 2)],
        ["BR201", "Processing of satellite network filings"],
        ["BR202", "Publication of the BR IFIC (Space Services)"],
    ]),
])

# ------------------------------------------------------------------ ITU-T / TSB, 2012-2015
TSB = Doc("tsb-operational-plan-2012-2015", [
    P("Draft four-year rolling Operational Plan for the Telecommunication Standardization Bureau 2012–2015",
      "Title"),
    H(1, "1 Introduction"),
    P("This plan sets out the outputs, resources and expected results of the Telecommunication Standardization "
      "Bureau (TSB) for 2012-2015, in line with the Strategic Plan of the Union."),
    H(1, "2 Objectives of the Telecommunication Standardization Sector (ITU-T)"),
    P("Objective 1 – Develop interoperable, non-discriminatory international standards (ITU-T Recommendations) "
      "in a timely manner and in line with the needs of the membership."),
    P("Objective 2: Assist developing countries in bridging the standardization gap by strengthening their "
      "participation in the work of the study groups."),
    P("Objective 2: Bridging the standardization gap"),
    P("Objective 3: Extend and facilitate cooperation with international, regional and national "
      "standardization bodies and with industry forums and consortia."),
    P("Standardization outputs and objectives"),
    T([
        ["ITU-T outputs", "Objective 1 Standards development", "Objective 2 Standardization gap",
         "Objective 3 Cooperation"],
        ["Study groups", "x", "x", ""],
        ["World Telecommunication Standardization Assembly", "x", "", "x"],
        ["Standardization workshops", "", "x", "x"],
        ["Telecommunication Standardization Advisory Group", "x", "", ""],
    ]),
    H(1, "3 Study groups"),
    H(2, "3.1 Human resources"),
    T([
        [C("Study Groups", 4)],
        [C("Work months", 4)],
        ["", "2012", "2013", "2014-15"],
        ["SGD", "1'020", "1'044", "2'100"],
        ["TPD¹", "96", "96", "180.5"],
        ["ODS", "0.0", "6", "12"],
        ["Total", "1'116", "1'146", "2'292.5"],
    ]),
    P("¹ Technology and Policy Department, formerly known as the Policy and Technology Watch Division."),
    H(2, "3.2 Documentation and service levels"),
    T([
        [C("Study group documentation", 4)],
        ["Pages", "2012", "2013", "2014-2015"],
        ["Translation", "8'450", "8'900", "17 600"],
        ["Typing", "1'200", "1'250", "2,400"],
    ]),
    H(2, "3.3 Expected results, KPIs and risks"),
    T([
        [C("STUDY GROUPS", 3)],
        [C("2012–2015", 3)],
        ["Expected results", "KPIs", "Risks"],
        [C("A. Ongoing activities", 3)],
        ["1.1 Approval of new and revised ITU-T Recommendations\n\nRecommendations are approved by the "
         "alternative approval process wherever possible.\n(Focal Points: SG11, SG13)",
         "Customer:\n* Number of Recommendations approved per year\n* Time from first draft to approval\n"
         "Internal process:\n* Documents posted six weeks before meetings",
         "- Decline in contributions from members\n- Budget constraints"],
        ["1.2 Electronic working methods extended to all study groups",
         "Percentage of meetings with remote participation. Number of paperless meetings. Delegate satisfaction.",
         "Limited bandwidth in developing countries"],
        [C("B. New activities", 3)],
        ["2. Standardization gap programme implemented in all regions (Focal Point: ODS)",
         "Number of fellowships granted\nNumber of regional groups\nestablished in developing regions",
         "As above"],
    ]),
    H(1, "4 World Telecommunication Standardization Assembly"),
    P("The work months that the Bureau devotes to the Assembly are:"),
    T([
        ["World Telecommunication Standardization Assembly", "2012", "2013", "2014–2015"],
        ["SGD", "120", "24", "12"],
        ["TPD", "36", "6", "0"],
        ["ODS", "48", "6", "6"],
    ]),
    H(1, "Annex: activities"),
    T([
        ["Activity code", "Description"],
        [C("Study group activities", 2)],
        ["TS-101", "Study group meeting organization"],
        ["TS-102", "Recommendation editing and publication"],
        [C("Workshops and outreach", 2)],
        ["TS-201", "Workshops and seminars"],
        ["TS-202", "Bridging the standardization gap"],
    ]),
], bom=True)

# ------------------------------------------------------------------ ITU-D / BDT, 2009-2012
BDT = Doc("bdt-operational-plan-2009-2012", [
    P("Four-year rolling Operational Plan of the Telecommunication Development Bureau 2009-2012", "Title"),
    H(1, "PART I - Development Sector objectives"),
    P("The Telecommunication Development Sector (ITU-D) objectives for the period 2009-2012 are the following."),
    P("Objective 1: Foster international cooperation and solidarity in the delivery of technical assistance and in "
      "the creation of telecommunication infrastructure in developing countries."),
    P("Objective 2: Promote an enabling environment for investment and the growth of telecommunication and ICT "
      "networks and services in developing countries."),
    H(1, "PART II - Programmes"),
    H(2, "II.1 Regulatory reform"),
    H(3, "II.1.1 Human resources (w/m) to support the programme"),
    T([
        [C("Regulatory reform", 4)],
        [C("Work months", 4)],
        ["Bureau/Department", "2009", "2010", "2011-2012"],
        ["PKM", "84", "86", "172"],
        ["PRJ", "12.5", "14", "30"],
        ["BDT Field Offices", "1 250", "1 260", "2 540"],
        ["Total", "1 346.5", "1 360", "2 742"],
    ]),
    H(3, "II.1.2 Expected results, performance indicators and risk factors"),
    T([
        [C("Regulatory reform 2009-2012", 3)],
        ["Expected results", "Performance indicators", "Risk factors"],
        ["1. Regulators informed of best practices through the Global Symposium for Regulators\n"
         "The symposium is held every year with a preparatory consultation.",
         "Customer:\n➢ Number of regulators attending the symposium\n➢ Best practice guidelines adopted\n"
         "Learning and growth:\n➢ Staff trained in regulatory economics",
         "➢ Low participation of least developed countries"],
        ["2. Regulatory database updated each year (Focal Point: PKM) (Focal Point: Field Offices)",
         "• Number of countries reporting data\n• Number of database queries",
         "• Incomplete replies to the annual survey"],
        ["3. To be completed", "To be completed", ""],
    ]),
    H(2, "II.2 Telecommunication Development Bureau - departments"),
    H(3, "II.2.1 Projects and Knowledge Management Department (PKM)"),
    T([
        [C("PKM work months", 4)],
        ["Grade", "2009", "2010", "2011-2012"],
        ["D1", "12", "12", "24"],
        ["P4", "48", "48", "96"],
        ["G5", "24", "", "48"],
        ["Total", "84", "60", "168"],
    ]),
    H(1, "ANNEX 2 - List of activity codes"),
    T([
        ["Code", "Activity", "Unit"],
        [C("Regulatory and market environment", 3)],
        ["DA101", "Global Symposium for Regulators", "PKM"],
        ["DA102", "Regulatory database maintenance", "PKM"],
        ["DA103", "Regulatory training for field staff", "Field Offices"],
        [C("Projects", 3)],
        ["DB201", "Project formulation and resource mobilization", "PRJ"],
    ]),
])

# ------------------------------------------------------------------ Strategic plan, 2012-2015
SP = Doc("strategic-plan-2012-2015", [
    P("Strategic Plan for the Union for 2012-2015", "Title"),
    H(1, "1 Goals of the Union"),
    P("Goal 1:"),
    P("Maintain and extend international cooperation among all Member States for the improvement and rational use "
      "of telecommunications and ICTs of all kinds."),
    P("Goal 2: Assist the developing world in bridging the digital divide by achieving broader telecommunication "
      "and ICT-enabled socio-economic development."),
    H(1, "2 Telecommunication Development Sector (ITU-D)"),
    H(2, "2.1 Sector objectives"),
    P("Objective D.1: Foster international cooperation on development issues among the membership and the "
      "organizations concerned with telecommunication development."),
    P("Objective D.2: Foster an enabling environment for ICT development and the deployment of telecommunication "
      "networks, applications and services."),
    P("Objective D.3: Enhance human and institutional capacity building, provide data and statistics and promote "
      "digital inclusion."),
    P("ITU-D objectives and outputs"),
    T([
        ["", C("Sector objectives", 3)],
        ["Outputs", "Objective D.1\nCooperation", "Objective D.2\nEnabling environment",
         "Objective D.3\nCapacity building"],
        ["World Telecommunication Development Conference", "✓", "✓", ""],
        ["Telecommunication Development Advisory Group", "✓", "", ""],
        ["ICT statistics", "", "", "✓"],
        ["Regulatory reform programme", "", "✓", "✓"],
    ]),
    H(1, "3 Financial plan"),
    P("The financial plan for 2012-2015 is annexed to the strategic plan of the Union."),
])

# ------------------------------------------------------------------ General Secretariat, 2012-2015
GS = Doc("gs-operational-plan-2012-2015", [
    P("Draft four-year rolling Operational Plan of the General Secretariat 2012-2015", "Title"),
    H(1, "1 Conferences and meetings"),
    H(2, "1.1 Council 2012-2015"),
    P("Work months required from each department of the General Secretariat (a dash stands for none):"),
    T([
        [C("Council", 4)],
        ["", "2012", "2013", "2014 – 2015"],
        ["C&P", "48", "52", "104"],
        ["FRMD", "–", "6", "–"],
        ["HRMD", "–", "–", "4"],
        ["IS", "12", "-", "24"],
    ]),
    H(2, "1.2 Council expected results"),
    T([
        [C("COUNCIL", 4)],
        ["Expected results (2012-2013)", "KPIs", "Expected results (2014-2015)", "KPIs"],
        ["1) Council sessions held as planned",
         "The following indicators will be used to measure the performance of the secretariat:\n- Documents "
         "published on time\n- Delegate satisfaction",
         "1) Council sessions held with paperless facilities", "- Share of documents available online only"],
    ]),
])

from tests.extractors.unseen.exports import DOCUMENTS as EXPORTS  # noqa: E402  (round 2: real-export artefacts)

ROUND_1 = [BR, TSB, BDT, SP, GS]
DOCUMENTS = ROUND_1 + EXPORTS
