"""Statement splitting of the gold drafting tool: a KPI / risk cell into (category, statement) pairs."""
import re

from celltext import PUA, clean


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
