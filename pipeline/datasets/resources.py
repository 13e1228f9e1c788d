"""Resource metadata: one declaration per published dataset (in the style of PUDL's `RESOURCE_METADATA`).

Each entry names its columns in CSV order (their meaning, type and checks are in `fields.py`) and says:

    description  one sentence: what one row is
    stage        "extract" (a record dataset: extractors produce its rows as the dataclass `record`),
                 "run" (written by the run itself: tables, errors) or "reconcile" (a DataFrame published by
                 pipeline/reconcile beside the datasets, only in runs that reconcile)
    record       extract (and a run table built from records: tables): the name of the row dataclass generated
                 in pipeline/records.py
    fields       the columns, in CSV order; fields with a default must come after those without
    sort_key     the documented row order of the CSV (then every other column, left to right) and the key the
                 changelog identifies rows by
    unique       columns whose values may appear once per table (checked by the pandera schema)
    gold_key     extract only: the columns that identify a row when an extraction is scored against gold
    review       extract only: `columns` = the layout of gold/<document_id>/<dataset>.csv and of the
                 reviewer's companion CSVs (a free-text `notes` column is added after them); `may_be_empty` =
                 gold columns a reviewer may leave empty
    details      markdown for docs/DATA_DICTIONARY.md: the extraction rules a reader of the data needs

`Dataset` lists the record datasets: one member per "extract" resource, its value the resource's name.
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class Dataset(str, Enum):
    DOCUMENTS = "documents"
    OBJECTIVES = "objectives"
    LINKS = "output_objective_links"
    WORK_MONTHS = "work_months"
    SERVICE_LEVELS = "service_levels"
    EXPECTED_RESULTS = "expected_results"
    KPIS = "kpis"
    RISKS = "risks"
    ACTIVITIES = "activities"
    TARGETS = "targets"
    OUTCOMES = "outcomes"
    OUTPUTS = "outputs"
    FINANCIAL_RESOURCES = "financial_resources"
    STRATEGIC_RISKS = "strategic_risks"


PROVENANCE = ("table_index", "source_file", "review_status")

RESOURCE_METADATA: dict[str, dict[str, Any]] = {
    "documents": {
        "description": "One row per ingested file.",
        "stage": "extract",
        "record": "DocumentRecord",
        "fields": ["document_id", "source_file", "sha256", "format", "title", "plan_kind", "period_start",
                   "period_end", "body", "page_count", "tables", "tables_used", "tables_skipped", "status"],
        "sort_key": ["document_id", "source_file"],
        "unique": ["source_file"],
        "gold_key": ["plan_kind", "period_start", "period_end"],
        "review": {"columns": ["document_id", "title", "plan_kind", "body", "period_start", "period_end"],
                   "may_be_empty": ["body", "period_start", "period_end"]},
    },
    "objectives": {
        "description": "One row per goal or objective stated in a document.",
        "stage": "extract",
        "record": "Objective",
        "fields": ["document_id", "scope", "kind", "number", "title", "text", "source_file", "review_status"],
        "sort_key": ["document_id", "source_file", "scope", "kind", "number"],
        "gold_key": ["scope", "kind", "number", "text"],
        "review": {"columns": ["document_id", "scope", "kind", "number", "title", "text"],
                   "may_be_empty": ["title"]},
        "details": """\
Rules: a statement is a paragraph that starts `Objective N:` / `Goal N:` (or the label alone on its line
followed by the statement in the next paragraph) and has at least 10 words. Short labels that merely refer
to an objective (`Objective 3: Intersectoral coordination of activities`, `Goal 2: Bridging the digital
divide`) are not statements. The first statement for a (scope, kind, number) wins.

Results-based plans (2016 onward) state them in paragraphs, list items, headings and table cells: `Goal 1:
Growth – Enable ...` (the short name before the dash is the title), `R.1 (Regulation) Meet ...` (a bare Sector
code `R`, `T`, `D`, intersectoral `I` or enabler `E`, the name in parentheses), `Objective T.1: ...`, an
`Objectives | Outcomes | ...` cell holding the code and name over the statement, a row `E.1 | Ensure ...`. A
statement that prints its name, or a coded one, may be shorter than 10 words (4 and 5 at least). `E.n` and
`Enabler n` are enablers. A line of the table of contents (a page number at its end, after dot leaders or not)
gives way to the body's statement of the same goal. A report on the implementation of a plan (`plan_kind`
`report`) states no objectives of its own: it gives no rows here, nor in targets, outcomes, outputs,
financial_resources and strategic_risks.

