"""Nothing silent, through the real `process-documents` flow: every table the reader finds is a row of tables.csv
(used by which extractors, or skipped and why); the skipped ones are listed with their reasons in the run's
summary, in the Prefect artifact the run creates and in what `ituplans run` prints; a document whose tables were
all skipped and that gave no row is `partial` with the reasons, not `ok` with 0 rows.

Documents: the opening of a 2020-2023 strategic plan (a definitional grid, a results table whose header is not
understood) as .docx and as PDF through LibreOffice, a financial plan of family M with a table of shares in per
cent, and a results-based operational plan of family R whose every table is read."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from extractors.table_report import DEFINITIONS, SHARES, SKIPPED, UNRECOGNIZED, USED
from flows.process import run_batch
from pipeline.cli import app
from tests.extractors.families.builder import build
from tests.extractors.families.matrices_and_wrappers import FP16
from tests.extractors.families.results_based import R_OP
from tests.extractors.rendering import convert
from tests.extractors.test_table_report import OPENING
from tests.extractors.unseen.builder import Doc, P, T

NOT_UNDERSTOOD = "looks like a results-framework table but its header is not understood"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    built = tmp_path_factory.mktemp("built")
    docs = tmp_path_factory.mktemp("tables-docs")
    for doc in (OPENING, FP16, R_OP):
        shutil.copy(build(doc, built)["docx"], docs)
    pdf = convert([docs / f"{OPENING.stem}.docx"], built, ["pdf"])[(OPENING.stem, "pdf")]
    shutil.copy(pdf, docs)
    return docs


def _csv(path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, dtype=str)


def _artifact_of(run_id: str) -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["process-documents"])))
    texts = [a.data for a in found if isinstance(a.data, str) and a.data.startswith(f"# process-documents {run_id}")]
    assert len(texts) == 1, [a.data[:60] for a in found]
    return texts[0]


def test_every_table_is_published_and_every_skipped_one_listed_with_its_reason(prefect_harness, folder, tmp_path):
    out = tmp_path / "out"
    summary = run_batch([folder], out)
    latest = out / "latest"
    tables = _csv(latest / "tables.csv")
    docs = _csv(latest / "documents.csv").set_index("source_file")
    assert (latest / "tables.parquet").exists()
    assert list(pd.read_parquet(latest / "tables.parquet").columns) == list(tables.columns)

    # one row per table the reader found, in every document; used rows say by whom, skipped rows why
    per_file = tables.groupby("source_file").size().to_dict()
    assert per_file == {f: int(n) for f, n in docs["tables"].items()}
    used, skipped = tables[tables.status == USED], tables[tables.status == SKIPPED]
    assert len(used) + len(skipped) == len(tables)
    assert (used.used_by != "").all() and (used.reason == "").all()
    assert (skipped.used_by == "").all() and (skipped.reason != "").all()
    assert (tables[tables.source_file == f"{R_OP.stem}.docx"].status == USED).all()  # family R: every table read

    grid = {f"{OPENING.stem}.{x}" for x in ("docx", "pdf")}
    for file in grid:
        rows = tables[tables.source_file == file].sort_values("table_index")
        assert list(rows.status) == [SKIPPED, SKIPPED]
        assert rows.reason.iloc[0] == DEFINITIONS and rows.header.iloc[0] == "RBM planning | Implementation"
        assert rows.reason.iloc[1].startswith(NOT_UNDERSTOOD)
    pdf_rows = tables[tables.source_file == f"{OPENING.stem}.pdf"]
    assert (pdf_rows.page == "1").all()  # a PDF says where the table is
    assert (tables[tables.source_file == f"{OPENING.stem}.docx"].page == "").all()
    shares = skipped[skipped.source_file == f"{FP16.stem}.docx"]
    assert list(shares.reason) == [SHARES]

    # a document whose tables were all skipped and that gave no row: partial, the reasons named
    errors = _csv(latest / "errors.csv")
    for file in grid:
        assert docs.loc[file, "status"] == "partial" and docs.loc[file, "tables_skipped"] == "2"
        reason = errors[errors.file == file].reason.tolist()
        assert len(reason) == 1 and reason[0].startswith("nothing recognized: all 2 tables were skipped")
        assert f"table_index 0: {DEFINITIONS}" in reason[0] and f"table_index 1: {NOT_UNDERSTOOD}" in reason[0]
    assert docs.loc[f"{FP16.stem}.docx", "status"] == "ok"  # a table skipped, rows from the others

    # the run's summary and its Prefect artifact list every skipped table with its reason
    listed = {(d.source_file, t.table_index, t.reason) for d in summary.documents for t in d.skipped_tables}
    assert listed == {(r.source_file, int(r.table_index), r.reason) for r in skipped.itertuples()}
    artifact = _artifact_of(summary.run_id)
    assert f"## Skipped tables ({len(skipped)})" in artifact
    for r in skipped.itertuples():
        escaped = r.reason.replace("|", "\\|")  # a markdown table cell
        start, end = f"| {r.source_file} | {r.table_index} | {r.page} | ", f" | {escaped} |"
        assert any(line.startswith(start) and line.endswith(end) for line in artifact.splitlines()), (start, end)


def test_the_command_prints_every_skipped_table_with_its_reason(prefect_harness, folder, tmp_path):
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    skipped = _csv(tmp_path / "out" / "latest" / "tables.csv").query("status == 'skipped'")
    assert f"Skipped tables ({len(skipped)}; tables.csv lists every table, used or not):" in lines
    for r in skipped.itertuples():
        where = f"table_index {r.table_index}" + (f", page {r.page}" if r.page else "")
        assert any(line.startswith(f"  {r.source_file}  {where} “") and line.endswith(f"”: {r.reason}")
                   for line in lines), (r.source_file, r.table_index, result.output)


COVER_ONLY = Doc("council-note-2019", [
    P("COUNCIL 2019"),
    T([["1 Subject: DELEGATES AT THE PLENIPOTENTIARY CONFERENCE", ""],
       ["2 Purpose\nThis document informs the Council of the number of delegates by region.", "Ref. doc."],
       ["3 Recommendation\nThe Council is invited to take note of this document.", ""]]),
    P("Delegates by region"),
    T([["Region", "Delegates"], ["Africa", "120"], ["Europe", "310"]]),
])


def test_a_document_with_a_cover_read_and_no_rows_names_its_skipped_tables(tmp_path):
    """The one document path (no Prefect): a Council cover box read for the title, the other table skipped, no row
    anywhere: partial, and the reason names the skipped table, not only a count."""
    from pipeline.steps import process_document

    result = process_document(build(COVER_ONLY, tmp_path)["docx"])
    rows = {r.table_index: (r.status, r.used_by, r.reason) for r in result.extraction.table_rows}
    assert rows == {0: (USED, "documents", ""), 1: (SKIPPED, "", UNRECOGNIZED)}
    assert result.status == "partial"
    assert [e.reason for e in result.errors] == [
        f"nothing recognized: none of its 2 tables gave rows (skipped: table_index 1: {UNRECOGNIZED}), and no rows "
        "in the text (0 rows)"]
