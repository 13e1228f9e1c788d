"""Entity reconciliation against hand-made truth, id stability, a derived next-year plan, decisions, links."""

from __future__ import annotations


import pandas as pd

from extractors import extract_all
from pipeline.readers import text as text_reader
from pipeline.records import Dataset
from pipeline.reconcile import key, reconcile
from pipeline.reconcile.evaluate import pairwise_scores
from pipeline.reconcile.learn import Glossary, learn_text
from pipeline.reconcile.normalize import norm_scope

from .conftest import DECISIONS, OPERATIONAL, TRUTH, extract, next_year_text


def _truth() -> pd.DataFrame:
    return pd.read_csv(TRUTH, dtype=str, keep_default_na=False)


def _ids(result, dataset, field="output_id", attr="output"):
    out = {}
    for ex in result.extractions:
        for r in ex.datasets[dataset]:
            out.setdefault((ex.document_id, getattr(r, attr)), set()).add(getattr(r, field))
    return out


# -- normalization and learning ------------------------------------------------------------------------------


def test_printed_forms_share_a_key():
    assert key("PLENIPOTENTIARY CONFERENCE") == key("Plenipotentiary Conference") == key("ITU Plenipotentiary Conference")
    assert key("COUNCIL AND WORKING GROUPS") == key("Council & Working Groups")
    assert key("Buildings Infrastructure") == key("Buildings and Infrastructure")
    assert key("Strategy and Policy Unit") == key("strategy & policy")


def test_acronyms_and_renames_are_learned_from_text():
    g = Glossary()
    learn_text("The role of the Conferences and Publications Department (C&P) is to", "d", g)
    learn_text("FINANCE DEPARTMENT (FI)", "d", g)
    learn_text("Replacement of lighting (Tower)", "d", g)
    learn_text("The Human Resources Management Department (HRM), formerly known as Personnel Department, is", "d", g)
    learn_text("\ufffd Formerly known as \u201cITU New Initiatives Programme\u201d", "d", g)
    assert g.long_form("C&P") == "Conferences and Publications Department"
    assert g.long_form("FI") == "FINANCE DEPARTMENT"
    assert g.long_form("HRM") == "Human Resources Management Department"
    assert g.long_form("Tower") is None
    assert ("Human Resources Management Department", "Personnel Department", "d") in g.renames
    assert ("", "ITU New Initiatives Programme", "d") in g.renames


# -- hand truth ------------------------------------------------------------------------------------------------


def test_automatic_matching_against_hand_truth(sample_docs, tmp_path, no_decisions, capsys):
    res = reconcile(extract(sample_docs), tmp_path / "reg", no_decisions, documents=sample_docs)
    s = pairwise_scores(_truth(), res.aliases)
    with capsys.disabled():
        print(f"\nautomatic: {s['names']} names, precision {s['precision']:.3f}, recall {s['recall']:.3f} "
              f"({s['correct_links']}/{s['true_links']} true links, {s['predicted_links']} predicted)")
    assert not s["missing"], "every printed name in the truth got an alias row"
    assert s["precision"] >= 0.95
    assert s["recall"] >= 0.6
    # what the matcher did not accept is in the review queue, with candidates and scores
    queued = set(res.candidates["alias"])
    assert {"A-ITU TELECOM Events", "Cybersecurity and Internet Policy", "ITU SG-Publications"} <= queued
    assert (tmp_path / "reg" / "review" / "entity_candidates.csv").exists()


def test_with_reviewer_decisions_matches_hand_truth(sample_docs, tmp_path, capsys):
    res = reconcile(extract(sample_docs), tmp_path / "reg", DECISIONS, documents=sample_docs)
    s = pairwise_scores(_truth(), res.aliases)
    with capsys.disabled():
        print(f"\nwith decisions: precision {s['precision']:.3f}, recall {s['recall']:.3f}")
    assert s["precision"] == 1.0 and s["recall"] == 1.0, s["errors"]
    assert res.candidates.empty
    assert (res.aliases["method"] == "manual").any()


