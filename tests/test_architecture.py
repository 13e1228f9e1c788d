"""The layering the project keeps (README "Development"), checked on the source itself.

- no production module over 500 lines (tests excluded);
- no import circle among the production packages (function-local imports count: they hide circles);
- extractors are pure functions of the document model: they never import python-docx, pdfplumber or prefect;
- Prefect appears only under flows/;
- the reviewer workflow (pipeline/review/) is not imported by production code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.fingerprint import imported_names

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = ("pipeline", "extractors", "flows", "bench", "scripts", "gold")
PACKAGES = ("pipeline", "extractors", "flows")
MAX_LINES = 500


def _sources(*tops: str) -> list[Path]:
    return sorted(p for top in tops for p in (ROOT / top).rglob("*.py") if "__pycache__" not in p.parts)


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    return imported_names(_module(path), path)


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in _sources(*PACKAGES)}
    graph = {}
    for name, path in files.items():
        targets = set()
        for imp in _imports(path):
            while imp and imp not in files:
                imp = imp.rpartition(".")[0]
            if imp and imp != name and not name.startswith(imp + "."):  # a package's own __init__ is no edge back
                targets.add(imp)
        graph[name] = targets
    return graph


@pytest.mark.parametrize("path", _sources(*PRODUCTION), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it along what it does"


def test_no_import_circle():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = [0]

    def strongconnect(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    assert not circles, f"import circles: {circles}"


@pytest.mark.parametrize("path", _sources("extractors"), ids=lambda p: str(p.relative_to(ROOT)))
def test_extractors_never_import_readers_libraries_or_prefect(path):
    banned = {"docx", "pdfplumber", "pdfminer", "prefect", "pypdfium2", "pipeline.readers"}
    found = {i for i in _imports(path) if i.split(".")[0] in banned or i.startswith("pipeline.readers")}
    assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


@pytest.mark.parametrize("path", _sources("pipeline", "extractors"), ids=lambda p: str(p.relative_to(ROOT)))
def test_prefect_only_in_flows(path):
    assert not {i for i in _imports(path) if i.split(".")[0] == "prefect"}, path.relative_to(ROOT)


def test_production_code_does_not_import_the_reviewer_workflow():
    review = ROOT / "pipeline" / "review"
    users = [p for p in _sources(*PACKAGES) if not p.is_relative_to(review) and p.name != "cli.py"
             and p.name != "review_cli.py"
             and any(i == "pipeline.review" or i.startswith("pipeline.review.") for i in _imports(p))]
    assert not users, [str(p.relative_to(ROOT)) for p in users]
