"""Family G test documents: General Secretariat operational plans of 2003-2007, one wide table per unit.

Hand-written for these tests from what FAMILIES.md records of the layout (not copied from any real plan): a
Council cover sheet (numbered `Subject / Purpose / Background / Recommendation / Implications` boxes with a
`Ref. doc.` column), unit headings, and per unit one table `Operational activity | Unit | Objectives |
Performance indicators | Relationship to Strategic Policies and Plans | Resources in work/months`, lettered group
rows, bulleted indicators, `See above`, and the resources as free text, one `<count> <grade> – <n> w/m` line per
grade. The expected records are in `<stem>/<dataset>.csv`, written by hand from the data below.
"""

from __future__ import annotations

from tests.extractors.unseen.builder import PB, C, Doc, H, P, T

_HEADER_0405 = ["Operational activity\n2004-2005", "Unit", "Objectives", "Performance indicators",
                "Relationship to Strategic Policies and Plans", "Resources in work /months from budget 2004-2005"]

# ------------------------------------------------------------------ four-year plan 2004-2007, Council cover sheet
GS04 = Doc("gs-operational-plan-2004-2007", [
    P("INTERNATIONAL TELECOMMUNICATION UNION"),
    P("COUNCIL"),
    P("Document C04/11-E"),
    P("24 March 2004"),
    P("Original: English"),
    P("GENEVA — 2004 SESSION — (9 - 18 JUNE)"),
    P("PLENARY MEETING"),
    P("Report by the Secretary-General"),
    T([
        ["1 Subject:", "GENERAL SECRETARIAT DRAFT OPERATIONAL PLAN FOR 2004-2007"],
        ["2 Purpose\nThis document presents the operational plan of the General Secretariat for the period "
         "2004-2007.", "Ref. doc."],
        ["3 Background\nUnder the Convention, the Secretary-General prepares every year, for review and approval "
         "by the Council, a four-year rolling operational plan of the activities of the staff of the General "
         "Secretariat.", "CV 87A"],
        ["4 Recommendation\nThe Council is invited to review the operational plan for the period 2004-2007 and to "
         "approve the draft resolution in Annex A.", ""],
        ["5 Implications\nNone.", ""],
    ]),
    P("A. N. Other"),
    P("Secretary-General"),
    PB(),
    P("Coordination, External Affairs and Communication Units (CEC)"),
    P("Office of Chief"),
    T([
        _HEADER_0405,
        [C("A. Support for Conferences, Meetings & Telecom events", 6)],
        ["Act as executive secretary of the Council and of the Plenipotentiary Conference", "CEC",
         "Give timely advice on, and plan the management of, these meetings",
         "• Meetings run smoothly and within budget\n• The goals set by the basic texts for these meetings are met",
         "Part III of Strategic Plan", "1 D.1 – 24 w/m\n\n1 G.6 – 24 w/m"],
        [C("B. Ongoing Activities", 6)],
        ["Supervise the communication and external affairs units", "CU, EAU",
         "The objectives of these units are given in their own entries below.",
         "• High-quality services to the membership\n• Better visibility of the Union", "See above", "See above"],
        ["Coordinate the Union's contribution to the second phase of the Summit", "CEC",
         "Prepare phase 2 of the Summit on time",
         "• Broad participation in the preparatory meetings\n• Documents of the preparatory meetings issued on time",
         "Part II, section 2 of Strategic Plan", "1 P.5 – 12 w/m\n0.5 G.5 - 6 w/m\n"],
    ]),
    P("Conferences and Publications Department (C&P)"),
    P("Conferences Service"),
    T([
        ["Operational activity 2004-2005", "Unit", "Objectives", "Performance\nindicators",
         "Relationship to Strategic\nPolicies and Plans", "Resources in w/m\n(budget 2004-2005)"],
        [C("A. Conferences and meetings", 6)],
        ["Organize the 2006 Plenipotentiary Conference", "C&P",
         "Hold the conference on schedule and within the approved budget",
         "• Delegates' satisfaction with the services\n• Expenditure versus budget",
         "Resolution 71, Part III", "1 D.2 – 12 w/m\n2 P.4 – 48 w/m\n3 G.5 – 72 w/m"],
        ["Provide interpretation for Council sessions", "C&P", "",
         "• Number of interpretation days provided", "Part III of Strategic Plan", "4 P.3 – 16 w/m"],
        [C("B. Publications", 6)],
        ["Publish the basic texts in the six languages", "C&P",
         "Publish the basic texts within six months of the conference",
         "Basic texts available in all languages on time", "See above", ""],
    ]),
    PB(),
    T([  # the same table after a page break, without its header
        ["Maintain the publications catalogue online", "C&P", "Keep the online catalogue up to date",
         "• Number of visits to the catalogue\n• Customer satisfaction", "Part III of Strategic Plan",
         "1 G.4 — 12 w/m"],
    ]),
    P("Strategic Planning Unit (SPU)"),
    T([
        ["Operational activity", "Unit", "Objectives", "Performance indicators",
         "Relationship to Strategic Policies and Plans", "Resources in work/months from budget 2006-2007"],
        [C("A. Ongoing Activities", 6)],
        ["Prepare the draft strategic plan for 2008-2011", "SPU", "Submit a draft strategic plan to the Council",
         "• Draft plan submitted to the Council at its 2006 session", "Part I of Strategic Plan",
         "1 P.5 – 24 w/m\n1 P.3 – 24 w/m\n1 G.5 – 12 w/m"],
    ]),
])

