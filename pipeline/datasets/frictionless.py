"""The Frictionless (Tabular Data Package) view of the declarations: `datapackage.json` of a published version.

Field types, descriptions, the contract flag (`x-contract`), allowed values (`constraints.enum`), numbers that may
not be missing (`constraints.required`) and the sort key (`x-sort-key`) all come from the declaration; a table
no declaration names is described as text columns.

`x-pandas-read-csv` gives each CSV's `pandas.read_csv` arguments for the declared types: text stays text (an
objective `number` such as `1` would otherwise read as an integer, an empty text cell as NaN), numbers read as
numbers with an empty cell as missing:

    res = next(r for r in package["resources"] if r["name"] == "objectives")
    pd.read_csv("output/latest/objectives.csv", **res["x-pandas-read-csv"])
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from pipeline.datasets.model import Field, Resource, is_declared, resource


def field_descriptor(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "type": f.frictionless_type, "description": f.description,
                           "x-contract": "required" if f.required else "optional"}
    constraints: dict[str, Any] = {}
    if f.allowed is not None:
        constraints["enum"] = list(f.allowed)
    if f.type != "str" and not f.nullable:
        constraints["required"] = True
    if constraints:
        out["constraints"] = constraints
    return out


def pandas_read_csv(fields: Sequence[Field]) -> dict[str, Any]:
    """`pandas.read_csv` keyword arguments that read a CSV of these fields with their declared types."""
    numbers = [f.name for f in fields if f.type != "str"]
    return {"dtype": {f.name: f.pandas_dtype for f in fields}, "keep_default_na": False,
            "na_values": {name: [""] for name in numbers}}


def schema_descriptor(res: Resource) -> dict[str, Any]:
    return {"fields": [field_descriptor(f) for f in res.fields], "missingValues": [""]}


def resource_descriptor(name: str, columns: Sequence[str], file: Mapping[str, Any] | None = None,
                        undeclared: bool = False) -> dict[str, Any]:
    """One table of a version: its declaration, or (a table no declaration names) its columns as text."""
    if undeclared or not is_declared(name):
        table_schema: dict[str, Any] = {"fields": [{"name": c, "type": "string"} for c in columns],
                                        "missingValues": [""]}
        desc = f"{name} (published by a later stage; see pipeline/reconcile/)."
        sort_key: list[str] = []
        read_csv: dict[str, Any] = {"dtype": {c: "str" for c in columns}, "keep_default_na": False}
    else:
        declared = resource(name)
        table_schema, desc, sort_key = schema_descriptor(declared), declared.description, list(declared.sort_key)
        read_csv = pandas_read_csv(declared.fields)
    out: dict[str, Any] = {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": desc,
        "schema": table_schema,
        "x-parquet": f"{name}.parquet",
        "x-pandas-read-csv": read_csv,
    }
    if sort_key:
        out["x-sort-key"] = sort_key
    if file:
        out["bytes"] = file["bytes"]
        out["hash"] = f"sha256:{file['sha256']}"
    return out


def package_descriptor(tables: Mapping[str, Sequence[str]], files: Mapping[str, Mapping[str, Any]], *, run_id: str,
                       version: str, created: str, extra_tables: Sequence[str] = ()) -> dict[str, Any]:
    """A Frictionless Tabular Data Package descriptor for the CSVs of one version. `tables`: name -> columns, in
    publishing order; `files`: `<name>.csv` -> {bytes, sha256}; `extra_tables`: published as text."""
    return {
        "profile": "tabular-data-package",
        "name": "ituplans",
        "title": "ITU Council planning documents as datasets",
        "description": "Datasets extracted from ITU Council strategic, operational and financial plans. "
        "See docs/DATA_DICTIONARY.md.",
        "version": version,
        "id": run_id,
        "created": created,
        "resources": [resource_descriptor(name, columns, files.get(f"{name}.csv"), name in extra_tables)
                      for name, columns in tables.items()],
    }
