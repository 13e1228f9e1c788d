"""`ituplans evaluate OUTPUT`: the F1 table a reviewer reads, from a published folder."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.frames import frames_of
from pipeline.records import Dataset


def test_evaluate_prints_f1_per_dataset_and_format(tmp_path, sample_extraction):
    extraction = sample_extraction("strategic-plan-2008-2011", "txt")
    # one wrong link: precision and recall of that dataset drop below 1
    links = extraction.datasets[Dataset.LINKS]
    broken = replace(extraction, datasets={**extraction.datasets, Dataset.LINKS: links[1:] + [replace(links[0], output="Nowhere")]})
    for dataset, frame in frames_of([broken]).items():
        frame.to_csv(tmp_path / f"{dataset.value}.csv", index=False)
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path), "--csv", str(tmp_path / "scores.csv")], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "strategic-plan-2008-2011" in result.output and "txt" in result.output
    scores = (tmp_path / "scores.csv").read_text()
    assert "output_objective_links,131,131,130" in scores
    assert "objectives,31,31,31" in scores


def test_evaluate_without_a_published_version_says_what_to_do(tmp_path):
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "ituplans run" in result.output


def test_piped_messages_are_never_wrapped(tmp_path):
    r"""Regression: a message naming a long path was wrapped at 120 columns in piped output (a log line cut in two,
    `run \`ituplans` / `run\` first`); piped output now keeps each message on one line."""
    folder = tmp_path / ("a-folder-with-a-long-name-" * 6) / "nothing"
    result = CliRunner().invoke(app, ["evaluate", str(folder)])
    assert result.exit_code == 2
    assert f"no published datasets in {folder}; run `ituplans run` first" in result.output.splitlines()


def _published(tmp_path, extraction) -> None:
    for dataset, frame in frames_of([extraction]).items():
        frame.to_csv(tmp_path / f"{dataset.value}.csv", index=False)


def test_a_wrong_value_outside_the_key_is_not_a_match(tmp_path, sample_extraction):
    """Issue 16: goal 7's title with the next heading glued on scored 1.000, since only key columns counted. Every
    published column the gold has counts now, and the per-column report names the column."""
    extraction = sample_extraction("strategic-plan-2008-2011", "docx")
    objectives = extraction.datasets[Dataset.OBJECTIVES]
    wrong = [replace(o, title=o.title + " PART V- Financial Plan") if (o.kind, o.number) == ("goal", "7") else o
             for o in objectives]
    _published(tmp_path, replace(extraction, datasets={**extraction.datasets, Dataset.OBJECTIVES: wrong}))
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path), "--csv", str(tmp_path / "scores.csv")],
                                env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    scores = pd.read_csv(tmp_path / "scores.csv").set_index("dataset")
    assert (scores.true_positives["objectives"], scores.key_matches["objectives"]) == (30, 31)
    assert scores.f1["objectives"] < 1 and scores.f1.drop("objectives").min() == 1.0
    columns = pd.read_csv(tmp_path / "scores.columns.csv")
    objective_columns = columns[columns.dataset == "objectives"].set_index("column")
    assert list(objective_columns.index) == ["scope", "kind", "number", "title", "text"]
    assert objective_columns.f1[objective_columns.f1 < 1].index.tolist() == ["title"]
    assert re.search(r"objectives\s*│\s*title\s*│\s*0\.968", result.output), result.output
    assert "Every column matches gold" not in result.output


def test_every_column_matching_says_so(tmp_path, sample_extraction):
    _published(tmp_path, sample_extraction("strategic-plan-2008-2011", "txt"))
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path)], env={"COLUMNS": "160"})
    assert result.exit_code == 0 and "Every column matches gold." in result.output, result.output
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path), "--columns"], env={"COLUMNS": "160"})
    assert re.search(r"documents\s*│\s*title\s*│\s*1\.000", result.output), result.output