# ------------------------------------------------------------------ one-year plan 2003, two resources columns
GS03 = Doc("gs-operational-plan-2003", [
    P("INTERNATIONAL TELECOMMUNICATION UNION"),
    P("COUNCIL"),
    P("Document C03/EP/9-E"),
    P("3 April 2003"),
    P("Information Report by the Secretary-General"),
    P("GENERAL SECRETARIAT OPERATIONAL PLAN FOR 2003", "Title"),
    P("For information, the Secretary-General provides the Council with the operational plan of the General "
      "Secretariat for 2003."),
    PB(),
    H(1, "Office of Chief, CEC"),
    T([
        ["Operational Activity Highlights", "Unit", "Objectives", "Indicators",
         "Relationship to Strategic Policies and Plans", "Resources in work/months from budget",
         "Resources in work/months from extra-budgetary sources"],
        ["A. Support for Conferences and Meetings\n\nServe as secretary of the Council", "CEC",
         "Plan and manage the Council session", "- Council session held as planned\n- Documents available on time",
         "Part III of Strategic Plan", "1 D.1 – 12 w/m", ""],
        ["Coordinate the preparation of the 2004 Council session", "CEC", "Prepare the session on time",
         "- Draft agenda circulated on time", "See above", "1 P.4 – 6 w/m", "1 P.2 – 12 w/m"],
        ["B. Ongoing Activities\n\nSupervise the units of the department", "CU", "Give direction to the units",
         "- Work plans of the units carried out", "", "1 D.1 – 12 w/m\n2 G.5 – 24 w/m\nTotal – 36 w/m", ""],
    ]),
    H(1, "Human Resources Department (HRD)"),
    H(2, "Recruitment and Staff Administration"),
    T([
        ["Operational activities", "Objectives", "Performance indicators", "Unit", "Resources (w/m)"],
        [C("A. Recruitment", 5)],
        ["Fill vacant posts", "Reduce the time taken to fill a vacant post",
         "- Average time to fill a post\n- Number of posts filled", "HRD", "2 P.3 – 24 w/m\n3 G.4 – 36 w/m"],
        ["", "Keep the roster of candidates up to date", "- Size of the roster", "HRD", "1 G.4 – 6 w/m"],
        [C("B. Staff administration", 5)],
        ["Administer entitlements", "See above", "- Entitlements paid on time", "HRD", "See above"],
    ]),
])

DOCUMENTS = [GS04, GS03]
