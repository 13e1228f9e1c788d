"""pipeline/schema.py: the data dictionary as code."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline import schema
from pipeline.exceptions import ValidationError
from pipeline.records import RECORD_TYPES, Dataset, DocumentRecord, ErrorItem, Objective, WorkMonths, columns

DICTIONARY = Path(__file__).resolve().parents[1] / "docs" / "DATA_DICTIONARY.md"
SHA = "a" * 64


def _dictionary_tables() -> dict[str, dict[str, tuple[str, str]]]:
    """{dataset: {column: (type, required)}} parsed from docs/DATA_DICTIONARY.md."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    current = None
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^## (.+)", line)
        if m:
            names = re.findall(r"([a-z_]+)\.csv", m.group(1))
            current = names if names else None
            continue
        if not current or not line.startswith("|") or line.startswith("|---") or line.startswith("| column |"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) < 3:
            continue
        cols = [c.strip() for c in re.split(r"[,/]", cells[0]) if c.strip()]
        for ds in current:
            for c in cols:
                out.setdefault(ds, {})[c] = (cells[1], cells[2])
    return out


def test_every_dataset_has_a_schema_matching_its_record_type():
    for d in Dataset:
        assert schema.column_names(d) == columns(d)
        assert schema.pandera_schema(d) is not None
        assert schema.DATASET_DESCRIPTIONS[d.value]


def test_schema_agrees_with_the_data_dictionary():
    documented = _dictionary_tables()
    assert set(d.value for d in Dataset) <= set(documented), "every dataset is documented"
    for d in Dataset:
        specs = {s.name: s for s in schema.field_specs(d)}
        for column, (typ, required) in documented[d.value].items():
            if column in ("kpi", "risk") and column not in specs:
                continue  # "kpi / risk": one column in each of the two tables
            if column in ("category", "outcome_number") and d is Dataset.RISKS:
                continue  # "kpis only"
            assert column in specs, f"{d.value}.{column} is documented but not in pipeline/records.py"
            spec = specs[column]
            if typ:
                assert spec.type == typ, f"{d.value}.{column}: dictionary says {typ}, records say {spec.type}"
            assert spec.required == (required != "no"), f"{d.value}.{column}: required flag differs"
            assert spec.description, f"{d.value}.{column} has no description"


def test_every_column_has_a_description():
    for name in schema.all_dataset_names():
        for spec in schema.field_specs(name):
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
    for name, key in schema.SORT_KEYS.items():
        assert set(key) <= set(schema.column_names(name)), name


def test_errors_frame():
    df = schema.errors_frame([ErrorItem("x.pdf", "read", "empty", 3)])
    assert list(df.columns) == ["file", "stage", "reason", "page", "component"]
    schema.validate("errors", df)


def test_record_types_cover_every_dataset():
    assert set(RECORD_TYPES) == set(Dataset)
