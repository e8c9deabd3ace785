"""An ``Article`` in, incidents out (pure): place mentions, claims, ACLED event types, actors, times, one row per place.

    from dashboard.ingest.articles import load_article
    result = extract(load_article("seeds/000_226cea06c61128df.txt"))
    result.rows()        # dicts with exactly dashboard.models.COLUMNS, as strings (valid for incidents.validate)
    result.incidents     # Incident(row, background, confidence) — background = off the timeline by default

Place cues live here; the claim, event, actor and country lexicons are in ``dashboard.ingest.rules``.
docs/ingest.md explains each rule.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dashboard.errors import InputError
from dashboard.ingest.articles import Article, Sentence
from dashboard.ingest.rules import (
    STOPWORDS,
    claim_of,
    country_spans,
    event_of,
    fatalities_of,
    vague_place,
)
from dashboard.ingest.timeparse import Clock, Interval, scan
from dashboard.models import COLUMNS
from dashboard.settings import ROOT

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
    r"^\s+(?:(district|districts|region|regions|province|provinces|oblast|village|villages|town|towns|"
    r"city|governorate|area|settlement)\b|,\s+(?:a|an|the)\s+(?:\w+\s+)?(town|village|city|district|"
    r"region|settlement)\b)",
    re.I,
)
_NAME = re.compile(
    r"(?:[A-Z][\w'’]*(?:-[\w'’]+)*|(?:al|el|ad|as|ash|ez|de|del|la|le)-[A-Z][\w'’]*)"
    r"(?:\s+(?:[A-Z][\w'’]*(?:-[\w'’]+)*|(?:al|el|ad|ash|ez)-[A-Z][\w'’]*|(?:de|del|al|el)\s+[A-Z]\w*)){0,3}"
)
_LIST_WINDOW = 400  # characters after a name searched for its list's descriptor ("... and Lachin districts")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:(?:dan|and|serta|atau|or)\s+)?|\s+(?:dan|and|serta|atau|or)\s+)")
_TITLES = re.compile(
    r"\b(?:menteri|minister|presiden|president|juru bicara|spokes(?:man|woman|person)|jenderal|"
    r"general|gen\.|kolonel|colonel|letnan|lt\.|kapten|captain|mayor|komandan|commander|bapak|pak|"
    r"ibu|mr\.?|mrs\.?|ms\.?|dr\.?|sekretaris|secretary|duta besar|ambassador|wakil|deputy|"
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
    def query(self) -> str:
        return f"{self.text}, {self.qualifier}" if self.qualifier else self.text


@dataclass(frozen=True)
class Incident:
    row: dict
    background: bool = False
    confidence: float = 0.0


@dataclass(frozen=True)
class Extraction:
    article: Article
    incidents: tuple[Incident, ...]
    mentions: tuple[Mention, ...]
    context: tuple[str, ...]
    year_how: str
    key: str = ""

    def rows(self, include_background: bool = True) -> list[dict]:
        return [i.row for i in self.incidents if include_background or not i.background]

    def frame(self):
        """The rows as a DataFrame of strings (COLUMNS), plus a boolean ``background`` column."""
        import pandas as pd

        df = pd.DataFrame([i.row for i in self.incidents], columns=list(COLUMNS), dtype=str).fillna("")
        df["background"] = [i.background for i in self.incidents]
        return df


def source_key(article: Article) -> str:
    """What ids hash: the file's path relative to the repository (as the seed was coded), else the text's hash."""
    if article.source_path:
        try:
            return Path(article.source_path).resolve().relative_to(ROOT).as_posix()
        except ValueError:
            pass
    return "sha256:" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:16]


def _hash(*parts) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


# -- place mentions --------------------------------------------------------------------------------


def find_mentions(article: Article, sentence: Sentence, gazetteer, context: tuple[str, ...]) -> list[Mention]:
    """Capitalised names in a sentence that are places: after a cue, in a cued list, or known to the gazetteer."""
    from dashboard.geocoding.normalize import is_descriptor, name_key

    text, base = sentence.text, sentence.start
    found: list[Mention] = []
    list_cue: tuple[str, int] | None = None
    last_end = -1
    for m in _NAME.finditer(text):
        name, start = m.group(), m.start()
        name, start = _trim(name, start)
        if not name:
            continue
        before = text[max(0, start - 60) : start]
        cue = _cue(before)
        if cue is None or _weak(cue[0]):
            cue = _postfix(text, start + len(name), m) or cue
        if cue is None and list_cue and _LIST_SEP.fullmatch(text[last_end:start]):
            cue = (list_cue[0] if list_cue[0].endswith("(list)") else list_cue[0] + " (list)", list_cue[1])
        last_end = start + len(name)
        if _TITLES.search(before) or re.search(r"[\w)]\s*$", before) and not cue and _is_person_context(text, start):
            list_cue = None
            continue
        if (
            country_spans(name)
            or name_key(name) in STOPWORDS
            or is_descriptor(name_key(name))
            or (name.isupper() and len(name) <= 4)
        ):
            list_cue = None
            continue
        initial = start == 0 or re.compile(r"[\s“\"'‘(\[]*").fullmatch(text, 0, start) is not None  # no copy
        strong = cue is not None and not _weak(cue[0])
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


def _postfix(text: str, end: int, m) -> tuple[str, int] | None:
    """A descriptor after the name or its list: "the Dashkesan, Kelbajar and Lachin districts", "Kapan, a town"."""
    # Within a bounded window: scanning the whole rest of a sentence for every name in it was quadratic.
    window = text[end : end + _LIST_WINDOW]
    tail = re.match(r"(?:(?:,\s*|\s+(?:and|dan|or|atau)\s+)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)*", window)
    after = _POSTFIX.match(window[tail.end() if tail else 0 :])
    if not after:
        return None
    word = (after.group(1) or after.group(2)).lower()
    return word, max((p for w, p in _CUE_WORDS.items() if w == word or w == word.rstrip("s")), default=1)


def _weak(cue: str) -> bool:
    """Prepositions alone ("di", "in", "from") hint at a place but do not make one: the name must be known."""
    return all(w.lower() in _WEAK for w in cue.replace("(list)", "").split())


def _trim(name: str, start: int) -> tuple[str, int]:
    """Drop leading function words capitalised at the start of a sentence ("Di Goris" → "Goris")."""
    from dashboard.geocoding.normalize import name_key

    while " " in name and (
        name_key(name.split()[0]) in STOPWORDS
        or name.split()[0].lower() in _CUE_WORDS
        and name.split()[0].lower() not in _WEAK
    ):
        # "Distrik Sugapa", "Kampung Bilogai": a capitalised descriptor is the cue, not part of the name
        rest = name[len(name.split()[0]) :]
        start += len(name) - len(rest.lstrip())
        name = rest.lstrip()
    return name, start


def _is_person_context(text: str, start: int) -> bool:
    """ "Suren Papikyan" after another capitalised word that is a title or a country ("Menteri Pertahanan Armenia Suren")."""
    before = text[max(0, start - 40) : start].split()
    return bool(before) and (before[-1][:1].isupper() and country_spans(before[-1]) != [])


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


# -- the article -----------------------------------------------------------------------------------


def extract(
    article: Article,
    *,
    resolver=None,
    key: str | None = None,
    source_path: str | None = None,
    today: date | None = None,
    require_places: bool = True,
) -> Extraction:
    """Article → incidents. ``key`` feeds the ids (default ``source_key``); ``source_path`` fills that column."""
    if resolver is None:
        from dashboard.geocoding import get_resolver

        resolver = get_resolver()
    gazetteer = resolver.gazetteer
    key = key or source_key(article)
    context = article_countries(article)
    sides = belligerents(article)
    dateline_place, publisher = _dateline(article, resolver, context)
    if dateline_place is not None and dateline_place.country_code not in context:
        context = context + (dateline_place.country_code,)  # "Jayapura, KOMPAS.com –": the report is filed from there
    publisher = article.publisher or publisher or Path(article.source_path).stem or "unknown publisher"
    mentions = [m for s in article.body for m in find_mentions(article, s, gazetteer, context)]
    names = list(dict.fromkeys(m.query for m in mentions))
    resolved = dict(zip(names, resolver.resolve_all(names, context=context))) if names else {}
    for query, resolution in resolved.items():
        resolved[query] = _check_qualifier(resolver, query, resolution, context)
    mentions = [m for m in mentions if _keep(m, resolved[m.query])]
    if require_places and not mentions and dateline_place is None:
        raise InputError(
            f"{article.source_path or 'article'}: no places found (no town, village, district or "
            "region the gazetteer knows, and no dateline); nothing to map. Check the language "
            f"({article.language}, {article.language_how}) or add the place names to the gazetteer "
            "supplement"
        )
    clock = _clock(article, today)
    default_tz = (
        dateline_place.timezone
        if dateline_place
        else Counter(r.place.timezone for r in resolved.values() if r.resolved).most_common(1)[0][0]
        if any(r.resolved for r in resolved.values())
        else "UTC"
    )
    incidents: list[Incident] = []
    claim = None
    carried: date | None = None
    main_time: tuple[Interval, str] | None = None
    seen_types: set[str] = set()
    for sentence in article.body:
        claim = claim_of(sentence.text, claim, article.language)
        said = scan(sentence.text)
        background = bool(said.year_only and clock.year and said.year_only < clock.year)
        event = event_of(sentence.text, earliest=background)
        here = [m for m in mentions if m.sentence == sentence.index and not _in_span(m, claim, sentence)]
        first = clock.resolve(said, default_tz, carried) if said.has_time else None
        if first is not None and first.day is not None:
            carried = first.day
        if event is None:
            continue
        event_type, sub_type, violent = event
        if not here and not said.has_time and (event_type in seen_types or claim.carried):
            # A detail of an incident already coded (drones used, losses, "each side blames the other"); a death
            # toll it states goes to the last incident of that kind that has none.
            deaths = fatalities_of(sentence.text)
            target = next(
                (i for i in reversed(incidents) if i.row["event_type"] == event_type and not i.background), None
            )
            if deaths is not None and target is not None and not target.row["fatalities"]:
                target.row["fatalities"] = str(deaths)
                target.row["notes"] += (
                    f" Fatalities: {deaths}, stated in the next sentences ({claim.claimant or publisher})."
                )
            continue
        seen_types.add(event_type)
        claimant = claim.claimant or publisher
        actor1, actor2 = claim_actors(sentence.text, claim, sides, event_type, sub_type)
        deaths = fatalities_of(sentence.text)
        places: list[tuple[Mention | None, object]] = [
            (m, resolved[m.query]) for m in dict((m.text, m) for m in here).values()
        ]
        place_note = ""
        if not places and event_type == "Strategic developments" and actor1.startswith("Government") and dateline_place:
            places = [(None, dateline_place)]
            place_note = (
                f"Where it took place is not stated: coded to the dateline, {dateline_place.name}, "
                "as a region (geo_precision 3)."
            )
        if not places:
            places = [(None, None)]
        group = _hash(key, sentence.start, sentence.end)
        for n, (mention, resolution) in enumerate(places):
            place = getattr(resolution, "place", resolution) if resolution is not None else None
            location = mention.text if mention else (place.name if place else vague_place(sentence.text))
            tz = place.timezone if place else default_tz
            interval = clock.resolve(said, tz, carried if not said.has_date else None) if said.has_time else None
            time_note = interval.how if interval else ""
            if interval is None and violent and main_time:
                interval, time_note = main_time[0], f"Time not stated for this claim: coded to {main_time[1]}"
            if interval and violent and main_time is None and not background:
                main_time = (interval, f"the time of the first clash the article reports ({interval.how})")
            notes = [
                f"Claim: {claimant} ({claim.how})."
                if claim.how
                else f"Claim: {claimant} (the publisher's own statement)."
            ]
            if background:
                notes.insert(
                    0, f"Background: {said.year_only}, before the article's events; off the timeline by default."
                )
            if mention and place:
                r = resolution
                notes.append(
                    f"Place: {mention.text} → {place.name} ({place.country_code}; {r.method}, "
                    f"confidence {r.confidence:.2f}{'; ' + r.reason if r.reason else ''}); cue '{mention.cue}'."
                )
            elif mention:
                notes.append(f"Place: {mention.text} is not in the gazetteer ({resolution.reason}); kept unmapped.")
            elif not place:
                notes.append("No specific place" + (f": '{location}'." if location else "."))
            if place_note:
                notes.append(place_note)
            notes.append(f"Time: {time_note}." if time_note else "Time: not stated.")
            if deaths is not None and n > 0:
                notes.append(f"Fatalities ({deaths}) are counted on the first row of this event group.")
            incidents.append(
                Incident(
                    _row(
                        key=key,
                        sentence=sentence,
                        group=group,
                        interval=interval,
                        tz=tz,
                        event=(event_type, sub_type),
                        actors=(actor1, actor2),
                        claimant=claimant,
                        location=location,
                        place=place,
                        method=getattr(resolution, "method", "") or ("exact" if place else ""),
                        precision=(mention.geo_precision if mention else 3) if place else "",
                        fatalities=deaths if n == 0 else None,
                        article=article,
                        publisher=publisher,
                        source_path=article.source_path if source_path is None else source_path,
                        notes=" ".join(notes),
                    ),
                    background,
                    getattr(resolution, "confidence", 0.0),
                )
            )
    return Extraction(article, tuple(incidents), tuple(mentions), context, clock.year_how, key)


def place_fields(resolution) -> dict:
    """The row fields a resolved place fills (for an analyst's "move it to X" correction)."""
    p = resolution.place
    if p is None:
        raise InputError(f"{resolution.query!r} is not a known place ({resolution.reason})")
    return dict(
        place=p.name,
        geonameid="" if p.geonameid is None else str(p.geonameid),
        latitude=f"{p.latitude:.5f}",
        longitude=f"{p.longitude:.5f}",
        country_code=p.country_code,
        admin1=p.admin1,
        geo_method=resolution.method,
        local_tz=p.timezone,
    )


def _clock(article: Article, today: date | None) -> Clock:
    """The article's calendar; a dateline date ("KYIV, June 5") stands in for a missing published date."""
    texts = [s.text for s in article.sentences]
    clock = Clock.for_article(texts, article.published, today)
    if article.published is None and article.dateline and article.dateline.date_text:
        said = scan(article.dateline.date_text)
        if said.dates and said.dates[0][1] and said.dates[0][2]:
            _, day, month, year = said.dates[0]
            today = today or date.today()
            if year is None and clock.year is None:
                year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
                how = (
                    f"{year}, assumed: the dateline gives {article.dateline.date_text!r} without a year, read as the "
                    f"latest such day up to {today.isoformat()}"
                )
            else:
                year, how = year or clock.year, clock.year_how
            try:
                filed = date(year, month, day)
            except ValueError:
                return clock
            clock = Clock.for_article(texts, filed, today)
            clock.year_how = how + f"; filed {filed.isoformat()} (dateline)"
    return clock


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


def _dateline(article: Article, resolver, context) -> tuple[object | None, str]:
    """The dateline's place (resolved) and the publisher it names, if any ("Berita Baru, Yerevan –")."""
    d = article.dateline
    if d is None:
        return None, ""
    place, others = None, []
    for name in d.names:
        # Only a name the gazetteer knows exactly can be the dateline's place; "Berita Baru" is the publisher.
        known = (
            place is None and not country_spans(name) and _known(resolver.gazetteer, name, context or ("",), caps=True)
        )
        r = resolver.resolve(name, context=context) if known else None
        if r is not None and r.resolved and r.method != "fuzzy":
            place = r.place
        elif not country_spans(name):
            others.append(name)
    return place, (others[0] if others else d.agency or "")


def claim_actors(text: str, claim, sides: tuple[str, ...], event_type: str, sub_type: str) -> tuple[str, str]:
    """ACLED-style actors: the attacker first (the accused, or the subject after "said"), then the other side."""
    from dashboard.ingest.rules import COUNTRY_NAMES, actor_order

    violent = event_type not in ("Strategic developments", "Protests")
    order = actor_order(text, claim, violent)
    if violent and sides:
        order = [c for c in order if c in sides] or list(sides)
    pool = list(dict.fromkeys(order + [c for c in sides if c not in order]))
    kind = "Military Forces of"
    if (
        event_type == "Strategic developments"
        and re.search(
            r"menteri|minister|presiden|president|pemerintah|government|diplomat|talks|perundingan|kedutaan|embassy",
            text,
            re.I,
        )
        and not re.search(r"gencatan senjata|cease-?fire|truce", text, re.I)
    ):
        kind = "Government of"
    names = [f"{kind} {COUNTRY_NAMES[c]}" for c in pool[:2]]
    return (names + ["", ""])[0], (names + ["", ""])[1]


def _row(
    *,
    key,
    sentence,
    group,
    interval,
    tz,
    event,
    actors,
    claimant,
    location,
    place,
    method,
    precision,
    fatalities,
    article,
    publisher,
    source_path,
    notes,
) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        incident_id=_hash(key, sentence.start, sentence.end, location),
        event_group=group,
        start_utc=interval.start_iso if interval else "",
        end_utc=interval.end_iso if interval else "",
        time_precision=interval.precision if interval else "unknown",
        local_tz=tz,
        event_type=event[0],
        sub_event_type=event[1],
        actor1=actors[0],
        actor2=actors[1],
        claimed_by=claimant,
        location=location,
        geo_precision=str(precision),
        geo_method=method if place else "",
        fatalities="" if fatalities is None else str(fatalities),
        source=publisher,
        source_url=article.source_url,
        published=article.published.isoformat() if article.published else "",
        language=article.language,
        source_path=source_path,
        excerpt=sentence.text,
        excerpt_start=str(sentence.start),
        excerpt_end=str(sentence.end),
        notes=notes,
    )
    if place is not None:
        row.update(
            place=place.name,
            geonameid="" if place.geonameid is None else str(place.geonameid),
            latitude=f"{place.latitude:.5f}",
            longitude=f"{place.longitude:.5f}",
            country_code=place.country_code,
            admin1=place.admin1,
        )
    else:
        row["geo_precision"] = ""
    return row
