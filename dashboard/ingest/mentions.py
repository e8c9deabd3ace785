"""A sentence and the gazetteer in, place mentions out: cued names, names in lists, names the gazetteer knows.

Also the article's countries (context) and the two belligerents; docs/ingest.md explains each rule.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from dashboard.ingest.articles import Article, Sentence
from dashboard.ingest.lexicon import INDONESIAN_STOPWORDS, MACRO_REGIONS, STOPWORDS, country_spans
from dashboard.ingest.speakers import is_person_context, speaks_for_its_state

# Cue words before a place name, and the ACLED geo_precision they imply (1 the place, 2 near it or its
# district, 3 a region). A cue also lets a name match approximately ("kota Sok" → Sotk).
CUES = [
    (
        r"ke arah|arah|dekat|di dekat|sekitar|pinggiran|perbatasan dengan|toward|towards|in the direction of|near|"
        r"nearby|outside|outskirts|close to|north|south|east|west|northeast|northwest|southeast|southwest|"
        r"utara|selatan|timur|barat|timur laut|barat laut|tenggara|barat daya",
        2,
    ),
    (r"distrik|district|districts|kabupaten|regency|rayon|raion|kecamatan|municipality", 2),
    (r"wilayah|region|regions|provinsi|province|provinces|oblast|daerah|kawasan|area|governorate|state", 3),
    (
        r"kota|desa|kampung|kelurahan|town|towns|city|cities|village|villages|settlement|settlements|permukiman|"
        r"kamp|kamp pengungsi|camp of|"
        r"ibu kota|capital|di|in|at|from|dari|ke|to|on|hit|struck|shelled|menembaki|menyerang|attacked|the|of",
        1,
    ),
]
_CUE_WORDS = {w: p for words, p in CUES for w in words.split("|")}
_CUE_RUN = re.compile(r"(?:\b(?:" + "|".join(sorted(_CUE_WORDS, key=len, reverse=True)) + r")\s+)+$", re.I)
_WEAK = (
    "di",
    "in",
    "at",
    "from",
    "dari",
    "ke",
    "to",
    "on",
    "hit",
    "struck",
    "shelled",
    "menembaki",
    "menyerang",
    "attacked",
    "the",
    "of",
)
_POSTFIX = re.compile(
    r"^(?:\s+(district|districts|region|regions|province|provinces|oblast|village|villages|town|towns|"
    r"city|governorate|area|settlement|camp)\b|\s*,\s+(?:a|an|the)\s+(?:\w+\s+)?(town|village|city|district|"
    r"region|settlement|camp)\b)",
    re.I,
)
_NAME = re.compile(
    r"(?:[A-Z][\w'’]*(?:-[\w'’]+)*|(?:al|el|ad|as|ash|ez|de|del|la|le)-[A-Z][\w'’]*)"
    r"(?:\s+(?:[A-Z][\w'’]*(?:-[\w'’]+)*|(?:al|el|ad|ash|ez)-[A-Z][\w'’]*|(?:de|del|al|el)\s+[A-Z]\w*)){0,3}"
)
_LEADING = re.compile(r"[\s“\"'‘(\[]*")  # only quotes, brackets and spaces before a name: it opens the sentence
_LIST_WINDOW = 400  # characters after a name searched for its list's descriptor ("... and Lachin districts")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:(?:dan|and|serta|atau|or)\s+)?|\s+(?:dan|and|serta|atau|or)\s+)")
_TITLES = re.compile(
    r"\b(?:menteri|minister|presiden|president|juru bicara|spokes(?:man|woman|person)|jenderal|"
    r"general|gen\.|kolonel|colonel|letnan|lt\.|kapten|captain|mayor|komandan|commander|bapak|pak|"
    r"ibu|mr\.?|mrs\.?|ms\.?|dr\.?|sekretaris|secretary|secretary of state|duta besar|ambassador|wakil|deputy|"
    r"kepala|chief|head|perdana menteri|prime minister|pertahanan|defen[cs]e|luar negeri|foreign)\s*$",
    re.I,
)
NOT_RESOLVED_METHODS = ("fuzzy",)
BIG_CITY = 100_000  # a place named without a cue, outside the article's countries, must be at least this big


@dataclass(frozen=True)
class Mention:
    """A place name as written in a sentence, with the cue that introduced it (if any)."""

    sentence: int
    start: int
    end: int
    text: str
    cue: str
    geo_precision: int
    qualifier: str = ""  # "Donetsk" in "Umanske in the Donetsk region": resolved as "Umanske, Donetsk"

    @property
    def key(self) -> tuple[int, int]:
        return self.sentence, self.start

    @property
    def query(self) -> str:
        return f"{self.text}, {self.qualifier}" if self.qualifier else self.text


# -- place mentions --------------------------------------------------------------------------------


def find_mentions(article: Article, sentence: Sentence, gazetteer, context: tuple[str, ...]) -> list[Mention]:
    """Capitalised names in a sentence that are places: after a cue, in a cued list, or known to the gazetteer."""
    from dashboard.geocoding.normalize import is_descriptor, name_key

    text, base = sentence.text, sentence.start
    found: list[Mention] = []
    list_cue: tuple[str, int] | None = None
    last_end = -1
    for m in _NAME.finditer(text):
        name, start = _compass_name(text, m, gazetteer, context) or _trim(m.group(), m.start())
        if not name:
            continue
        before = text[max(0, start - 60) : start]
        cue = _cue(before)
        if cue is None or _weak(cue[0]):
            cue = _postfix(text, start + len(name), m) or cue
        if cue is None and list_cue and _LIST_SEP.fullmatch(text[last_end:start]):
            cue = (list_cue[0] if list_cue[0].endswith("(list)") else list_cue[0] + " (list)", list_cue[1])
        last_end = start + len(name)
        if _TITLES.search(before) or re.search(r"[\w)]\s*$", before) and not cue and is_person_context(text, start):
            list_cue = None
            continue
        if speaks_for_its_state(text, start, name):
            list_cue = None
            continue
        initial = start == 0 or _LEADING.fullmatch(text, 0, start) is not None  # no copy of the text per name
        strong = cue is not None and not _weak(cue[0])
        listed = (cue is not None and cue[0].endswith("(list)")) or bool(  # "menembaki Goris, Sotk, dan Kapan"
            found and _LIST_SEP.fullmatch(text, found[-1].end - base, start)
        )
        if (
            country_spans(name)
            or name_key(name) in MACRO_REGIONS
            or _function_word(name_key(name), article.language, initial, strong or listed, gazetteer, name, context)
            or is_descriptor(name_key(name))
            or (name.isupper() and len(name) <= 4)
        ):
            list_cue = None
            continue
        known = _known(gazetteer, name, context)
        if not (strong or known) or (initial and not strong and name_key(name.split()[0]) in STOPWORDS):
            list_cue = cue if strong else None
            continue
        precision = cue[1] if cue else 1
        found.append(
            Mention(
                sentence.index,
                base + start,
                base + start + len(name),
                name,
                cue[0] if cue else "capitalised name in the gazetteer",
                precision,
            )
        )
        list_cue = cue if cue and strong else list_cue if known and list_cue else None
    return _drop_qualifiers(text, base, found)


def _function_word(key: str, language: str, initial: bool, strong: bool, gazetteer, name: str, context) -> bool:
    """A stopword is no place, except a town that shares an Indonesian word's spelling ("Kapan", when): in English
    text mid-sentence, or in Indonesian after a cue ("kota Kapan"), when the gazetteer knows it in the article's
    countries."""
    if key not in STOPWORDS:
        return False
    if key not in INDONESIAN_STOPWORDS or initial:
        return True
    if language == "id" and not strong:
        return True
    return not _known(gazetteer, name, context)


def _drop_qualifiers(text: str, base: int, found: list[Mention]) -> list[Mention]:
    """ "Sotk in Armenia's Gegharkunik province", "desa X, kabupaten Y": the region qualifies the place before it."""
    kept: list[Mention] = []
    dropped: Mention | None = None
    for mention in found:
        if (
            dropped
            and mention.cue.endswith("(list)")
            and re.fullmatch(r"\s*,\s*", text[dropped.end - base : mention.start - base])
        ):
            dropped = mention  # "Kabupaten Intan Jaya, Papua Tengah": the province after a qualifier qualifies too
            continue
        dropped = None
        prev = kept[-1] if kept else None
        gap = text[prev.end - base : mention.start - base] if prev else ""
        if (
            prev
            and mention.geo_precision >= prev.geo_precision
            and re.fullmatch(
                r"(?:\s*,\s*|\s+(?:in|di|of)\s+)(?:the\s+|[A-Z]\w+(?:'s|’s)\s+|(?:kabupaten|provinsi|distrik|"
                r"wilayah|district|province|region)\s+)*",
                gap,
                re.I,
            )
        ):
            if (
                mention.geo_precision > prev.geo_precision
                or re.search(r"\b(?:in|di)\b", gap)
                or re.search(r"kabupaten|provinsi|province|region|oblast", gap, re.I)
            ):
                kept[-1] = replace(prev, qualifier=prev.qualifier or mention.text)
                dropped = mention
                continue
        kept.append(mention)
    return kept


def _cue(before: str) -> tuple[str, int] | None:
    """The run of cue words just before a name ("ke arah kota ") and the coarsest precision among them."""
    m = _CUE_RUN.search(before)
    if not m:
        return None
    words = m.group().strip()
    found = [p for w, p in _CUE_WORDS.items() if re.search(r"\b" + re.escape(w) + r"\b", words, re.I)]
    return words, max(found, default=1)


_ADMIN_AFTER = re.compile(
    r",\s+(kabupaten|distrik|provinsi|kecamatan|regency|province|district|region|oblast|governorate)\s+[A-Z]", re.I
)


# Names that are in the sentence but are not where the event happened: where people fled or were taken to, and a
# town's former name ("Jayapura, yang dulu bernama Hollandia"; "Bakhmut, formerly Artemivsk").
_ASIDE = re.compile(
    r"(?:\b(?:fle(?:e|d|eing)|evacuated|dievakuasi|mengungsi|dilarikan|dirujuk|taken|moved|relocated)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:to|toward|towards|into|ke|ke arah)\s+(?:the\s+)?(?:(?:town|city|kota|desa)\s+(?:of\s+)?)?"
    r"|\b(?:(?:yang\s+)?(?:dulu|dahulu|sebelumnya)\s+(?:bernama|disebut)|formerly(?:\s+(?:known\s+as|called))?|"
    r"once\s+called|then\s+(?:called|known\s+as))\s+)$",
    re.I,
)


_ASIDE_WINDOW = 160  # characters: longer than any cue ("dievakuasi oleh warga ke arah kota ...")


def aside(mention: Mention, sentence: Sentence) -> bool:
    """A destination of flight or evacuation, or a former name: in the sentence, but not an incident place."""
    end = mention.start - sentence.start
    # The cue ends where the name starts and is a few words long: searching the whole sentence before every name
    # would be quadratic in a sentence listing hundreds of places.
    return _ASIDE.search(sentence.text[max(0, end - _ASIDE_WINDOW) : end]) is not None


def _postfix(text: str, end: int, m) -> tuple[str, int] | None:
    """A descriptor after the name or its list: "the Dashkesan, Kelbajar and Lachin districts", "Kapan, a town";
    or the unit the place lies in ("Kenyam, Kabupaten Nduga"): the name before it is a place itself."""
    admin = _ADMIN_AFTER.match(text, end)
    if admin:
        return f"followed by its {admin.group(1).lower()}", 1
    # Within a bounded window: scanning the whole rest of a sentence for every name in it was quadratic.
    window = text[end : end + _LIST_WINDOW]
    tail = re.match(r"(?:(?:,\s*|\s+(?:and|dan|or|atau)\s+)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)*", window)
    after = _POSTFIX.match(window[tail.end() if tail else 0 :])
    if not after:
        return None
    word = (after.group(1) or after.group(2)).lower()
    if tail and tail.end() and after.group(1) and not word.endswith("s"):
        return None  # "Nikopol and Marhanets, Dnipropetrovsk province": a singular descriptor is the last name's
    return word, max((p for w, p in _CUE_WORDS.items() if w == word or w == word.rstrip("s")), default=1)


def _weak(cue: str) -> bool:
    """Prepositions alone ("di", "in", "from") hint at a place but do not make one: the name must be known."""
    return all(w.lower() in _WEAK for w in cue.replace("(list)", "").split())


_TRAILING_DESCRIPTORS = frozenset(
    {"province", "region", "district", "oblast", "governorate", "regency", "raion", "rayon", "marz", "prefecture"}
)


def _trim(name: str, start: int) -> tuple[str, int]:
    """Drop leading function words capitalised at the start of a sentence ("Di Goris" → "Goris")."""
    from dashboard.geocoding.normalize import name_key

    while " " in name and (
        name_key(name.split()[0]) in STOPWORDS
        or re.search(r"['’]s$", name.split()[0])
        and country_spans(name.split()[0])  # "Armenia's Syunik"
        or name.split()[0].lower() in _CUE_WORDS
        and name.split()[0].lower() not in _WEAK
    ):
        # "Distrik Sugapa", "Kampung Bilogai": a capitalised descriptor is the cue, not part of the name
        rest = name[len(name.split()[0]) :]
        start += len(name) - len(rest.lstrip())
        name = rest.lstrip()
    # "Syunik Province", "Kherson Oblast": a capitalised descriptor after the name is its postfix cue (read by
    # _postfix from the text that follows), not part of the name the gazetteer knows.
    while " " in name and name.rsplit(None, 1)[1].lower() in _TRAILING_DESCRIPTORS:
        name = name.rsplit(None, 1)[0]
    return name, start


_COMPASS = re.compile(r"^(?:north|south|east|west|northern|southern|eastern|western|central)\s", re.I)
_UNIT_AFTER = re.compile(r"\s+(?:state|province|region|district|governorate|oblast|regency|county)\b", re.I)


def _compass_name(text: str, m, gazetteer, context) -> tuple[str, int] | None:
    """ "South Darfur state", "North Kivu province", "West Bank": a compass word that is part of the name (a unit
    follows, or the gazetteer knows the whole name) is not a cue to strip ("south of X" is)."""
    name, start = m.group(), m.start()
    if not _COMPASS.match(name) or " " not in name:
        return None
    if _UNIT_AFTER.match(text, m.end()) or _known(gazetteer, name, context):
        return name, start
    return None


def _known(gazetteer, name: str, context: tuple[str, ...], caps: bool = False) -> bool:
    """An exact gazetteer name in the article's countries, or a big city's main name anywhere."""
    from dashboard.geocoding.normalize import name_key

    key = name_key(name)
    if len(key) < 3 or (name.isupper() and len(name) <= 4 and not caps):
        return False
    for match in gazetteer.lookup(key):
        country = gazetteer.country_of(match.row)
        if country in context or (match.is_main and int(gazetteer.population[match.row]) >= BIG_CITY):
            return True
    return False


def _country_mentions(sentences) -> tuple[Counter, dict[str, int]]:
    """How often each country is named in ``sentences``, and the offset of its first mention."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for s in sentences:
        for pos, code in country_spans(s.text):
            counts[code] += 1
            first.setdefault(code, s.start + pos)
    return counts, first


