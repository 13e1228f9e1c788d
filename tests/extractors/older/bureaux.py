"""Family B test documents: Bureau operational plans of 2000-2007, one section per activity or programme.

Hand-written for these tests from what FAMILIES.md records of the layout (not copied from any real plan): a
Council cover sheet, one- and two-year plans, years listed one by one (`2004, 2005, 2006, 2007`), per activity the
subsections `Description of the activity`, `Major outputs/outcomes`, `Resources allocation for <biennium>` (CHF),
`Expected accomplishments and performance indicator for <period>`, `Realized accomplishments and measurement
indicator for <year>` (as two-column tables with or without a header row, or as labelled paragraphs and bullets),
summary CHF tables (by activity, by cost category for the whole plan, by activity with the cost categories across,
by programme with its cost categories under it), CHF tables of an activity by cost category (`Staff costs`,
`Non-staff costs`, `Total`; by year with a `Total` column, by year without one, in CHF, one amount for the biennium,
categories of expenditure such as `Travel on duty`, or the years down the side and the categories across), income
from cost recovery (no rows), ITU-D action-plan programmes with numbered sub-items and gaps in the numbering, and
(ITU-T 2006-2007) money by source of funds (`Regular budget | Extra-budgetary | Total` by activity; the same under
a period for each group, by cost category; a source over the years; sources down the side, for the Bureau or as
label rows over an activity's cost categories), amounts printed with their currency (`CHF
720'000`, `CHF 210` under a `CHF thousands` heading), thin or no-break spaces as thousands marks, and posts by
source of funds (no currency: no rows); its tables in house styles (rules only, shaded header, Light List, Light
Shading).
The expected records are in `<stem>/<dataset>.csv`, written by hand from the data below.
"""

from __future__ import annotations

from tests.extractors.families.builder import rules_only, shaded
from tests.extractors.unseen.builder import PB, B, C, Doc, H, P, T

