"""Per-task overhead of the flow: what keeps a task run from costing more than the work it does (no Prefect API).

bench/flow_overhead.py measures it; these tests pin the mechanisms down.
"""

from __future__ import annotations

import pickle

from prefect.utilities.collections import visit_collection
from prefect.utilities.engine import resolve_to_final_result

import flows.tasks as fp
from flows.cache import DocStatePickle
from flows.runners import whole


def test_whole_input_is_resolved_but_not_walked(good_text_file):
    st = fp.extract_task.fn(fp.read_task.fn(str(good_text_file)))
    visited = []

    def visit(expr, context):
        visited.append(expr)
        return resolve_to_final_result(expr, context)

    out = visit_collection({"state": whole(st)}, visit_fn=visit, return_data=True, max_depth=-1,
                           remove_annotations=True, context={})
    assert out["state"] is st
    assert len(visited) < 5  # without the annotation: every record of the extraction, ~10^5 objects

    walked = []
    visit_collection({"state": st}, visit_fn=lambda e, c: walked.append(e) or e, return_data=True,
                     max_depth=-1, remove_annotations=True, context={})
    assert len(walked) > 100 * len(visited)


def test_whole_keeps_its_type_through_pickle_and_dask_graphs():
    from dask.utils import is_namedtuple_instance

    w = whole({"a": 1})
    back = pickle.loads(pickle.dumps(w))
    assert type(back) is whole and back.unwrap() == {"a": 1}
    # Dask rebuilds namedtuple-like arguments with their own type around the resolved values (a plain
    # tuple otherwise, and the worker would get (state,) instead of the state)
    assert is_namedtuple_instance(w)
    assert type(w)._make([2]) == whole(2) and w._replace(value=3) == whole(3)


def test_made_by_tells_which_run_computed_a_stage(good_text_file):
    st = fp.read_task.fn(str(good_text_file), run_token="run-a")
    assert st.made_by == {"read": "run-a"}
    ex = fp.extract_task.fn(st, run_token="run-b")
    assert ex.made_by == {"read": "run-a", "extract": "run-b"}
    assert fp.validate_task.fn(ex, run_token="run-c").made_by == {**ex.made_by, "validate": "run-c"}


def test_persisted_results_are_plain_pickles_with_separate_keys(good_text_file):
    from pipeline.settings import CACHE_DIR

    st = fp.read_task.fn(str(good_text_file))
    ser = DocStatePickle()
    blob = ser.dumps(st)
    assert blob[:2] == b"\x80\x05"  # pickle protocol 5, no base64
    assert ser.loads(blob).sha256 == st.sha256
    for t in (fp.read_task, fp.extract_task, fp.validate_task, fp.document_task):
        assert t.cache_policy.key_storage.basepath == str(CACHE_DIR / "keys")
        assert isinstance(t.result_serializer, DocStatePickle)
