"""Place-name text in, match keys out: accent-free ASCII keys, phonetic skeletons, cleaned queries.

Two keys are made from every name, in the gazetteer and in the query alike:

* ``name_key`` — the name transliterated to ASCII (anyascii: Armenian, Cyrillic, Georgian, Greek and
  accented Latin), lower-cased, apostrophes and modifier letters dropped, punctuation turned into
  single spaces. "Laçın", "Lacin" and "LACIN" share the key ``lacin``. Exact matching uses it.
* ``skeleton`` — the key with the spellings that romanisation schemes disagree on folded together
  (``dzh``/``zh``/``j``/``c``/``ch`` → ``j``, ``kh``/``x`` → ``h``, ``sh``/``ş`` → ``s``, ``q``/``gh`` → ``g``
  (Azerbaijani q is English g: Qubadlı, Gubadli),
  ``e``/``a``/``ə`` → ``a``, ``y`` → ``i``, ``o``/``u``/``ow`` → ``u``, doubled letters, spaces). It is only
  used to score fuzzy matches, so that "Kelbajar" (English), "Kəlbəcər" (Azerbaijani), "Kel'badzhar"
  (Russian) and "Jermowk" (anyascii of Armenian Ջերմուկ) sit a few edits apart or fewer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Scripts whose transliteration by anyascii is faithful enough to match on. Abjads (Arabic, Hebrew)
# drop vowels and syllabaries (kana, Devanagari, Ethiopic) add them, which made false keys such as
# "rachin" (ラチン, Laçın) or "dshksan" (Dashkasan) that collide with unrelated places.
_MATCHABLE_RANGES = (
    "\u0000-\u02ff"  # Latin, IPA, spacing modifiers
    "\u0370-\u052f"  # Greek, Cyrillic
    "\u0530-\u058f"  # Armenian
    "\u10a0-\u10ff\u1c80-\u1cbf\u2d00-\u2d2f"  # Georgian, Cyrillic extended
    "\u1e00-\u1fff"  # Latin extended additional, Greek extended
    "\u2de0-\u2dff\ua640-\ua69f\ufb13-\ufb17"  # Cyrillic extended, Armenian ligatures
)
_FOREIGN_LETTER = re.compile(rf"(?![{_MATCHABLE_RANGES}])[^\W\d_]")

_APOSTROPHES = re.compile(r"['`\"]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Ordered: longer spellings first, so "dzh" is folded before "zh" and "tsch" before "sch"; the
# single letters are folded last, in one ``str.translate``.
_SKELETON_RULES = (
    ("tsch", "j"),
    ("dsch", "j"),
    ("sch", "s"),
    ("dzh", "j"),
    ("tch", "j"),
    ("ck", "k"),
    ("ch", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("sh", "s"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("ow", "u"),
    ("ou", "u"),
)
_SKELETON_LETTERS = str.maketrans("cxqwyeo", "jhgviau")
_DOUBLED = re.compile(r"(.)\1+")

# Words that describe a place rather than name it ("Dashkesan district", "city of Goris"). A
# district is coded to its main town, as ACLED codes a district (geo_precision 2).
_DESCRIPTORS = (
    "urban type settlement",
    "settlement",
    "district",
    "region",
    "rayon",
    "raion",
    "rayonu",
    "province",
    "oblast",
    "oblast'",
    "marz",
    "municipality",
    "community",
    "city",
    "town",
    "village",
    "sheheri",
    "seheri",
    "kendi",
    "qesebesi",
    "gorod",
    "selo",
    "posyolok",
    "poselok",
    "rajon",
    "rayoni",
    "area",
    "the",
    "corridor",
    "hromada",
    "misto",
    "selyshche",
    "smt",
    "kaghak",
    "gyugh",
    "krai",
    # Indonesian (the seed articles are Indonesian): city, village, regency, province, district, area
    "kota",
    "desa",
    "kabupaten",
    "provinsi",
    "kecamatan",
    "distrik",
    "wilayah",
    "daerah",
)
_DESCRIPTOR_SET = frozenset(_DESCRIPTORS)
_DESCRIPTOR_ALT = "|".join(_DESCRIPTORS)
_DESCRIPTOR_RE = re.compile(rf"^(?:(?:{_DESCRIPTOR_ALT})\s+(?:of\s+)?)+|(?:\s+(?:{_DESCRIPTOR_ALT}))+$")
_BRACKETS = re.compile(r"\(([^()]*)\)")
# Russian and Ukrainian abbreviations before a name: г. (town), с. (village), пгт./смт. (urban-type
# settlement), пос. (settlement), дер. (hamlet), м. (Ukrainian town).
_ABBREVIATION = re.compile(r"^(?:г|с|пгт|смт|пос|дер|м|с-ще)\.\s*", re.IGNORECASE)


def is_matchable(text: str) -> bool:
    """True when every letter of ``text`` is in a script anyascii romanises faithfully."""
    return _FOREIGN_LETTER.search(text) is None


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The exact-match key: ASCII, lower case, no apostrophes, words separated by one space."""
    ascii_text = anyascii(unicodedata.normalize("NFC", text)).lower()
    ascii_text = _APOSTROPHES.sub("", ascii_text)
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def skeleton(key: str) -> str:
    """The fuzzy-match key of a ``name_key``: romanisation variants folded, spaces removed."""
    text = key.replace(" ", "")
    for old, new in _SKELETON_RULES:
        if old in text:
            text = text.replace(old, new)
    text = text.translate(_SKELETON_LETTERS)
    return _DOUBLED.sub(r"\1", text)


def strip_descriptors(key: str) -> str:
    """``name_key`` without descriptive words: "dashkesan district" → "dashkesan"."""
    stripped = _DESCRIPTOR_RE.sub("", key).strip()
    return stripped or key


def is_descriptor(key: str) -> bool:
    """True when a key is only a descriptive word ("kota", "district"), not a name."""
    return key in _DESCRIPTOR_SET


def split_query(text: str) -> tuple[str, tuple[str, ...]]:
    """Split "Kapan, Armenia" or "Martakert (Aghdara)" into the name and its qualifiers."""
    text = _ABBREVIATION.sub("", text.strip())
    qualifiers = [q.strip() for q in _BRACKETS.findall(text) if q.strip()]
    text = _BRACKETS.sub(" ", text)
    parts = [part.strip() for part in text.split(",")]
    head = parts[0]
    qualifiers.extend(part for part in parts[1:] if part)
    return head, tuple(qualifiers)


def query_keys(name: str) -> tuple[str, ...]:
    """The keys to try for a query name, most literal first (descriptor words stripped second)."""
    key = name_key(name)
    stripped = strip_descriptors(key)
    return (key,) if stripped == key else (key, stripped)
