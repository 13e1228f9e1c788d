"""GS operational plan 2008-2011 drafts: objectives, number tables (work months, service levels),
activities, and the dispatch of its tables."""
import re

import rawtables
from celltext import cells_text, clean, is_num, norm_period, parse_number
from drafts import COLS, GS
from expected_results import er_table, ict_table, is_header


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
