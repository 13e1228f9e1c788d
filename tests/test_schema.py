"""The dataset contract: declarations (pipeline/datasets), what derives from them (records, pandera schemas,
gold keys, review layout, datapackage.json, docs/DATA_DICTIONARY.md) and validation (pipeline/schema.py)."""

from __future__ import annotations

import dataclasses
import pickle
import typing

import pandas as pd
import pytest

from pipeline import datasets, gold, records, schema
from pipeline.datasets import dictionary, model
from pipeline.datasets.fields import NO_DEFAULT
from pipeline.exceptions import ValidationError
from pipeline.records import RECORD_TYPES, Dataset, DocumentRecord, ErrorItem, Objective, WorkMonths, columns

SHA = "a" * 64


def test_data_dictionary_is_generated_from_the_declarations():
    committed = dictionary.DICTIONARY_PATH.read_text(encoding="utf-8")
    assert committed == dictionary.render(), (
        "docs/DATA_DICTIONARY.md is stale: run `python -m pipeline.datasets` and commit the result")
    for name, res in datasets.all_resources().items():
        section = committed.split(f"## {name}.csv", 1)[1].split("\n## ", 1)[0]
        for f in res.fields:
            assert f"| {f.name} | " in section, f"{name}.{f.name} is not in its dictionary section"


def test_every_dataset_has_a_schema_matching_its_record_type():
    for d in Dataset:
        assert schema.column_names(d) == columns(d)
        assert schema.pandera_schema(d) is not None
        assert schema.DATASET_DESCRIPTIONS[d.value]


def test_records_are_the_declarations():
    """Field order, types and defaults of every record dataclass are those declared; each is bound in
    pipeline.records under its declared name, so pickle (the task cache, Dask) finds it."""
    for d in Dataset:
        res = datasets.resource(d)
        cls = RECORD_TYPES[d]
        assert getattr(records, res.record) is cls, f"pipeline/records.py lacks `{res.record} = record_type(...)`"
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
        hints = typing.get_type_hints(cls)
        assert [f.name for f in dataclasses.fields(cls)] == list(res.columns)
        for f, spec in zip(dataclasses.fields(cls), res.fields):
            assert hints[f.name] == spec.python_type, f"{d.value}.{f.name}"
            assert f.default == (dataclasses.MISSING if spec.default is NO_DEFAULT else spec.default)
    row = WorkMonths("d", "PP", "", "SGO", "", "department", "2009", 2009, 2009, 1.5)
    assert row.table_index == -1 and row.review_status == "extracted"
    assert pickle.loads(pickle.dumps(row)) == row
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.unit = "C&P"  # type: ignore[misc]


def test_gold_keys_and_review_layout_come_from_the_declarations():
    from pipeline import gold_rows

    for d in Dataset:
        res = datasets.resource(d)
        assert gold.KEYS[d] == res.gold_key
        assert gold_rows.GOLD_COLUMNS[d] == (*res.review_columns, "notes")
        assert gold_rows.MAY_BE_EMPTY[d] == set(res.review_may_be_empty)
        # every record field is in the gold layout, an id, set by the review itself, or carried from extraction
        covered = set(res.review_columns) | gold_rows.ID_COLUMNS | {"source_file", "review_status"} | set(gold_rows._CARRIED)
        assert d is Dataset.DOCUMENTS or set(res.columns) <= covered, d.value
    assert gold.NUMERIC == {"period_start", "period_end", "work_months", "quantity", "amount_chf", "target_year"}
    assert gold_rows.ID_COLUMNS == {"output_id", "unit_id"}


def test_gold_drafting_tool_writes_the_declared_gold_layout():
    """gold/build/ drafts gold files without importing the pipeline: its column lists must follow the declarations
    (they once lacked `strategic_relationship` and `status`)."""
    import importlib.util
    from pathlib import Path

    from pipeline import gold_rows

    path = Path(__file__).resolve().parents[1] / "gold" / "build" / "drafts.py"
    spec = importlib.util.spec_from_file_location("gold_drafts", path)
    drafts = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(drafts)
    assert {name: tuple(cols) for name, cols in drafts.COLS.items()} == \
        {d.value: gold_rows.GOLD_COLUMNS[d] for d in Dataset}


