"""Next-year editions of the two samples (tests/reconcile/editions.py: renames, reorderings, acronyms spelled out,
mergers and a rename announced in the text, outputs dropped and added) reconciled after the samples, in every
format, against the hand-made crosswalk (editions/crosswalk.csv) and lineage (editions/lineage.csv).

Year 1 is both samples with the project's reviewer decisions (the registry as production has it), year 2 both
editions in one run. .docx is the python-docx file itself; PDF and .doc are LibreOffice conversions of the four
.docx (made once per session, two soffice at a time), read back through `read_document`.

`python -m tests.reconcile.test_editions` prints the figures per format.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from extractors import extract_all
from pipeline.readers import read_document
from pipeline.reconcile import reconcile
from pipeline.reconcile.evaluate import crosswalk_scores, lineage_scores
from tests.extractors.rendering import convert, soffice
from tests.reconcile.editions import EDITIONS, GS_NEXT_RENAME_UNSTATED, HERE, SAMPLES, build

from .conftest import DECISIONS

FORMATS = ["docx", "pdf", "doc"]
_cache: dict = {}


def _truth(name: str) -> pd.DataFrame:
    return pd.read_csv(HERE / name, dtype=str, keep_default_na=False)


def files(out_dir: Path, fmt: str) -> tuple[list[Path], list[Path]]:
    """(year 1, year 2) files in one format; the conversions are made once per folder."""
    year1 = [SAMPLES / f"{e.source}.docx" for e in EDITIONS]
    year2 = [build(e, Path(out_dir) / "docx") for e in EDITIONS]
    if fmt == "docx":
        return year1, year2
    if "converted" not in _cache:
        assert soffice(), "LibreOffice (soffice) is needed to make the PDF and .doc renderings"
        _cache["converted"] = convert(year1 + year2, Path(out_dir))
    paths = _cache["converted"]
    return [paths[(p.stem, fmt)] for p in year1], [paths[(p.stem, fmt)] for p in year2]


def run(out_dir: Path, fmt: str):
    """(year 1 result, year 2 result) in one format, in a fresh registry."""
    if fmt not in _cache:
        year1, year2 = files(out_dir, fmt)
        with ThreadPoolExecutor(max_workers=2) as pool:  # a .doc is converted back by soffice: 2 at a time
            docs1, docs2 = list(pool.map(read_document, year1)), list(pool.map(read_document, year2))
        registry = Path(out_dir) / f"registry-{fmt}"
        r1 = reconcile([extract_all(d) for d in docs1], registry, DECISIONS, documents=docs1)
        r2 = reconcile([extract_all(d) for d in docs2], registry, DECISIONS, documents=docs2)
        _cache[fmt] = (r1, r2)
    return _cache[fmt]


def figures(out_dir: Path, fmt: str) -> dict:
    _r1, r2 = run(out_dir, fmt)
    cw = crosswalk_scores(_truth("crosswalk.csv"), r2.aliases, r2.candidates)
    lin = lineage_scores(_truth("lineage.csv"), r2.lineage, r2.aliases)
    return {"format": fmt, "carried_over": cw["carried_over"], "kept": cw["kept"],
            "kept_share": round(cw["kept_share"], 3), "new": cw["new"], "new_ok": cw["new_ok"],
            "false_merges": len(cw["false_merges"]), "missed": len(cw["missed"]),
            "missed_first_in_queue": sum(1 for _n, pos in cw["queued"] if pos <= len(cw["missed"])),
            "lineage_stated": lin["stated"], "lineage_found": lin["found"], "lineage_extra": len(lin["extra"]),
            "_cw": cw, "_lin": lin}


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("editions")


@pytest.mark.parametrize("fmt", FORMATS)
def test_carried_over_entities_keep_their_id(fmt, out_dir, capsys):
    f = figures(out_dir, fmt)
    with capsys.disabled():
        print(f"\n{fmt}: {f['kept']}/{f['carried_over']} carried-over names keep their id, {f['new_ok']}/{f['new']} "
              f"new names new, {f['false_merges']} false merges, lineage {f['lineage_found']}/{f['lineage_stated']} "
              f"(+{f['lineage_extra']}), {f['missed_first_in_queue']}/{f['missed']} misses first in the queue")
    assert f["kept_share"] >= 0.95, f["_cw"]["missed"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_two_different_entities_share_an_id(fmt, out_dir):
    cw = figures(out_dir, fmt)["_cw"]
    assert cw["false_merges"] == []
    assert cw["new_bad"] == [], "a new output or unit got the id of an earlier entity, or none"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_stated_merger_rename_and_abolition_is_a_lineage_row(fmt, out_dir):
    lin = figures(out_dir, fmt)["_lin"]
    assert lin["missing"] == []
    assert lin["extra"] == [], "a lineage row the text does not state"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_misses_sit_first_in_the_review_queue_with_the_right_candidate_first(fmt, out_dir):
    cw = figures(out_dir, fmt)["_cw"]
    assert cw["not_queued"] == []
    assert all(pos <= len(cw["missed"]) for _name, pos in cw["queued"]), cw["queued"]
    _r1, r2 = run(out_dir, fmt)
    queue = r2.candidates
    assert list(queue.groupby("assigned_entity_id", sort=False)["score"].max()) == \
        sorted(queue.groupby("assigned_entity_id", sort=False)["score"].max(), reverse=True)


def test_a_renamed_unit_keeps_its_id_and_a_merger_makes_a_new_one(out_dir):
    """The foreword of the GS edition: SPU renamed SPM (same unit), FIN and PER merged into AFM (a new unit,
    not FIN's or PER's id), each a lineage row with the sentence as evidence."""
    r1, r2 = run(out_dir, "docx")
    units = r1.aliases[(r1.aliases["kind"] == "unit")].set_index("alias")["entity_id"]
    new = r2.aliases[(r2.aliases["kind"] == "unit")].set_index("alias")["entity_id"]
    assert new["SPM"] == units["SPU"]
    assert new["AFM"] not in {units["FIN"], units["PER"]} and new["AFM"] not in set(r1.entities["entity_id"])
    lin = r2.lineage[r2.lineage["kind"] == "unit"].set_index(["from_id", "relation"])
    assert lin.loc[(units["FIN"], "merged_into"), "to_id"] == new["AFM"]
    assert lin.loc[(units["PER"], "merged_into"), "to_id"] == new["AFM"]
    assert lin.loc[(units["SPU"], "renamed"), "to_id"] == units["SPU"]
    assert "have been merged into the Administration and Finance Management Department" in \
        lin.loc[(units["FIN"], "merged_into"), "evidence"]


def test_an_unstated_rename_waits_first_in_the_queue(out_dir):
    """SPU printed SPM with no sentence saying so: SPM is not given SPU's id (nothing says they are one), but
    waits in the queue with SPU as its first candidate, ahead of every name without such evidence."""
    registry = Path(out_dir) / "registry-unstated"
    year1 = [read_document(SAMPLES / f"{GS_NEXT_RENAME_UNSTATED.source}.docx")]
    year2 = [read_document(build(GS_NEXT_RENAME_UNSTATED, Path(out_dir) / "unstated"))]
    r1 = reconcile([extract_all(d) for d in year1], registry, DECISIONS, documents=year1)
    r2 = reconcile([extract_all(d) for d in year2], registry, DECISIONS, documents=year2)
    before = r1.aliases.set_index(["kind", "alias"])["entity_id"]
    after = r2.aliases[r2.aliases["document_id"] == GS_NEXT_RENAME_UNSTATED.stem].set_index(["kind", "alias"])["entity_id"]
    queue = pd.read_csv(registry / "review" / "entity_candidates.csv", dtype=str, keep_default_na=False)
    for kind in ("unit", "output"):
        assert after[(kind, "SPM")] != before[(kind, "SPU")]
        first = queue[(queue["kind"] == kind) & (queue["alias"] == "SPM")].iloc[0]
        assert first["candidate_entity_id"] == before[(kind, "SPU")] and first["rank"] == "1"
        assert "not printed since the last edition" in first["reason"]
    assert set(queue["alias"].iloc[:3]) == {"SPM", "Buildings and Infrastructure Management"}
    # a decision naming an entity this registry never saw ("ITU New Initiatives Programme": only the strategic
    # plan prints it) keeps the entity it made in year 1
    assert after[("output", "ITU Strategic Foresight Programme")] == before[("output", "ITU Strategic Foresight Programme")]


def test_rerun_of_the_next_edition_changes_nothing(out_dir):
    _r1, r2 = run(out_dir, "docx")
    _year1, year2 = files(out_dir, "docx")
    docs = [read_document(p) for p in year2]
    again = reconcile([extract_all(d) for d in docs], Path(out_dir) / "registry-docx", DECISIONS, documents=docs)
    pd.testing.assert_frame_equal(again.entities, r2.entities)
    pd.testing.assert_frame_equal(again.aliases, r2.aliases)
    pd.testing.assert_frame_equal(again.lineage, r2.lineage)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        rows = [{k: v for k, v in figures(Path(tmp), fmt).items() if not k.startswith("_")}
                for fmt in FORMATS if fmt == "docx" or soffice()]
        print(pd.DataFrame(rows).to_string(index=False))
