#!/usr/bin/env python3
"""Draft the gold CSVs for the two seed documents, independently of the ituplans pipeline.

Drafting tool only (specific to these two text exports). The reviewed files in gold/<document_id>/
are the truth and are corrected by hand afterwards; never overwrite them blindly with this output.

usage: python3 build_gold.py            -> writes gold/build/draft/<document_id>/<dataset>.csv
"""
import os
import re
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import rawtables  # noqa: E402

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
                         'group', 'notes'],
    'kpis': ['document_id', 'output', 'horizon', 'result_number', 'category', 'kpi', 'notes'],
    'risks': ['document_id', 'output', 'horizon', 'result_number', 'risk', 'notes'],
    'activities': ['document_id', 'group', 'code', 'description', 'notes'],
}

# ---------------------------------------------------------------- text helpers
PUA = re.compile('[\ue000-\uf8ff\ufffd]')
# manual (typed) hyphenations printed inside a line in the matrix headers
INLINE_HYPH = {'standardi-zation': 'standardization', 'environ-ment': 'environment',
               'Identifi-cation': 'Identification', 'interopera-bility': 'interoperability'}


def clean(s):
    s = PUA.sub('', s).replace('\xa0', ' ')
    return re.sub(r'\s+', ' ', s).strip()


def join_paras(paras):
    """Join the paragraphs of a cell with one space, undoing line-end hyphenation."""
    out = ''
    for p in paras:
        p = clean(p)
        if not p:
            continue
        if not out:
            out = p
        elif re.search(r'[A-Za-z]-$', out) and re.match(r'[a-z]', p) and not re.search(r'(^|\W)e-$', out):
            out = out[:-1] + p            # Consul- + tation
        elif out.endswith('-') or out.endswith('/'):
            out = out + p                 # e-services, e- + applications ; UIPRN/ + UISCN
        else:
            out = out + ' ' + p
    for k, v in INLINE_HYPH.items():
        out = out.replace(k, v)
    return out


YEAR_RANGE = re.compile(r'(\d{4})\s*[-–]\s*(\d{2,4})|(\d{4})')


def norm_period(label):
    """Normalize a period label: last period of the label, dates and parentheticals ignored."""
    s = re.sub(r'\((?:at|as of|to)[^)]*\)', '', label)
    s = re.sub(r'\(Department[^)]*\)', '', s)
    s = re.sub(r'\d{1,2}\.\d{1,2}\.\d{4}', '', s)
    found = list(YEAR_RANGE.finditer(s))
    if not found:
        return None
    m = found[-1]
    if m.group(3):
        y = int(m.group(3))
        return y, y
    a = int(m.group(1))
    b = m.group(2)
    b = int(b) if len(b) == 4 else int(str(a)[:2] + b)
    return a, b


def horizon_str(p):
    return str(p[0]) if p[0] == p[1] else '%d-%d' % p


def parse_number(s):
    s = clean(s).replace("'", '').replace('’', '').replace(',', '')
    return float(s)


# ---------------------------------------------------------------- strategic plan
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


# ---------------------------------------------------------------- GS operational plan: number tables
def cells_text(row):
    return [join_paras(c) for c in row]


def is_num(s):
    return bool(re.fullmatch(r"[\d.,'’ ]*\d[\d.,'’ ]*", s))


def work_month_table(doc_id, t, kind_default):
    rows = [cells_text(r) for r in t]
    title = rows[0][0]
    periods = None
    out = []
    for r in rows:
        if periods is None:
            # header row: the cells after the first that are period labels
            cand = [(k, c) for k, c in enumerate(r) if k > 0 and norm_period(c) and re.fullmatch(r'[\d\-– ]+', c)]
            if cand:
                periods = cand
            continue
        unit = r[0]
        if not unit:
            continue
        rk = 'total' if unit.lower() == 'total' else kind_default
        for k, lab in periods:
            if k < len(r) and r[k] != '' and is_num(r[k]):
                p = norm_period(lab)
                out.append(dict(document_id=doc_id, output=title, unit=unit, row_kind=rk, period=lab,
                                period_start=p[0], period_end=p[1], work_months=parse_number(r[k]), notes=''))
    return out


