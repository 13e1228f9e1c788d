"""Which code each step runs, found from its imports, and a digest of it: the code part of the cache keys.

A cached step is valid only while the code it ran is unchanged. Listing that code by hand went wrong (the extract
key left out `pipeline/reconcile/learn.py` and `normalize.py`, which the extract step runs to build the glossary
it caches), so it is derived: from each step's entry modules (`STEP_ENTRIES`), every project module they import
is followed, statically (the `import` statements of the source, function-local ones included), to the end. The
data files beside those modules (`extractors/vocab/*.csv` ...) count too. `tests/flows/test_cache_keys.py` checks
the derivation against the modules a real run of each step loads.
"""

from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "extractors", "flows")
DATA_SUFFIXES = {".csv", ".json", ".txt"}

# The modules a step's function in `pipeline/steps.py` calls into. steps.py itself counts for every step, but its
# imports are not followed (it imports what all three steps run).
STEP_ENTRIES: dict[str, tuple[str, ...]] = {
    "read": ("pipeline.readers", "pipeline.limits"),
    "extract": ("extractors", "pipeline.reconcile.learn"),
    "validate": ("pipeline.schema", "pipeline.reviewed", "pipeline.gold"),
}
STEPS_MODULE = "pipeline.steps"


def _module_file(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def imported_names(name: str, path: Path) -> set[str]:
    """Every module named by the import statements of one module, function-local ones included (relative
    imports resolved; `from pkg import x` gives `pkg` and `pkg.x`, since x may be a submodule)."""
    tree = ast.parse(path.read_bytes(), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import submodule`
    return found


def _imports(name: str, path: Path) -> set[str]:
    """The project modules among `imported_names`."""
    return {m for m in imported_names(name, path) if m.split(".")[0] in PACKAGES and _module_file(m) is not None}


def _with_parents(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}  # importing a.b runs a/__init__.py


@lru_cache(maxsize=None)
def step_modules(step: str) -> frozenset[str]:
    """Every project module the step's entry modules import, directly or not."""
    todo = [m for entry in STEP_ENTRIES[step] for m in _with_parents(entry)]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        if path is not None:
            todo.extend(m for imp in _imports(name, path) for m in _with_parents(imp))
    return frozenset(m for m in seen if _module_file(m) is not None)


def step_files(step: str) -> list[Path]:
    """The step's modules and the data files in their folders (not in sub-packages: those count when imported)."""
    files: set[Path] = {_module_file(STEPS_MODULE)}
    for name in step_modules(step):
        path = _module_file(name)
        files.add(path)
        folder = path.parent
        for f in folder.rglob("*"):
            if f.suffix in DATA_SUFFIXES and f.is_file() and "__pycache__" not in f.parts:
                sub = f.parent
                if sub == folder or not any((p / "__init__.py").exists()
                                            for p in [sub, *sub.parents] if p.is_relative_to(folder) and p != folder):
                    files.add(f)
    return sorted(files)


@lru_cache(maxsize=None)
def code_fingerprint(step: str) -> str:
    """A short digest of the files `step_files(step)` lists (paths and contents)."""
    if step not in STEP_ENTRIES:
        raise ValueError(f"unknown step {step!r}")
    h = hashlib.sha256()
    for f in step_files(step):
        h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:12]
