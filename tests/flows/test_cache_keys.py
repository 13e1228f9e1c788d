"""Cache keys follow everything that changes a step's outcome: the code it runs (derived from its imports) and
the limits it reads under. Regression tests for two stale-cache bugs: the extract key left out
`pipeline/reconcile/learn.py` and `normalize.py` (the glossary cached with the extraction comes from them), and a
document refused by a size or page limit stayed refused from the cache after the limit was raised."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flows.tasks as ft
import pipeline.fingerprint as fingerprint
from pipeline.limits import Limits

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tree_copy(tmp_path, monkeypatch):
    """A copy of the project's packages, fingerprinted in place of the real ones."""
    for package in fingerprint.PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "ROOT", tmp_path)
    for fn in (fingerprint.step_modules, fingerprint.code_fingerprint):
        fn.cache_clear()
    yield tmp_path
    for fn in (fingerprint.step_modules, fingerprint.code_fingerprint):
        fn.cache_clear()


@pytest.mark.parametrize("changed, steps", [
    ("pipeline/reconcile/learn.py", {"extract"}),
    ("pipeline/reconcile/normalize.py", {"extract"}),
    ("extractors/vocab/terms.csv", {"extract"}),
    ("pipeline/readers/text_rows.py", {"read"}),  # the extract and validate keys hold the read digest too
    ("pipeline/schema.py", {"validate"}),
    ("pipeline/steps.py", {"read", "extract", "validate"}),
])
def test_editing_code_a_step_runs_changes_its_key(tree_copy, changed, steps):
    before = {s: fingerprint.code_fingerprint(s) for s in fingerprint.STEP_ENTRIES}
    with open(tree_copy / changed, "a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    fingerprint.code_fingerprint.cache_clear()
    after = {s: fingerprint.code_fingerprint(s) for s in fingerprint.STEP_ENTRIES}
    assert {s for s in before if before[s] != after[s]} >= steps


def test_editing_the_flow_changes_no_step_key(tree_copy):
    before = {s: fingerprint.code_fingerprint(s) for s in fingerprint.STEP_ENTRIES}
    with open(tree_copy / "flows" / "summary.py", "a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    fingerprint.code_fingerprint.cache_clear()
    assert before == {s: fingerprint.code_fingerprint(s) for s in fingerprint.STEP_ENTRIES}


_PROBE = r"""
import json, sys
from pipeline import steps
def project():
    return {m for m in sys.modules if m.split(".")[0] in ("pipeline", "extractors", "flows")}
loaded = {}
seen = project()
r = steps.read(sys.argv[1])
loaded["read"] = sorted(project() - seen); seen = project()
r = steps.extract(r)
loaded["extract"] = sorted(project() - seen); seen = project()
steps.finish(r)
loaded["validate"] = sorted(project() - seen)
print(json.dumps(loaded))
"""


@pytest.mark.parametrize("sample", ["strategic-plan-2008-2011.txt", "gs-operational-plan-2008-2011.docx"])
def test_the_derived_modules_cover_what_a_real_run_of_each_step_loads(sample):
    out = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT / "samples" / sample)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded["read"] and loaded["extract"]  # the probe saw the steps load code
    for step, modules in loaded.items():
        missing = set(modules) - fingerprint.step_modules(step)
        assert not missing, f"{step} runs {sorted(missing)}, which its cache key does not cover"


def test_the_limits_are_part_of_the_read_key(good_text_file):
    default = ft.read_cache_key(None, {"path": str(good_text_file)})
    assert default == ft.read_cache_key(None, {"path": str(good_text_file), "limits": Limits()})
    assert ft.read_cache_key(None, {"path": str(good_text_file), "limits": Limits(max_pages=3)}) != default
    assert ft.read_cache_key(None, {"path": str(good_text_file),
                                    "limits": Limits(max_file_bytes=10)}) != default


def test_a_document_refused_by_a_limit_is_read_again_when_the_limit_is_raised(good_text_file):
    tight = ft.read_task.fn(str(good_text_file), limits=Limits(max_file_bytes=10))
    assert tight.failed_stage == "read" and "ITUPLANS_MAX_FILE_MB" in tight.errors[0].reason
    assert ft.read_cache_key(None, {"path": str(good_text_file), "limits": Limits(max_file_bytes=10)}) != \
        ft.read_cache_key(None, {"path": str(good_text_file), "limits": Limits()})
    assert ft.read_task.fn(str(good_text_file), limits=Limits()).failed_stage is None