Scope is the Sector of a code (`R.1` -> `ITU-R`), else the sector named by the enclosing heading
(`Radiocommunication Sector (ITU-R)` -> `ITU-R`), `Secretariat` under a heading about the secretariat in a
strategic plan, `Union` for goals, and for an operational plan the body the plan is about (`General
Secretariat`). The table has no `table_index`.""",
    },
    "output_objective_links": {
        "description": 'One row per "x" in an objectives-and-outputs matrix.',
        "stage": "extract",
        "record": "OutputObjectiveLink",
        "fields": ["document_id", "matrix_title", "scope", "output", "output_id", "objective_number",
                   "column_kind", *PROVENANCE],
        "sort_key": ["document_id", "source_file", "table_index", "matrix_title", "output", "objective_number",
                     "column_kind"],
        "gold_key": ["scope", "output", "objective_number"],
        "review": {"columns": ["document_id", "matrix_title", "scope", "output", "objective_number", "column_kind"],
                   "may_be_empty": ["column_kind"]},
        "details": "Only linked pairs are rows; empty cells give no row.",
    },
    "work_months": {
        "description": "One row per non-empty number cell of a work-month table.",
        "stage": "extract",
        "record": "WorkMonths",
        "fields": ["document_id", "output", "output_id", "unit", "unit_id", "row_kind", "period", "period_start",
                   "period_end", "work_months", *PROVENANCE],
        "sort_key": ["document_id", "source_file", "table_index", "output", "unit", "row_kind", "period"],
        "gold_key": ["output", "unit", "period", "work_months"],
        "review": {"columns": ["document_id", "output", "unit", "row_kind", "period", "period_start", "period_end",
                               "work_months"]},
        "details": """\
