"""The data dictionary as code: one pandera schema per published dataset.

Column names, order and types come from the row dataclasses in `pipeline/records.py` (`int | None` -> a
nullable int); descriptions, the contract's *required* flags and allowed values come from
docs/DATA_DICTIONARY.md and are written down here once (tests/test_schema.py checks the two agree). Every
dataset is validated with `validate()` before it is published; a failure raises `DatasetValidationError`
naming the dataset and the failing column(s).

`SORT_KEYS` is the documented, deterministic row order of every published CSV: rows are sorted by the key
columns, then by every remaining column left to right, so the same inputs give byte-identical files.
The same keys identify a row in the changelog ("changed" = same key, other values differ).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, Iterable

import pandas as pd

from pipeline.exceptions import ValidationError
from pipeline.records import RECORD_TYPES, Dataset, ErrorItem

# ---------------------------------------------------------------------------------------------------------
# Allowed values (closed vocabularies of the data dictionary)

FORMATS = ("docx", "pdf", "doc", "text")
PLAN_KINDS = ("strategic_plan", "operational_plan", "financial_plan", "report", "other")
STATUSES = ("ok", "partial", "failed")
SCOPES = ("Union", "ITU-R", "ITU-T", "ITU-D", "Secretariat", "General Secretariat")
OBJECTIVE_KINDS = ("goal", "objective", "enabler")
SUBJECT_KINDS = ("goal", "objective", "output", "sector", "unit", "total")
COLUMN_KINDS = ("objective", "goal")
ROW_KINDS = ("department", "grade", "total")
REVIEW_STATUSES = ("extracted", "reviewed")
ERROR_STAGES = ("discover", "read", "extract", "validate", "reconcile", "publish")

ALLOWED: dict[str, tuple[str, ...]] = {
    "format": FORMATS,
    "plan_kind": PLAN_KINDS,
    "status": STATUSES,
    "scope": SCOPES,
    "row_kind": ROW_KINDS,
    "review_status": REVIEW_STATUSES,
    "column_kind": COLUMN_KINDS,
}
# `kind` means different things in different tables; per dataset:
ALLOWED_PER_DATASET: dict[tuple[str, str], tuple[str, ...]] = {
    ("objectives", "kind"): OBJECTIVE_KINDS,
    ("financial_resources", "subject_kind"): SUBJECT_KINDS,
}

# ---------------------------------------------------------------------------------------------------------
# Descriptions (docs/DATA_DICTIONARY.md). Columns shared by many datasets first, then per dataset.

_COMMON = {
    "document_id": "Identity of the document: slug of the file name without its extension; the same document "
    "in .docx, .pdf and text export has one document_id.",
    "source_file": "The name of the file the row was extracted from.",
    "review_status": "`extracted`, or `reviewed` (published from gold after a reviewer accepted it).",
    "table_index": "Index of the table in the document the row comes from (-1 when not from a table).",
    "output": "The output (table subject) as printed.",
    "output_id": "Registry id of the output (entities.csv); stable across runs and years.",
    "period": "Column label as printed, e.g. `2009-2011`.",
    "period_start": "First year of the normalized period.",
    "period_end": "Last year of the normalized period.",
    "horizon": "Normalized period of the part of the table the row is in (`2006-2007`, `2008-2011`, `2007`).",
    "result_number": "Leading number of the expected result of the same table row (`1`, `3a`, `2.1`); empty when none.",
    "scope": "`Union` (goals), `ITU-R`, `ITU-T`, `ITU-D`, `Secretariat`, `General Secretariat`.",
}

DATASET_DESCRIPTIONS: dict[str, str] = {
    "documents": "One row per ingested file.",
    "objectives": "One row per goal or objective stated in a document.",
    "output_objective_links": 'One row per "x" in an objectives-and-outputs matrix.',
    "work_months": "One row per non-empty number cell of a work-month table.",
    "service_levels": "One row per number cell of a documentation / service-level table.",
    "expected_results": "One row per table row whose first cell is an expected result.",
    "kpis": "One row per statement in a KPI cell.",
    "risks": "One row per statement in a risk-factor cell.",
    "activities": "One row per activity code of an annex list.",
    "targets": "One row per target of the Union (strategic plans since 2016).",
    "outcomes": "One row per outcome of a results framework.",
    "outputs": "One row per output (product or service) of a results framework.",
    "financial_resources": "One row per non-empty money cell of a resources table or cost matrix (`0` included, `%` "
    "cells never).",
    "strategic_risks": "One row per row of a strategic risk table.",
    "errors": "One row per problem with one document in this run (the batch went on without it).",
}

_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "sha256": "sha256 of the file's bytes.",
        "format": "`docx`, `pdf`, `doc` or `text`.",
        "title": "The title printed on the first page (the metadata title only when the page prints none).",
        "plan_kind": "`strategic_plan`, `operational_plan`, `financial_plan`, `report` (a report on the "
        "implementation of a plan) or `other`.",
        "period_start": "First year of the plan's period (`2008-2011` -> 2008).",
        "period_end": "Last year of the plan's period (`2008-2011` -> 2011).",
        "body": "The organizational body the plan is about (`Union`, `General Secretariat`, `ITU-R`, ...).",
        "page_count": "Pages (PDF) or estimated pages (other formats).",
        "tables": "Tables found by the reader.",
        "tables_used": "Tables an extractor used.",
        "tables_skipped": "Tables no extractor recognized.",
        "status": "`ok`, `partial` (some stage failed) or `failed`.",
    },
    "objectives": {
        "kind": "`goal`, `objective` or `enabler`.",
        "number": "The number as printed (`1`, `R.1`, `T.2`, `I.1`, `E.3`).",
        "title": "The short name the document gives it (`Growth`, `Regulation`), printed with the statement or "
        "as the column header of its objectives-and-outputs matrix; empty when none.",
        "text": "The statement without its `Objective N:` / `Goal N:` prefix, surrounding quotes and trailing `;`.",
    },
    "output_objective_links": {
        "matrix_title": "The caption printed just before the table, e.g. `ITU-R Objectives and Outputs`.",
        "scope": "As in objectives.csv.",
        "output": "The row label as printed (hyphenation undone).",
        "objective_number": "The number of the column's objective (`Objective 3 ...` -> `3`).",
        "column_kind": "`objective` or `goal` (matrices matching objectives to goals).",
    },
    "work_months": {
        "output": "The table's subject as printed in its title cell; the nearest heading when there is no title cell.",
        "unit": "The row label as printed (`SGO`, `C&P`, `D1`, `Total`).",
        "unit_id": "Registry id of the unit (empty for grades and totals).",
        "row_kind": "`department` (rows of an output's table), `grade` (staff grades in a department's own "
        "table) or `total`.",
        "work_months": "The number of work-months.",
    },
    "service_levels": {
        "output": "The table's title cell (`ITU Plenipotentiary Conference`).",
        "service": "Row label (`Translation`, `Typing`, `Reprography`).",
        "period": "Column label as printed (`2009-11`).",
        "quantity": "The number (`5,320,000` -> 5320000).",
        "measure": "The unit printed in the header's corner cell (`Pages`).",
    },
    "expected_results": {
        "output": "The table's title without a trailing period label; nearest heading otherwise.",
        "horizon_label": "The label of the table part as printed.",
        "result_number": "The leading number of the cell (`1`, `3a`, `2.1`); empty when it has none.",
        "expected_result": "The cell's text without its leading number and without `(Focal Point: ...)`.",
        "focal_point": "The text inside `(Focal Point: ...)`, several joined with `; `.",
        "group": "The group label row above (`OFFICE OF THE CHIEF`), if any.",
    },
    "kpis": {
        "output": "As for the expected result of the same table row; empty for an outcome indicator.",
        "outcome_number": "The outcome an outcome indicator belongs to (`R.1-1`, `2.3`); empty for a KPI of an "
        "expected result.",
        "category": "The category header the statement stands under inside the cell (`Customer`, "
        "`Financial`, ...); empty when none.",
        "kpi": "One KPI statement.",
    },
    "risks": {
        "output": "As for the expected result of the same table row.",
        "risk": "One risk statement.",
    },
    "activities": {
        "group": "The group row the code stands under (`General Activities`).",
        "code": "The activity code, e.g. `GA001`.",
        "description": "The activity as printed.",
    },
    "targets": {
        "goal_number": "The goal the target is numbered under (`Target 2.1.A` -> `2`).",
        "target_number": "The target's number as printed (`1.1`, `2.1.A`).",
        "target": "The target's statement without its `Target N:` prefix.",
        "target_year": "The year the target is set for (`... by 2020` -> 2020); empty when none.",
    },
    "outcomes": {
        "scope": "As in objectives.csv (a Sector code gives its Sector: `R.1-1` -> `ITU-R`).",
        "objective_number": "The objective the outcome belongs to (`R.1`, `2`).",
        "outcome_number": "The outcome's code as printed (`R.1-1`, ITU-D's `2.3`); empty when unnumbered.",
        "outcome": "The outcome's statement without its code.",
    },
    "outputs": {
        "scope": "As in outcomes.csv.",
        "objective_number": "The objective the output belongs to (`R.1`, `2`).",
        "output_number": "The output's code as printed (`R.1-7`); empty when unnumbered.",
        "output": "The output's name as printed, without its code.",
    },
    "financial_resources": {
        "scope": "As in objectives.csv: the Sector the table's title or caption names, else the plan's body.",
        "subject": "What the money is for, as printed: a code (`R.1`, `R.1-7`), `Goal N` / `Objective N`, a Sector "
        "or unit, an output's name, `Total`.",
        "subject_kind": "`goal`, `objective`, `output`, `sector`, `unit` or `total`.",
        "objective_number": "The objective column of a cost matrix (`3`, `R.1`); empty otherwise.",
        "goal_number": "The goal column of a cost matrix (`Goal 2` -> `2`); empty otherwise.",
        "period": "The period the column prints (`2019`, `2016-2017`; an indicative-figure mark left out); empty "
        "for a cost matrix's objective, goal or Total column.",
        "period_start": "First year of the period; empty when none.",
        "period_end": "Last year of the period; empty when none.",
        "amount_chf": "The amount in Swiss francs (`CHF thousands` and `thousands of Swiss francs` multiplied out).",
        "measure": "The measure as printed (`CHF thousands`, `thousands of Swiss francs`, `CHF`).",
    },
    "strategic_risks": {
        "risk": "The risk as printed (first column).",
        "description": "The description column; empty when the table has none.",
        "mitigation": "The mitigation measures column.",
    },
}

# Columns the data dictionary does NOT mark *required* (every other column of a record type is required).
_OPTIONAL: dict[str, set[str]] = {
    "documents": {"body", "page_count", "tables", "tables_used", "tables_skipped", "status"},
    "output_objective_links": {"column_kind"},
    "service_levels": {"output_id"},
    "expected_results": {"horizon_label", "focal_point", "group"},
    "financial_resources": {"goal_number"},  # beside the contract: the goal column of a cost matrix
}
# Columns added by the pipeline beside the dictionary's (provenance); never required.
_PROVENANCE = {"table_index", "source_file", "review_status"}

# Row identity per dataset: the documented sort order of the CSVs and the changelog's key.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("document_id", "source_file"),
    "objectives": ("document_id", "source_file", "scope", "kind", "number"),
    "output_objective_links": (
        "document_id", "source_file", "table_index", "matrix_title", "output", "objective_number", "column_kind",
    ),
    "work_months": ("document_id", "source_file", "table_index", "output", "unit", "row_kind", "period"),
    "service_levels": ("document_id", "source_file", "table_index", "output", "service", "period"),
    "expected_results": ("document_id", "source_file", "table_index", "horizon", "result_number", "expected_result"),
    "kpis": ("document_id", "source_file", "table_index", "horizon", "result_number", "category", "kpi"),
    "risks": ("document_id", "source_file", "table_index", "horizon", "result_number", "risk"),
    "activities": ("document_id", "source_file", "group", "code"),
    "targets": ("document_id", "source_file", "goal_number", "target_number"),
    "outcomes": ("document_id", "source_file", "scope", "objective_number", "outcome_number", "outcome"),
    "outputs": ("document_id", "source_file", "scope", "objective_number", "output_number", "output"),
    "financial_resources": ("document_id", "source_file", "table_index", "scope", "subject", "objective_number",
                            "goal_number", "period"),
    "strategic_risks": ("document_id", "source_file", "table_index", "risk"),
    "errors": ("file", "stage", "component", "reason"),
}


# ---------------------------------------------------------------------------------------------------------
# Field specs


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str  # "str" | "int" | "float" | "bool"
    nullable: bool  # numbers only: a missing value is an empty CSV cell / Parquet null
    required: bool  # part of the contract (the dictionary's "required" column)
    description: str
    allowed: tuple[str, ...] | None = None

    @property
    def pandas_dtype(self) -> str:
        return {"str": "str", "int": "Int64", "float": "float64", "bool": "boolean"}[self.type]

    @property
    def frictionless_type(self) -> str:
        return {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}[self.type]


def _base_type(hint: Any) -> tuple[str, bool]:
    """('int', True) for `int | None`, ('str', False) for `str`."""
    nullable = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        nullable = len(args) != len(typing.get_args(hint))
        hint = args[0]
    names = {str: "str", int: "int", float: "float", bool: "bool"}
    if hint not in names:
        raise TypeError(f"unsupported field type {hint!r}")
    return names[hint], nullable


def _record_fields(dataset: str, cls: type) -> list[FieldSpec]:
    hints = typing.get_type_hints(cls)
    out = []
    for f in fields(cls):
        typ, nullable = _base_type(hints[f.name])
        desc = _DESCRIPTIONS.get(dataset, {}).get(f.name) or _COMMON.get(f.name, "")
        required = f.name not in _OPTIONAL.get(dataset, set()) and (
            f.name not in _PROVENANCE or (f.name == "source_file" and dataset == "documents")
        )
        allowed = ALLOWED_PER_DATASET.get((dataset, f.name)) or ALLOWED.get(f.name)
        out.append(FieldSpec(f.name, typ, nullable, required, desc, allowed))
    return out


ERRORS_FIELDS: list[FieldSpec] = [
    FieldSpec("file", "str", False, True, "The file's name (or the source as given, when it could not be read)."),
    FieldSpec("stage", "str", False, True, "Where it failed: " + ", ".join(f"`{s}`" for s in ERROR_STAGES) + ".",
              ERROR_STAGES),
    FieldSpec("reason", "str", False, True, "What went wrong, in words a person understands."),
    FieldSpec("page", "int", True, True, "The page the problem is on, when known."),
    FieldSpec("component", "str", False, False, "Which extractor failed, when stage is `extract`."),
]


@lru_cache(maxsize=None)
def field_specs(dataset: Dataset | str) -> tuple[FieldSpec, ...]:
    name = dataset.value if isinstance(dataset, Dataset) else str(dataset)
    if name == "errors":
        return tuple(ERRORS_FIELDS)
    return tuple(_record_fields(name, RECORD_TYPES[Dataset(name)]))


def column_names(dataset: Dataset | str) -> list[str]:
    return [f.name for f in field_specs(dataset)]


def all_dataset_names() -> list[str]:
    """Every published table, in publishing order: the datasets, then errors."""
    return [d.value for d in Dataset] + ["errors"]


# ---------------------------------------------------------------------------------------------------------
# Frames


def _cell(value: Any, spec: FieldSpec) -> Any:
    if spec.type == "str":
        return "" if value is None else str(value)
    return value


def to_frame(dataset: Dataset | str, rows: Iterable[Any]) -> pd.DataFrame:
    """A typed DataFrame with the dataset's columns in order, from record dataclasses, dicts or tuples."""
    specs = field_specs(dataset)
    names = [s.name for s in specs]
    data: dict[str, list] = {n: [] for n in names}
    for row in rows:
        if isinstance(row, dict):
            get = row.get
        elif hasattr(row, "__dataclass_fields__"):
            get = lambda n, _r=row: getattr(_r, n, None)  # noqa: E731
        else:
            values = dict(zip(names, row))
            get = values.get
        for s in specs:
            data[s.name].append(_cell(get(s.name), s))
    cols = {}
    for s in specs:
        values = data[s.name]
        if s.type == "int":
            cols[s.name] = pd.array([None if v is None or v == "" else v for v in values], dtype="Int64")
        elif s.type == "float":
            cols[s.name] = pd.array([None if v is None or v == "" else float(v) for v in values], dtype="float64")
        elif s.type == "bool":
            cols[s.name] = pd.array(values, dtype="boolean")
        else:
            cols[s.name] = pd.array(values, dtype="str")
    return pd.DataFrame(cols, columns=names)