def service_table(doc_id, t):
    rows = [cells_text(r) for r in t]
    title = rows[0][0]
    hdr = rows[1]
    measure = hdr[0]
    out = []
    for r in rows[2:]:
        for k in range(1, len(hdr)):
            if k < len(r) and r[k] != '':
                p = norm_period(hdr[k])
                out.append(dict(document_id=doc_id, output=title, service=r[0], period=hdr[k],
                                period_start=p[0], period_end=p[1], quantity=int(parse_number(r[k])),
                                measure=measure, notes=''))
    return out


# ---------------------------------------------------------------- statement splitting
MARKER = re.compile(r'^(?:[-–·•(]\s*(?=\S)|[-–·•(]$|[a-z]\.\s+|\([a-z]\)\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s*'
                    r'|\d{1,2}(?:\.\d{1,2})+\s+|\d{1,2}\s+(?=[A-Z]))')
ABBR = re.compile(r'(?:\b(?:e\.g|i\.e|Res|No|Art|cf|Doc|Docs|Intl|Rev|Dec|Ext|vs)\.)$')
PLACEHOLDER = re.compile(r'^(n/a|as above\.?|see above\.?|see under § .*|to be completed|…+\.*|\.+)$', re.I)


def strip_marker(s):
    # one list marker only: '· 68 Ministers' keeps its number
    return MARKER.sub('', s, count=1).strip()


def sentences(s):
    parts, cur = [], ''
    tokens = re.split(r'(?<=[.!?])\s+', s)
    for tok in tokens:
        cur = (cur + ' ' + tok).strip() if cur else tok
        if ABBR.search(cur):
            continue
        parts.append(cur)
        cur = ''
    if cur:
        parts.append(cur)
    # merge a part with the next when the next starts lower case (not a new sentence)
    merged = []
    for p in parts:
        if merged and not re.match(r'[A-Z0-9“"(]', p):
            merged[-1] += ' ' + p
        else:
            merged.append(p)
    return merged


def is_marker_line(raw):
    return clean(raw) in ('(', '•', '·', '-', '–')


def cell_statements(paras):
    """Split a KPI / risk cell into (category, statement) pairs per the data dictionary."""
    # 1. logical lines, marker-only lines attached to the following line
    lines = []  # [text, has_marker, indented]
    pending_marker = False
    for raw in paras:
        if not clean(raw):
            continue
        if is_marker_line(raw):
            pending_marker = True
            continue
        txt = PUA.sub('', raw).replace('\xa0', ' ')
        indented = bool(re.match(r'^ {2,}', txt))
        t = clean(txt)
        has_marker = pending_marker or bool(re.match(r'^([-–·•]|\([a-z]\)|[a-z]\.\s|\d{1,2}(\.\d{1,2})*[.)]?\s)', t))
        pending_marker = False
        lines.append([t, has_marker, indented])
    # 2. join continuation lines
    joined = []
    for t, mk, ind in lines:
        if joined and not mk:
            prev = joined[-1][0]
            ends_sentence = bool(re.search(r'[.!?]$', prev))
            if (not ends_sentence) and (re.match(r'[a-z;,)]', t) or ind):
                joined[-1][0] = prev + ' ' + t
                continue
        joined.append([t, mk, ind])
    # 3. classify
    out = []
    category = ''
    for t, mk, ind in joined:
        s = strip_marker(t)
        s = clean(s)
        if not re.search(r'[A-Za-z0-9]', s):
            continue
        if s.endswith(':'):
            if len(s[:-1].split()) <= 4:
                category = s[:-1].strip()
            continue
        if s == 'KPIs':
            category = 'KPIs'
            continue
        if PLACEHOLDER.match(s):
            continue
        sents = sentences(s)
        if len(sents) >= 2 and all(len(x.split()) <= 12 for x in sents):
            for x in sents:
                out.append((category, x))
        else:
            out.append((category, s))
    return out