`output` is the table's subject as printed in its title cell (`Plenipotentiary Conference`, `A-ITU TELECOM
Events`, `CEC` for a department's own table). Columns that are not periods (e.g. a headcount beside the work
months) give no rows. `0.0` is a value and gives a row; an empty cell does not. `Total` rows are kept
(`row_kind = total`).""",
    },
    "service_levels": {
        "description": "One row per number cell of a documentation / service-level table.",
        "stage": "extract",
        "record": "ServiceLevel",
        "fields": ["document_id", "output", "output_id", "service", "period", "period_start", "period_end",
                   "quantity", "measure", *PROVENANCE],
        "sort_key": ["document_id", "source_file", "table_index", "output", "service", "period"],
        "gold_key": ["output", "service", "period", "quantity"],
        "review": {"columns": ["document_id", "output", "service", "period", "period_start", "period_end",
                               "quantity", "measure"]},
    },
    "expected_results": {
        "description": "One row per table row whose first cell is an expected result.",
        "stage": "extract",
        "record": "ExpectedResult",
        "fields": ["document_id", "output", "output_id", "horizon", "horizon_label", "result_number",
                   "expected_result", "focal_point", "group", *PROVENANCE, "strategic_relationship", "status"],
        "sort_key": ["document_id", "source_file", "table_index", "horizon", "result_number", "expected_result"],
        "gold_key": ["output", "horizon", "result_number", "expected_result", "status"],
        "review": {"columns": ["document_id", "output", "horizon", "result_number", "expected_result", "focal_point",
                               "group", "strategic_relationship", "status"],
                   "may_be_empty": ["result_number", "focal_point", "group", "strategic_relationship", "status"]},
        "details": """\
Headers (`Expected Results`), title and period rows, group labels and placeholders (`To be completed`, `n/a`,
`……`, and rows stating that nothing was planned: `unfunded mandated activity`, `No activities expected`) are not
results. A cell holding `3a ... 3b ...` stays one row (`result_number` = `3a`).

More rules, decided while checking the gold files by hand (`gold/DECISIONS.md` has the cases):
- `output` is the *subject* of the title cell (its first paragraph): section wording is removed exactly as from
  headings (`IS expected results and Key Performance Indicators (KPIs)` -> `IS`); a trailing period label is
  removed (`ITU TELECOM 2006 implementation` -> `ITU TELECOM`, `Personnel and Social Protection Department
  ( 2007` -> `Personnel and Social Protection Department`).
- `horizon` falls back to the plan's own period when a table prints none.
- A numbered one-cell row (`1.` + `Support Council and other ITU meetings`) directly above a bulleted row is the
  heading of that row: together they are one result, numbered `1`, and the row's KPIs attach to it. Short
  enumerated one-cell rows (`A. Ongoing Activities`, `2) Conference Management`) followed by ordinary rows are
  group labels (enumerator removed), as are short all-caps one-cell rows and an all-caps first paragraph of a
  result cell (`OFFICE OF THE CHIEF`).
- Column groups side by side (`2008-2009 | 2010-2011` over two `Expected results | KPIs` pairs) give one
  result per group, each with its own horizon.
- Bullet glyphs (`-`, `–`, `·`, `•`, and the `(` that Wingdings bullets become) are removed from the start of
  each paragraph; enumerators inside the text (`(a)`, `3b.`) stay.

General Secretariat plans 2003-2007 (one wide table per unit: `Operational activity 2004-2005 | Unit |
Objectives | Performance indicators | Relationship to Strategic Policies and Plans | Resources in work/months`):
one row per activity row whose `Objectives` cell says something. `output` is the operational activity (an empty
activity cell: the activity above), `expected_result` the `Objectives` cell, `focal_point` the `Unit` cell,
`group` the lettered group row above without its letter (`A. Support for Conferences ...` -> `Support for
Conferences ...`), `horizon` the period the header prints (the activity column's, else a resources column's,
else the plan's own), `strategic_relationship` the `Relationship to Strategic Policies and Plans` cell.
`See above` and empty cells give nothing. A table carried on after a page break without its header continues
the one before it.

Bureau plans 2000-2007 (one section per activity, or per programme and numbered sub-item in the ITU-D action
plans): one row per accomplishment under `Expected accomplishments and performance indicator for <period>`
(`status` = `expected`) or `Realized accomplishments and measurement indicator for <year>` (`status` =
`realized`), from a two-column table (`Expected accomplishments | Performance indicators`, with or without its
header row) or from labelled paragraphs and bullets (`Realized accomplishments:` then bullets, `Expected
accomplishment: <text>`). `output` is the activity or sub-item the section belongs to, `group` the programme of a
sub-item, `horizon` the period of the section heading or of the table header (else the plan's own for expected
accomplishments).""",
    },
    "kpis": {
        "description": "One row per statement in a KPI cell.",
        "stage": "extract",
        "record": "Kpi",
        "fields": ["document_id", "output", "output_id", "horizon", "result_number", "category", "kpi",
                   *PROVENANCE, "status", "outcome_number"],
        "sort_key": ["document_id", "source_file", "table_index", "horizon", "result_number", "category", "kpi"],
        "gold_key": ["output", "horizon", "result_number", "kpi", "status"],
        "review": {"columns": ["document_id", "output", "horizon", "result_number", "category", "kpi", "status"],
                   "may_be_empty": ["result_number", "category", "status"]},
        "details": """\
`output`, `output_id`, `horizon` and `result_number` are those of the expected result of the same table row
(`result_number` empty when the row's first cell is not a result). KPI cells are the cells under a header
containing `KPI` or `indicator`; an `Achievements` column is recognized but not a dataset.

Outcome indicators (results-based plans: the `Outcome indicators` / `Indicators` column of an outcomes table, or
the bulleted list under an outcome line) are KPIs too: `output`, `result_number` and `category` are empty,
`horizon` is the plan's period and `outcome_number` names the outcome (the one of the same row, or of the row
above when the row has no outcome of its own). Gold files do not carry `outcome_number` yet: an accepted row
takes it from the matching extracted row.

Splitting a cell into statements (KPI and risk cells alike): each paragraph is a statement; bullets, dashes and
numbered items start a new statement; a line that continues the previous one is joined to it first (the previous
line does not end with `.`, `!` or `?`, and this one starts in lower case or with `;`, `,`, `)`, is indented, or
the previous one ends on a joining word such as `versus`, `and`, `of`); a paragraph made of two or more short
sentences (each at most 12 words) is split into its sentences (a full stop after an abbreviation listed in
`extractors/vocab/terms.csv`, e.g. `doc.`, `Res.`, does not end a sentence). A short line ending with `:` (at
most 4 words), or a bare `KPIs` line, is a category header, not a statement; a longer line ending with `:` is a
lead-in: it is dropped and ends the category. Placeholders (`As above`, `See above`, `See under ...`, `n/a`,
`To be completed`) are not statements. One list marker is removed from the start of a statement, numeric
enumerators included (`6.`, `1.1`).

General Secretariat plans 2003-2007: the statements of the `Performance indicators` cell of an activity row (also
when its `Objectives` cell is empty). Bureau plans 2000-2007: the statements of the indicators column beside an
accomplishment, or the bullets after a `Performance indicators:` / `Measurement indicators:` label; `status` is
the accomplishment's.""",
    },
    "risks": {
        "description": "One row per statement in a risk-factor cell.",
        "stage": "extract",
        "record": "Risk",
        "fields": ["document_id", "output", "output_id", "horizon", "result_number", "risk", *PROVENANCE],
        "sort_key": ["document_id", "source_file", "table_index", "horizon", "result_number", "risk"],
        "gold_key": ["output", "horizon", "result_number", "risk"],
        "review": {"columns": ["document_id", "output", "horizon", "result_number", "risk"],
                   "may_be_empty": ["result_number"]},
        "details": """\
As kpis.csv: the columns of the expected result of the same table row, cells split into statements by the same
rules. Risk cells are the cells under a header containing `Risk`.""",
    },
    "activities": {
        "description": "One row per activity code of an annex list.",
        "stage": "extract",
        "record": "Activity",
        "fields": ["document_id", "group", "code", "description", *PROVENANCE],
        "sort_key": ["document_id", "source_file", "group", "code"],
        "gold_key": ["group", "code", "description"],
        "review": {"columns": ["document_id", "group", "code", "description"]},
    },
    "targets": {
        "description": "One row per target of the Union (strategic plans since 2016).",
        "stage": "extract",
        "record": "Target",
        "fields": ["document_id", "goal_number", "target_number", "target", "target_year", *PROVENANCE],
        "sort_key": ["document_id", "source_file", "goal_number", "target_number"],
        "gold_key": ["goal_number", "target_number", "target", "target_year"],
        "review": {"columns": ["document_id", "goal_number", "target_number", "target", "target_year"],
                   "may_be_empty": ["target_year"]},
        "details": """\
A target is a paragraph, list item, heading or table-cell line `Target N.N: <statement>` of at least 4 words,
numbered under its goal (`Target 2.1.A` -> goal `2`). `target_year` is the last year the statement sets it for
(`by 2020`, `until 2023`, `in 2019`).""",
    },
    "outcomes": {
        "description": "One row per outcome of a results framework.",
        "stage": "extract",
        "record": "Outcome",
        "fields": ["document_id", "scope", "objective_number", "outcome_number", "outcome", *PROVENANCE],
        "sort_key": ["document_id", "source_file", "scope", "objective_number", "outcome_number", "outcome"],
        "gold_key": ["scope", "objective_number", "outcome_number", "outcome"],
        "review": {"columns": ["document_id", "scope", "objective_number", "outcome_number", "outcome"],
                   "may_be_empty": ["objective_number", "outcome_number"]},
        "details": """\
Outcomes are read from tables whose header names an outcomes column (`Objectives | Outcomes | Outcome
indicators`, `Objective | Outcomes | Indicators`): one outcome per coded (or bulleted) paragraph of an outcome
cell; the objective cell may be empty below its first row (merged). In text, a line `R.1-7: <outcome>` in a
section of outcomes (its heading or a short label such as `Outcomes:` names them) is an outcome, and the bullets
under it are its indicators (kpis.csv). Outcome and output codes share one code space: the table or section a
code stands in decides which it is, never the code.""",
    },
    "outputs": {
        "description": "One row per output (product or service) of a results framework.",
        "stage": "extract",
        "record": "Output",
        "fields": ["document_id", "scope", "objective_number", "output_number", "output", "output_id", *PROVENANCE],
        "sort_key": ["document_id", "source_file", "scope", "objective_number", "output_number", "output"],
        "gold_key": ["scope", "objective_number", "output_number", "output"],
        "review": {"columns": ["document_id", "scope", "objective_number", "output_number", "output"],
                   "may_be_empty": ["objective_number", "output_number"]},
        "details": """\
Tables `No. | Output`, `Output | Description`, `Outputs (products and services) | ...` (one output per row; the
`Description` cell names the output when the output cell holds its code alone) and `Objective | Outputs` (one
output per paragraph), and coded lines (`R.1-7 Improvement of ITU-R software`) in a section of outputs. Cost
matrices, objectives-and-outputs matrices and 2008-2011 results tables are not output lists.""",
    },
    "financial_resources": {
        "description": "One row per non-empty money cell of a resources table or cost matrix (`0` included, `%` "
        "cells never).",
        "stage": "extract",
        "record": "FinancialResource",
        "fields": ["document_id", "scope", "subject", "subject_kind", "objective_number", "goal_number", "period",
                   "period_start", "period_end", "amount_chf", "measure", *PROVENANCE, "cost_category"],
        "sort_key": ["document_id", "source_file", "table_index", "scope", "subject", "cost_category",
                     "objective_number", "goal_number", "period"],
        "gold_key": ["scope", "subject", "subject_kind", "cost_category", "objective_number", "goal_number", "period",
                     "amount_chf"],
        "review": {"columns": ["document_id", "scope", "subject", "subject_kind", "objective_number", "goal_number",
                               "period", "period_start", "period_end", "amount_chf", "measure", "cost_category"],
                   "may_be_empty": ["objective_number", "goal_number", "period", "period_start", "period_end",
                                    "measure", "cost_category"]},
        "details": """\
A table is money when its header, title cell, caption or the text above it names a currency or money (`CHF`,
`Swiss francs`, `financial resources`, `budget`); money words decide before work-month words (`Human resources
(CHF thousands)` over `2018 | 2019` is money, `Human resources (work months)` is work months). Resources by
period (`ITU-R objective | 2019 | 2020 | ... | %`) give one row per amount with the column's period; cost
matrices (outputs down the side, `GS Objectives` over `1 2 3 4 5` or `Objective R.1 ...`, `Goal 1 ...` across
the top, a `Total` column) one row per amount with the column's objective or goal number. `0` is an amount and
gives a row (in a cost matrix it is not a link: numbers are never `x` marks, and output_objective_links gets no
row from them); `%` columns and tables of shares give none. A `Total` column beside period columns is the money of
their whole span (`2004 | 2005 | Total` -> period `2004-2005`). `subject` is a code when the label starts with one
(`R.1 ...` -> `R.1`, `R.1-7 ...` -> `R.1-7`), `Goal N` / `Objective N` without the name after it, else the label
as printed; `cost_category` is empty.

Budgets by cost category. The resources allocated to one activity, or to the whole plan, broken down by cost
category (Bureau plans 2000-2007: `Resources allocation for 2004-2005` with `Staff costs`, `Non-staff costs`,
`Total` by year; a summary `Resources allocation, budget and budget forecast for 2004-2007` of the same kind)
give one row per amount with `cost_category` = the row's label as printed and `subject` = the activity or
programme sub-item of the section (`subject_kind` `output`), or at the plan's level the Sector or body the plan is
about (`ITU-R`, `sector`). The breakdown's `Total` row is the subject's whole amount: `cost_category` empty. A
label row across the table without amounts (an activity or programme over its own `Staff costs`, `Non-staff
costs`) names the subject of the rows under it; a `Total` row that adds up its group's rows is the group's whole
amount, any other `Total` row of such a table is `Total` (`subject_kind` `total`). A
single amount column (`CHF thousands`) takes the period the table's title row or caption prints, else the one of
the resources heading (`Direct costs for 2002-2003`).
This needs a resources subsection (its heading or caption starts with `Resources allocation`, `Resources`,
`Direct costs`, `Budget`) and rows that are costs (at least half of them named as such: `Staff costs`, `Travel on
duty`, `Contractual services` ...; none revenue). The categories may also stand across the top: with the years
down the side (`Year | Staff costs | Non-staff costs | Total`, in a resources subsection: the subject is the
section's, the period the row's, the `Total` row the whole span) or with subjects down the side (`Activity | Staff
costs | Non-staff costs | Total`: the subject is the row's, the period the one the title or caption prints, else
the resources heading's); the `Total` column gives `cost_category` empty. A money table with periods down the
side names no subject: it gives no rows unless read as above. Any other budget by cost category or by staff
grade (revenue and expenditure of the Union, salaries by staff grade, the cost of an output's work months under a
human-resources heading) is not resources of a goal, objective or output: it gives no rows and is reported as a
skipped table with that reason.

Sources of funds. Columns by source of funds (`Regular budget | Extra-budgetary | Total`, each group possibly
under a period: `2006` over `Regular budget | Extra-budgetary resources | Total`; or a source over the years:
`Ordinary budget` over `2006 | 2007`) give one row per non-empty money cell: `cost_category` is the source as
printed (without a period it prints), after the row's cost category when the rows are cost categories
(`Staff costs / Regular budget`); a `Total` column adds no source (`Staff costs`, or empty for the subject's whole
amount); the period is the column's, else the one of the title, caption or resources heading. Rows naming
activities are read anywhere, rows of cost categories or years only in a resources subsection (as above). Such a
table gives rows when a currency is printed (header, title, caption, text above, or its cells), or, printed
without one, when other evidence says it is money: a scale (`Amounts in thousands`, `RB (k)`, `'000`: amounts
multiplied out, `measure` the scale as printed, `thousands`), a budget, cost or resources title or heading
(`Funding of the activities`, `Resources allocation for 2006-2007`, a `Cost category` column; amounts as printed,
`measure` empty), or totals that add up over figures printed as amounts (`1'320`: as printed). A count named in
the table's title, caption or header (`Posts by source of funds`, `Number of ...`) is never money; without such
evidence the table gives none and is reported as skipped (no currency). Sources are also known abbreviated, as
whole words in capitals (`RB | XB | Total`, `Regular budget (RB)`), or spelled variously (`Regular-budget`,
`Extra-budget funds`, `Extrabudgetary`, `Voluntary contributions`, `Cost recovery`); `cost_category` keeps them as
printed (`Staff costs / RB`). Sources of funds down the side (`Regular budget`,
`Extra-budgetary funds` rows) are read like cost categories (in a resources subsection only; `cost_category` the
source), and a source's label row over cost categories adds the source to theirs (`Staff costs / Regular
budget`; the `Total` row under it, when it adds them up, is the source's whole amount: `Regular budget`).

Amounts as printed. A money cell may print its currency (`CHF 1'850`, `1'850 CHF`), Swiss thousands marks
(`1'850`, `1’850.5`, `1 850` with a thin or no-break space) and the Swiss `.-` of whole francs; the measure of
the table (`(CHF thousands)` in the caption) scales it (`CHF 1'850` under `CHF thousands`: 1 850 000) unless the
cell prints a scale of its own (`CHF 1.2 million`, `850k`); with no measure printed around the table, the cells'
currency is the measure, in units.""",
    },
    "strategic_risks": {
        "description": "One row per row of a strategic risk table.",
        "stage": "extract",
        "record": "StrategicRisk",
        "fields": ["document_id", "risk", "description", "mitigation", *PROVENANCE],
        "sort_key": ["document_id", "source_file", "table_index", "risk"],
        "gold_key": ["risk", "description", "mitigation"],
        "review": {"columns": ["document_id", "risk", "description", "mitigation"], "may_be_empty": ["description"]},
        "details": "Tables whose header names a risk column and a mitigation column (`Risk | Description | "
        "Mitigation measures`).",
    },
    "tables": {
        "description": "One row per table the reader found in a document: read by an extractor, or skipped and why.",
        "stage": "run",
        "record": "TableRow",
        "fields": ["document_id", "source_file", "table_index", "page", "heading", "caption", "header", "n_rows",
                   "n_cols", "status", "used_by", "reason"],
        "sort_key": ["document_id", "source_file", "table_index"],
        "details": """\