def test_reconciliation_tables_are_declared():
    from pipeline.reconcile.core import CANDIDATE_COLUMNS
    from pipeline.reconcile.registry import ALIAS_COLUMNS, ENTITY_COLUMNS
    from pipeline.reconcile.results import LINK_COLUMNS

    from pipeline.reconcile.history import LINEAGE_COLUMNS

    assert datasets.names("reconcile") == ["entities", "entity_aliases", "entity_candidates", "entity_lineage",
                                           "result_links"]
    assert LINEAGE_COLUMNS == schema.column_names("entity_lineage")
    assert ENTITY_COLUMNS == schema.column_names("entities")
    assert ALIAS_COLUMNS == schema.column_names("entity_aliases")
    assert CANDIDATE_COLUMNS == schema.column_names("entity_candidates")
    assert LINK_COLUMNS == schema.column_names("result_links")


def test_every_column_has_a_description():
    for name, res in datasets.all_resources().items():
        assert res.description, name
        for spec in res.fields:
            assert spec.description, f"{name}.{spec.name}"


def test_to_frame_types_and_empty_strings():
    df = schema.to_frame(Dataset.DOCUMENTS, [DocumentRecord("d", "d.txt", SHA, "text", "T", "other", None, None)])
    assert list(df.columns) == columns(Dataset.DOCUMENTS)
    assert str(df["period_start"].dtype) == "Int64"
    assert df["period_start"].isna().all()
    assert df.loc[0, "body"] == ""
    assert schema.validate(Dataset.DOCUMENTS, df).shape == df.shape


def test_empty_frames_validate():
    for name in schema.all_dataset_names():
        out = schema.validate(name, schema.empty_frame(name))
        assert list(out.columns) == schema.column_names(name)


def test_disallowed_value_names_dataset_and_column():
    rows = [WorkMonths("d", "PP", "", "SGO", "", "bogus", "2009-2011", 2009, 2011, 1.5)]
    with pytest.raises(schema.DatasetValidationError) as info:
        schema.validate(Dataset.WORK_MONTHS, schema.to_frame(Dataset.WORK_MONTHS, rows), source="x.txt")
    err = info.value
    assert isinstance(err, ValidationError) and err.stage == "validate"
    assert err.dataset == "work_months"
    assert err.columns == ["row_kind"]
    assert "work_months" in str(err) and "row_kind" in str(err) and "bogus" in str(err)
    assert str(err).startswith("x.txt: ")


@pytest.mark.parametrize(
    "dataset,column,value",
    [
        (Dataset.OBJECTIVES, "kind", "aim"),
        (Dataset.OBJECTIVES, "scope", "ITU-X"),
        (Dataset.OBJECTIVES, "review_status", "guessed"),
        (Dataset.DOCUMENTS, "format", "xlsx"),
        (Dataset.DOCUMENTS, "status", "meh"),
    ],
)
def test_allowed_values(dataset, column, value):
    if dataset is Dataset.OBJECTIVES:
        row = Objective("d", "ITU-R", "objective", "1", "", "Some statement of the objective")
    else:
        row = DocumentRecord("d", "d.txt", SHA, "text", "T", "other", 2008, 2011)
    df = schema.to_frame(dataset, [row])
    schema.validate(dataset, df)  # the valid row passes
    df.loc[0, column] = value
    with pytest.raises(schema.DatasetValidationError) as info:
        schema.validate(dataset, df)
    assert column in info.value.columns


def test_wrong_type_is_reported():
    df = schema.to_frame(Dataset.WORK_MONTHS, [WorkMonths("d", "PP", "", "SGO", "", "total", "2009", 2009, 2009, 1.0)])
    df["work_months"] = df["work_months"].astype(object)
    df.loc[0, "work_months"] = "many"
    with pytest.raises(schema.DatasetValidationError) as info:
        schema.validate(Dataset.WORK_MONTHS, df)
    assert "work_months" in info.value.columns


