"""Word equations (OMML, `m:oMath`) as plain text, in the spirit of Word's own "linear format".

A planning document's equation is a ratio or a formula for an indicator; what a reader of the dataset needs is
its text, not its typesetting. So:

* runs (`m:r`) give their text; a fraction is `num/den`, a superscript `base^sup`, a subscript `base_sub`, a
  radical `√arg` (`deg√arg` with a degree), an n-ary operator its sign with its limits then its operand, a
  delimiter its opening and closing characters (parentheses unless the equation says otherwise) around its parts
  joined by its separator, a function its name, a space and its argument;
* a part longer than one character is put in parentheses where its extent would otherwise be lost
  (`(-b±√(b^2-4ac))/(2a)`), as Word's linear format does;
* anything else (accents, bars, boxes, matrices, equation arrays) gives the text of its parts in order; the
  property elements (`m:*Pr`) give nothing.
"""

from __future__ import annotations

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _m(tag: str) -> str:
    return f"{{{M}}}{tag}"


M_OMATH, M_OMATH_PARA = _m("oMath"), _m("oMathPara")


def _val(el, child: str, default: str) -> str:
    """The `m:val` of a property element under `el` (its `*Pr` element), or `default`."""
    for pr in el:
        if isinstance(pr.tag, str) and pr.tag.endswith("Pr"):
            found = pr.find(_m(child))
            if found is not None:
                return found.get(_m("val"), default)
    return default


def _part(el, name: str) -> str:
    child = el.find(_m(name))
    return text(child) if child is not None else ""


def _grouped(s: str) -> str:
    return s if len(s) <= 1 or (s[0] + s[-1]) in ("()", "[]", "{}") else f"({s})"


def text(el) -> str:
    """The linear text of an OMML element (an `m:oMath`, or any part of one)."""
    tag = el.tag if isinstance(el.tag, str) else ""
    local = tag.rsplit("}", 1)[-1]
    if not tag.startswith(f"{{{M}}}"):
        return "".join(text(ch) for ch in el) if local not in ("rPr", "pPr") else ""
    if local.endswith("Pr"):
        return ""
    if local == "t":
        return el.text or ""
    if local == "f":
        return f"{_grouped(_part(el, 'num'))}/{_grouped(_part(el, 'den'))}"
    if local == "sSup":
        return f"{_part(el, 'e')}^{_grouped(_part(el, 'sup'))}"
    if local == "sSub":
        return f"{_part(el, 'e')}_{_grouped(_part(el, 'sub'))}"
    if local == "sSubSup":
        return f"{_part(el, 'e')}_{_grouped(_part(el, 'sub'))}^{_grouped(_part(el, 'sup'))}"
    if local == "sPre":
        return f"_{_grouped(_part(el, 'sub'))}^{_grouped(_part(el, 'sup'))}{_part(el, 'e')}"
    if local == "rad":
        deg = _part(el, "deg")
        return f"{deg}√{_grouped(_part(el, 'e'))}"
    if local == "nary":
        sign = _val(el, "chr", "∫")
        sub, sup = _part(el, "sub"), _part(el, "sup")
        limits = (f"_{_grouped(sub)}" if sub else "") + (f"^{_grouped(sup)}" if sup else "")
        return f"{sign}{limits} {_part(el, 'e')}".strip()
    if local == "d":
        begin, end, sep = _val(el, "begChr", "("), _val(el, "endChr", ")"), _val(el, "sepChr", "|")
        return begin + sep.join(text(e) for e in el.findall(_m("e"))) + end
    if local == "func":
        return f"{_part(el, 'fName')} {_part(el, 'e')}".strip()
    return "".join(text(ch) for ch in el)