def errors_frame(errors: Iterable[ErrorItem]) -> pd.DataFrame:
    return to_frame(
        "errors",
        [{"file": e.source_file, "stage": e.stage, "reason": e.reason, "page": e.page, "component": e.component}
         for e in errors],
    )


def empty_frame(dataset: Dataset | str) -> pd.DataFrame:
    return to_frame(dataset, [])


def sort_frame(dataset: Dataset | str, df: pd.DataFrame) -> pd.DataFrame:
    """Rows in the documented order: the dataset's key columns, then every other column, left to right."""
    name = dataset.value if isinstance(dataset, Dataset) else str(dataset)
    key = [c for c in SORT_KEYS.get(name, ()) if c in df.columns]
    by = key + [c for c in df.columns if c not in key]
    if df.empty or not by:
        return df.reset_index(drop=True)
    return df.sort_values(by=by, kind="mergesort", na_position="first").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------
# Validation


class DatasetValidationError(ValidationError):
    """A dataset does not satisfy the data dictionary. `dataset`, `columns` and `failures` say where."""

    def __init__(self, dataset: str, columns: list[str], reason: str, source: str = "", failures: Any = None):
        self.dataset = dataset
        self.columns = columns
        self.failures = failures
        where = source or f"{dataset}.csv"
        super().__init__(where, reason)


