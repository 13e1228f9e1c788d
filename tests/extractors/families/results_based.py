"""Family R: results-based plans (2016 onward). Four hand-written plans of different bodies and lengths, each
laying out objectives, outcomes, indicators, outputs and resources another way. Written for these tests from
the layouts FAMILIES.md describes, in words of our own; the expected records are in `<stem>/*.csv`."""

from __future__ import annotations

from tests.extractors.families.builder import outer_box, rules_between_rows, rules_only, shaded
from tests.extractors.unseen.builder import B, C, Doc, H, N, P, T

HY = "\u2010"  # the hyphen Word's autoformat prints in periods

# ------------------------------------------------------------------ ITU-R, four-year rolling plan 2019-2022
R_OP = Doc("itu-r-operational-plan-2019-2022", [
    P(f"Draft four-year rolling Operational Plan for the Radiocommunication Sector (ITU{HY}R) for 2019{HY}2022",
      "Title"),
    P("Contents"),
    P("1\tIntroduction\t2"),
    P("2\tObjectives, outcomes and outputs\t2"),
    P("3\tHuman and financial resources\t4"),
    H(1, "1 Introduction"),
    P("This plan sets out what the Radiocommunication Sector will deliver from 2019 to 2022. It follows the "
      "results framework of the Strategic Plan for the Union for 2020-2023 and is presented with the draft "
      "budget for 2020-2021."),
    H(1, "2 Objectives, outcomes and outputs"),
    P("For each objective of the Sector the table gives its outcomes and the indicators that measure them."),
    P("ITU-R objectives, outcomes and outcome indicators"),
    T([
        ["Objectives", "Outcomes", "Outcome indicators"],
        ["R.1 (Regulation)\nMeet, in a rational, equitable, efficient and timely manner, the needs of the membership "
         "for radio-frequency spectrum and satellite-orbit resources, while avoiding harmful interference",
         "R.1-1: More countries with satellite networks and earth stations recorded in the Master Register",
         "• Number of countries with satellite networks recorded in the Master Register\n"
         "• Number of countries with earth stations recorded in the Master Register"],
        ["", "R.1-2: Shorter processing of notices for space and terrestrial services",
         "• Mean processing time of coordination requests for satellite networks\n"
         "• Mean processing time of notifications of terrestrial stations"],
        ["R.2 (Radiocommunication standardization)\nProvide for worldwide connectivity and interoperability, improved "
         "performance and affordability of radiocommunication services through the development of international "
         "standards",
         "R.2-1: Wider use of ITU-R Recommendations by industry and administrations",
         "• Number of ITU-R Recommendations downloaded\n• Number of new and revised Recommendations approved"],
        ["R.3 (Dissemination)\nFoster the acquisition and sharing of knowledge and know-how on radiocommunications "
         "among the membership",
         "R.3-1: Better knowledge of the Radio Regulations among the membership",
         "• Number of participants in regional radiocommunication seminars\n"
         "• Satisfaction of participants with the seminars"],
    ], style=rules_only()),
    H(2, "2.1 Outputs (products and services)"),
    P("Outputs of the Sector by objective:"),
    T([
        ["No.", "Output"],
        ["R.1-1", "Final Acts of world radiocommunication conferences"],
        ["R.1-2", "Decisions of the Radio Regulations Board"],
        ["R.1-3", "Processing of space and terrestrial notices"],
        ["R.1-7", "Improvement of ITU-R software"],
        ["R.2-1", "ITU-R Recommendations, Reports and Handbooks"],
        ["R.3-1", "Regional radiocommunication seminars"],
    ], style="Light List Accent 1"),
    H(1, "3 Human and financial resources"),
    P("Resources by objective; the figures for 2021 and 2022 are indicative."),
    T([
        [C("ITU-R resources by objective (CHF thousands)", 6)],
        ["ITU-R objective", "2019", "2020", "2021*", "2022*", "%"],
        ["R.1", "12'450", "12'610", "12'800", "12'950", "44.5"],
        ["R.2", "10'020", "10'140", "10'300", "10'420", "35.8"],
        ["R.3", "5'530", "5'600", "5'700", "5'750", "19.7"],
        ["Total", "28'000", "28'350", "28'800", "29'120", "100"],
    ], style=shaded(header_rows=2)),
    P("* Indicative figures, beyond the budget biennium."),
])

