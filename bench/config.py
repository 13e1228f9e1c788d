"""The settings of one benchmark run (from the command line) and its scratch folder."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from bench.inputs import BENCH, ROOT, STEMS, pdf_pages
from bench.prefect_env import PrefectEnv


@dataclass
class Config:
    """--quick is a smoke run: one repetition, the strategic plan only where a section takes one sample per
    format, 4 copies at scale and no Prefect run at scale."""

    samples: Path
    quick: bool = False
    copies: int = 200
    tools: list[str] = field(default_factory=list)
    scale_threads: bool = True
    results: Path | None = None
    work: Path | None = None  # the scratch folder, while `scratch()` is open
    _prefect: PrefectEnv | Exception | None = field(default=None, init=False, repr=False)

    @property
    def repeat(self) -> int:
        return 1 if self.quick else 3

    @property
    def stems(self) -> list[str]:
        """The samples a per-sample section runs on."""
        return STEMS[:1] if self.quick else STEMS

    def pages(self, stem: str) -> int:
        return pdf_pages(stem, self.samples)

    @property
    def results_path(self) -> Path:
        return self.results or (BENCH / "out" / "RESULTS-quick.md" if self.quick else BENCH / "RESULTS.md")

    @property
    def raw_path(self) -> Path:
        """The results as JSON (`run.py --render-only` redoes the markdown from it)."""
        return BENCH / "out" / ("results-quick.json" if self.quick else "results.json")

    @contextmanager
    def scratch(self) -> Iterator[Path]:
        """A temporary folder for the run's outputs, removed at the end."""
        self.work = Path(tempfile.mkdtemp(prefix="ituplans-bench-"))
        try:
            yield self.work
        finally:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None

    def prefect(self) -> PrefectEnv:
        """The throwaway Prefect home of this run (made on first use, shared by the sections that run
        `ituplans run`); raises, every time, what kept it from being made. --quick uses the project's own
        .prefect/ (migrated by `make setup`) to save the migration."""
        if self._prefect is None:
            try:
                self._prefect = PrefectEnv(self.work, home=ROOT / ".prefect" if self.quick else None)
            except Exception as exc:
                self._prefect = exc
        if isinstance(self._prefect, Exception):
            raise self._prefect
        return self._prefect