def _period_order_ok(df: pd.DataFrame) -> pd.Series:
    ok = df["period_end"] >= df["period_start"]
    return (df["period_start"].isna() | df["period_end"].isna() | ok.fillna(True)).astype(bool)


@lru_cache(maxsize=None)
def pandera_schema(dataset: Dataset | str):
    import pandera.pandas as pa

    name = dataset.value if isinstance(dataset, Dataset) else str(dataset)
    columns = {}
    for s in field_specs(name):
        checks = []
        if s.allowed is not None:
            checks.append(pa.Check.isin(list(s.allowed)))
        if name == "documents" and s.name == "sha256":
            checks.append(pa.Check.str_matches(r"^[0-9a-f]{64}$"))
        if name == "documents" and s.name in {"tables", "tables_used", "tables_skipped", "page_count"}:
            checks.append(pa.Check.ge(0))
        if s.name == "document_id":
            checks.append(pa.Check.str_length(min_value=1))
        columns[s.name] = pa.Column(s.pandas_dtype, checks=checks, nullable=s.nullable if s.type != "str" else False,
                                    required=True, description=s.description)
    df_checks = []
    names = set(columns)
    if {"period_start", "period_end"} <= names:
        df_checks.append(pa.Check(_period_order_ok, name="period_end >= period_start",
                                  error="period_end is before period_start"))
    unique = ["source_file"] if name == "documents" else None
    return pa.DataFrameSchema(columns, checks=df_checks, unique=unique, strict=False, ordered=False, coerce=True,
                              name=name, description=DATASET_DESCRIPTIONS.get(name))


