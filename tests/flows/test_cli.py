"""The `ituplans` command line: arguments, exit codes, what it prints."""

from __future__ import annotations

from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "run" in result.output and "evaluate" in result.output


def test_unknown_task_runner_is_refused():
    result = runner.invoke(app, ["run", "--task-runner", "processes"])
    assert result.exit_code == 2


def test_run_publishes_and_exits_zero_when_one_document_is_good(prefect_harness, good_text_file, tmp_path):
    (good_text_file.parent / "empty.pdf").write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(good_text_file.parent), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert good_text_file.name in result.output and "empty.pdf" in result.output
    assert "failed" in result.output and "Published" in result.output
    assert (out / "latest" / "documents.csv").exists()


def test_run_exits_non_zero_when_every_document_failed(prefect_harness, tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["run", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Every document failed" in result.output
    assert not (tmp_path / "out" / "latest").exists()


def test_run_exits_non_zero_when_nothing_is_found(prefect_harness, tmp_path):
    (tmp_path / "empty-folder").mkdir()
    result = runner.invoke(app, ["run", str(tmp_path / "empty-folder"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "No documents found" in result.output
