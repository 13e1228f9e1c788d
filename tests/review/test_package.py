"""The shape of the reviewer workflow (issue 12): production never imports it, its modules import each other one way
only (function-local imports count), and each stays small enough to read."""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from pipeline.fingerprint import imported_names

from .conftest import REPO

PACKAGE = REPO / "pipeline" / "review"
PRODUCTION = ("pipeline", "extractors", "flows", "bench")
# The command line registers the reviewer commands beside the others: the one way in.
ENTRY = REPO / "pipeline" / "cli.py"


def _module(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


def _reviewer_imports(path: Path) -> set[str]:
    return {i for i in imported_names(_module(path), path) if i == "pipeline.review" or i.startswith("pipeline.review.")}


def test_production_code_never_imports_the_reviewer_workflow():
    users = {}
    for top in PRODUCTION:
        for path in (REPO / top).rglob("*.py"):
            if path.is_relative_to(PACKAGE) or path == ENTRY:
                continue
            found = _reviewer_imports(path)
            if found:
                users[str(path.relative_to(REPO))] = sorted(found)
    assert users == {}
    assert _reviewer_imports(ENTRY) == {"pipeline.review.cli", "pipeline.review.cli.gold_app",
                                        "pipeline.review.cli.review_command"}


def test_no_import_circle_in_the_package():
    modules = {_module(p): p for p in PACKAGE.glob("*.py")}
    graph = {name: {i for i in imported_names(name, path) if i in modules and i != name and i != "pipeline.review"}
             for name, path in modules.items()}
    assert graph["pipeline.review"] == set()  # the package's __init__ only documents
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        pytest.fail(f"import circle: {exc.args[1]}")
    assert set(order) == set(modules)


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