Nothing silent: a table no extractor read is listed with the reason. The reason an extractor gave when it
recognized the table but could not read it (`looks like a results-framework table but its header is not
understood: ...`, `a budget by cost category ...`), else the kind of table it is known to be and that is not data
(a definitional grid of the planning framework, a Council cover box, a report's achieved-versus-expected table,
shares in per cent), else `no extractor recognized this table`. The run summary, the Prefect artifact and the
review report list the skipped tables with these reasons. A document that gives no row at all is `partial` in
documents.csv, its tables' reasons in errors.csv.""",
    },
    "errors": {
        "description": "One row per problem with one document in this run (the batch went on without it).",
        "stage": "run",
        "fields": ["file", "stage", "reason", "page", "component"],
        "sort_key": ["file", "stage", "component", "reason"],
        "details": "A document with errors at `read` is also copied to `output/quarantine/` with a `.reason.txt` file.",
    },
    "entities": {
        "description": "One row per entity of the registry: an output, unit or objective with a stable id.",
        "stage": "reconcile",
        "fields": ["entity_id", "kind", "scope", "canonical_name", "status", "merged_into", "origin",
                   "first_document_id", "n_aliases", "n_documents", "notes"],
        "sort_key": ["entity_id"],
        "details": "Ids are the next free number of their kind; an entity merged by a reviewer keeps its row and id. "
        "Objectives are identified by (scope, kind, number) (`GS objective 3`); the statement's title is in `notes`. "
        "docs/RECONCILIATION.md has the details.",
    },
    "entity_aliases": {
        "description": "The crosswalk: one row per printed name per document, with the entity it resolves to.",
        "stage": "reconcile",
        "fields": ["entity_id", "kind", "scope", "alias", "document_id", "score", "method"],
        "sort_key": ["entity_id", "kind", "scope", "alias", "document_id"],
        "details": "A row written by an earlier run is kept as is (stability) unless a decision now says otherwise.",
    },
    "entity_candidates": {
        "description": "The review queue: the top candidates of every provisional entity, each with a score that "
        "combines all the evidence.",
        "stage": "reconcile",
        "fields": ["kind", "scope", "alias", "document_id", "assigned_entity_id", "reason", "rank",
                   "candidate_entity_id", "candidate_name", "score"],
        "sort_key": ["kind", "scope", "alias", "document_id", "assigned_entity_id", "reason", "rank"],
        "details": "Rows stay in the queue, run after run, until a decision in `gold/entities/decisions.csv` settles "
        "them. The reviewer's copy, `<registry>/review/entity_candidates.csv`, lists the names whose best candidate "
        "scores highest first; this table is in key order. docs/RECONCILIATION.md explains the score.",
    },
    "entity_lineage": {
        "description": "One row per change to an entity between editions that a document states: renamed, merged "
        "into another, split from another, abolished.",
        "stage": "reconcile",
        "fields": ["from_id", "to_id", "relation", "document_id", "evidence", "kind", "scope", "from_name", "to_name"],
        "sort_key": ["document_id", "kind", "scope", "from_id", "relation", "to_id"],
        "details": "Read from sentences (\"X and Y have been merged into Z\", \"X has been renamed Z\", \"Z, formerly "
        "known as X\", \"X was split into Y and Z\", \"X was abolished\") whose names are entities of the document; "
        "from a coded output (`R.1-7`) printed with other words than in the previous edition of the same document; "
        "from an objective whose title changed between two editions. Time runs from `from` to `to`: a rename "
        "keeps the id (`from_id` = `to_id`), a merger's result is its own entity, `to_id` is empty when the text "
        "names no entity (`abolished`, or a successor no table prints). docs/RECONCILIATION.md has the patterns.",
    },
    "result_links": {
        "description": "One row per expected result linked to its restatement in the next horizon of the same output.",
        "stage": "reconcile",
        "fields": ["document_id", "output_id", "from_horizon", "from_result_number", "from_result", "to_horizon",
                   "to_result_number", "to_result", "score", "method", "source_file"],
        "sort_key": ["document_id", "output_id", "from_horizon", "from_result_number", "from_result", "to_horizon",
                     "to_result_number", "to_result"],
        "details": "Within an output of a document each horizon (`2006-2007`, `2007`, `2008`) is linked to the next "
        "later one (`2008-2011`): texts scored with `token_sort_ratio`, assigned greedily best-first one-to-one, kept "
        "when the score is at least 75.",
    },
}
"""Dataset attributes by name, in publishing order: the record datasets, errors, then reconciliation's tables."""
