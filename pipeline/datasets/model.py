"""`Field` and `Resource`: the declarations of `fields.py` and `resources.py` merged, checked and frozen.

Everything else derives from these objects: the record dataclasses (`record_type`), the pandera schemas
(pipeline/schema.py), the gold keys (pipeline/gold.py), the review layout (pipeline/gold_rows.py), the Frictionless
descriptor (`frictionless.py`) and docs/DATA_DICTIONARY.md (`dictionary.py`). A declaration that contradicts
itself (an unknown column, a sort key naming a column the dataset lacks, a field without a type) fails here, at
import, with the dataset and column named.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from dataclasses import MISSING, dataclass
from functools import lru_cache
from typing import Any

from pipeline.datasets.fields import FIELD_METADATA, FIELD_METADATA_BY_RESOURCE, NO_DEFAULT
from pipeline.datasets.resources import RESOURCE_METADATA, Dataset

TYPES = {"str": str, "int": int, "float": float, "bool": bool}
STAGES = ("extract", "run", "reconcile")
ROLES = ("data", "id", "provenance")
GOLD_NOTES = "notes"  # the free-text column every gold file / companion CSV ends with
REVIEW_STAMP = ("source_file", "review_status")  # set by the review workflow itself when gold rows are applied
_FIELD_KEYS = {"type", "description", "required", "nullable", "allowed", "default", "role", "min_length", "minimum",
               "pattern"}
_RESOURCE_KEYS = {"description", "stage", "record", "fields", "sort_key", "unique", "gold_key", "review", "details"}


class DeclarationError(ValueError):
    """The dataset declarations contradict themselves (a programming error, raised at import)."""


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # "str" | "int" | "float" | "bool"
    description: str
    required: bool = True  # part of the contract (the dictionary's "required" column)
    nullable: bool = False  # numbers only: a missing value is an empty CSV cell / Parquet null
    allowed: tuple[str, ...] | None = None
    default: Any = NO_DEFAULT
    role: str = "data"
    min_length: int | None = None
    minimum: float | None = None
    pattern: str | None = None

    @property
    def pandas_dtype(self) -> str:
        return {"str": "str", "int": "Int64", "float": "float64", "bool": "boolean"}[self.type]

    @property
    def frictionless_type(self) -> str:
        return {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}[self.type]

    @property
    def python_type(self) -> Any:
        base = TYPES[self.type]
        return base | None if self.nullable else base

    @property
    def empty(self) -> Any:
        """The value of a missing cell: "" for text, None for numbers."""
        return "" if self.type == "str" else None


@dataclass(frozen=True)
class Resource:
    name: str
    description: str
    stage: str
    fields: tuple[Field, ...]
    sort_key: tuple[str, ...]
    record: str | None = None
    unique: tuple[str, ...] = ()
    gold_key: tuple[str, ...] = ()
    review_columns: tuple[str, ...] = ()
    review_may_be_empty: frozenset[str] = frozenset()
    details: str = ""

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def gold_columns(self) -> tuple[str, ...]:
        """The layout of gold/<document_id>/<name>.csv and of the reviewer's companion CSV."""
        return (*self.review_columns, GOLD_NOTES) if self.review_columns else ()

    @property
    def numeric_gold_key(self) -> frozenset[str]:
        """Gold key columns compared as numbers (the others as normalized text)."""
        return frozenset(c for c in self.gold_key if self.field(c).type in ("int", "float"))

    @property
    def id_columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.role == "id")

    @property
    def carried(self) -> dict[str, Any]:
        """Record fields a gold row does not carry: taken from the matching extracted row when gold is applied,
        else this value (the field's default, or empty)."""
        skip = set(self.review_columns) | set(self.id_columns) | set(REVIEW_STAMP)
        return {f.name: (f.empty if f.default is NO_DEFAULT else f.default) for f in self.fields if f.name not in skip}


def _fail(where: str, what: str) -> DeclarationError:
    return DeclarationError(f"pipeline/datasets: {where}: {what}")


def build_field(resource: str, name: str) -> Field:
    meta = {**FIELD_METADATA.get(name, {}), **FIELD_METADATA_BY_RESOURCE.get(resource, {}).get(name, {})}
    where = f"{resource}.{name}"
    unknown = set(meta) - _FIELD_KEYS
    if unknown:
        raise _fail(where, f"unknown attribute(s) {sorted(unknown)}")
    if meta.get("type") not in TYPES:
        raise _fail(where, "no type (declare the column in fields.FIELD_METADATA, or for this dataset in "
                           "FIELD_METADATA_BY_RESOURCE) or a type other than " + "/".join(TYPES))
    if not meta.get("description"):
        raise _fail(where, "no description")
    if meta.get("role", "data") not in ROLES:
        raise _fail(where, f"role must be one of {ROLES}")
    if meta.get("nullable") and meta["type"] == "str":
        raise _fail(where, "text columns are never null (a missing text is the empty string)")
    allowed = meta.get("allowed")
    return Field(name=name, **{**meta, "allowed": tuple(allowed) if allowed is not None else None})


