"""Shared raw parser for the two Word text exports (independent of /work/main/pipeline)."""
import re

def parse(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    items = []  # ('text', lineno, line) or ('table', start, [rawrows])
    i = 0; n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.startswith('\t'):
            start = i
            rawrows = []  # list of list of cells; cell = list of paragraphs (raw lines)
            cur = None; blank = 0; cell = None
            while i < n:
                ln = lines[i]
                if ln.startswith('\t'):
                    if cur is None or blank > 0:
                        cur = []; rawrows.append(cur)
                    cell = [ln[1:]]; cur.append(cell); blank = 0
                elif ln.strip() == '':
                    blank += 1
                else:
                    if blank >= 2:
                        break
                    cell.append(ln); blank = 0
                i += 1
            items.append(('table', start + 1, rawrows))
            continue
        items.append(('text', i + 1, ln))
        i += 1
    return items