# ------------------------------------------------------------------ ITU-R, 2004-2007: activities, cover sheet
BR04 = Doc("br-operational-plan-2004-2007", [
    P("INTERNATIONAL TELECOMMUNICATION UNION"),
    P("COUNCIL"),
    P("Document C04/8-E"),
    P("11 February 2004"),
    P("GENEVA — 2004 SESSION — (9 - 18 JUNE)"),
    P("Report by the Secretary-General"),
    T([
        ["1 Subject: ITU-R DRAFT OPERATIONAL PLAN", ""],
        ["2 Purpose\nThis document presents the operational plan of the Radiocommunication Sector for the years "
         "2004, 2005, 2006, 2007.", "Ref. doc."],
        ["3 Background\nThe Director of the Radiocommunication Bureau prepares every year a four-year rolling "
         "operational plan of the activities of the staff of the Bureau.", "CV 181A"],
        ["4 Recommendation\nThe Council is invited to approve the draft resolution in Annex B.", ""],
        ["5 Implications\n–", ""],
    ]),
    PB(),
    P("Director, Radiocommunication Bureau"),
    P("DRAFT ITU-R OPERATIONAL PLAN", "Title"),
    H(1, "PART I – EXECUTIVE SUMMARY"),
    H(2, "3.4 Resources allocation and budget forecast"),
    P("Direct costs of the activities, in thousands of Swiss francs:"),
    T([
        ["Activity", "Budget 2004-2005", "Forecast 2006-2007"],
        ["World Radiocommunication Conference", "6'110", "7'250"],
        ["Radio Regulations Board", "1'420", "1'480"],
        ["Total", "7'530", "8'730"],
    ]),
    H(2, "3.5 Resources allocation, budget and budget forecast for 2004-2007"),
    P("(Direct costs, CHF thousands)"),
    T([
        ["", "Budget 2004", "Budget 2005", "Forecast 2006", "Forecast 2007"],
        ["Staff costs", "10'420", "10'980", "11'150", "11'300"],
        ["Non-staff costs", "2'360", "3'440", "2'270", "2'410"],
        ["Total", "12'780", "14'420", "13'420", "13'710"],
    ]),
    H(2, "3.6 Direct costs of the activities by cost category, 2004-2005"),
    P("CHF thousands"),
    T([
        ["Activity", "Staff costs", "Non-staff costs", "Total"],
        ["World Radiocommunication Conference", "4'790", "1'320", "6'110"],
        ["Radio Regulations Board", "1'060", "360", "1'420"],
        ["Total", "5'850", "1'680", "7'530"],
    ]),
    H(1, "PART II – THE ACTIVITIES"),
    H(2, "4 World Radiocommunication Conference"),
    H(3, "4.1 Description of the activity"),
    P("The Bureau prepares the conference, supports its work and publishes its Final Acts."),
    H(3, "4.2 Major outputs/outcomes"),
    B("Final Acts of the conference"),
    B("Report of the Conference Preparatory Meeting"),
    H(3, "4.3 Resources allocation for 2004-2005"),
    T([
        ["CHF thousands", "2004", "2005", "Total"],
        ["Staff costs", "1'850", "2'940", "4'790"],
        ["Non-staff costs", "260", "1'060", "1'320"],
        ["Total", "2'110", "4'000", "6'110"],
    ]),
    H(3, "4.4 Expected accomplishments and performance indicator for 2004-2005"),
    T([
        ["Expected accomplishments", "Performance indicators"],
        ["1. The conference prepared on the basis of the report of the preparatory meeting",
         "• Report of the preparatory meeting published six months before the conference\n"
         "• Number of proposals received"],
        ["2. Final Acts published promptly after the conference", "• Final Acts available within three months"],
    ]),
    H(3, "4.5 Realized accomplishments and measurement indicator for 2003"),
    T([
        ["Realized accomplishments", "Measurement indicators"],
        ["The conference held in June and July 2003 as planned",
         "• 2 300 participants from 140 Member States\n• Final Acts adopted by consensus"],
        ["Provisional Final Acts issued at the end of the conference",
         "Provisional Final Acts distributed on the last day"],
    ]),
    H(2, "5 Radio Regulations Board"),
    H(3, "5.1 Description of the activity"),
    P("The Bureau supports the meetings of the Board and publishes its rules of procedure."),
    H(3, "5.3 Resources allocation for 2004-2005"),
    P("In thousands of Swiss francs:"),
    T([
        ["", "2004", "2005"],
        ["Staff costs", "520", "540"],
        ["Non-staff costs", "180", "180"],
    ]),
    H(3, "5.4 Expected accomplishments and performance indicators for 2004-2005"),
    T([  # no header row: the heading says what the columns hold
        ["Decisions of the Board taken within the time-limits of the Radio Regulations",
         "- Share of cases decided at the first meeting\n- Number of rules of procedure adopted"],
        ["Rules of procedure published on time", "- Rules published within one month of their adoption"],
    ]),
    H(3, "5.5 Realized accomplishments and measurement indicators for 2003"),
    P("Realized accomplishments:"),
    B("Four meetings of the Board held"),
    P("Measurement indicators:"),
    B("Summaries of decisions published within two weeks"),
    B("Twelve rules of procedure adopted"),
    H(2, "6 Application of cost recovery"),
    P("Income from cost recovery, in thousands of Swiss francs:"),
    T([  # revenue, not resources of an activity: no rows
        ["", "2004", "2005"],
        ["Cost recovery for satellite network filings", "1'900", "2'050"],
        ["Sales of publications", "3'400", "3'300"],
        ["Total", "5'300", "5'350"],
    ]),
])

