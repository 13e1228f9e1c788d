"""Seed documents, draft dataset columns and the CSV writer of the gold drafting tool.

`COLS` is the gold layout of every dataset (the `review` columns declared in pipeline/datasets/resources.py, then
`notes`), written out here so the tool stays independent of the pipeline; tests/test_schema.py checks they agree.
"""
import os

import pandas as pd


SEEDS = '/work/shared/seeds'
SP = ('strategic-plan-2008-2011', os.path.join(SEEDS, '000_9746d10554760635.txt'))
GS = ('gs-operational-plan-2008-2011', os.path.join(SEEDS, '004_f0cb9921c422d198.txt'))

COLS = {
    'documents': ['document_id', 'title', 'plan_kind', 'body', 'period_start', 'period_end', 'notes'],
    'objectives': ['document_id', 'scope', 'kind', 'number', 'title', 'text', 'notes'],
    'output_objective_links': ['document_id', 'matrix_title', 'scope', 'output', 'objective_number',
                               'column_kind', 'notes'],
    'work_months': ['document_id', 'output', 'unit', 'row_kind', 'period', 'period_start', 'period_end',
                    'work_months', 'notes'],
    'service_levels': ['document_id', 'output', 'service', 'period', 'period_start', 'period_end', 'quantity',
                       'measure', 'notes'],
    'expected_results': ['document_id', 'output', 'horizon', 'result_number', 'expected_result', 'focal_point',
                         'group', 'strategic_relationship', 'status', 'notes'],
    'kpis': ['document_id', 'output', 'horizon', 'result_number', 'category', 'kpi', 'status', 'notes'],
    'risks': ['document_id', 'output', 'horizon', 'result_number', 'risk', 'notes'],
    'activities': ['document_id', 'group', 'code', 'description', 'notes'],
    # datasets the 2008-2011 seeds have no rows of: written empty, so a draft is a whole gold folder
    'targets': ['document_id', 'goal_number', 'target_number', 'target', 'target_year', 'notes'],
    'outcomes': ['document_id', 'scope', 'objective_number', 'outcome_number', 'outcome', 'notes'],
    'outputs': ['document_id', 'scope', 'objective_number', 'output_number', 'output', 'notes'],
    'financial_resources': ['document_id', 'scope', 'subject', 'subject_kind', 'objective_number', 'goal_number',
                            'period', 'period_start', 'period_end', 'amount_chf', 'measure', 'cost_category',
                            'notes'],
    'strategic_risks': ['document_id', 'risk', 'description', 'mitigation', 'notes'],
}


def write(doc_id, res, root):
    d = os.path.join(root, doc_id)
    os.makedirs(d, exist_ok=True)
    for name, cols in COLS.items():
        df = pd.DataFrame(res.get(name, []), columns=cols)
        if name == 'work_months' and len(df):
            df['work_months'] = df['work_months'].map(lambda v: '%.1f' % v if float(v).is_integer() else repr(v))
        df.to_csv(os.path.join(d, name + '.csv'), index=False, encoding='utf-8')