def _check_columns(name: str, what: str, columns: tuple[str, ...], known: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in known]
    if missing:
        raise _fail(name, f"{what} names column(s) {missing} the dataset does not have")


def build_resource(name: str, meta: dict[str, Any]) -> Resource:
    unknown = set(meta) - _RESOURCE_KEYS
    if unknown:
        raise _fail(name, f"unknown attribute(s) {sorted(unknown)}")
    stage = meta.get("stage")
    if stage not in STAGES:
        raise _fail(name, f"stage must be one of {STAGES}")
    names = tuple(meta["fields"])
    if len(set(names)) != len(names):
        raise _fail(name, "a column is listed twice")
    fields = tuple(build_field(name, f) for f in names)
    review = meta.get("review", {})
    res = Resource(
        name=name,
        description=meta["description"],
        stage=stage,
        fields=fields,
        sort_key=tuple(meta["sort_key"]),
        record=meta.get("record"),
        unique=tuple(meta.get("unique", ())),
        gold_key=tuple(meta.get("gold_key", ())),
        review_columns=tuple(review.get("columns", ())),
        review_may_be_empty=frozenset(review.get("may_be_empty", ())),
        details=meta.get("details", ""),
    )
    for what in ("sort_key", "unique", "gold_key", "review_columns"):
        _check_columns(name, what, getattr(res, what), names)
    _check_columns(name, "review.may_be_empty", tuple(res.review_may_be_empty), res.review_columns)
    if stage == "extract" and not (res.record and res.gold_key and res.review_columns):
        raise _fail(name, "a record dataset needs `record`, `gold_key` and `review`")
    if stage == "reconcile" and res.record:
        raise _fail(name, "reconciliation's tables are DataFrames: no `record`")
    if res.record:
        seen_default = None
        for f in fields:
            if f.default is not NO_DEFAULT:
                seen_default = f.name
            elif seen_default:
                raise _fail(name, f"column {f.name!r} has no default but comes after {seen_default!r}, which has "
                                  "one (record fields with defaults must come last)")
    return res


@lru_cache(maxsize=None)
def _resources() -> dict[str, Resource]:
    out = {name: build_resource(name, meta) for name, meta in RESOURCE_METADATA.items()}
    extract = [n for n, r in out.items() if r.stage == "extract"]
    members = [d.value for d in Dataset]
    if extract != members:
        raise _fail("resources.Dataset", f"the members {members} must be the record datasets {extract}, in the "
                                         "order of RESOURCE_METADATA")
    for resource, overrides in FIELD_METADATA_BY_RESOURCE.items():
        if resource not in out:
            raise _fail(f"FIELD_METADATA_BY_RESOURCE[{resource!r}]", "no such dataset")
        _check_columns(resource, "FIELD_METADATA_BY_RESOURCE", tuple(overrides), out[resource].columns)
    return out


def all_resources() -> dict[str, Resource]:
    """Every declared dataset by name, in publishing order."""
    return dict(_resources())


def _key(name: Dataset | str) -> str:
    return str(name.value) if isinstance(name, Enum) else str(name)


def resource(name: Dataset | str) -> Resource:
    key = _key(name)
    try:
        return _resources()[key]
    except KeyError:
        raise KeyError(f"no dataset {key!r} is declared in pipeline/datasets/resources.py") from None


def is_declared(name: Dataset | str) -> bool:
    return _key(name) in _resources()


def names(stage: str | None = None) -> list[str]:
    return [n for n, r in _resources().items() if stage is None or r.stage == stage]


@lru_cache(maxsize=None)
def record_type(dataset: Dataset | str, module: str = "pipeline.records") -> type:
    """The frozen row dataclass of a dataset declared with a `record` (every record dataset, and the run's
    `tables`): one field per column, in CSV order, typed and defaulted as declared. `module` is where the class is
    bound under its declared name (pickle finds it there)."""
    res = resource(dataset)
    if not res.record:
        raise _fail(res.name, "only datasets declared with a `record` (stage 'extract', tables) have a row dataclass")
    spec = [(f.name, f.python_type, dataclasses.field(default=MISSING if f.default is NO_DEFAULT else f.default))
            for f in res.fields]
    cls = dataclasses.make_dataclass(res.record, spec, frozen=True)
    cls.__module__ = module
    cls.__doc__ = f"A row of {res.name}.csv: {res.description[0].lower()}{res.description[1:]}"
    return cls
