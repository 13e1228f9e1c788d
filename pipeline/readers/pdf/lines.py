"""Visual lines and paragraphs: words grouped into lines, lines into paragraphs, a paragraph's lines into text.

Decisions:
* a word joins a line when it overlaps the line vertically by half its height; a line's size is the type size
  most of its characters have, and it is bold when 80% of its characters are;
* a paragraph break is a change of size or weight, a step between lines larger than the line pitch, a list mark
  opening the line, or a short line the next line's first word would have fitted on (the line was ended on
  purpose). Across a page break only an unfinished sentence goes on;
* a line that ends without the space a wrap leaves, where the document prints that space (`wraps`), short of its
  column's edge and not broken at a hyphen, a dash, a slash or inside a word, ends its paragraph;
* lines of a paragraph are joined with a space; after a line ending in a hyphen without one (the layout broke a
  hyphenated word there, or so it must be assumed); after a slash; and without one inside a word wider than its
  column, which the layout broke at the column edge ("internationa" / "l", told by the word appearing whole
  inside a line elsewhere in the document; "budgeta" / "ry", told by the word printed elsewhere, at a line's end
  or in a compound like `Extra-budgetary`, while neither part is a word the document prints: `Vocab`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.readers.pdf.marks import BULLET_START, GLYPH_MARK, SENTENCE_END

HYPHEN_SPACE = False  # a line ending in "-" is joined to the next without a space
SPACE_AFTER = "space_after"  # a word's key: is a space printed right after it (`wraps`; absent: not known)
_BREAK_AFTER = ("-", "\u00ad", "\u2010", "\u2011", "\u2013", "\u2014", "/")  # wraps without a space


@dataclass
class Line:
    words: list[dict]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))


def is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return "bold" in f or "black" in f or "heavy" in f or f.endswith(",b")


def make_lines(words: list[dict], page: int) -> list[Line]:
    """Group words into visual lines: a word joins the current line when it overlaps it vertically."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        cur = lines[-1] if lines else None
        if cur is not None:
            overlap = min(cur.bottom, w["bottom"]) - max(cur.top, w["top"])
            height = min(cur.bottom - cur.top, w["bottom"] - w["top"]) or 1.0
            if overlap >= 0.5 * height:
                cur.words.append(w)
                cur.x0 = min(cur.x0, w["x0"])
                cur.x1 = max(cur.x1, w["x1"])
                cur.top = min(cur.top, w["top"])
                cur.bottom = max(cur.bottom, w["bottom"])
                continue
        lines.append(Line([w], page, w["x0"], w["x1"], w["top"], w["bottom"], 0.0, False))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
        sizes = Counter()
        bold = 0
        for w in line.words:
            n = len(w["text"])
            sizes[round(w.get("size", 0.0), 1)] += n
            if is_bold(w.get("fontname", "")):
                bold += n
        line.size = sizes.most_common(1)[0][0]
        line.bold = bold >= 0.8 * sum(sizes.values())
    return lines


def ends_in_hyphen(text: str) -> bool:
    return text.endswith(("-", "\u00ad")) and len(text) > 1 and not text[-2].isspace()


def join_lines(lines: list[Line], right_limit: float | None = None, vocab: Vocab | None = None) -> str:
    """The text of one paragraph's visual lines: joined with a space, except after a hyphen the line was
    broken at, and inside a single word too long for its column (broken wherever the line ended)."""
    out = ""
    prev: Line | None = None
    for line in lines:
        t = line.text
        if prev is None:
            out = t
        elif ends_in_hyphen(out) and not HYPHEN_SPACE:
            out = (out[:-1] if out.endswith("\u00ad") else out) + t
        elif right_limit is not None and _word_broken(prev, line, right_limit, vocab):
            out += t
        elif _broken_after_dash(out, prev, right_limit):
            out += t
        elif out.endswith("/") and not out.endswith(" /"):
            out += t  # "Translation/Terminology/" + "References": a line broken after a slash
        else:
            out += " " + t
        prev = line
    return out


_DASHES = ("\u2013", "\u2014")  # en and em dash; hyphens (U+2010, U+2011) keep their space as before


def _broken_after_dash(out: str, prev: Line, right_limit: float | None) -> bool:
    """A line broken right after an en or em dash that no space followed: a dash attached to the word before it
    (`2009\u2013` / `2011`), or one standing after a space where the page prints the spaces it wraps at (`wraps`)
    and none follows this dash (`Secretary \u2013` / `General's`: the text was `Secretary \u2013General's`). A line
    filled to its edge may have lost its space (`wraps`), so there the dash keeps the space."""
    if not out.endswith(_DASHES) or len(out) < 2:
        return False
    if not out[-2].isspace():
        return True
    return prev.words[-1].get(SPACE_AFTER) is False and (right_limit is None
                                                          or prev.x1 < right_limit - 0.5 * prev.size)


_CLOSING = re.compile(r"^[)\]}.,;:!?%]")
_WORD_CHARS = re.compile(r"[^\w]+")


def vocab_key(text: str) -> str:
    return _WORD_CHARS.sub("", text.lower())


_COMPOUND = re.compile(r"[-\u2010\u2011/]+")