# ------------------------------------------------------------------ ITU-D, 2002-2003: action-plan programmes
BDT02 = Doc("bdt-operational-plan-2002-2003", [
    P("INTERNATIONAL TELECOMMUNICATION UNION"),
    P("COUNCIL"),
    P("Document C2002/EP/3-E"),
    P("5 February 2002"),
    P("Director, Telecommunication Development Bureau"),
    P("ITU-D OPERATIONAL PLAN FOR 2002-2003", "Title"),
    P("TABLE OF CONTENTS"),
    P("PART 1 – INTRODUCTION ........ 3"),
    P("PART 2 – THE ISTANBUL ACTION PLAN ........ 4"),
    P("1 Regulatory reform ........ 4"),
    P("1.1 Creation of tools for effective regulation ........ 4"),
    P("1.3 Assistance to members ........ 5"),
    P("2 Technologies and telecommunication network development ........ 6"),
    PB(),
    H(1, "PART 1 – INTRODUCTION"),
    H(2, "1.1 General"),
    P("This operational plan of the Telecommunication Development Bureau sets out its activities for 2002-2003 "
      "under the Istanbul Action Plan."),
    H(2, "1.3 Resources of the BDT for 2002-2003"),
    P("(CHF thousands)"),
    T([
        ["", "2002", "2003"],
        ["Regulatory reform", "3'200", "3'350"],
        ["Technologies and telecommunication network development", "2'140", "2'260"],
        ["Total", "5'340", "5'610"],
    ]),
    H(2, "1.4 Direct costs of the programmes by cost category"),
    P("(CHF thousands)"),
    T([
        ["", "2002", "2003"],
        [C("Regulatory reform", 3)],
        ["Staff costs", "2'400", "2'500"],
        ["Non-staff costs", "800", "850"],
        ["Total", "3'200", "3'350"],
        [C("Technologies and telecommunication network development", 3)],
        ["Staff costs", "1'500", "1'580"],
        ["Non-staff costs", "640", "680"],
        ["Total", "5'340", "5'610"],
    ]),
    H(1, "PART 2 – THE ISTANBUL ACTION PLAN"),
    P("SECTION 2A: Programmes"),
    H(2, "1 Regulatory reform"),
    P("The programme helps Member States to build regulatory frameworks that attract investment."),
    H(3, "1.1 Creation of tools for effective regulation"),
    P("Expected accomplishments and performance indicators for 2002-2003"),
    T([
        ["Expected accomplishments", "Performance indicators"],
        ["Regulatory toolkit updated with new modules", "• Number of new modules\n• Number of downloads of the toolkit"],
    ]),
    P("Resources allocation for 2002-2003 (CHF):"),
    T([
        ["Cost category", "Year 2002", "Year 2003"],
        ["Staff costs", "412'000", "436'500"],
        ["Non-staff costs (missions, experts)", "95'000", "101'200"],
        ["Total", "507'000", "537'700"],
    ]),
    H(3, "1.3 Assistance to members"),
    P("Direct assistance to regulators on request, through experts and missions."),
    T([
        ["Expected accomplishments (2002-2003)", "Indicators"],
        ["Requests for assistance answered within three months", "- Share of requests answered on time"],
        ["Regulators trained in licensing", "- Number of regulators trained\n- Satisfaction of participants"],
    ]),
    P("Resources allocation for 2002-2003 (CHF thousands)"),
    T([
        ["Category of expenditure", "2002-2003"],
        ["Staff costs", "1'210"],
        ["Travel on duty", "145"],
        ["Contractual services", "260"],
        ["Fellowships", "90"],
        ["Total", "1'705"],
    ]),
    H(3, "1.6 Coordination within ITU"),
    P("The programme works with the other Sectors on regulatory matters."),
    H(2, "2 Technologies and telecommunication network development"),
    P("Resources of the programme for 2002-2003 (CHF thousands):"),
    T([
        ["Activity", "2002", "2003"],
        ["Spectrum management and radio monitoring", "1'200", "1'250"],
        ["Network planning", "640", "700"],
        ["Innovative application networks", "300", "310"],
        ["Total", "2'140", "2'260"],
    ]),
    H(3, "2.1 Spectrum management and radio monitoring"),
    P("Resources allocation (CHF thousands):"),
    T([
        ["Year", "Staff costs", "Non-staff costs", "Total"],
        ["2002", "900", "300", "1'200"],
        ["2003", "930", "320", "1'250"],
        ["Total", "1'830", "620", "2'450"],
    ]),
    P("Realized accomplishments in 2001"),
    T([
        ["Realized accomplishments", "Measurement indicators"],
        ["Spectrum management software installed in five countries", "Five installations completed"],
    ]),
    H(3, "2.3 Network planning"),
    P("Expected accomplishment: Network planning tools used by administrations in all regions."),
    P("Performance indicators:"),
    B("Number of administrations using the tools"),
    B("Number of planning workshops held"),
    P("Direct costs for 2002-2003"),
    T([
        ["", "CHF thousands"],
        ["Staff costs", "520"],
        ["Non-staff costs", "820"],
        ["Total", "1'340"],
    ]),
    H(3, "2.5 Innovative application networks"),
    P("Pilot networks for new applications in rural areas."),
])