# ------------------------------------------------------------------ Strategic plan for the Union, 2016-2019
SP16 = Doc("strategic-plan-2016-2019", [
    P("Strategic plan for the Union for 2016-2019", "Title"),
    P("Table of contents"),
    P("3.1.1\tGoal 1: Growth – Enable and foster access to and increased use of telecommunications/ICTs\t3"),
    P("3.1.2 Goal 2: Inclusiveness – Bridge the digital divide and provide broadband for all ....... 3"),
    P("3.1.3\tGoal 3: Sustainability – Manage challenges resulting from the telecommunication/ICT development\t4"),
    P("3.1.4\tGoal 4: Innovation and partnership – Lead, improve and adapt to the changing environment\t4"),
    H(1, "1 Vision and mission"),
    P("The Union works towards an information society, empowered by the interconnected world, in which "
      "telecommunications and ICTs enable growth and development for everyone."),
    H(1, "3 Strategic goals and targets"),
    P("Four strategic goals guide the work of the whole Union; Goal 2 and Goal 3 draw on all three Sectors."),
    H(3, "3.1.1 Goal 1: Growth – Enable and foster access to and increased use of telecommunications/ICTs"),
    B("Target 1.1: Worldwide, 55% of households should have access to the Internet by 2020"),
    B("Target 1.2: Worldwide, 60% of individuals should be using the Internet by 2020"),
    H(3, "3.1.2 Goal 2: Inclusiveness – Bridge the digital divide and provide broadband for all"),
    B("Target 2.1.A: In the developing world, 50% of households should have access to the Internet by 2020"),
    B("Target 2.1.B: In the least developed countries, 15% of households should have access to the Internet by "
      "2020"),
    P("Goal 3: Sustainability – Manage challenges resulting from the telecommunication/ICT development"),
    B("Target 3.1: Cybersecurity readiness should be improved by 40% by 2020"),
    P("Goal 4: Innovation and partnership – Lead, improve and adapt to the changing telecommunication/ICT "
      "environment"),
    B("Target 4.1: A telecommunication/ICT environment conducive to innovation in all regions"),
    H(1, "4 Intersectoral objectives and enablers"),
    N("I.1 (Collaboration) Strengthen cooperation among the membership and with other organizations in the "
      "telecommunication/ICT environment"),
    N("I.2 (Emerging trends) Anticipate, identify and analyse emerging trends in the telecommunication/ICT "
      "environment"),
    P("Enablers"),
    B("E.1 Ensure efficient and effective use of human, financial and capital resources"),
    B("E.2 Ensure timely and effective services to the membership and to all users of the Union's products"),
    H(1, "5 Strategic risk management and mitigation"),
    P("The main risks to the plan and the measures that reduce them:"),
    T([
        ["Risk", "Description", "Mitigation measures"],
        ["Financial sustainability", "Income from contributions may not keep pace with the demands placed on the "
         "Union", "Cost recovery for selected products; efficiency measures; a prudent reserve policy"],
        ["Relevance", "Other bodies may take over work that the membership expects from the Union",
         "Closer cooperation with other organizations; outreach to industry and academia"],
        ["Cyberattacks", "Attacks on the Union's systems may disrupt meetings and services",
         "An information security programme and business continuity plans"],
    ], style="Medium Shading 1 Accent 1"),
    H(1, "Annex – Allocation of resources to the strategic goals"),
    P("Amounts in CHF thousands"),
    T([
        ["Strategic goal", "2016-2017", "%", "2018-2019", "%"],
        ["Goal 1 – Growth", "52'300", "16.0", "53'100", "16.1"],
        ["Goal 2 – Inclusiveness", "104'200", "31.9", "105'000", "31.8"],
        ["Goal 3 – Sustainability", "40'100", "12.3", "40'900", "12.4"],
        ["Goal 4 – Innovation and partnership", "130'100", "39.8", "131'000", "39.7"],
        ["Total", "326'700", "100", "330'000", "100"],
    ], style=rules_only()),
])

