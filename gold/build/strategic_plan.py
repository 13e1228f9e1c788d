"""Strategic plan 2008-2011 drafts: output/objective matrices and objective statements."""
import re

import rawtables
from celltext import clean, join_paras
from drafts import COLS, SP


def objective_title_from_header(cell_paras):
    txt = join_paras(cell_paras)
    m = re.match(r'(Objective|Goal)\s+(\d+)\s*(.*)$', txt)
    return m.group(1), m.group(2), m.group(3).strip()


def matrix(doc_id, table, matrix_title, scope, column_kind):
    rows = [r for r in table]
    ncols = max(len(r) for r in rows)
    header, body = [], []
    for r in rows:
        if len(r) == ncols and any(join_paras(c) for c in r[1:]) and \
                all(join_paras(c) in ('', 'x') for c in r[1:]):
            body.append(r)
        elif not body:
            header.extend(r)
    cols = [objective_title_from_header(c) for c in header[1:]]
    links = []
    for r in body:
        out = join_paras(r[0])
        for (kind, num, _t), c in zip(cols, r[1:]):
            if join_paras(c).lower() == 'x':
                links.append(dict(document_id=doc_id, matrix_title=matrix_title, scope=scope, output=out,
                                  objective_number=num, column_kind=column_kind, notes=''))
    return cols, links


def build_strategic_plan():
    doc_id, path = SP
    items = rawtables.parse(path)
    text = open(path, encoding='utf-8').read().split('\n')
    res = {k: [] for k in COLS}
    res['documents'].append(dict(document_id=doc_id, title='ITU Strategic Plan 2008-2011',
                                 plan_kind='strategic_plan', body='Union', period_start=2008, period_end=2011,
                                 notes=''))
    # matrices
    titles = {}
    tables = [(ln, t) for kind, ln, t in items if kind == 'table']
    spec = [('ITU-R Objectives and Outputs', 'ITU-R', 'objective'),
            ('ITU-T Objectives and Outputs', 'ITU-T', 'objective'),
            ('ITU-D Objectives and Outputs', 'ITU-D', 'objective'),
            ('Objectives and Outputs of the Secretariat', 'Secretariat', 'objective'),
            ('Matching specific objectives to the overall goals of the Union', 'Union', 'goal')]
    for (ln, t), (mt, scope, ck) in zip(tables, spec):
        cols, links = matrix(doc_id, t, mt, scope, ck)
        res['output_objective_links'].extend(links)
        for kind, num, title in cols:
            titles[(scope, kind.lower(), num)] = title
    # objectives / goals statements
    scope = None
    seen = set()
    lines = [clean(x) for x in text]
    for i, ln in enumerate(lines):
        if re.match(r'^PART I - ', ln):
            scope = 'Union'
        m = re.match(r'^\d+$', ln)
        if ln == 'Radiocommunication Sector (ITU-R)':
            scope = 'ITU-R'
        elif ln == 'Telecommunication Standardization Sector (ITU-T)':
            scope = 'ITU-T'
        elif ln == 'Telecommunication Development Sector (ITU-D)':
            scope = 'ITU-D'
        elif ln.startswith('PART III - The secretariat'):
            scope = 'Secretariat'
        elif ln.startswith('PART IV'):
            scope = None
        m = re.match(r'^(Objective|Goal)\s+(\d+)\s*:\s*(.*)$', ln)
        if not m or scope is None:
            continue
        kind, num, rest = m.group(1).lower(), m.group(2), m.group(3)
        if not rest:
            j = i + 1
            while j < len(lines) and not lines[j]:
                j += 1
            rest = lines[j]
        sc = 'Union' if kind == 'goal' else scope
        rest = rest.strip().strip('“”"').strip()
        rest = re.sub(r'\s*;\s*$', '', rest)
        if len(rest.split()) + 2 < 10:
            continue
        key = (sc, kind, num)
        if key in seen:
            continue
        seen.add(key)
        res['objectives'].append(dict(document_id=doc_id, scope=sc, kind=kind, number=num,
                                      title=titles.get(key, ''), text=rest, notes=''))
    return res