# ------------------------------------------------------------------ ITU-T, 2006-2007: sources of funds, CHF in cells
TSB06 = Doc("tsb-operational-plan-2006-2007", [
    P("INTERNATIONAL TELECOMMUNICATION UNION"),
    P("Director, Telecommunication Standardization Bureau"),
    P("ITU-T OPERATIONAL PLAN FOR 2006-2007", "Title"),
    H(1, "PART I – SUMMARY"),
    H(2, "2 Resources allocation for 2006-2007 by source of funds"),
    P("(CHF thousands)"),
    T([  # thin and no-break spaces as thousands marks, a dash for none
        ["Activity", "Regular budget", "Extra-budgetary", "Total"],
        ["Study group meetings", "4\u2009500", "410", "4\u2009910"],
        ["Publications", "1\u00a0850", "–", "1\u00a0850"],
        ["Workshops", "620", "330", "950"],
        ["Total", "6\u2009970", "740", "7\u2009710"],
    ], style=rules_only()),
    H(2, "2.2 Budget of the Bureau by source of funds"),
    P("Amounts in CHF thousands."),
    T([  # sources down the side, for the whole Bureau
        ["Source of funds", "2006", "2007", "Total"],
        ["Regular budget", "3'400", "3'570", "6'970"],
        ["Extra-budgetary funds", "350", "390", "740"],
        ["Total", "3'750", "3'960", "7'710"],
    ]),
    H(1, "PART II – THE ACTIVITIES"),
    H(2, "3 Study group meetings"),
    H(3, "3.1 Description of the activity"),
    P("The Bureau organizes the meetings of the study groups and their working parties."),
    H(3, "3.3 Resources allocation for 2006-2007"),
    P("In thousands of Swiss francs"),
    T([  # a period over each group of sources of funds (portrait: the PDF wraps one `Extra-budgetary` inside the word)
        ["", C("2006", 3), C("2007", 3)],
        ["Cost category", "Regular budget", "Extra-budgetary resources", "Total", "Regular budget",
         "Extra-budgetary resources", "Total"],
        ["Staff costs", "1'850", "200", "2'050", "1'900", "210", "2'110"],
        ["Non-staff costs", "340", "", "340", "360", "", "360"],
        ["Total", "2'190", "200", "2'390", "2'260", "210", "2'470"],
    ], style=shaded(header_rows=2)),
    H(2, "4 Publications"),
    H(3, "4.1 Description of the activity"),
    P("The Bureau edits and publishes the ITU-T Recommendations."),
    H(3, "4.3 Resources"),
    T([  # no measure above the table: the cells print their currency, in Swiss francs
        ["Cost category", "2006", "2007"],
        ["Staff costs", "CHF 720'000", "CHF 745’500.50"],
        ["Non-staff costs", "CHF 180'000.-", "CHF 204'500"],
    ], style="Light List"),
    H(2, "5 Workshops"),
    H(3, "5.3 Resources allocation for 2006-2007 (CHF thousands)"),
    T([  # a source of funds over the years; the cells print CHF, the heading the thousands
        ["Cost category", C("Ordinary budget", 2), C("Voluntary contributions", 2)],
        ["", "2006", "2007", "2006", "2007"],
        ["Staff costs", "CHF 210", "CHF 220", "CHF 90", "CHF 100"],
        ["Travel on duty", "CHF 95", "CHF 95", "CHF 70", "CHF 70"],
    ], style="Light Shading"),
    H(3, "5.4 Expected accomplishments and performance indicators for 2006-2007"),
    T([
        ["Expected accomplishments", "Performance indicators"],
        ["Workshops held in every region", "• Number of workshops\n• Number of participants"],
    ]),
    H(2, "6 Information services"),
    H(3, "6.1 Description of the activity"),
    P("The Bureau answers the questions of the membership and keeps the web site of the Sector."),
    H(3, "6.3 Resources allocation for 2006-2007"),
    T([  # each source of funds over its cost categories, a total under each source and for the whole
        ["CHF thousands", "2006", "2007"],
        [C("Regular budget", 3)],
        ["Staff costs", "300", "310"],
        ["Non-staff costs", "80", "85"],
        ["Total", "380", "395"],
        [C("Extra-budgetary funds", 3)],
        ["Non-staff costs", "40", "45"],
        ["Total", "40", "45"],
        ["Total", "420", "440"],
    ], style=rules_only()),
    H(2, "7 Staff of the Bureau"),
    P("Posts by activity and source of funds:"),
    T([  # posts, not money: no currency anywhere, so no rows
        ["Activity", "Regular budget", "Extra-budgetary", "Total"],
        ["Study group meetings", "24", "3", "27"],
        ["Publications", "11", "–", "11"],
        ["Total", "35", "3", "38"],
    ]),
])

DOCUMENTS = [BR04, BDT02, TSB06]