# ------------------------------------------------------------------ ITU-T, 2021-2024, outcomes as paragraphs
T_OP = Doc("itu-t-operational-plan-2021-2024", [
    P("ITU-T operational plan for 2021-2024", "Title"),
    P("Telecommunication Standardization Sector"),
    H(1, "1 Objectives of the Sector"),
    P("Objective T.1: Develop international standards in a timely manner and in line with the needs of the "
      "membership."),
    P("Objective T.2: Promote the active participation of the membership, in particular developing countries, "
      "in standardization work."),
    H(1, "2 Results framework"),
    H(2, "2.1 Outcomes and outcome indicators"),
    P("T.1-1: Increased adoption of ITU-T Recommendations across the industry"),
    B("number of Recommendations approved in the year"),
    B("number of downloads of Recommendations"),
    P("T.1-2: Timely delivery of standards in fast-moving technology areas"),
    B("average time from the start of a work item to its approval"),
    P("T.2-1: Wider participation of developing countries in standardization work"),
    B("number of delegates from developing countries at study group meetings"),
    B("number of regional groups of study groups"),
    H(2, "2.2 Outputs"),
    B("T.1-1 ITU-T Recommendations and technical papers"),
    B("T.1-2 World Telecommunication Standardization Assembly"),
    B("T.2-1 Workshops on bridging the standardization gap"),
    H(1, "3 Resources"),
    T([
        [C("Human resources (CHF thousands)", 5)],
        ["", "2021", "2022", "2023", "2024"],
        ["T.1", "9'820", "9'900", "10'050", "10'200"],
        ["T.2", "3'150", "3'200", "3'240", "3'300"],
        ["Total", "12'970", "13'100", "13'290", "13'500"],
    ], style="Light Grid Accent 1"),
], meta_title="ITU-T Operational Plan 2020-2023")

# ------------------------------------------------------------------ ITU-D, one-year plan 2022
D_OP = Doc("itu-d-operational-plan-2022", [
    P("Operational Plan of the Telecommunication Development Sector for 2022", "Title"),
    P("This one-year plan puts into effect, in 2022, the action plan of the last development conference and the "
      "Strategic Plan for the Union for 2020-2023."),
    H(1, "1 Objectives and outcomes"),
    T([
        ["Objective", "Outcomes", "Indicators"],
        ["Objective 1 – Coordination\nStrengthen coordination among the membership on telecommunication/ICT "
         "development issues", "1.1 - Stronger regional cooperation on development priorities",
         "- Number of regional development forums held\n- Number of regional initiatives adopted"],
        ["", "1.2 - Better use of the Sector's advisory group by the membership",
         "- Number of contributions to the advisory group"],
        ["Objective 2 – Digital infrastructure\nFoster the development of modern and secure "
         "telecommunication/ICT infrastructure and services, including broadband",
         "2.1 - Improved broadband access in least developed countries",
         "- Percentage of the population covered by a mobile broadband network\n- Number of countries assisted "
         "with national broadband plans"],
    ], style=shaded(zebra=True)),
    H(1, "2 Outputs"),
    T([
        ["Objective", "Outputs"],
        ["1", "Regional development forums\nPreparatory meetings for the development conference"],
        ["2", "Broadband mapping tools\nAssistance to national broadband plans"],
    ], style=rules_between_rows),
    H(1, "3 Financial resources"),
    T([
        ["Objective", "Budget 2022 (CHF)", "%"],
        ["Objective 1", "4'250'000", "38"],
        ["Objective 2", "6'900'000", "62"],
        ["Total", "11'150'000", "100"],
    ], style=outer_box),
])

DOCUMENTS = [R_OP, SP16, T_OP, D_OP]
