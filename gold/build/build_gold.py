#!/usr/bin/env python3
"""Draft the gold CSVs for the two seed documents, independently of the ituplans pipeline.

Drafting tool only (specific to these two text exports). The reviewed files in gold/<document_id>/
are the truth and are corrected by hand afterwards; never overwrite them blindly with this output.

usage: python3 build_gold.py            -> writes gold/build/draft/<document_id>/<dataset>.csv

Modules (all in gold/build/): rawtables (raw table parser), celltext (text helpers), statements (KPI / risk
statement splitting), strategic_plan, gs_plan (GS operational plan, number tables), expected_results
(expected results / KPI / risk tables), drafts (seed paths, dataset columns, CSV writer).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from drafts import GS, SP, write  # noqa: E402
from gs_plan import build_gs_plan  # noqa: E402
from strategic_plan import build_strategic_plan  # noqa: E402


def main():
    root = os.path.join(HERE, 'draft')
    for doc_id, builder in ((SP[0], build_strategic_plan), (GS[0], build_gs_plan)):
        res = builder()
        write(doc_id, res, root)
        print(doc_id, {k: len(v) for k, v in res.items()})


if __name__ == '__main__':
    main()
