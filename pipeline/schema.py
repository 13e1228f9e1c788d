"""Frames and validation derived from the dataset declarations (pipeline/datasets/): the contract as pandas and
pandera.

Column names, order, types, required flags, allowed values and descriptions are declared once in
`pipeline/datasets/` (fields.py, resources.py); this module only turns a declaration into a typed DataFrame
(`to_frame`, `typed_frame`), a pandera schema (`pandera_schema`) and the documented row order (`sort_frame`).
Every dataset is validated with `validate()` before it is published; a failure raises `DatasetValidationError`
naming the dataset and the failing column(s).

Row order: rows are sorted by the dataset's declared sort key, then by every remaining column left to right, so
the same inputs give byte-identical files. The same keys identify a row in the changelog ("changed" = same
key, other values differ).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable

import pandas as pd

from pipeline.datasets import Dataset, Field, all_resources, is_declared, names, resource
from pipeline.datasets.fields import (  # noqa: F401  (the vocabularies, re-exported for callers)
    COLUMN_KINDS,
    ERROR_STAGES,
    FIELD_METADATA,
    FORMATS,
    OBJECTIVE_KINDS,
    PLAN_KINDS,
    REVIEW_STATUSES,
    ROW_KINDS,
    SCOPES,
    STATUSES,
)
from pipeline.exceptions import ValidationError
from pipeline.records import ErrorItem

FieldSpec = Field  # the name this module used before the declarations moved to pipeline/datasets

# Derived views, kept for callers that read them (pipeline/gold_rows.py, pipeline/publish).
ALLOWED: dict[str, tuple[str, ...]] = {n: tuple(m["allowed"]) for n, m in FIELD_METADATA.items() if m.get("allowed")}
ALLOWED_PER_DATASET: dict[tuple[str, str], tuple[str, ...]] = {
    (r.name, f.name): f.allowed for r in all_resources().values() for f in r.fields
    if f.allowed is not None and f.allowed != ALLOWED.get(f.name)
}
DATASET_DESCRIPTIONS: dict[str, str] = {r.name: r.description for r in all_resources().values()}
SORT_KEYS: dict[str, tuple[str, ...]] = {r.name: r.sort_key for r in all_resources().values()}


def _name(dataset: Dataset | str) -> str:
    return dataset.value if isinstance(dataset, Dataset) else str(dataset)


def field_specs(dataset: Dataset | str) -> tuple[Field, ...]:
    return resource(dataset).fields


def column_names(dataset: Dataset | str) -> list[str]:
    return list(resource(dataset).columns)


def all_dataset_names() -> list[str]:
    """Every table each run publishes, in publishing order: the record datasets, then errors. (Reconciliation's
    tables, `names("reconcile")`, are published beside them when a run reconciles.)"""
    return names("extract") + names("run")


# ---------------------------------------------------------------------------------------------------------
# Frames


def _cell(value: Any, spec: FieldSpec) -> Any:
    if spec.type == "str":
        return "" if value is None else str(value)
    return value


def to_frame(dataset: Dataset | str, rows: Iterable[Any]) -> pd.DataFrame:
    """A typed DataFrame with the dataset's columns in order, from record dataclasses, dicts or tuples."""
    specs = field_specs(dataset)
    order = [s.name for s in specs]
    data: dict[str, list] = {n: [] for n in order}
    for row in rows:
        if isinstance(row, dict):
            get = row.get
        elif hasattr(row, "__dataclass_fields__"):
            get = lambda n, _r=row: getattr(_r, n, None)  # noqa: E731
        else:
            values = dict(zip(order, row))
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
    return pd.DataFrame(cols, columns=order)


def typed_frame(dataset: Dataset | str, df: pd.DataFrame) -> pd.DataFrame:
    """A frame of a declared dataset built elsewhere (reconciliation's tables hold text, e.g. `"3"`, `"95.0"`):
    its declared columns in order, numbers parsed (empty -> missing; a column with an unparsable value is left as
    it is, for `validate` to report), missing text as "". Columns the declaration does not name are kept after."""
    out = {}
    for s in field_specs(dataset):
        if s.name not in df.columns:
            continue  # reported by validate() as a missing column
        col = df[s.name]
        if s.type in ("int", "float"):
            blank = col.isna() | (col.astype("str").str.strip() == "")
            parsed = pd.to_numeric(col.mask(blank), errors="coerce")
            if (parsed.notna() | blank).all():
                try:
                    col = parsed.astype("Int64" if s.type == "int" else "float64")
                except (TypeError, ValueError):
                    pass  # 3.5 in an int column: left for validate() to report
        elif s.type == "str":
            col = col.fillna("").astype("str")
        out[s.name] = col
    known = list(out)
    rest = [c for c in df.columns if c not in known]
    return pd.concat([pd.DataFrame(out, index=df.index), df[rest]], axis=1)


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
    declared = resource(dataset).sort_key if is_declared(dataset) else ()
    key = [c for c in declared if c in df.columns]
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

    res = resource(dataset)
    columns = {}
    for s in res.fields:
        checks = []
        if s.allowed is not None:
            checks.append(pa.Check.isin(list(s.allowed)))
        if s.pattern is not None:
            checks.append(pa.Check.str_matches(s.pattern))
        if s.minimum is not None:
            checks.append(pa.Check.ge(s.minimum))
        if s.min_length is not None:
            checks.append(pa.Check.str_length(min_value=s.min_length))
        columns[s.name] = pa.Column(s.pandas_dtype, checks=checks, nullable=s.nullable if s.type != "str" else False,
                                    required=True, description=s.description)
    df_checks = []
    if {"period_start", "period_end"} <= set(columns):
        df_checks.append(pa.Check(_period_order_ok, name=_PERIOD_CHECK, error=_PERIOD_ERROR))
    return pa.DataFrameSchema(columns, checks=df_checks, unique=list(res.unique) or None, strict=False,
                              ordered=False, coerce=True, name=res.name, description=res.description)


_PERIOD_CHECK = "period_end >= period_start"
_PERIOD_ERROR = "period_end is before period_start"  # pandera reports a failed custom check by its error


def _table_check_columns(dataset: str, check: str) -> list[str]:
    """The columns a table-wide check (as pandera names it in failure cases) is about."""
    if check in (_PERIOD_CHECK, _PERIOD_ERROR):
        return ["period_start", "period_end"]
    if check == "multiple_fields_uniqueness":
        return list(resource(dataset).unique)
    return []


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
        involved = _table_check_columns(dataset, check)
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

    name = _name(dataset)
    schema = pandera_schema(name)
    try:
        out = schema.validate(df, lazy=True)
    except pe.SchemaErrors as exc:
        cols, reason = _describe_failures(name, exc.failure_cases)
        raise DatasetValidationError(name, cols, reason, source, exc.failure_cases) from None
    except pe.SchemaError as exc:  # pragma: no cover - lazy=True normally collects them
        raise DatasetValidationError(name, [], f"dataset {name}: {exc}", source) from None
    return out[column_names(name) + [c for c in out.columns if c not in column_names(name)]]