def article_countries(article: Article) -> tuple[str, ...]:
    """Countries the article names (names and demonyms, both languages), most mentioned first."""
    counts, first = _country_mentions(article.sentences)
    return tuple(sorted(counts, key=lambda c: (-counts[c], first[c])))


def belligerents(article: Article) -> tuple[str, ...]:
    """The two countries the body names most, in order of first mention (who "kedua negara" are)."""
    counts, first = _country_mentions(article.body)
    top = sorted(counts, key=lambda c: (-counts[c], first[c]))[:2]
    return tuple(sorted(top, key=lambda c: first[c]))


def _check_qualifier(resolver, query: str, resolution, context):
    """An approximate match in another country than its qualifier ("Umanske, Donetsk" → Umanskiy, RU) is dropped:
    the place is kept unmapped for an analyst rather than put on the wrong map."""
    from dashboard.geocoding import Resolution

    if ", " not in query or not resolution.resolved or resolution.method != "fuzzy":
        return resolution
    anchor = resolver.resolve(query.split(", ", 1)[1], context=context)
    if anchor.resolved and anchor.place.country_code != resolution.place.country_code:
        return Resolution(
            query,
            None,
            None,
            0.0,
            f"the nearest spelling, {resolution.place.name} "
            f"({resolution.place.country_code}), is not in {anchor.place.name}'s country "
            f"({anchor.place.country_code})",
            (resolution.place,),
        )
    return resolution


def _keep(mention: Mention, resolution) -> bool:
    """A cued name is kept even when unresolved (a village GeoNames lacks); an uncued one must resolve exactly."""
    if not resolution.resolved:
        return mention.cue != "capitalised name in the gazetteer" and not _weak(mention.cue)
    if resolution.method in NOT_RESOLVED_METHODS:
        return resolution.confidence >= 0.5 and mention.cue != "capitalised name in the gazetteer"
    return True


def _in_span(mention: Mention, claim, sentence: Sentence) -> bool:
    """Inside the speaker phrase, or just before it ("In Baku, the ministry said"): where it was said, not done."""
    if not claim or not claim.span:
        return False
    a, b = claim.span
    rel_start, rel_end = mention.start - sentence.start, mention.end - sentence.start
    return a <= rel_start < b or (
        re.fullmatch(r"\s*,\s*", sentence.text[rel_end:a]) is not None
        and re.fullmatch(r"[\W]*(?:in|di|from|dari)\s+", sentence.text[:rel_start], re.I) is not None
    )
