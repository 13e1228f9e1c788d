"""A published version against gold, computed once per run for what the run reports (the summary `ituplans run`
prints, the Prefect artifact of the flow): F1 per file and dataset in every column the gold has, and which
columns differ, with the F1 of each (the scores of `ituplans evaluate` and `ituplans evaluate --columns`,
pipeline/gold.py). Only the documents that have gold are scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DatasetScore:
    source_file: str
    document_id: str
    dataset: str
    f1: float  # rows equal to a gold row in every column the gold has
    gold_rows: int
    extracted_rows: int
    matched: int
    differing: tuple[tuple[str, float], ...] = ()  # (column, per-column F1) of the columns that differ, gold order

    @property
    def matches(self) -> bool:
        return self.f1 >= 1.0 and not self.differing

    def columns_text(self) -> str:
        """`title 0.000, group 0.667`: the columns that differ from gold."""
        return ", ".join(f"{c} {f:.3f}" for c, f in self.differing)


@dataclass(frozen=True)
class GoldScores:
    scores: tuple[DatasetScore, ...] = ()
    problem: str = ""  # why the version could not be scored (the run is published all the same)

    def f1(self) -> dict[str, dict[str, float]]:
        """file -> dataset -> F1 (rounded to 3 places)."""
        out: dict[str, dict[str, float]] = {}
        for s in self.scores:
            out.setdefault(s.source_file, {})[s.dataset] = round(s.f1, 3)
        return out

    def differing(self) -> list[DatasetScore]:
        return [s for s in self.scores if not s.matches]

    def text_lines(self) -> list[str]:
        """What the run summary prints: a line per file, then one per dataset that differs from gold."""
        if self.problem:
            return [f"Not scored against gold: {self.problem}"]
        lines = []
        for file in dict.fromkeys(s.source_file for s in self.scores):
            mine = [s for s in self.scores if s.source_file == file]
            bad = [s for s in mine if not s.matches]
            lines.append(f"{file}: {len(mine) - len(bad)} of {len(mine)} datasets match gold in every column"
                         + (":" if bad else ""))
            for s in bad:
                lines.append(f"  {s.dataset}: F1 {s.f1:.3f} ({s.matched} of {s.gold_rows} gold rows, "
                             f"{s.extracted_rows} published); columns that differ: {s.columns_text() or 'none'}")
        return lines

    def markdown_lines(self) -> list[str]:
        """The artifact's sections: F1 per file and dataset, then the columns that differ."""
        if self.problem:
            return ["", "## Against gold", "", f"Not scored: {self.problem}"]
        if not self.scores:
            return []
        f1 = self.f1()
        names = list(dict.fromkeys(s.dataset for s in self.scores))
        lines = ["", "## F1 against gold", "", "Rows equal to a gold row in every column the gold has "
                 "(`ituplans evaluate`).", "", "| file | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
        for file, scores in f1.items():
            lines.append(f"| {file} | " + " | ".join(f"{scores[n]:.3f}" if n in scores else "" for n in names) + " |")
        bad = self.differing()
        lines += ["", "## Columns that differ from gold", ""]
        if not bad:
            return lines + ["Every column of every dataset with gold matches it."]
        lines += ["F1 per column: rows compared on the gold key and that column (`ituplans evaluate --columns`).", "",
                  "| file | dataset | F1 | columns that differ (F1) |", "|---|---|---:|---|"]
        for s in bad:
            lines.append(f"| {s.source_file} | {s.dataset} | {s.f1:.3f} | {s.columns_text() or 'none'} |")
        return lines


def score_version(version_dir: str | Path, gold_dir: str | Path | None = None) -> GoldScores:
    """Every (file, dataset) of a published version that has gold, with the columns that differ: those whose value
    alone keeps rows from matching (`pipeline.gold.columns_at_fault`), else those whose per-column F1 is below 1
    (`ituplans evaluate --columns`). A version that cannot be scored gives the reason in `problem`, never an
    exception: scoring is a report on a run that is already published."""
    from pipeline.gold import GOLD_DIR, column_scores, columns_at_fault, read_published, score, with_gold

    gold_dir = Path(gold_dir) if gold_dir else GOLD_DIR
    scores = []
    try:
        for doc_id, file, dataset, frame, gold in with_gold(read_published(Path(version_dir)), gold_dir):
            s = score(frame, gold, dataset, doc_id, file)
            per_column = {c.column: round(c.f1, 3) for c in column_scores(frame, gold, dataset, doc_id, file)}
            below = [c for c, f1 in per_column.items() if f1 < 1.0]
            named = (columns_at_fault(frame, gold, dataset) or below) if s.f1 < 1.0 or below else ()
            scores.append(DatasetScore(file, doc_id, dataset.value, s.f1, s.gold_rows, s.extracted_rows,
                                       s.true_positives, tuple((c, per_column.get(c, 0.0)) for c in named)))
    except Exception as exc:  # a report on a published run: say why, do not fail the run
        return GoldScores(problem=f"{type(exc).__name__}: {exc}")
    return GoldScores(tuple(scores))