def test_missing_column_is_reported():
    df = schema.to_frame(Dataset.ACTIVITIES, []).drop(columns=["code"])
    with pytest.raises(schema.DatasetValidationError) as info:
        schema.validate(Dataset.ACTIVITIES, df)
    assert info.value.columns == ["code"]
    assert "missing column 'code'" in str(info.value)


def test_period_order_and_required_numbers():
    rows = [WorkMonths("d", "PP", "", "SGO", "", "department", "2011-2009", 2011, 2009, 1.0)]
    with pytest.raises(schema.DatasetValidationError) as info:
        schema.validate(Dataset.WORK_MONTHS, schema.to_frame(Dataset.WORK_MONTHS, rows))
    assert set(info.value.columns) == {"period_start", "period_end"}
    rows = [WorkMonths("d", "PP", "", "SGO", "", "department", "2009", None, 2009, 1.0)]  # type: ignore[arg-type]
    with pytest.raises(schema.DatasetValidationError) as info:
        schema.validate(Dataset.WORK_MONTHS, schema.to_frame(Dataset.WORK_MONTHS, rows))
    assert "period_start" in info.value.columns


def test_documents_one_row_per_file():
    row = DocumentRecord("d", "d.txt", SHA, "text", "T", "other", 2008, 2011)
    with pytest.raises(schema.DatasetValidationError) as info:
        schema.validate(Dataset.DOCUMENTS, schema.to_frame(Dataset.DOCUMENTS, [row, row]))
    assert info.value.columns == ["source_file"]


def test_sort_is_deterministic_whatever_the_input_order():
    rows = [
        WorkMonths("b", "PP", "", "SGO", "", "department", "2009", 2009, 2009, 1.0, 2, "b.txt"),
        WorkMonths("a", "PP", "", "SGO", "", "department", "2009", 2009, 2009, 2.0, 1, "a.txt"),
        WorkMonths("a", "PP", "", "C&P", "", "department", "2009", 2009, 2009, 3.0, 1, "a.txt"),
    ]
    one = schema.sort_frame(Dataset.WORK_MONTHS, schema.to_frame(Dataset.WORK_MONTHS, rows))
    two = schema.sort_frame(Dataset.WORK_MONTHS, schema.to_frame(Dataset.WORK_MONTHS, rows[::-1]))
    pd.testing.assert_frame_equal(one, two)
    assert list(one["unit"]) == ["C&P", "SGO", "SGO"]
    for name, res in datasets.all_resources().items():
        assert set(res.sort_key) <= set(res.columns), name


def test_errors_frame():
    df = schema.errors_frame([ErrorItem("x.pdf", "read", "empty", 3)])
    assert list(df.columns) == ["file", "stage", "reason", "page", "component"]
    schema.validate("errors", df)


def test_record_types_cover_every_dataset():
    assert set(RECORD_TYPES) == set(Dataset)


def test_reconciliation_tables_are_typed_validated_and_sorted():
    """Reconciliation hands over text (`"3"`, `"95.0"`): published typed, in the declared order."""
    text = pd.DataFrame({
        "entity_id": ["out-0002", "out-0001"], "kind": ["output", "output"], "scope": ["GS", "GS"],
        "canonical_name": ["Council", "Plenipotentiary Conference"], "status": ["active", "review"],
        "merged_into": ["", ""], "origin": ["new", "review"], "first_document_id": ["d", "d"],
        "n_aliases": ["3", ""], "n_documents": ["1", "1"], "notes": ["", None],
    })
    out = schema.sort_frame("entities", schema.validate("entities", schema.typed_frame("entities", text)))
    assert list(out["entity_id"]) == ["out-0001", "out-0002"]
    assert str(out["n_aliases"].dtype) == "Int64" and out["n_aliases"].isna().tolist() == [True, False]
    assert list(out["notes"]) == ["", ""]
    bad = text.assign(n_documents=["1", "many"], kind=["output", "person"])
    with pytest.raises(schema.DatasetValidationError) as info:
        schema.validate("entities", schema.typed_frame("entities", bad))
    assert set(info.value.columns) == {"kind", "n_documents"}


