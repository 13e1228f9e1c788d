"""Name normalization and acronym helpers for entity matching.

`key(name)` is the comparison form of a printed name: case-folded, accents and typographic quotes removed,
`&` read as `and`, punctuation turned into spaces, and generic words that do not identify an entity
(`department`, `unit`, `the`, `of`, `itu`, `programme`, ...) dropped. Two printed names with the same key are
the same entity without any fuzzy matching ("PLENIPOTENTIARY CONFERENCE", "ITU Plenipotentiary Conference",
"COUNCIL AND WORKING GROUPS", "Council & Working Groups").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that describe the kind of thing, not which thing it is.
STOP_WORDS = frozenset(
    """a an and the of for on in to its their
    itu gs department departments dept unit units division service services section office
    programme programmes program programs""".split()
)
# "Services" is a stop word except where it is the name itself ("Information Services", "Common Services"):
# dropping it everywhere would make IS and CS collide on "information"/"common", which do not collide, so
# keep the distinctive word list small and predictable instead.
STOP_WORDS = STOP_WORDS - {"service", "services"}

SCOPES = {
    "secretariat": "GS",
    "general secretariat": "GS",
    "gs": "GS",
    "sg": "GS",
    "itu-r": "ITU-R",
    "itu-t": "ITU-T",
    "itu-d": "ITU-D",
    "union": "Union",
}

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/\-\.]{0,9}$")
_GRADE = re.compile(r"^(?:[DGPE]|ASG|USG|SG|DSG)\s?-?\d{0,2}$", re.I)


def fold(text: str) -> str:
    """Lower case, no accents, typographic quotes/dashes made plain, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def tokens(name: str, drop_stop_words: bool = True) -> list[str]:
    text = fold(name).replace("&", " and ").replace("'s ", " ").replace("'s", "")
    toks = [t for t in _NON_ALNUM.split(text) if t]
    if drop_stop_words:
        kept = [t for t in toks if t not in STOP_WORDS]
        return kept or toks  # a name made only of stop words ("Units") keeps them
    return toks


@lru_cache(maxsize=500_000)
def key(name: str) -> str:
    return " ".join(tokens(name))


def norm_scope(scope: str) -> str:
    s = fold(scope).strip()
    return SCOPES.get(s, scope.strip())


def strip_wrappers(name: str) -> str:
    """'(Units of) SC' -> 'SC'; 'A-ITU TELECOM Events' keeps its text (the A- is an annex letter, harmless)."""
    return re.sub(r"^\((?:units? of|part of)\)\s*", "", name.strip(), flags=re.I)


@lru_cache(maxsize=500_000)
def looks_like_acronym(name: str) -> bool:
    """SGO, C&P, FIN, IS, WTPF, UIPRN/UISCN: one short upper-case token."""
    n = strip_wrappers(name)
    return bool(_ACRONYM.match(n)) and sum(ch.isalpha() for ch in n) >= 2


def letters(acronym: str) -> str:
    """'C&P' -> 'cp', 'ITU-R' -> 'itur'."""
    return re.sub(r"[^a-z0-9]", "", fold(strip_wrappers(acronym)))


def is_grade(label: str) -> bool:
    """Staff grades (P5, G7, D1, E2) are not units."""
    return bool(_GRADE.match(label.strip()))


def initials(name: str) -> str:
    return "".join(t[0] for t in tokens(name) if t)


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def abbreviates(acr: str, long_name: str) -> bool:
    """Is `acr` (letters) a plausible abbreviation of `long_name`?

    Either it is the initials of its distinctive words (CS -> Common Services Department,
    WTPF -> World Telecommunication Policy Forum), or, for three letters or more, it is a contraction of its
    first distinctive word starting with the same letter (FIN -> Finance, PER -> Personnel, TLC -> Telecom).
    """
    if len(acr) < 2:
        return False
    toks = tokens(long_name)
    if not toks:
        return False
    ini = "".join(t[0] for t in toks)
    if len(toks) >= 2 and ini == acr:
        return True
    first = toks[0]
    return len(acr) >= 3 and len(first) > len(acr) and first[:2] == acr[:2] and is_subsequence(acr, first)


