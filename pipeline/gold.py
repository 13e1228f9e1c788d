"""Gold files (reviewed truth per document) and the evaluation of an extraction against them.

Values are compared after normalization: text without differences of whitespace, case, quotes/dashes and
trailing punctuation; numbers exactly. Id columns never take part (they are generated), nor gold notes.

- Per dataset (`evaluate`, `evaluate_frames`): rows as multisets of tuples of *every published column the gold
  has* (`scored_columns`): a row whose title differs from gold is not a match. `key_matches` counts the rows that
  match on the dataset's gold key alone (`KEYS`), which says whether a row was found at all.
- Per column (`evaluate_columns`, `evaluate_column_frames`): for each scored column, rows as tuples of the key and
  that column, so a wrong value shows in the column it is in (when the column is part of the key, every column
  falls with it: `columns_at_fault` then names the one column whose value alone keeps rows from matching).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from pipeline.datasets import Dataset, resource

GOLD_DIR = Path(__file__).resolve().parent.parent / "gold"
UPDATE_ENV = "ITUPLANS_UPDATE_GOLD"  # golden tests rewrite gold/ only when this is "1" (never in CI)

# The columns that identify a row for evaluation, per dataset (each dataset's declared `gold_key`), and those of
# them compared as numbers (declared int / float).
KEYS: dict[Dataset, tuple[str, ...]] = {d: resource(d).gold_key for d in Dataset}
NUMERIC = frozenset().union(*(resource(d).numeric_gold_key for d in Dataset))


def update_enabled() -> bool:
    return os.environ.get(UPDATE_ENV, "") == "1"


_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-", "\u2010": "-", "\u00a0": " "})


def norm_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_TRANSLATE)
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return text.strip(" .;:,")


def norm_number(value):
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    try:
        return round(float(str(value).replace(",", "").replace("'", "")), 6)
    except ValueError:
        return norm_text(value)


def key_tuples(frame: pd.DataFrame, dataset: Dataset) -> Counter:
    keys = KEYS[dataset]
    out: Counter = Counter()
    if frame is None or frame.empty:
        return out
    for row in frame.to_dict("records"):
        out[tuple(norm_number(row.get(k)) if k in NUMERIC else norm_text(row.get(k)) for k in keys)] += 1
    return out


def scored_columns(dataset: Dataset) -> tuple[str, ...]:
    """The published columns the gold layout holds (all but document_id and the gold's notes)."""
    return tuple(c for c in resource(dataset).review_columns if c != "document_id")


def row_tuples(frame: pd.DataFrame | None, dataset: Dataset, columns: tuple[str, ...]) -> Counter:
    """Rows as normalized tuples of `columns` (numbers compared as numbers), as a multiset."""
    out: Counter = Counter()
    if frame is None or frame.empty:
        return out
    numeric = [resource(dataset).field(c).type in ("int", "float") for c in columns]
    for row in frame.to_dict("records"):
        out[tuple(norm_number(row.get(c)) if n else norm_text(row.get(c)) for c, n in zip(columns, numeric))] += 1
    return out


@dataclass(frozen=True)
class Score:
    document_id: str
    source_file: str
    dataset: str
    gold_rows: int
    extracted_rows: int
    true_positives: int  # rows equal to a gold row in every scored column
    key_matches: int = 0  # rows equal to a gold row in the gold key

    @property
    def precision(self) -> float:
        return self.true_positives / self.extracted_rows if self.extracted_rows else (1.0 if not self.gold_rows else 0.0)

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold_rows if self.gold_rows else (1.0 if not self.extracted_rows else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class ColumnScore(Score):
    column: str = ""


def _matched(extracted: pd.DataFrame | None, gold: pd.DataFrame, dataset: Dataset,
             columns: tuple[str, ...]) -> tuple[int, int, int]:
    """(gold rows, extracted rows, rows in both) compared on `columns`."""
    e, g = row_tuples(extracted, dataset, columns), row_tuples(gold, dataset, columns)
    return sum(g.values()), sum(e.values()), sum((e & g).values())


def _columns_in(extracted: pd.DataFrame | None, gold: pd.DataFrame, dataset: Dataset) -> tuple[str, ...]:
    """The scored columns the gold file has (an older gold file may lack a newer column)."""
    return tuple(c for c in scored_columns(dataset) if c in gold.columns
                 and (extracted is None or c in extracted.columns))


def score(extracted: pd.DataFrame, gold: pd.DataFrame, dataset: Dataset, document_id: str, source_file: str) -> Score:
    gold_rows, extracted_rows, tp = _matched(extracted, gold, dataset, _columns_in(extracted, gold, dataset))
    e, g = key_tuples(extracted, dataset), key_tuples(gold, dataset)
    return Score(document_id, source_file, dataset.value, gold_rows, extracted_rows, tp, sum((e & g).values()))


def column_scores(extracted: pd.DataFrame, gold: pd.DataFrame, dataset: Dataset, document_id: str,
                  source_file: str) -> list[ColumnScore]:
    """One score per scored column: rows compared on the gold key and that column."""
    key = KEYS[dataset]
    out = []
    for column in _columns_in(extracted, gold, dataset):
        columns = key if column in key else (*key, column)
        gold_rows, extracted_rows, tp = _matched(extracted, gold, dataset, columns)
        out.append(ColumnScore(document_id, source_file, dataset.value, gold_rows, extracted_rows, tp, column=column))
    return out


def columns_at_fault(extracted: pd.DataFrame | None, gold: pd.DataFrame, dataset: Dataset) -> tuple[str, ...]:
    """The columns whose value alone keeps rows from matching gold: leaving the column out of the comparison
    matches more rows (a wrong `risk` text names `risk`, where the per-column scores of `column_scores`, which
    pair rows on the gold key, fall for every column when a key column is wrong). Empty when every row matches,
    or when the rows that do not match are missing, extra or wrong in several columns at once."""
    columns = _columns_in(extracted, gold, dataset)
    gold_rows, extracted_rows, full = _matched(extracted, gold, dataset, columns)
    if len(columns) < 2 or full == gold_rows == extracted_rows:
        return ()
    return tuple(c for c in columns
                 if _matched(extracted, gold, dataset, tuple(x for x in columns if x != c))[2] > full)


def differences(extracted: pd.DataFrame, gold: pd.DataFrame, dataset: Dataset) -> tuple[list[tuple], list[tuple]]:
    """(missing: in gold, not extracted; extra: extracted, not in gold) as key tuples."""
    e, g = key_tuples(extracted, dataset), key_tuples(gold, dataset)
    return sorted((g - e).elements()), sorted((e - g).elements())


def load_gold(document_id: str, dataset: Dataset, gold_dir: Path = GOLD_DIR) -> pd.DataFrame | None:
    path = Path(gold_dir) / document_id / f"{dataset.value}.csv"
    if not path.exists():
        return None
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def gold_documents(gold_dir: Path = GOLD_DIR) -> list[str]:
    gold_dir = Path(gold_dir)
    if not gold_dir.exists():
        return []
    return sorted(p.name for p in gold_dir.iterdir() if p.is_dir() and any(p.glob("*.csv")))


def with_gold(frames: dict[Dataset, pd.DataFrame], gold_dir: Path):
    """(document_id, source_file, dataset, that file's published rows, gold) for every gold file of every
    published (document, file)."""
    docs = frames.get(Dataset.DOCUMENTS)
    if docs is None or docs.empty:
        return
    available = set(gold_documents(gold_dir))
    for doc in docs[["document_id", "source_file"]].drop_duplicates().to_dict("records"):
        if doc["document_id"] not in available:
            continue
        for dataset in Dataset:
            gold = load_gold(doc["document_id"], dataset, gold_dir)
            if gold is None:
                continue
            frame = frames.get(dataset)
            if frame is not None and not frame.empty:
                frame = frame[(frame["document_id"] == doc["document_id"]) & (frame["source_file"] == doc["source_file"])]
            yield doc["document_id"], doc["source_file"], dataset, frame, gold


def _table(scores: list, fields: list[str]) -> pd.DataFrame:
    rows = [{**asdict(s), "precision": s.precision, "recall": s.recall, "f1": s.f1} for s in scores]
    return pd.DataFrame(rows, columns=[*fields, "precision", "recall", "f1"])


def evaluate_frames(frames: dict[Dataset, pd.DataFrame], gold_dir: Path = GOLD_DIR) -> pd.DataFrame:
    """Score every (document, file) in published frames (one DataFrame per dataset, with document_id and
    source_file columns) against the gold files that exist for its document: one row per file and dataset."""
    scores = [score(frame, gold, d, doc_id, file) for doc_id, file, d, frame, gold in with_gold(frames, gold_dir)]
    return _table(scores, list(Score.__dataclass_fields__))


def evaluate_column_frames(frames: dict[Dataset, pd.DataFrame], gold_dir: Path = GOLD_DIR) -> pd.DataFrame:
    """One row per file, dataset and scored column (`column_scores`)."""
    scores = [s for doc_id, file, d, frame, gold in with_gold(frames, gold_dir)
              for s in column_scores(frame, gold, d, doc_id, file)]
    return _table(scores, list(ColumnScore.__dataclass_fields__))


def read_published(output_dir: Path) -> dict[Dataset, pd.DataFrame]:
    """The datasets of a published version (a run folder or `output/latest`)."""
    output_dir = Path(output_dir)
    if (output_dir / "latest").exists() and not (output_dir / "documents.csv").exists():
        output_dir = output_dir / "latest"
    frames = {}
    for dataset in Dataset:
        path = output_dir / f"{dataset.value}.csv"
        if path.exists():
            frames[dataset] = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frames


def evaluate(output_dir: Path, gold_dir: Path = GOLD_DIR) -> pd.DataFrame:
    return evaluate_frames(read_published(output_dir), gold_dir)


def evaluate_columns(output_dir: Path, gold_dir: Path = GOLD_DIR) -> pd.DataFrame:
    return evaluate_column_frames(read_published(output_dir), gold_dir)