# Table-wide checks, as pandera names them in failure cases -> the columns they are about.
_TABLE_CHECK_COLUMNS = {
    "period_end is before period_start": ["period_start", "period_end"],
    "multiple_fields_uniqueness": ["source_file"],  # documents: one row per file
}


def _examples(grp: pd.DataFrame, with_case: bool = True) -> str:
    out = []
    for _, r in grp.head(3).iterrows():
        idx = r.get("index")
        at = f"row {int(idx)}" if idx is not None and not pd.isna(idx) else ""
        case = repr(r.get("failure_case")) if with_case else ""
        out.append(" at ".join(x for x in (case, at) if x))
    return ", ".join(out)


def _describe_failures(dataset: str, fc: pd.DataFrame) -> tuple[list[str], str]:
    """A sentence per failing (column, check): which column, which rule, how many values, a few examples."""
    parts: list[str] = []
    cols: list[str] = []
    fc = fc.copy()
    fc["check"] = fc["check"].astype(str)
    missing = fc[fc["check"] == "column_in_dataframe"]
    if not missing.empty:
        names = sorted({str(c) for c in missing["failure_case"]})
        cols.extend(names)
        parts.append("missing column" + ("s " if len(names) > 1 else " ") + ", ".join(f"'{n}'" for n in names))
    rest = fc[fc["check"] != "column_in_dataframe"]
    table_level = rest[rest["schema_context"].astype(str) == "DataFrameSchema"]
    column_level = rest[rest["schema_context"].astype(str) != "DataFrameSchema"]
    for check, grp in table_level.groupby("check", sort=True):
        involved = _TABLE_CHECK_COLUMNS.get(check, [])
        cols.extend(c for c in involved if c not in cols)
        rows = grp.drop_duplicates("index") if "index" in grp else grp
        n = len(rows)
        label = ("column" + ("s " if len(involved) > 1 else " ") + ", ".join(f"'{c}'" for c in involved)
                 if involved else "the table")
        what = "has duplicate values" if check == "multiple_fields_uniqueness" else f"fails '{check}'"
        parts.append(f"{label} {what} ({n} row{'s' if n != 1 else ''}, e.g. {_examples(rows, False)})")
    for (column, check), grp in column_level.groupby([column_level["column"].astype(str), "check"], sort=True):
        if column not in cols:
            cols.append(column)
        n = len(grp)
        parts.append(f"column '{column}' fails {check} ({n} value{'s' if n != 1 else ''}, e.g. {_examples(grp)})")
    return cols, f"dataset {dataset}: " + "; ".join(parts)


def validate(dataset: Dataset | str, df: pd.DataFrame, source: str = "") -> pd.DataFrame:
    """The frame coerced to the dictionary's types, or `DatasetValidationError` naming dataset and column(s)."""
    import pandera.errors as pe

    name = dataset.value if isinstance(dataset, Dataset) else str(dataset)
    schema = pandera_schema(name)
    try:
        out = schema.validate(df, lazy=True)
    except pe.SchemaErrors as exc:
        cols, reason = _describe_failures(name, exc.failure_cases)
        raise DatasetValidationError(name, cols, reason, source, exc.failure_cases) from None
    except pe.SchemaError as exc:  # pragma: no cover - lazy=True normally collects them
        raise DatasetValidationError(name, [], f"dataset {name}: {exc}", source) from None
    return out[column_names(name) + [c for c in out.columns if c not in column_names(name)]]