UNIT_WORDS = frozenset("department departments unit units division office bureau secretariat service services".split())


def names_a_unit(name: str) -> bool:
    """'Strategy and Policy Unit', 'FINANCE DEPARTMENT': a long form that names an organizational unit."""
    return any(t in UNIT_WORDS for t in tokens(name, drop_stop_words=False))


# ------------------------------------------------------------------------------------------------------------
# Names that carry their own acronym, abbreviated words, codes, document series

_TRAILING_ACRONYM = re.compile(r"^(?P<long>.*?\S)\s*\(\s*(?P<acr>[A-Z][A-Za-z0-9&/\-]{1,9})\s*\)\s*$")


def split_acronym(name: str) -> tuple[str, str] | None:
    """'World Telecommunication Policy Forum (WTPF)' -> ('World Telecommunication Policy Forum', 'WTPF') when the
    acronym abbreviates the words before it (initials, or a contraction of the first word); else None."""
    m = _TRAILING_ACRONYM.match(name.strip())
    if not m:
        return None
    long, acr = m.group("long").strip(" ,-"), m.group("acr")
    acr_l = singular_acronym(letters(acr))
    toks = tokens(long)
    ini_all = "".join(t[0] for t in tokens(long, drop_stop_words=False))
    if abbreviates(acr_l, long) or (toks and is_subsequence(acr_l, ini_all) and acr_l[0] == ini_all[0]):
        return long, acr
    return None


def singular_acronym(acr_letters: str) -> str:
    """'ldcs' -> 'ldc': an acronym's plural s (LDCs, SIDSs) is not one of its letters."""
    return acr_letters[:-1] if len(acr_letters) >= 3 and acr_letters.endswith("s") else acr_letters


def _word_abbreviates(short: str, long: str) -> bool:
    """'regs' / 'regulations', 'radiocomm' / 'radiocommunication', 'telecom' / 'telecommunication': the short
    word keeps the long word's first three letters and the rest of its letters in order."""
    if short == long:
        return True
    return (len(short) >= 3 and len(long) > len(short) and short[:3] == long[:3]
            and is_subsequence(short, long))


def words_abbreviate(a: str, b: str) -> bool:
    """Same words in the same order, some of them abbreviated on one side: 'Radio Regs Board' / 'Radio
    Regulations Board', 'Radiocomm. Assemblies' / 'Radiocommunication Assemblies'. At least one word differs
    and every word pairs off."""
    ta, tb = tokens(a), tokens(b)
    if len(ta) != len(tb) or ta == tb or len(ta) < 2:
        return False
    return all(_word_abbreviates(x, y) or _word_abbreviates(y, x) for x, y in zip(ta, tb))


def same_words(a: str, b: str) -> bool:
    """The same distinctive words, in any order and any number of times: 'Council & Working Groups' /
    'Council and Council Working Groups', 'Cybersecurity and Internet Policy' / 'Internet Policy and
    Cybersecurity'."""
    ta, tb = tokens(a), tokens(b)
    return len(set(ta)) >= 2 and set(ta) == set(tb)


_CODE_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})


def norm_code(code: str) -> str:
    """'R.1-7', 'r.1 – 7', 'R 1-7' -> 'R.1-7'; '' stays ''."""
    c = re.sub(r"\s+", "", code.translate(_CODE_DASHES).upper())
    c = re.sub(r"^([A-Z]+)(?=\d)", r"\1.", c)  # 'R1-7' -> 'R.1-7'
    return c


_PERIOD = re.compile(r"[-_ ]?(?:19|20)\d{2}(?:[-_–](?:19|20)?\d{2})?(?=$|[-_ ])")


def document_series(document_id: str) -> str:
    """'gs-operational-plan-2008-2011' -> 'gs-operational-plan': the editions of one plan share it."""
    s = _PERIOD.sub("", document_id).strip("-_ ")
    return s or document_id
