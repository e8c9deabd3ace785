"""Place names and a country context in, one ``Resolution`` per name out, ranked as Mordecai 3 and CLIFF do.

A candidate's score adds four parts (weights below, rationale in docs/geocoding.md):

1. the name: 1.0 for the place's main GeoNames name, 0.93–0.97 for an alternate name, and for a
   fuzzy spelling its similarity × 0.9, so an exact match of the right place always outranks a
   near-spelling of the same kind;
2. the country context (the caller's, a qualifier such as "Kapan, Armenia", or the countries that
   explain most of the document's names): +0.6 inside it, which outweighs any name or prominence
   difference, so "Sok" with context AM goes to Sotk (AM, one edit) before Sōka (JP, alternate name);
3. prominence: up to +0.3 for log10(population) (0.043 a decade) — Vardenis the town (12,651) before the village (527);
4. coherence: up to +0.3 for closeness (e^(−d/100 km), averaged) to the places chosen for the
   document's other names, and up to +0.5 for closeness to a qualifier ("Lyman, Donetsk").

A name is left unresolved, with a reason, rather than guessed: when nothing matches exactly or
within a few edits; when only places outside the given context match and they are neither in a
neighbouring country nor of 50,000+ people (so an Indonesian word that is also a hamlet in
Indonesia does not land on a map of Armenia); or when the name is a country's.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dashboard.errors import InputError
from dashboard.geocoding import context as document_context
from dashboard.geocoding.areas import REGION_WORDS, Areas, load_areas
from dashboard.geocoding.base import Place, Resolution, check_name, parse_context
from dashboard.geocoding.candidates import (
    ALTERNATE_SIMILARITY,
    Candidate,
    Supplement,
    exact_candidates,
    fuzzy_candidates,
)
from dashboard.geocoding.explain import (
    FUZZY_ANYWHERE,
    FUZZY_IN_CONTEXT,
    OUTSIDE_MIN_POPULATION,
    reasons,
    why_not,
)
from dashboard.geocoding.gazetteer import Gazetteer
from dashboard.geocoding.normalize import is_descriptor, name_key, query_keys, split_query
from dashboard.geocoding.overrides import Override, load_overrides, load_supplement, modified_ns
from dashboard.geocoding.query import Query as _Query
from dashboard.geocoding.scoring import (
    BIG_CITY_OVER_DIVISION,
    coherence,
    kind_adjustment,
    km,
    prior,
)
from dashboard.geocoding.stopwords import is_common_word
from dashboard.settings import DATA_DIR

OVERRIDES_PATH = DATA_DIR / "geocoding_overrides.csv"
SUPPLEMENT_PATH = DATA_DIR / "gazetteer_supplement.csv"

PROMINENT_POPULATION = 100_000
NOTABLE_POPULATION = 10_000
SAME_PLACE_KM = 5.0
MAX_ALTERNATIVES = 5
PARTIAL_WEIGHT = 0.8  # a place named inside a longer name ranks below any whole-name match
_AREA_RANK = {"country": 0.3, "region": 0.2}  # inside an institution's name, a country or state is likelier


class Resolver:
    """Resolves names against the GeoNames index, the supplement and the analysts' overrides."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        overrides_path: Path | None = OVERRIDES_PATH,
        supplement_path: Path | None = SUPPLEMENT_PATH,
        areas: Areas | None = None,
    ):
        self.gazetteer = gazetteer
        if areas is None:
            from dashboard.settings import cache_dir

            areas = load_areas(DATA_DIR, cache_dir())
        self.areas = areas
        self.overrides_path = overrides_path
        self.supplement_path = supplement_path
        self._stamp: tuple | None = None
        self.overrides: list[Override] = []
        self.supplement = Supplement([])
        self.reload()

    def reload(self) -> None:
        """Re-read the overrides and supplement files if they changed (cheap: two ``stat`` calls)."""
        stamp = (
            modified_ns(self.overrides_path) if self.overrides_path else None,
            modified_ns(self.supplement_path) if self.supplement_path else None,
        )
        if stamp == self._stamp:
            return
        codes = self.gazetteer.country_codes
        overrides = (
            load_overrides(self.overrides_path, codes, lambda gid: self.gazetteer.row_of(gid) is not None)
            if self.overrides_path
            else []
        )
        supplement = load_supplement(self.supplement_path, codes) if self.supplement_path else []
        self.overrides, self.supplement, self._stamp = overrides, Supplement(supplement), stamp

    # -- public -----------------------------------------------------------------------------------

    def resolve(self, name: str, context: Iterable[str] | str | None = ()) -> Resolution:
        """Resolve one name; ``context`` holds the ISO country codes the name is expected in."""
        return self._run([check_name(name)], context)[0]

    def resolve_all(self, names: Iterable[str], context: Iterable[str] | str | None = ()) -> list[Resolution]:
        """Resolve a document's names together: a shared country context and coherence between them.

        Without ``context``, the countries that explain most of the names become the context.
        """
        if isinstance(names, str) or not isinstance(names, Iterable):
            raise InputError(f"names {names!r} is a {type(names).__name__}, expected a list of place names")
        checked = [check_name(name, label=f"names[{i}]") for i, name in enumerate(names)]
        return self._run(checked, context)

    def infer_context(self, names: Iterable[str]) -> tuple[str, ...]:
        """The countries that together explain most of ``names`` (greedy set cover over exact matches)."""
        return document_context.infer([self._parse(check_name(n)) for n in names])

    # -- steps ------------------------------------------------------------------------------------

    def _run(self, names: list[str], context) -> list[Resolution]:
        self.reload()
        given = parse_context(context, self.gazetteer.country_codes)
        queries = [self._parse(name) for name in names]
        document_context.share_qualifiers(queries)
        document_context.read_initials(queries)
        inferred = given or document_context.infer(queries)
        for query in queries:
            query.context = query.qualifier_countries or inferred
            query.given = bool(given) or bool(query.qualifier_countries)
            query.override = self._override(query)
            query.candidates = self._candidates(query)
            query.anchors = [
                r.place for r in (self._anchor(text, query.context) for text in query.qualifier_names) if r is not None
            ]
            towns = [c for c in query.candidates if c.place.kind == "populated place" and not c.fuzzy]
            # A division named after a town inside it (Azerbaijan's rayons: Agdam, Shusha) is coded
            # to the town, as ACLED codes a district; so is one sharing its name with a city of 300,000+.
            big_city = any(c.place.population >= BIG_CITY_OVER_DIVISION for c in towns)
            query.towns = [c.place for c in towns]
            for candidate in query.candidates:
                place = candidate.place
                # A big city is in any inferred context: "London" in a story set in the US is London, UK,
                # unless the text's own evidence (a division, nearby places) points at a namesake.
                # Continents, oceans and world regions span countries: no context excludes them.
                candidate.in_context = (
                    place.country_code in query.context
                    or not place.country_code
                    or (
                        bool(query.context)
                        and not query.given
                        and candidate.method == "exact"  # its main name: not Sōka (JP) for "Sok"
                        and place.kind == "populated place"
                        and place.population >= PROMINENT_POPULATION
                    )
                )
                candidate.prior = prior(candidate) + kind_adjustment(candidate, query, big_city)
        if len(queries) == 1:  # no other names: coherence is only the qualifier's pull, one pass
            coherence(queries[0], [])
            return [self._resolution(queries[0])]
        for _ in range(2):  # choices move the others' coherence; two rounds settle the seed cases
            chosen = [self._chosen(query) for query in queries]
            for i, query in enumerate(queries):
                # The same name elsewhere in the document is not evidence for itself (four "Karnataka"
                # must not make a village inside Karnataka coherent).
                key = name_key(query.head)
                others = [
                    place
                    for j, place in enumerate(chosen)
                    if j != i and place is not None and name_key(queries[j].head) != key
                ]
                coherence(query, others)
        return [self._resolution(query) for query in queries]

    def _parse(self, text: str) -> _Query:
        head, qualifiers = split_query(text)
        keys = query_keys(head) if name_key(head) else ()
        countries, places = [], []
        head_key = name_key(head)
        words = head_key.split()
        region_word = len(words) > 1 and (words[-1] in REGION_WORDS or words[0] in REGION_WORDS)
        if region_word:  # "Idlib governorate", "province of Aleppo": also the name alone
            bare = " ".join(w for w in words if w not in REGION_WORDS and w != "of")
            keys = tuple(dict.fromkeys((*keys, bare))) if bare else keys
        exact: dict[tuple, Candidate] = {}
        for key in keys:
            if exact and not region_word:
                break  # the name as written matched: "Mexico City" is the city, not Mexico without "City"
            found = exact_candidates(self.gazetteer, self.supplement, key)
            for place, is_main in self.areas.lookup(key):
                similarity = 1.0 if is_main else ALTERNATE_SIMILARITY[1]
                found.append(Candidate(place, "exact" if is_main else "alternate", similarity, key))
            for candidate in found:
                if candidate.identity not in exact or exact[candidate.identity].similarity < candidate.similarity:
                    exact[candidate.identity] = candidate
        for qualifier in qualifiers:
            code = self.gazetteer.country_for_name(qualifier)
            if code and not any(c.place.country_code == code for c in exact.values()):
                # "Gainesville, Georgia": no Gainesville in the country Georgia, so the US state is meant
                if any(p.kind == "region" for p, _ in self.areas.lookup(name_key(qualifier))):
                    code = None
            (countries if code else places).append(code or qualifier)
        # "US", "UK" in capitals are the countries; "us", "Am" are not.
        names_country = self._country_named(head) if len(head_key) > 2 or head.isupper() else None
        if names_country is None and not exact:  # a misspelt country ("Armena"), unless a place has the name ("Kapan")
            names_country = self.gazetteer.country_near(head_key)
            country = self.areas.country_place(names_country) if names_country else None
            if country is not None:
                near = Candidate(country, "fuzzy", 0.9, name_key(country.name), fuzzy=True)
                exact[near.identity] = near
        # Initials ("T&T", "SA") may stand for several countries: the document decides (context.py).
        readings = self.areas.initials.get(head_key, ()) if head.isupper() or "&" in head else ()
        readings = tuple(dict.fromkeys([names_country, *readings] if names_country else readings))
        if names_country is None and len(readings) == 1 and (len(head_key) > 2 or "&" in head):
            names_country = readings[0]  # the only reading: "T&T", "UAE"
        for code in dict.fromkeys([names_country, *readings]) if names_country else readings:
            country = self.areas.country_place(code)
            if country is not None and not any(c.place == country for c in exact.values()):
                named = Candidate(country, "alternate", ALTERNATE_SIMILARITY[1], head_key)  # an ISO code: "US", "ARM"
                exact[named.identity] = named
        query = _Query(text, head, keys, tuple(countries), tuple(places), names_country, list(exact.values()))
        query.region_word = region_word
        query.readings = readings if len(readings) > 1 else ()
        # "Paris, Texas": a division named as a qualifier is evidence for its country, when the name has
        # a candidate there (not for Florida, Uruguay).
        head_countries = {c.place.country_code for c in query.exact}
        query.qualifier_region_countries = tuple(
            dict.fromkeys(
                p.country_code
                for text in places
                for p, _ in self.areas.lookup(name_key(text))
                if p.kind == "region" and p.country_code in head_countries
            )
        )
        return query

    def _country_named(self, text: str) -> str | None:
        """ "Armenia", "ARM", "Azerbaijani", "U.S." → the ISO code; None when ``text`` names no country."""
        code = self.gazetteer.country_for_name(text)
        return code or self.areas.country_for_key(name_key(text))

    def _override(self, query: _Query) -> tuple[Override, Place] | None:
        keys = {name_key(query.text), name_key(query.head)}
        matching = [
            o for o in self.overrides if o.key in keys and (not o.context or set(o.context) & set(query.context))
        ]
        if not matching:
            return None
        override = max(matching, key=lambda o: (bool(o.context), -o.line))
        if override.geonameid is not None:
            base = self.gazetteer.place(self.gazetteer.row_of(override.geonameid), source="override")
            return override, base
        near = self.gazetteer.place(self.gazetteer.nearest(override.latitude, override.longitude))
        country = override.context[0] if len(override.context) == 1 else near.country_code
        return override, Place(
            None,
            override.name,
            override.latitude,
            override.longitude,
            country,
            near.admin1 if country == near.country_code else "",
            0,
            near.timezone,
            "override",
        )

    def _candidates(self, query: _Query) -> list[Candidate]:
        if not query.keys:
            return []
        found = {c.identity: c for c in query.exact}
        if self._not_a_name(query) or query.names_country or is_common_word(query.keys[0]):
            return list(found.values())  # matched exactly or not at all
        in_context = [c for c in query.exact if c.place.country_code in query.context]
        # "Ankara" is Ankara even in a story about Armenia: the main name of a city of 100,000+ is
        # taken as written, not as a misspelling of a village inside the context ("Lankaran").
        # An inferred context only ranks: there, a town of 10,000+ with the name as its main name is
        # not re-read as a near-spelling of a place inside it ("Saipan" is not Cheyenne's "Saien").
        notable = PROMINENT_POPULATION if query.given else NOTABLE_POPULATION
        prominent = any(c.method == "exact" and c.place.population >= notable for c in query.exact)
        if query.context and not in_context and not prominent:
            for candidate in fuzzy_candidates(
                self.gazetteer, self.supplement, query.keys[-1], query.context, FUZZY_IN_CONTEXT
            ):
                found.setdefault(candidate.identity, candidate)
        if not found:
            for candidate in fuzzy_candidates(self.gazetteer, self.supplement, query.keys[-1], (), FUZZY_ANYWHERE):
                found.setdefault(candidate.identity, candidate)
        if not found:
            found = {c.identity: c for c in self._inner_place(query)}
        return list(found.values())

    def _inner_place(self, query: _Query) -> list[Candidate]:
        """The place inside a longer name that is none: "University of Alberta", "Dubai World Cup",
        "US Federal Reserve" → Alberta, Dubai, US (the longest run of words that is a place's exact
        name, not a common word), as a ``partial`` match with a lower confidence."""
        words = query.head.split()
        for size in range(len(words) - 1, 0, -1):
            spans = []
            for start in range(len(words) - size + 1):
                span = " ".join(words[start : start + size])
                key = name_key(span)
                if len(key) < 2 or is_common_word(key) or is_descriptor(key) or not span[:1].isupper():
                    continue
                inner = self._parse(span)
                found = [c for c in inner.exact if not c.fuzzy]
                if found:  # the most prominent span wins: "Japan" in "Bank of Japan", not a village "Bank"
                    spans.append((max(prior(c) + _AREA_RANK.get(c.place.kind, 0.0) for c in found), inner, found))
            if spans:
                _, inner, found = max(spans, key=lambda item: item[0])
                for candidate in found:
                    candidate.method, candidate.similarity = "partial", candidate.similarity * PARTIAL_WEIGHT
                query.names_country = query.names_country or inner.names_country
                return found
        return []

    def _anchor(self, text: str, context: tuple[str, ...]) -> Resolution | None:
        """A qualifier such as "Donetsk Oblast" resolved on its own (no coherence), as a point to be near."""
        try:
            resolution = self._run([check_name(text)], context)[0]
        except InputError:
            return None
        return resolution if resolution.resolved else None

    def _acceptable(self, candidate: Candidate, query: _Query) -> bool:
        if self._not_a_name(query) and not (candidate.in_context and not candidate.fuzzy):
            return False
        if is_common_word(query.keys[0]) and (candidate.fuzzy or (query.context and not candidate.in_context)):
            return False
        if not query.context or candidate.in_context:
            return True
        if candidate.fuzzy:  # a near-spelling outside the caller's countries is a guess
            return False
        if not query.given or candidate.place.kind in ("country", "continent"):
            return True  # an inferred context ranks; only a caller's context refuses
        code = candidate.place.country_code
        neighbour = any(code in self.gazetteer.neighbours.get(c, ()) for c in query.context)
        return neighbour or candidate.place.population >= OUTSIDE_MIN_POPULATION

    def _ranked(self, query: _Query) -> list[Candidate]:
        return sorted(query.candidates, key=lambda c: (-c.score, -c.place.population, c.place.geonameid or 0))

    def _best(self, query: _Query) -> Candidate | None:
        return next((c for c in self._ranked(query) if self._acceptable(c, query)), None)

    @staticmethod
    def _not_a_name(query: _Query) -> bool:
        """A descriptive word alone ("kota", "district"): only an exact match in context counts."""
        return bool(query.keys) and is_descriptor(query.keys[0])

    def _chosen(self, query: _Query) -> Place | None:
        if query.override:
            return query.override[1]
        best = self._best(query)
        return best.place if best else None

    def _resolution(self, query: _Query) -> Resolution:
        ranked = self._ranked(query)
        if query.override:
            override, place = query.override
            return Resolution(
                query.text,
                place,
                "override",
                1.0,
                f"analyst override, line {override.line}: {override.reason} ({override.who}, {override.when})",
                tuple(c.place for c in ranked[:MAX_ALTERNATIVES] if c.place.geonameid != place.geonameid),
            )
        best = self._best(query)
        if best is None:
            return Resolution(
                query.text,
                None,
                None,
                0.0,
                why_not(query, ranked),
                tuple(c.place for c in ranked[:MAX_ALTERNATIVES]),
            )
        runner_up = next((c for c in ranked if c is not best and km(c.place, best.place) > SAME_PLACE_KM), None)
        margin = best.score - runner_up.score if runner_up else 1.0
        base = 0.95 * best.similarity * (0.85 if best.fuzzy else 1.0)
        if query.context and not best.in_context:
            base *= 0.6
        confidence = max(0.05, min(1.0, base * min(1.0, 0.6 + 4.0 * margin)))
        notes = reasons(query, best, runner_up, margin)
        alternatives = tuple(c.place for c in ranked if c is not best)[:MAX_ALTERNATIVES]
        return Resolution(
            query.text, best.place, best.method, round(confidence, 3), "; ".join(notes) or None, alternatives
        )
