"""Text helpers of the gold drafting tool: cell text cleaning, hyphenation, period labels, numbers."""
import re


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


def cells_text(row):
    return [join_paras(c) for c in row]


def is_num(s):
    return bool(re.fullmatch(r"[\d.,'’ ]*\d[\d.,'’ ]*", s))
