"""After a run of the operational plan (.docx) through the real flow:

- `ituplans review` takes the document's read and extract results from the run's cache (the flow's own keys,
  pipeline/cache.py) instead of reading the document again, and writes the same review files; a cache entry of
  other code or other limits is not used, a damaged one is read around;
- the run's summary and its Prefect artifact say which columns differ from gold (one gold value is changed in
  the copy of gold/ the run uses: its column, and only it, is reported)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import extractors
import pipeline.cache
import pipeline.readers
import pipeline.steps
from flows.process import run_batch
from pipeline.limits import Limits
from pipeline.review.report import build_report
from pipeline.settings import CACHE_DIR

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "gs-operational-plan-2008-2011.docx"
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


@pytest.fixture(scope="module")
def after_run(prefect_harness, tmp_path_factory):
    """The sample run once through the flow (which leaves its read / extract results in the cache)."""
    base = tmp_path_factory.mktemp("review-cache")
    doc = base / "in" / SAMPLE.name
    doc.parent.mkdir()
    shutil.copy(SAMPLE, doc)
    gold = base / "gold"
    shutil.copytree(REPO / "gold" / "gs-operational-plan-2008-2011", gold / "gs-operational-plan-2008-2011")
    risks = gold / "gs-operational-plan-2008-2011" / "risks.csv"
    text = risks.read_text(encoding="utf-8")
    assert ",Late contributions," in text
    risks.write_text(text.replace(",Late contributions,", ",Late or missing contributions,", 1), encoding="utf-8")
    summary = run_batch([doc], base / "out", gold_dir=gold)
    assert [d.status for d in summary.documents] == ["ok"]
    return doc, gold, summary


@pytest.fixture
def calls(monkeypatch):
    """How often the reader, the extractors and the finish step run."""
    counted = {"read": 0, "extract": 0, "finish": 0}

    def counting(name, module, attr):
        real = getattr(module, attr)

        def wrapper(*args, **kwargs):
            counted[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, attr, wrapper)

    counting("read", pipeline.readers, "read_document")
    counting("extract", extractors, "extract_all")
    counting("finish", pipeline.steps, "finish")
    return counted


def review_files(folder: Path) -> dict[str, str]:
    """The files of a review, the time it was built and the document's absolute path taken out."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            out[str(p.relative_to(folder))] = STAMP.sub("<built_at>", p.read_text(encoding="utf-8-sig"))
    return out


def test_a_review_after_a_run_reads_nothing_again_and_writes_the_same_files(after_run, calls, tmp_path):
    doc, gold, _ = after_run
    build_report(doc, tmp_path / "cached", gold)
    assert calls == {"read": 0, "extract": 0, "finish": 0}

    empty = tmp_path / "no-cache"
    empty.mkdir()
    build_report(doc, tmp_path / "read", gold, cache_dir=empty)
    assert calls == {"read": 1, "extract": 1, "finish": 1}  # the counters count: without the cache it is read

    cached, read = review_files(tmp_path / "cached"), review_files(tmp_path / "read")
    assert len(cached) > 10 and "gs-operational-plan-2008-2011/report.html" in cached
    assert cached == read


@pytest.mark.parametrize("changed", ["read code", "extract code", "limits"])
def test_an_entry_of_other_code_or_limits_is_not_used(after_run, calls, tmp_path, monkeypatch, changed):
    doc, gold, _ = after_run
    limits = None
    if changed == "limits":
        limits = Limits(max_pages=Limits().max_pages + 1)
    else:
        step = changed.split()[0]
        real = pipeline.cache.code_fingerprint
        monkeypatch.setattr(pipeline.cache, "code_fingerprint",
                            lambda s: real(s) + "-edited" if s == step else real(s))
    build_report(doc, tmp_path / "review", gold, limits=limits)
    # Other limits or read code: read again (and extracted and finished again unless those entries still fit: the
    # flow's extract and validate keys hold the read and extract code, not the limits). Other extract code: the
    # read is reused.
    expected = {"read code": {"read": 1, "extract": 1, "finish": 1},
                "extract code": {"read": 0, "extract": 1, "finish": 1},
                "limits": {"read": 1, "extract": 0, "finish": 0}}[changed]
    assert calls == expected


def test_a_damaged_entry_is_read_around(after_run, calls, tmp_path):
    doc, gold, _ = after_run
    key = pipeline.cache.read_key(doc, Limits())
    record = CACHE_DIR / "keys" / key
    assert record.is_file()
    copy = tmp_path / "cache"
    shutil.copytree(CACHE_DIR, copy)
    result = copy / key
    result.write_bytes(result.read_bytes()[:-100])  # cut short, as by a run killed while writing it
    (copy / "keys" / key).write_text((copy / "keys" / key).read_text().replace(str(CACHE_DIR), str(copy)))
    build_report(doc, tmp_path / "review", gold, cache_dir=copy)
    assert calls["read"] == 1


def test_the_run_reports_the_columns_that_differ_from_gold(after_run):
    from tests.flows.test_tables_report import _artifact_of

    _, gold, summary = after_run
    (bad,) = summary.gold.differing()
    assert (bad.source_file, bad.dataset, [c for c, _ in bad.differing]) == (SAMPLE.name, "risks", ["risk"])
    assert bad.matched == bad.gold_rows - 1 and 0.9 < bad.f1 < 1
    datasets = len(list((gold / "gs-operational-plan-2008-2011").glob("*.csv")))
    assert summary.gold.text_lines()[0] == f"{SAMPLE.name}: {datasets - 1} of {datasets} datasets match gold in " \
                                           "every column:"
    artifact = _artifact_of(summary.run_id)
    assert "## F1 against gold" in artifact and "## Columns that differ from gold" in artifact
    assert f"| {SAMPLE.name} | risks | {bad.f1:.3f} | risk {bad.differing[0][1]:.3f} |" in artifact