# ---------------------------------------------------------------- expected results
FOCAL = re.compile(r'\(Focal Points?:')


def extract_focal(text):
    focals = []
    while True:
        m = FOCAL.search(text)
        if not m:
            break
        depth, j = 0, m.start()
        while j < len(text):
            if text[j] == '(':
                depth += 1
            elif text[j] == ')':
                depth -= 1
                if depth == 0:
                    break
            j += 1
        focals.append(clean(text[m.end():j]))
        text = text[:m.start()] + text[j + 1:]
    return clean(text), '; '.join(focals)


BULLET_PARA = re.compile(r'^\s*(?:[-–·•]\s*|\(\s*$)')


def er_text(paras):
    ps = []
    skip_next_marker = False
    for p in paras:
        c = clean(p)
        if c in ('(', '•', '·', '-', '–'):
            continue
        c = re.sub(r'^[-–·•]\s*', '', c)
        ps.append(c)
    txt = join_paras(ps)
    m = re.match(r'^(\d{1,2}(?:\.\d{1,2})*[a-z]?)(?:[.)]|\s|$)\s*(.*)$', txt)
    num = ''
    if m and not re.match(r'^\d{4}', txt):
        num, txt = m.group(1), m.group(2)
    txt, focal = extract_focal(txt)
    return num, txt, focal


def is_placeholder_er(s):
    s = clean(s)
    return bool(PLACEHOLDER.match(s)) or s == '' or s.startswith('In the 2006-07 budget, this is an unfunded') \
        or s.startswith('No activities expected in 2006-2007')


def is_header(cells):
    return len(cells) >= 2 and re.match(r'^(Forecast/)?Expected [Rr]esults', cells[0] or '')


def is_group(cells):
    rest = [c for c in cells[1:] if c]
    f = cells[0]
    if rest or not f:
        return False
    return (f == f.upper() and re.search(r'[A-Z]{3}', f)) or bool(re.match(r'^\d\)\s*\S', f)) \
        or bool(re.match(r'^[A-C]\.\s', f))


def group_label(f):
    return clean(re.sub(r'^(\d\)|[A-C]\.)\s*', '', f))


PERIOD_ONLY_PREFIX = re.compile(r'^(|Project start date|CEC operational plan|operational plan for)\s*$', re.I)


def title_and_period(paras):
    """Split a title/period cell into (title or None, period label or None)."""
    ps = [clean(p) for p in paras if clean(p)]
    first = ps[0]
    label = None
    title = first
    m = re.match(r'^(.*?)\s*\(?\s*(\d{4}.*)$', first)
    if m:
        title, label = m.group(1).strip(), m.group(2)
        if title.endswith('('):
            title = title[:-1].strip()
        title = re.sub(r'\s*\($', '', title).strip()
        if PERIOD_ONLY_PREFIX.match(title):
            title = None
    for p in ps[1:]:
        if norm_period(p):
            label = p if label is None else label
            if title is None:
                pass
    if label is None and len(ps) > 1 and norm_period(' '.join(ps[1:])):
        label = ' '.join(ps[1:])
    return title, label


ER_TABLE_FALLBACK_OUTPUT = {'CEC': 'CEC', 'SPU': 'SPU'}


def is_period_row(raw, i):
    r = raw[i]
    if len(r) != 1:
        return False
    c = join_paras(r[0])
    if not norm_period(c) or re.match(r'^\d{1,2}[.)\s]', c) or len(c.split()) > 16:
        return False
    if re.search(r'implementation|continued|Expected Results|operational plan|Project start|^\s*\d{4}|Department \(', c):
        return True
    return i + 1 < len(raw) and is_header(cells_text(raw[i + 1]))


def is_title_row(raw, i):
    r = raw[i]
    if len(r) != 1 or i + 1 >= len(raw) or not is_period_row(raw, i + 1):
        return False
    c = join_paras(r[0])
    return len(c.split()) <= 8 and not re.match(r'^[-–·•(]', c)


