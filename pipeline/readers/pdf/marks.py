"""List marks and sentence ends: the few patterns that several steps of the PDF reader look at.

A bullet glyph, a list number or a closing full stop decides paragraph breaks (`lines`), rows of borderless
tables (`borderless`) and whether a row goes on over a page break (`continuation`), so the patterns are written
once here, and so are the words a sentence cannot end with. Dashes and asterisks are list marks but not "dots": a line starting with a dash may be a minus sign.
"""

from __future__ import annotations

import re

from pipeline.model import BULLET_GLYPHS

DOTS = "[" + re.escape(BULLET_GLYPHS.translate(str.maketrans("", "", "-–—*"))) + "]"  # glyphs, no dashes
MARKS = "[" + re.escape(BULLET_GLYPHS + "(") + "]"  # what may stand before a list item
BULLET_START = re.compile("^" + DOTS)
LIST_MARK = re.compile("^(" + MARKS + r")\s")
GLYPH_MARK = re.compile("^" + MARKS + "$")  # a list mark standing on a line of its own
SENTENCE_END = re.compile(r"[.;:!?]$")
RUNS_ON = re.compile(r"(?:[,/&+]|\b(?:and|or|of|the|to|for|in|with))$", re.I)  # a line no text ends with
