"""`ituplans evaluate OUTPUT`: the F1 table a reviewer reads, from a published folder."""

from __future__ import annotations

from dataclasses import replace

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
