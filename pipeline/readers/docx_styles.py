"""Word's styles and list numbering, as the .docx reader needs them: which paragraphs are headings (heading
styles, outline levels) or list items (list styles, `numPr`), and the marker Word would print for a list item
(bullet glyph, or "1.", "a)", "2.3" from the numbering definitions and the counters so far)."""

from __future__ import annotations

import re
from dataclasses import dataclass

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_VAL = w("val")
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)
_LIST_NAME = re.compile(r"^list (?:bullet|number)(?:\s*([2-9]))?$", re.I)
# Symbol / Wingdings private-use bullets as Word prints them
SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf06f": "o", "\uf0a8": "•"}


# ------------------------------------------------------------------------------------------ styles


@dataclass
class StyleInfo:
    heading: int | None = None  # heading level 1..9
    num_id: str | None = None
    ilvl: int | None = None
    list_level: int | None = None  # from a "List Bullet 2" name


def load_styles(doc) -> dict[str, StyleInfo]:
    try:
        root = doc.styles.element
    except Exception:  # a document without a styles part
        return {}
    raw: dict[str, tuple[str, str | None, StyleInfo]] = {}
    default_id = "Normal"
    for st in root.iterchildren(w("style")):
        if st.get(w("type")) not in (None, "paragraph"):
            continue
        sid = st.get(w("styleId")) or ""
        name_el = st.find(w("name"))
        name = name_el.get(W_VAL, "") if name_el is not None else ""
        based = st.find(w("basedOn"))
        info = StyleInfo()
        m = _HEADING_NAME.match(name.strip())
        if m:
            info.heading = int(m.group(1))
        ppr = st.find(w("pPr"))
        if ppr is not None:
            ol = ppr.find(w("outlineLvl"))
            if info.heading is None and ol is not None and (ol.get(W_VAL) or "").isdigit() and int(ol.get(W_VAL)) < 9:
                info.heading = int(ol.get(W_VAL)) + 1
            num = ppr.find(w("numPr"))
            if num is not None:
                nid = num.find(w("numId"))
                lvl = num.find(w("ilvl"))
                info.num_id = nid.get(W_VAL) if nid is not None else None
                info.ilvl = int(lvl.get(W_VAL)) if lvl is not None and (lvl.get(W_VAL) or "").isdigit() else None
        m = _LIST_NAME.match(name.strip())
        if m:
            info.list_level = int(m.group(1) or 1) - 1
        raw[sid] = (name, based.get(W_VAL) if based is not None else None, info)
        if st.get(w("default")) in ("1", "true", "on"):
            default_id = sid

    resolved: dict[str, StyleInfo] = {}

    def resolve(sid: str, depth: int = 0) -> StyleInfo:
        if sid in resolved:
            return resolved[sid]
        name, base, info = raw.get(sid, ("", None, StyleInfo()))
        if base and depth < 20 and base in raw:
            parent = resolve(base, depth + 1)
            info = StyleInfo(
                heading=info.heading if info.heading is not None else parent.heading,
                num_id=info.num_id if info.num_id is not None else parent.num_id,
                ilvl=info.ilvl if info.ilvl is not None else parent.ilvl,
                list_level=info.list_level,
            )
        resolved[sid] = info
        return info

    for sid in raw:
        resolve(sid)
    resolved[""] = resolve(default_id)  # the style of paragraphs that name none
    return resolved


# ------------------------------------------------------------------------------------------ numbering


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


class Numbering:
    """Word's list numbering: which marker a list paragraph shows (bullet glyph or "1.", "a)", "2.3")."""

    def __init__(self, doc):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = doc.part.numbering_part.element
        except Exception:  # no numbering part
            return
        for an in root.iterchildren(w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in an.iterchildren(w("lvl")):
                ilvl = int(lvl.get(w("ilvl"), "0"))
                fmt, text, start = lvl.find(w("numFmt")), lvl.find(w("lvlText")), lvl.find(w("start"))
                levels[ilvl] = _Level(
                    fmt.get(W_VAL, "decimal") if fmt is not None else "decimal",
                    text.get(W_VAL, "") if text is not None else "",
                    int(start.get(W_VAL, "1")) if start is not None and start.get(W_VAL, "").lstrip("-").isdigit()
                    else 1,
                )
            self.abstract[an.get(w("abstractNumId"), "")] = levels
        for num in root.iterchildren(w("num")):
            a = num.find(w("abstractNumId"))
            overrides: dict[int, int] = {}
            for ov in num.iterchildren(w("lvlOverride")):
                so = ov.find(w("startOverride"))
                if so is not None and so.get(W_VAL, "").isdigit():
                    overrides[int(ov.get(w("ilvl"), "0"))] = int(so.get(W_VAL))
            self.nums[num.get(w("numId"), "")] = (a.get(W_VAL, "") if a is not None else "", overrides)

    def is_list(self, num_id: str | None) -> bool:
        return bool(num_id) and num_id != "0" and num_id in self.nums

    def next_marker(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """(marker, is_bullet) for the next paragraph of list `num_id` at level `ilvl`, advancing its counter."""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            glyph = level.text or "•"
            return SYMBOL_BULLETS.get(glyph, glyph), True
        counters = self.counters.setdefault(abstract_id, {})
        if ilvl not in counters:
            counters[ilvl] = overrides.get(ilvl, level.start)
        else:
            counters[ilvl] += 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "none":
            return "", False

        def render(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters.get(k, overrides.get(k, lv.start))
            return _format_number(value, lv.fmt)

        return re.sub(r"%([1-9])", render, level.text), False


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        k = max(n, 1)
        s = chr(ord("a") + (k - 1) % 26) * ((k - 1) // 26 + 1)  # Word repeats letters: y, z, aa, bb
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out or "0"