@dataclass(frozen=True)
class Vocab:
    """The words a document prints, as `vocab_key`s: `inner`, the words inside a line (whole for certain: a line's
    first and last words may be parts of a word the layout broke); `printed`, every word of every line and every
    part of a compound (`Extra-budgetary`: `extrabudgetary`, `extra`, `budgetary`)."""
    inner: frozenset[str]
    printed: frozenset[str]

    @classmethod
    def of(cls, lines: list[Line]) -> "Vocab":
        inner, printed = set(), set()
        for line in lines:
            for k, w in enumerate(line.words):
                keys = {vocab_key(w["text"]), *(vocab_key(p) for p in _COMPOUND.split(w["text"]))}
                printed |= keys
                if 0 < k < len(line.words) - 1:
                    inner.add(vocab_key(w["text"]))
        return cls(frozenset(inner), frozenset(printed))

    def mends(self, head: str, tail: str) -> bool:
        """The two parts of a broken line make one word: the word is seen inside a line, or it is printed
        somewhere (at a line's end, in a compound) while neither part is a word seen inside a line (`budgeta` /
        `ry` where `Extra-budgetary` is printed; never `in` / `to`, both words, though `into` is printed)."""
        joined = vocab_key(head + tail)
        return joined in self.inner or (joined in self.printed and vocab_key(head) not in self.inner
                                        and vocab_key(tail) not in self.inner)


def _word_broken(prev: Line, line: Line, right_limit: float, vocab: Vocab | None) -> bool:
    """A word wider than its column, which the layout broke at the column edge ("internationa" / "l",
    "budgeta" / "ry"): the line above is that one word, filled to the edge, and the two parts make a word the
    document prints (`Vocab.mends`)."""
    if len(prev.words) != 1 or prev.x1 < right_limit - 0.6 * prev.size:
        return False
    head, tail = prev.words[0]["text"], line.words[0]["text"]
    if _CLOSING.match(tail):
        return True
    if not (head[-1:].isalpha() and tail[:1].isalpha() and tail[:1].islower()):
        return False
    if len(vocab_key(tail)) == 1 and tail.lower() not in ("a", "i"):
        return True
    return vocab is not None and vocab.mends(head, tail)


_NO_BREAK_BEFORE = re.compile(r"^[)\]}!?,.;:/%»”’]+$")


def first_word_width(line: Line) -> float:
    """Width of what a line breaker must keep together at the line's start: the first word, with any
    following words that are only closing punctuation or a slash (no line break is allowed before those)."""
    words = line.words
    end = words[0]["x1"]
    for w in words[1:]:
        if not _NO_BREAK_BEFORE.match(w["text"]):
            break
        end = w["x1"]
    return end - words[0]["x0"]


def paragraphs(lines: list[Line], right_limit: float, pitch: float | None = None) -> list[list[Line]]:
    """Split consecutive visual lines (one column, top to bottom) into paragraphs."""
    if not lines:
        return []
    if pitch is None:
        steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if abs(a.size - b.size) < 0.6 and b.top > a.top]
        pitch = min(steps) if steps else None
    paras: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        if breaks(prev, line, right_limit, pitch):
            paras.append([line])
        else:
            paras[-1].append(line)
    # A list whose marks are typed glyphs wraps its items back to the glyph's edge, so a short lead-in of the
    # next group ("Learning and growth:") right under an item looks like the item's last line. A bulleted item
    # does not end in a capitalized phrase ending with a colon that the next bullet follows: that is a label.
    out: list[list[Line]] = []
    for k, para in enumerate(paras):
        last = para[-1].text
        if (len(para) >= 2 and BULLET_START.match(para[0].text) and k + 1 < len(paras)
                and BULLET_START.match(paras[k + 1][0].text) and _LEAD_IN.match(last)):
            out += [para[:-1], para[-1:]]
        else:
            out.append(para)
    return out


_LEAD_IN = re.compile(r"^[A-Z][a-z]+(?: [a-z&]+| [A-Z][a-z]+){0,3}:$")  # "Customer:", "Learning and growth:"


def breaks(prev: Line, line: Line, right_limit: float, pitch: float | None, same_page: bool = True) -> bool:
    """Does `line` start a new paragraph after `prev`?"""
    if abs(prev.size - line.size) >= 0.6 or prev.bold != line.bold:
        return True
    if same_page and pitch is not None and line.top - prev.top > pitch + max(1.5, 0.12 * line.size):
        return True  # lines of one paragraph are evenly spaced; paragraph spacing shows as a larger step
    if BULLET_START.match(line.text) or GLYPH_MARK.match(line.text.strip()):
        return True
    if _ended(prev, line, right_limit):
        return True  # the PDF prints the space a line was wrapped at, and this line has none
    if not same_page and SENTENCE_END.search(prev.text) and not line.text[:1].islower():
        return True  # across a page break only an unfinished sentence is taken to go on
    space = 0.3 * line.size
    if prev.x1 + space + first_word_width(line) < right_limit - 1.0:
        return True  # the next line's first word would have fitted: the line was ended on purpose
    return False


def wrap_point(line: Line, right_limit: float) -> bool:
    """Could the line have been wrapped at a space it printed: short of the edge by half an em (room for the space),
    not broken at a hyphen, a dash or a slash?"""
    return right_limit - line.x1 >= 0.5 * line.size and not line.text.endswith(_BREAK_AFTER)


def _ended(prev: Line, line: Line, right_limit: float) -> bool:
    """Did `prev` end its paragraph by the space mark (`wraps`): no space after it where one is printed at wraps,
    not a word broken at the edge (one word, the next line going on in lower case), nor before closing
    punctuation?"""
    if prev.words[-1].get(SPACE_AFTER) is not False or not wrap_point(prev, right_limit):
        return False
    if len(prev.words) == 1 and line.text[:1].islower():
        return False
    return not _CLOSING.match(line.text)
