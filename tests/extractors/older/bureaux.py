"""Family B test documents: Bureau operational plans of 2000-2007, one section per activity or programme.

Hand-written for these tests from what FAMILIES.md records of the layout (not copied from any real plan): a
Council cover sheet, one- and two-year plans, years listed one by one (`2004, 2005, 2006, 2007`), per activity the
subsections `Description of the activity`, `Major outputs/outcomes`, `Resources allocation for <biennium>` (CHF),
`Expected accomplishments and performance indicator for <period>`, `Realized accomplishments and measurement
indicator for <year>` (as two-column tables with or without a header row, or as labelled paragraphs and bullets),
summary CHF tables (by activity, and by cost category for the whole plan), CHF tables of an activity by cost
category (`Staff costs`, `Non-staff costs`, `Total`; by year with a `Total` column, by year without one, in CHF,
or one amount for the biennium; categories of expenditure such as `Travel on duty`), income from cost recovery
(no rows), and ITU-D action-plan programmes with numbered sub-items and gaps in the numbering. The expected
records are in `<stem>/<dataset>.csv`, written by hand from the data below.
"""

from __future__ import annotations

from tests.extractors.unseen.builder import PB, B, Doc, H, P, T

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

DOCUMENTS = [BR04, BDT02]