def test_datapackage_describes_declared_tables_and_passes_others_through():
    from pipeline.publish import datapackage, prepare_tables

    links = pd.DataFrame([{"document_id": "d", "output_id": "out-0001", "from_horizon": "2006-2007",
                           "from_result_number": "1", "from_result": "A", "to_horizon": "2008-2011",
                           "to_result_number": "1", "to_result": "A", "score": "100.0", "method": "same",
                           "source_file": "d.txt"}])
    tables = prepare_tables({}, [], {"result_links": links, "scratch": pd.DataFrame({"b": ["2", "1"]})})
    assert list(tables) == [*schema.all_dataset_names(), "result_links", "scratch"]
    assert list(tables["scratch"]["b"]) == ["1", "2"]
    package = datapackage(tables, {}, "run-1", extra_tables=("scratch",))
    res = {r["name"]: r for r in package["resources"]}
    fields = {f["name"]: f for f in res["result_links"]["schema"]["fields"]}
    assert fields["score"]["type"] == "number" and fields["method"]["constraints"]["enum"] == ["same", "reworded"]
    assert all(f["description"] for f in fields.values())
    assert res["result_links"]["x-sort-key"][0] == "document_id"
    assert res["scratch"]["schema"]["fields"] == [{"name": "b", "type": "string"}]


def test_a_new_dataset_is_one_declaration(monkeypatch):
    """A table declared in RESOURCE_METADATA (columns in FIELD_METADATA) is validated, described in
    datapackage.json and documented, with no other change."""
    from pipeline.datasets import fields, resources
    from pipeline.publish import datapackage, prepare_tables

    monkeypatch.setitem(fields.FIELD_METADATA, "successor_id", {"type": "str", "description": "The successor."})
    monkeypatch.setitem(resources.RESOURCE_METADATA, "lineage_example", {
        "description": "One row per entity replaced by another.", "stage": "reconcile",
        "fields": ["entity_id", "successor_id", "score"], "sort_key": ["entity_id"]})
    model._resources.cache_clear()
    try:
        res = datasets.resource("lineage_example")
        assert res.field("score").type == "float" and res.field("entity_id").description
        frame = pd.DataFrame({"entity_id": ["out-2", "out-1"], "successor_id": ["out-3", "out-4"],
                              "score": ["91.5", "88"]})
        tables = prepare_tables({}, [], {"lineage_example": frame})
        assert list(tables["lineage_example"]["entity_id"]) == ["out-1", "out-2"]
        described = [r for r in datapackage(tables, {}, "run-1")["resources"] if r["name"] == "lineage_example"][0]
        assert described["description"] == "One row per entity replaced by another."
        assert "## lineage_example.csv — one row per entity replaced by another" in dictionary.render()
        with pytest.raises(schema.DatasetValidationError):
            prepare_tables({}, [], {"lineage_example": frame.assign(score=["high", "1"])})
    finally:
        monkeypatch.undo()
        model._resources.cache_clear()
    assert not datasets.is_declared("lineage_example")


@pytest.mark.parametrize(
    "meta,message",
    [
        ({"fields": ["document_id", "nonesuch"]}, "lineage_bad.nonesuch: no type"),
        ({"sort_key": ["document_id", "title"]}, "sort_key names column(s) ['title']"),
        ({"stage": "guess"}, "stage must be one of"),
        ({"fields": ["document_id", "table_index", "code"]}, "'code' has no default but comes after 'table_index'"),
        ({"review": {"columns": ["document_id"], "may_be_empty": ["code"]}}, "review.may_be_empty"),
        ({"colour": "red"}, "unknown attribute(s) ['colour']"),
    ],
)
def test_contradicting_declarations_fail_with_the_place_named(meta, message):
    base = {"description": "x", "stage": "extract", "record": "LineageBad", "fields": ["document_id", "code"],
            "sort_key": ["document_id"], "gold_key": ["code"], "review": {"columns": ["document_id", "code"]}}
    with pytest.raises(model.DeclarationError) as info:
        model.build_resource("lineage_bad", {**base, **meta})
    assert message in str(info.value)