def is_empty_row(r):
    return not any(clean(' '.join(c)) for c in r)


def er_table(doc_id, t, fallback_output, default_horizon):
    raw = list(t)
    res = {'expected_results': [], 'kpis': [], 'risks': []}
    output = fallback_output
    horizon = default_horizon
    header = None
    group = ''
    i = 0
    while i < len(raw):
        r = raw[i]
        if is_empty_row(r):
            i += 1
            continue
        cells = cells_text(r)
        if is_header(cells):
            header = cells
            group = ''
            i += 1
            continue
        if is_title_row(raw, i) or (i == 0 and not is_period_row(raw, i) and len(r) == 1):
            title, label = title_and_period(r[0])
            output = title or output
            if label:
                horizon = horizon_str(norm_period(label))
            i += 1
            continue
        if is_period_row(raw, i):
            title, label = title_and_period(r[0])
            if title and not PERIOD_ONLY_PREFIX.match(title):
                output = title
            if label:
                horizon = horizon_str(norm_period(label))
            i += 1
            continue
        if header is None:
            i += 1
            continue
        ncols = len(header)
        if is_group(cells):
            group = group_label(cells[0])
            i += 1
            continue
        # numbered heading row (Personnel tables): "1.\nSupport Council ..." followed by the bullet row
        if len(r) == 1 and re.match(r'^\d{1,2}\.?$', clean(r[0][0])) and i + 1 < len(raw) and \
                clean(raw[i + 1][0][0]) == '(':
            nxt = raw[i + 1]
            r = [r[0] + nxt[0]] + nxt[1:]
            i += 1
        # merge rows split by blank lines inside a row
        while len(r) < ncols and i + 1 < len(raw) and len(r) + len(raw[i + 1]) <= ncols:
            nc = cells_text(raw[i + 1])
            if is_header(nc) or (is_group(nc) and not is_empty_row(raw[i + 1])) or is_period_row(raw, i + 1):
                break
            r = r + raw[i + 1]
            i += 1
        i += 1
        first_paras = r[0]
        # a group label as first paragraph of the cell (CEC 2008-2011)
        ps = [clean(p) for p in first_paras if clean(p)]
        if len(ps) > 1 and ps[0] == ps[0].upper() and re.search(r'[A-Z]{4}', ps[0]) and ':' not in ps[0]:
            group = ps[0]
            first_paras = [p for p in first_paras if clean(p)][1:]
        num, txt, focal = er_text(first_paras)
        is_result = not is_placeholder_er(txt)
        if is_result:
            res['expected_results'].append(dict(document_id=doc_id, output=output, horizon=horizon,
                                                result_number=num, expected_result=txt, focal_point=focal,
                                                group=group, notes=''))
        rn = num if is_result else ''
        for k, h in enumerate(header):
            if k == 0 or k >= len(r):
                continue
            if re.search(r'KPI|indicator', h, re.I):
                for cat, s in cell_statements(r[k]):
                    res['kpis'].append(dict(document_id=doc_id, output=output, horizon=horizon, result_number=rn,
                                            category=cat, kpi=s, notes=''))
            elif re.search(r'Risk', h):
                for cat, s in cell_statements(r[k]):
                    res['risks'].append(dict(document_id=doc_id, output=output, horizon=horizon, result_number=rn,
                                             risk=s, notes=''))
    return res


def ict_table(doc_id, t):
    raw = [r for r in t if any(clean(' '.join(c)) for c in r)]
    output = join_paras(raw[0][0])
    hs = [horizon_str(norm_period(join_paras(c))) for c in raw[1]]
    res = {'expected_results': [], 'kpis': [], 'risks': []}
    for r in raw[3:]:
        for pair, h in enumerate(hs):
            er, kp = r[2 * pair], r[2 * pair + 1]
            num, txt, focal = er_text(er)
            res['expected_results'].append(dict(document_id=doc_id, output=output, horizon=h, result_number=num,
                                                expected_result=txt, focal_point=focal, group='', notes=''))
            for cat, s in cell_statements(kp):
                res['kpis'].append(dict(document_id=doc_id, output=output, horizon=h, result_number=num,
                                        category=cat, kpi=s, notes=''))
    return res