def test_every_output_and_department_row_gets_an_id(sample_docs, tmp_path):
    res = reconcile(extract(sample_docs), tmp_path / "reg", DECISIONS, documents=sample_docs)
    for ex in res.extractions:
        for ds in (Dataset.LINKS, Dataset.WORK_MONTHS, Dataset.SERVICE_LEVELS, Dataset.EXPECTED_RESULTS,
                   Dataset.KPIS, Dataset.RISKS):
            assert all(r.output_id.startswith("out-") for r in ex.datasets[ds]), ds
        for r in ex.datasets[Dataset.WORK_MONTHS]:
            if r.row_kind == "department" and r.unit not in ("E1", "E2"):
                assert r.unit_id.startswith("unit-"), r
            else:
                assert r.unit_id == "", r
    ids = _ids(res, Dataset.EXPECTED_RESULTS)
    wm = _ids(res, Dataset.WORK_MONTHS)
    gs = "gs-operational-plan-2008-2011"
    assert ids[(gs, "PLENIPOTENTIARY CONFERENCE")] == wm[(gs, "Plenipotentiary Conference")]
    assert ids[(gs, "COUNCIL AND WORKING GROUPS")] == wm[(gs, "Council & Working Groups")]
    assert ids[(gs, "Conferences and Publications Department")] == wm[(gs, "C&P")]
    sl = _ids(res, Dataset.SERVICE_LEVELS)
    assert sl[(gs, "ITU Plenipotentiary Conference")] == wm[(gs, "Plenipotentiary Conference")]
    units = _ids(res, Dataset.WORK_MONTHS, "unit_id", "unit")
    assert len(units[(gs, "C&P")]) == 1 and units[(gs, "C&P")] != units[(gs, "CEC")]
    # the same words in two sectors are two outputs (blocking by scope)
    links = _ids(res, Dataset.LINKS)
    ents = res.entities.set_index("entity_id")
    sg = [e for e in ents.index if ents.loc[e, "canonical_name"] == "Study Groups"]
    assert len(sg) == 2 and set(ents.loc[sg, "scope"]) == {"ITU-T", "ITU-D"}
    assert len(links[("strategic-plan-2008-2011", "Study Groups")]) == 2


# -- stability -------------------------------------------------------------------------------------------------


def test_rerun_on_same_documents_changes_nothing(sample_docs, tmp_path):
    reg = tmp_path / "reg"
    first = reconcile(extract(sample_docs), reg, DECISIONS, documents=sample_docs)
    second = reconcile(extract(sample_docs), reg, DECISIONS, documents=sample_docs)
    pd.testing.assert_frame_equal(first.entities, second.entities)
    pd.testing.assert_frame_equal(first.aliases, second.aliases)
    assert _ids(first, Dataset.WORK_MONTHS) == _ids(second, Dataset.WORK_MONTHS)
    assert _ids(first, Dataset.WORK_MONTHS, "unit_id", "unit") == _ids(second, Dataset.WORK_MONTHS, "unit_id", "unit")


def test_adding_a_document_never_renumbers(sample_docs, tmp_path, no_decisions):
    reg = tmp_path / "reg"
    first = reconcile(extract(sample_docs[:1]), reg, no_decisions, documents=sample_docs)
    second = reconcile(extract(sample_docs), reg, no_decisions, documents=sample_docs)
    before = first.entities.set_index("entity_id")["canonical_name"]
    after = second.entities.set_index("entity_id")["canonical_name"]
    assert after.loc[before.index].equals(before)
    assert len(after) > len(before)


# -- a derived next-year plan ----------------------------------------------------------------------------------


def test_next_year_plan_reconciles_to_the_first_run(sample_docs, tmp_path):
    reg = tmp_path / "reg"
    year1 = reconcile(extract(sample_docs), reg, DECISIONS, documents=sample_docs)
    path = tmp_path / "gs-operational-plan-2009-2012.txt"
    path.write_text(next_year_text(OPERATIONAL.read_text(encoding="utf-8")), encoding="utf-8")
    doc2 = text_reader.read(path)
    year2 = reconcile([extract_all(doc2)], reg, DECISIONS, documents=[doc2])

    y1_out = _ids(year1, Dataset.WORK_MONTHS)
    y1_units = _ids(year1, Dataset.WORK_MONTHS, "unit_id", "unit")
    y2_out = _ids(year2, Dataset.WORK_MONTHS)
    y2_units = _ids(year2, Dataset.WORK_MONTHS, "unit_id", "unit")
    y2_res = _ids(year2, Dataset.EXPECTED_RESULTS)
    d1, d2 = "gs-operational-plan-2008-2011", "gs-operational-plan-2009-2012"

    # renamed unit (PER -> HRM, learned from "formerly known as Personnel Department"): same unit, same output
    assert y2_units[(d2, "HRM")] == y1_units[(d1, "PER")]
    assert y2_out[(d2, "HRM")] == y1_out[(d1, "PER")]
    al = year2.aliases
    assert set(al[(al["alias"] == "HRM") & (al["document_id"] == d2)]["method"]) == {"rename"}
    # merged unit: SPU's rows are gone, SGO keeps its id, SPU's id stays in the registry and is not reused
    assert (d2, "SPU") not in y2_units
    assert y2_units[(d2, "SGO")] == y1_units[(d1, "SGO")]
    spu = next(iter(y1_units[(d1, "SPU")]))
    assert spu in set(year2.entities["entity_id"])
    # reworded outputs and reordered rows keep their ids
    assert y2_out[(d2, "Building Infrastructure")] == y1_out[(d1, "Buildings Infrastructure")]
    assert y2_out[(d2, "Corporate Governance and Communications")] == y1_out[(d1, "Corporate Governance & Communication")]
    assert y2_out[(d2, "The Plenipotentiary Conference")] == y1_out[(d1, "Plenipotentiary Conference")]
    assert y2_res[(d2, "BUILDING INFRASTRUCTURE")] == y1_out[(d1, "Buildings Infrastructure")]
    for (doc, name), ids in y2_out.items():
        if name not in ("Child Online Protection",):
            assert ids <= set(year1.entities["entity_id"]), name
    # the new output is a new entity, numbered after everything that existed
    new = next(iter(y2_out[(d2, "Child Online Protection")]))
    assert new not in set(year1.entities["entity_id"])
    assert int(new.split("-")[1]) > max(int(e.split("-")[1]) for e in year1.entities["entity_id"] if e.startswith("out-"))
    # nothing from year 1 was renumbered
    before = year1.entities.set_index("entity_id")["canonical_name"]
    assert year2.entities.set_index("entity_id")["canonical_name"].loc[before.index].equals(before)


