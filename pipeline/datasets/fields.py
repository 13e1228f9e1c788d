"""Field metadata: every published column, declared once by name (in the style of PUDL's `FIELD_METADATA`).

`FIELD_METADATA[name]` holds what a column means wherever it appears; `FIELD_METADATA_BY_RESOURCE[dataset][name]`
overrides single attributes for one dataset (a `kind` or a `status` that means something else there). A column's
final metadata is the two merged (`pipeline.datasets.model.build_field`). Attributes:

    type         "str" | "int" | "float" | "bool"  (str: empty string when absent; numbers: empty CSV cell / null)
    description  one sentence for datapackage.json and docs/DATA_DICTIONARY.md
    required     part of the contract data teams code against (default True); provenance columns are not
    nullable     numbers only: a missing value is allowed (default False)
    allowed      closed vocabulary (tuple of strings), checked on every published row
    default      value of the record dataclass's field when an extractor leaves it out (`NO_DEFAULT`, the
                 default: none, the field is positional)
    role         "data" (default), "id" (filled by reconciliation; gold leaves it empty) or "provenance"
                 (where the row comes from / how it was published: table_index, source_file, review_status)
    min_length, minimum, pattern   extra checks of the pandera schema (text length, number floor, regex)
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()
"""`default` of a column the record dataclass has no default for (the field is positional)."""


class RowKind(str, Enum):
    DEPARTMENT = "department"
    GRADE = "grade"
    TOTAL = "total"


class Status(str, Enum):
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


# Closed vocabularies (allowed values).
FORMATS = ("docx", "pdf", "doc", "text")
PLAN_KINDS = ("strategic_plan", "operational_plan", "financial_plan", "report", "other")
STATUSES = tuple(s.value for s in Status)
SCOPES = ("Union", "ITU-R", "ITU-T", "ITU-D", "Secretariat", "General Secretariat")
OBJECTIVE_KINDS = ("goal", "objective", "enabler")
SUBJECT_KINDS = ("goal", "objective", "output", "sector", "unit", "total")
COLUMN_KINDS = ("objective", "goal")
ROW_KINDS = tuple(k.value for k in RowKind)
REVIEW_STATUSES = ("extracted", "reviewed")
ERROR_STAGES = ("discover", "read", "extract", "validate", "reconcile", "publish")
ENTITY_KINDS = ("output", "unit", "objective")
ENTITY_STATUSES = ("active", "review", "merged")
RESULT_LINK_METHODS = ("same", "reworded")
RESULT_STATUSES = ("", "expected", "realized")
LINEAGE_RELATIONS = ("renamed", "merged_into", "split_from", "abolished")


FIELD_METADATA: dict[str, dict[str, Any]] = {
    # -- columns many datasets share -------------------------------------------------------------------
    "document_id": {
        "type": "str",
        "description": "Identity of the document: slug of the file name without its extension; the same document "
        "in .docx, .pdf and text export has one document_id.",
        "min_length": 1,
    },
    "source_file": {
        "type": "str",
        "description": "The name of the file the row was extracted from.",
        "required": False,
        "default": "",
        "role": "provenance",
    },
    "review_status": {
        "type": "str",
        "description": "`extracted`, or `reviewed` (published from gold after a reviewer accepted it).",
        "required": False,
        "allowed": REVIEW_STATUSES,
        "default": "extracted",
        "role": "provenance",
    },
    "table_index": {
        "type": "int",
        "description": "Index of the table in the document the row comes from (-1 when not from a table).",
        "required": False,
        "default": -1,
        "role": "provenance",
    },
    "output": {"type": "str", "description": "The output (table subject) as printed."},
    "output_id": {
        "type": "str",
        "description": "Registry id of the output (entities.csv); stable across runs and years.",
        "role": "id",
    },
    "period": {"type": "str", "description": "Column label as printed, e.g. `2009-2011`."},
    "period_start": {"type": "int", "description": "First year of the normalized period."},
    "period_end": {"type": "int", "description": "Last year of the normalized period."},
    "horizon": {
        "type": "str",
        "description": "Normalized period of the part of the table the row is in (`2006-2007`, `2008-2011`, `2007`).",
    },
    "result_number": {
        "type": "str",
        "description": "Leading number of the expected result of the same table row (`1`, `3a`, `2.1`); empty when "
        "none.",
    },
    "scope": {
        "type": "str",
        "description": "`Union` (goals), `ITU-R`, `ITU-T`, `ITU-D`, `Secretariat`, `General Secretariat`.",
        "allowed": SCOPES,
    },
    "group": {"type": "str", "description": "The group label the row stands under."},
    "score": {"type": "float", "description": "Similarity of the two names or texts, 0-100 (rapidfuzz)."},
    # -- documents ---------------------------------------------------------------------------------------
    "sha256": {"type": "str", "description": "sha256 of the file's bytes.", "pattern": r"^[0-9a-f]{64}$"},
    "format": {"type": "str", "description": "`docx`, `pdf`, `doc` or `text`.", "allowed": FORMATS},
    "title": {
        "type": "str",
        "description": "The title printed on the first page (a line naming the plan or report and its period, or the "
        "`Subject:` of a Council cover box); the file's metadata title only when the page prints none, never a "
        "generic one (`ITU Global Template`).",
    },
    "plan_kind": {
        "type": "str",
        "description": "`strategic_plan`, `operational_plan`, `financial_plan`, `report` (a report on the "
        "implementation of a plan: it talks about a plan but is not one) or `other`; the title decides when it "
        "names one.",
        "allowed": PLAN_KINDS,
    },
    "body": {
        "type": "str",
        "description": "The organizational body the plan is about (`Union`, `General Secretariat`, `ITU-R`, ...).",
    },
    "page_count": {"type": "int", "description": "Pages (PDF) or estimated pages (other formats).", "minimum": 0},
    "tables": {"type": "int", "description": "Tables found by the reader.", "minimum": 0},
    "tables_used": {"type": "int", "description": "Tables an extractor used.", "minimum": 0},
    "tables_skipped": {"type": "int", "description": "Tables no extractor recognized.", "minimum": 0},
    "status": {
        "type": "str",
        "description": "`ok`, `partial` (some stage failed) or `failed`.",
        "allowed": STATUSES,
    },
    # -- objectives, links ---------------------------------------------------------------------------------
    "number": {"type": "str", "description": "The objective's number as printed (`1`, `2`)."},
    "text": {
        "type": "str",
        "description": "The statement without its `Objective N:` / `Goal N:` prefix, surrounding quotes and "
        "trailing `;`.",
    },
    "matrix_title": {
        "type": "str",
        "description": "The caption printed just before the table, e.g. `ITU-R Objectives and Outputs`.",
    },
    "objective_number": {
        "type": "str",
        "description": "The number of the column's objective (`Objective 3 ...` -> `3`).",
    },
    "column_kind": {
        "type": "str",
        "description": "`objective` or `goal` (matrices matching objectives to goals).",
        "allowed": COLUMN_KINDS,
    },
    # -- work months, service levels --------------------------------------------------------------------------
    "unit": {"type": "str", "description": "The row label as printed (`SGO`, `C&P`, `D1`, `Total`)."},
    "unit_id": {"type": "str", "description": "Registry id of the unit (empty for grades and totals).", "role": "id"},
    "row_kind": {
        "type": "str",
        "description": "`department` (rows of an output's table), `grade` (staff grades in a department's own "
        "table) or `total`.",
        "allowed": ROW_KINDS,
    },
    "work_months": {"type": "float", "description": "The number of work-months."},
    "service": {"type": "str", "description": "Row label (`Translation`, `Typing`, `Reprography`)."},
    "quantity": {"type": "float", "description": "The number (`5,320,000` -> 5320000)."},
    "measure": {"type": "str", "description": "The unit printed in the header's corner cell (`Pages`)."},
    # -- expected results, KPIs, risks, activities ------------------------------------------------------------
    "horizon_label": {"type": "str", "description": "The label of the table part as printed."},
    "expected_result": {
        "type": "str",
        "description": "The cell's text without its leading number and without `(Focal Point: ...)`.",
    },
    "focal_point": {
        "type": "str",
        "description": "The text inside `(Focal Point: ...)`, several joined with `; `.",
    },
    "category": {
        "type": "str",
        "description": "The category header the statement stands under inside the cell (`Customer`, "
        "`Financial`, ...); empty when none.",
    },
    "kpi": {"type": "str", "description": "One KPI statement."},
    "strategic_relationship": {
        "type": "str",
        "description": "The `Relationship to Strategic Policies and Plans` cell of a General Secretariat unit table "
        "(plans 2003-2007: `Part III of Strategic Plan`); empty elsewhere and for `See above`.",
        "required": False,
        "default": "",
    },
    "risk": {"type": "str", "description": "One risk statement."},
    "outcome_number": {
        "type": "str",
        "description": "The outcome's code as printed (`R.1-1`, ITU-D's `2.3`); empty when unnumbered.",
    },
    # -- targets, outputs, financial resources, strategic risks (results-based plans) -----------------------------
    "goal_number": {"type": "str", "description": "The goal the target is numbered under (`Target 2.1.A` -> `2`)."},
    "target_number": {"type": "str", "description": "The target's number as printed (`1.1`, `2.1.A`)."},
    "target": {"type": "str", "description": "The target's statement without its `Target N:` prefix."},
    "target_year": {
        "type": "int",
        "nullable": True,
        "default": None,
        "description": "The year the target is set for (`... by 2020` -> 2020); empty when none.",
    },
    "outcome": {"type": "str", "description": "The outcome's statement without its code."},
    "output_number": {"type": "str", "description": "The output's code as printed (`R.1-7`); empty when unnumbered."},
    "subject": {
        "type": "str",
        "description": "What the money is for, as printed: a code (`R.1`, `R.1-7`), `Goal N` / `Objective N`, a "
        "Sector or unit, an output's name (`Plenipotentiary Conference`), `Total`.",
    },
    "subject_kind": {
        "type": "str",
        "description": "`goal`, `objective`, `output`, `sector`, `unit` or `total`.",
        "allowed": SUBJECT_KINDS,
    },
    "cost_category": {
        "type": "str",
        "description": "The cost category of a budget broken down by cost category, as printed (`Staff costs`, "
        "`Non-staff costs`), and the source of funds of a column by source of funds (`Regular budget`, "
        "`Extra-budgetary`) after it (`Staff costs / Regular budget`); empty for the whole amount of the subject "
        "(a breakdown's `Total` row and `Total` column included).",
        "required": False,
        "default": "",
    },
    "amount_chf": {
        "type": "float",
        "description": "The amount in Swiss francs (`CHF thousands` and `thousands of Swiss francs` multiplied out).",
    },
    "mitigation": {"type": "str", "description": "The mitigation measures column."},
    "code": {"type": "str", "description": "The activity code, e.g. `GA001`."},
    "description": {"type": "str", "description": "The activity as printed."},
    # -- tables ----------------------------------------------------------------------------------------------------
    "heading": {"type": "str", "description": "The numbered heading the table stands under (`2.1 Outputs`)."},
    "caption": {"type": "str", "description": "The table's caption or title line as printed; empty when none."},
    "header": {"type": "str", "description": "The text of the table's first row, its cells joined with ` | `."},
    "n_rows": {"type": "int", "description": "Rows of the table (as the reader built its grid).", "minimum": 0},
    "n_cols": {"type": "int", "description": "Columns of the table.", "minimum": 0},
    "used_by": {
        "type": "str",
        "description": "The extractors that read the table, joined with `; ` (`expected_results; work_months`); "
        "empty when it was skipped.",
    },
    # -- errors ------------------------------------------------------------------------------------------------
    "file": {"type": "str", "description": "The file's name (or the source as given, when it could not be read)."},
    "stage": {
        "type": "str",
        "description": "Where it failed: " + ", ".join(f"`{s}`" for s in ERROR_STAGES) + ".",
        "allowed": ERROR_STAGES,
    },
    "reason": {"type": "str", "description": "What went wrong, in words a person understands."},
    "page": {"type": "int", "nullable": True, "description": "The page the problem is on, when known."},
    "component": {
        "type": "str",
        "required": False,
        "description": "Which extractor failed, when stage is `extract`.",
    },
    # -- entity registry (pipeline/reconcile, docs/RECONCILIATION.md) ------------------------------------------
    "entity_id": {
        "type": "str",
        "description": "Registry id: `out-0001` (outputs), `unit-0001` (units), `obj-0001` (objectives); never "
        "reassigned or renumbered.",
    },
    "canonical_name": {"type": "str", "description": "The entity's name: the first name printed for it."},
    "merged_into": {
        "type": "str",
        "description": "The entity this one was merged into by a reviewer's decision (`status = merged`); empty "
        "otherwise.",
    },
    "origin": {
        "type": "str",
        "description": "How the entity was created: `new` (first printed name), `acronym` (from an acronym's long "
        "form), `manual` (a decision), `review` (provisional).",
    },
    "first_document_id": {"type": "str", "description": "The document the entity was first seen in."},
    "n_aliases": {"type": "int", "nullable": True, "description": "Distinct names printed for the entity."},
    "n_documents": {"type": "int", "nullable": True, "description": "Documents the entity was printed in."},
    "notes": {"type": "str", "description": "Free text: the statement's title for objectives, a decision's notes."},
    "alias": {"type": "str", "description": "A name as printed in a document."},
    "assigned_entity_id": {"type": "str", "description": "The provisional entity the name was given."},
    "rank": {"type": "int", "description": "Rank of the candidate (1 = best)."},
    "candidate_entity_id": {"type": "str", "description": "A registry entity the name may be."},
    "candidate_name": {"type": "str", "description": "The candidate's canonical name."},
    "from_id": {"type": "str", "description": "The entity before the change (registry id)."},
    "to_id": {
        "type": "str",
        "description": "The entity after the change: the same id for a rename, the result of a merger, the part "
        "of a split; empty when the text names no entity.",
    },
    "relation": {
        "type": "str",
        "description": "`renamed`, `merged_into`, `split_from` (`to_id` was split from `from_id`) or `abolished`.",
        "allowed": LINEAGE_RELATIONS,
    },
    "evidence": {"type": "str", "description": "The sentence that states the change, or the code and both texts."},
    "from_name": {"type": "str", "description": "The earlier name as the statement prints it."},
    "to_name": {"type": "str", "description": "The later name as the statement prints it; empty when none."},
    "from_horizon": {"type": "str", "description": "The earlier horizon (`2006-2007`)."},
    "from_result_number": {"type": "str", "description": "The earlier result's number; empty when none."},
    "from_result": {"type": "str", "description": "The earlier expected result."},
    "to_horizon": {"type": "str", "description": "The next later horizon (`2008-2011`)."},
    "to_result_number": {"type": "str", "description": "The later result's number; empty when none."},
    "to_result": {"type": "str", "description": "The later expected result: the restatement of the earlier one."},
}
"""Column attributes by column name (the default wherever the column appears)."""


_ENTITY_KIND = {"type": "str", "description": "`output`, `unit` or `objective`.", "allowed": ENTITY_KINDS}
_ENTITY_SCOPE = {
    "description": "The body the name belongs to: `GS` (General Secretariat / Secretariat), `ITU-R`, `ITU-T`, "
    "`ITU-D`, `Union`; names are matched within one (kind, scope).",
    "allowed": None,
}

_RESULT_STATUS = {
    "description": "`expected` or `realized` where the document says which (the expected and realized "
    "accomplishments of the Bureau plans 2000-2007); empty where it does not (an expected result of a plan).",
    "allowed": RESULT_STATUSES,
    "required": False,
    "default": "",
}

FIELD_METADATA_BY_RESOURCE: dict[str, dict[str, dict[str, Any]]] = {
    "documents": {
        "source_file": {"required": True, "default": NO_DEFAULT},  # positional: part of the documents row
        "period_start": {"nullable": True, "description": "First year of the plan's period: the one its title prints "
                         "(`... FOR 2018` -> 2018: one- and two-year plans have their own), else the span of four or "
                         "more years the opening names most often (`2008-2011` -> 2008); U+2010 and other hyphen "
                         "forms read as hyphens."},
        "period_end": {"nullable": True, "description": "Last year of the plan's period (`2008-2011` -> 2011)."},
        "body": {"required": False, "default": ""},
        "page_count": {"required": False, "nullable": True, "default": None},
        "tables": {"required": False, "default": 0},
        "tables_used": {"required": False, "default": 0},
        "tables_skipped": {"required": False, "default": 0},
        "status": {"required": False, "default": Status.OK.value},
    },
    "objectives": {
        "kind": {"type": "str", "description": "`goal`, `objective` or `enabler`.", "allowed": OBJECTIVE_KINDS},
        "number": {"description": "The number as printed (`1`, `R.1`, `T.2`, `I.1`, `E.3`)."},
        "title": {
            "description": "The short name the document gives it (`Growth`, `Regulation`), printed with the statement "
            "or as the column header of its objectives-and-outputs matrix; empty when none.",
        },
        "text": {
            "description": "The statement without its `Objective N:` / `Goal N:` / code prefix, its short name, "
            "surrounding quotes and trailing `;`.",
        },
    },
    "output_objective_links": {
        "scope": {"description": "As in objectives.csv."},
        "output": {"description": "The row label as printed (hyphenation undone)."},
        "column_kind": {"required": False, "default": "objective"},
    },
    "work_months": {
        "output": {
            "description": "The table's subject as printed in its title cell; the nearest heading when there is no "
            "title cell.",
        },
    },
    "service_levels": {
        "output": {"description": "The table's title cell (`ITU Plenipotentiary Conference`)."},
        "output_id": {"required": False},
        "period": {"description": "Column label as printed (`2009-11`)."},
    },
    "expected_results": {
        "output": {"description": "The table's title without a trailing period label; nearest heading otherwise."},
        "horizon_label": {"required": False},
        "result_number": {
            "description": "The leading number of the cell (`1`, `3a`, `2.1`); empty when it has none.",
        },
        "focal_point": {"required": False, "default": ""},
        "group": {
            "description": "The group label row above (`OFFICE OF THE CHIEF`), if any.",
            "required": False,
            "default": "",
        },
        "status": _RESULT_STATUS,
    },
    "kpis": {
        "output": {"description": "As for the expected result of the same table row; empty for an outcome indicator."},
        "status": _RESULT_STATUS,
        "outcome_number": {
            "description": "The outcome an outcome indicator belongs to (`R.1-1`, `2.3`); empty for a KPI of an "
            "expected result.",
            "default": "",
        },
    },
    "outcomes": {
        "scope": {"description": "As in objectives.csv; a Sector code gives its Sector (`R.1-1` -> `ITU-R`)."},
        "objective_number": {"description": "The objective the outcome belongs to (`R.1`, `2`)."},
    },
    "outputs": {
        "scope": {"description": "As in outcomes.csv."},
        "objective_number": {"description": "The objective the output serves (`R.1`, `2`)."},
        "output": {"description": "The output's name as printed, without its code."},
    },
    "financial_resources": {
        "scope": {
            "description": "As in objectives.csv: the Sector the table's title or caption names, else the plan's body.",
        },
        "objective_number": {"description": "The objective column of a cost matrix (`3`, `R.1`); empty otherwise."},
        "goal_number": {
            "description": "The goal column of a cost matrix (`Goal 2` -> `2`); empty otherwise.",
            "required": False,
        },
        "period": {
            "description": "The period the column prints (`2019`, `2016-2017`; a mark of indicative figures left "
            "out); a `Total` column beside period columns covers their whole span (`2004 | 2005 | Total` -> "
            "`2004-2005`); empty for a cost matrix's objective, goal or Total column.",
        },
        "period_start": {"nullable": True, "description": "First year of the period; empty when none."},
        "period_end": {"nullable": True, "description": "Last year of the period; empty when none."},
        "measure": {"description": "The measure as printed (`CHF thousands`, `thousands of Swiss francs`, `CHF`): "
                    "the table's header, title, caption or text above, else the currency its cells print "
                    "(`CHF 720'000`: `CHF`)."},
    },
    "strategic_risks": {
        "risk": {"description": "The risk as printed (the `Risk` column)."},
        "description": {"description": "The `Description` column; empty when the table has none."},
    },
    "risks": {"output": {"description": "As for the expected result of the same table row."}},
    "activities": {"group": {"description": "The group row the code stands under (`General Activities`)."}},
    "tables": {
        "source_file": {"required": True, "default": NO_DEFAULT, "description": "The file the table is in."},
        "table_index": {"required": True, "default": NO_DEFAULT, "minimum": 0,
                        "description": "Index of the table in the document, from 0 in reading order (the review "
                        "report's `Table N` is index + 1); the `table_index` of the rows read from it."},
        "page": {"description": "The page the table starts on (PDF); empty for formats without pages."},
        "status": {"description": "`used` (an extractor read it: `used_by`) or `skipped` (none did: `reason`).",
                   "allowed": ("used", "skipped")},
        "reason": {"description": "Why the table was skipped, in words a person understands; empty when used.",
                   "required": True},
    },
    "entities": {
        "kind": _ENTITY_KIND,
        "scope": _ENTITY_SCOPE,
        "status": {
            "description": "`active`, `review` (provisional: the matcher was unsure, see entity_candidates) or "
            "`merged`.",
            "allowed": ENTITY_STATUSES,
        },
    },
    "entity_aliases": {
        "kind": _ENTITY_KIND,
        "scope": _ENTITY_SCOPE,
        "document_id": {"description": "The document the name is printed in."},
        "score": {"description": "How well the name matched the entity, 0-100 (100: exact, acronym or decision)."},
        "method": {
            "type": "str",
            "description": "How the name was resolved: `exact` (same normalized key), `fuzzy`, `acronym`, `rename`, "
            "`by_code` (its code, `R.1-7`, is the entity's) or `manual` (reviewer decision); `code`: the row is a "
            "code the document prints for the entity, not a name.",
        },
    },
    "entity_candidates": {
        "kind": _ENTITY_KIND,
        "scope": _ENTITY_SCOPE,
        "alias": {"description": "The name the matcher was unsure about."},
        "document_id": {"description": "The document the name is printed in; empty when unknown.", "min_length": None},
        "reason": {"description": "Why the name awaits review, then the evidence about this candidate."},
        "score": {
            "description": "Chance in 100 that the candidate is the same entity, from all the evidence (name "
            "similarity, acronyms, same words, not printed since the last edition, stated endings); "
            "pipeline/reconcile/evidence.py.",
        },
    },
    "entity_lineage": {
        "kind": _ENTITY_KIND,
        "scope": _ENTITY_SCOPE,
        "document_id": {"description": "The document that states the change."},
    },
    "result_links": {
        "output_id": {"description": "Registry id of the output both results belong to."},
        "method": {
            "type": "str",
            "description": "`same` (identical text) or `reworded`.",
            "allowed": RESULT_LINK_METHODS,
        },
        "source_file": {"description": "The file both results were extracted from.", "required": True},
    },
}
"""Per dataset: attributes that differ from `FIELD_METADATA` for that dataset's column of the same name."""