def build_gs_plan():
    doc_id, path = GS
    items = rawtables.parse(path)
    lines = open(path, encoding='utf-8').read().split('\n')
    res = {k: [] for k in COLS}
    res['documents'].append(dict(document_id=doc_id,
                                 title='Draft four-year rolling Operational Plan of the General Secretariat 2008-2011',
                                 plan_kind='operational_plan', body='General Secretariat', period_start=2008,
                                 period_end=2011, notes=''))
    # objectives (General Secretariat): statements, titles from the short references elsewhere
    short_titles = {}
    stmts = []
    for ln in lines:
        c = clean(ln)
        c2 = re.sub(r'^[·•(“"\s]+', '', c)
        m = re.match(r'^Objective\s+(\d+)\s*[:–-]\s*(.*)$', c2)
        if not m:
            continue
        num, rest = m.group(1), m.group(2).strip()
        rest = rest.strip('“”" ').strip()
        rest = re.sub(r'\s*[;.]?\s*$', '', rest) if len(rest.split()) < 10 else re.sub(r'\s*;\s*$', '', rest)
        if len(rest.split()) + 2 >= 10:
            stmts.append((num, m.group(2).strip().strip('“”" ').strip()))
        else:
            short_titles.setdefault(num, rest)
    seen = set()
    for num, rest in stmts:
        if num in seen:
            continue
        seen.add(num)
        rest = re.sub(r'\s*;\s*$', '', rest)
        res['objectives'].append(dict(document_id=doc_id, scope='General Secretariat', kind='objective', number=num,
                                      title=short_titles.get(num, ''), text=rest, notes=''))
    # tables
    er_fallback = {3022: 'CEC', 3240: 'SPU'}
    for kind, ln, t in items:
        if kind != 'table':
            continue
        rows = [cells_text(r) for r in t]
        flat = [c for r in rows[:3] for c in r]
        first = rows[0][0]
        if first == 'Activity Code':
            group = ''
            for r in rows[1:]:
                if r[0] == '':
                    group = r[1]
                else:
                    res['activities'].append(dict(document_id=doc_id, group=group, code=r[0], description=r[1],
                                                  notes=''))
        elif any(c == 'Pages' for c in flat):
            res['service_levels'].extend(service_table(doc_id, t))
        elif 'Work months' in flat or first == 'A-ITU TELECOM Events' or (first == 'TLC' and rows[0][-1] == '2007'
                                                                             and len(rows[0]) == 3):
            grade = bool(re.match(r'^[DGP]\d$', rows[-2][0] if rows[-2] else '')) or first in ('TLC',)
            res['work_months'].extend(work_month_table(doc_id, t, 'grade' if grade else 'department'))
        elif first == 'ICT projects':
            r = ict_table(doc_id, t)
            for k in r:
                res[k].extend(r[k])
        elif any(is_header(r) for r in rows):
            r = er_table(doc_id, t, er_fallback.get(ln, ''), '2008-2011')
            for k in r:
                res[k].extend(r[k])
        # other tables (TLC percentage breakdowns) are not datasets
    return res


def write(doc_id, res, root):
    d = os.path.join(root, doc_id)
    os.makedirs(d, exist_ok=True)
    for name, cols in COLS.items():
        df = pd.DataFrame(res.get(name, []), columns=cols)
        if name == 'work_months' and len(df):
            df['work_months'] = df['work_months'].map(lambda v: '%.1f' % v if float(v).is_integer() else repr(v))
        df.to_csv(os.path.join(d, name + '.csv'), index=False, encoding='utf-8')


def main():
    root = os.path.join(HERE, 'draft')
    for doc_id, builder in ((SP[0], build_strategic_plan), (GS[0], build_gs_plan)):
        res = builder()
        write(doc_id, res, root)
        print(doc_id, {k: len(v) for k, v in res.items()})


if __name__ == '__main__':
    main()
