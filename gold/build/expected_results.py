"""Expected results / KPI / risk tables of the GS operational plan for the gold drafting tool."""
import re

from celltext import cells_text, clean, horizon_str, join_paras, norm_period
from statements import PLACEHOLDER, cell_statements


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