# -- decisions -------------------------------------------------------------------------------------------------


def test_decisions_win_and_merged_ids_are_not_reused(sample_docs, tmp_path, no_decisions):
    reg = tmp_path / "reg"
    first = reconcile(extract(sample_docs), reg, no_decisions, documents=sample_docs)
    al = first.aliases
    prov = al[al["alias"] == "ITU SG-Publications"]["entity_id"].iloc[0]
    gs_pub = al[al["alias"] == "GS Publications"]["entity_id"].iloc[0]
    assert prov != gs_pub
    assert first.entities.set_index("entity_id").loc[prov, "status"] == "review"

    decisions = tmp_path / "decisions.csv"
    decisions.write_text("kind,scope,alias,entity_id,notes\n"
                         f"output,GS,ITU SG-Publications,{gs_pub},same output\n", encoding="utf-8")
    second = reconcile(extract(sample_docs), reg, decisions, documents=sample_docs)
    ids = _ids(second, Dataset.WORK_MONTHS)
    assert ids[("gs-operational-plan-2008-2011", "ITU SG-Publications")] == {gs_pub}
    ents = second.entities.set_index("entity_id")
    assert ents.loc[prov, "status"] == "merged" and ents.loc[prov, "merged_into"] == gs_pub
    row = second.aliases[(second.aliases["alias"] == "ITU SG-Publications")]
    assert set(row["method"]) == {"manual"}

    decisions.write_text("kind,scope,alias,entity_id,notes\noutput,GS,PUBLICATIONS,new,split\n", encoding="utf-8")
    third = reconcile(extract(sample_docs), reg, decisions, documents=sample_docs)
    pub = _ids(third, Dataset.EXPECTED_RESULTS)[("gs-operational-plan-2008-2011", "PUBLICATIONS")]
    assert pub != {gs_pub} and next(iter(pub)) not in set(second.entities["entity_id"])


# -- result links ----------------------------------------------------------------------------------------------


def test_results_are_linked_across_horizons(sample_docs, tmp_path):
    res = reconcile(extract(sample_docs), tmp_path / "reg", DECISIONS, documents=sample_docs)
    links = res.result_links
    assert list(links.columns[:8]) == ["document_id", "output_id", "from_horizon", "from_result_number",
                                       "from_result", "to_horizon", "to_result_number", "to_result"]
    reworded = links[links["from_result"].str.startswith("Higher ITU profile")]
    assert len(reworded) == 1
    row = reworded.iloc[0]
    assert (row.from_horizon, row.to_horizon) == ("2006-2007", "2008-2011")
    assert row.to_result.startswith("High ITU profile") and 75 <= row.score < 100
    assert (links["method"] == "same").sum() > 10


# -- the review queue's score ------------------------------------------------------------------------------------


def test_the_queue_score_separates_right_candidates_from_wrong_ones(sample_docs, tmp_path, no_decisions, capsys):
    """Without decisions the samples leave 11 candidates in the queue: the right ones (the hand truth says the
    name is that entity) score high, the wrong ones low, and the queue opens with right ones."""
    res = reconcile(extract(sample_docs), tmp_path / "reg", no_decisions, documents=sample_docs)
    truth = {(r.kind, norm_scope(r.scope), r.document_id, r.name): r.truth for r in _truth().itertuples()}
    labels: dict[str, set[str]] = {}
    for r in res.aliases.itertuples():
        if (r.kind, r.scope, r.document_id, r.alias) in truth:
            labels.setdefault(r.entity_id, set()).add(truth[(r.kind, r.scope, r.document_id, r.alias)])
    queue = res.candidates.assign(right=[truth.get((r.kind, r.scope, r.document_id, r.alias)) in
                                         labels.get(r.candidate_entity_id, set()) for r in res.candidates.itertuples()])
    right, wrong = queue[queue["right"]]["score"], queue[~queue["right"]]["score"]
    with capsys.disabled():
        print(f"\nqueue: {len(right)} right candidates, mean score {right.mean():.1f}; {len(wrong)} wrong, "
              f"mean {wrong.mean():.1f}")
    assert len(right) >= 4 and len(wrong) >= 4
    assert right.mean() - wrong.mean() >= 30
    assert (queue[queue["score"] >= 50]["right"]).all(), "a wrong candidate scored as more likely than not"
    assert queue["right"].iloc[:2].all(), "the queue opens with right candidates"
