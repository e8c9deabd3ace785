"""A candidate and its document in, its score's parts out: name, context, prominence, kind and coherence.

The weights and their reasons are in docs/geocoding.md ("Rank"); ``resolver`` adds the parts up.
"""

from __future__ import annotations

import math

from dashboard.geo import haversine_km
from dashboard.geocoding.base import Place
from dashboard.geocoding.candidates import ALTERNATE_SIMILARITY, Candidate

W_CONTEXT = 0.6
W_PROMINENCE = 0.4
W_COHERENCE = 0.3
W_QUALIFIER = 0.5
FUZZY_WEIGHT = 0.9
COHERENCE_KM = 100.0
QUALIFIER_KM = 50.0
W_DIVISION = 0.1  # a place inside a first-level division the document names ("Florida" → Gainesville, FL)
W_REGION_WORD = 0.2  # "Donetsk Oblast": the division, not the city
BIG_CITY_OVER_DIVISION = 300_000  # CLIFF's rule: an exact city this big beats a division of its name
DIVISION_PENALTY = 0.15
FEATURE_PROMINENCE = 5 / 7
LARGE_AREAS = frozenset(["CONT", "OCN", "SEA", "RGN"])  # GeoNames codes: continent, ocean, sea, world region
COUNTRY_BONUS = 0.05  # a country's name is the country before a town of that name
MAIN_TOWN_SHARE = 0.1  # a town this share of a division's population takes the division's name
MAIN_TOWN_KM = 50.0  # ... when inside it or this close to its point


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two places (dashboard.geo, the project's one haversine)."""
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def near_anchor(place: Place, anchor: Place) -> float:
    """How well a candidate fits a qualifier: inside its division or country, or close to its point."""
    if anchor.kind == "region":
        return float((place.country_code, place.admin1) == (anchor.country_code, anchor.admin1))
    if anchor.kind in ("country", "continent"):
        return float(place.country_code == anchor.country_code) * 0.5
    return math.exp(-km(place, anchor) / QUALIFIER_KM)


def prior(candidate: Candidate) -> float:
    name = candidate.similarity * (FUZZY_WEIGHT if candidate.fuzzy else 1.0)
    context = W_CONTEXT if candidate.in_context else 0.0
    place = candidate.place
    if place.feature_code in LARGE_AREAS:
        # CLIFF's LargeAreasPass: an ocean, sea, continent or world region is better known than any
        # town sharing its short name ("Atlantic" is the ocean, not Atlantic, Iowa).
        prominence = W_PROMINENCE
    elif place.kind in ("feature", "continent") and not place.population:
        # A physical feature in our hand-picked list is notable by construction: as a town of ~100,000.
        prominence = W_PROMINENCE * FEATURE_PROMINENCE
    else:
        prominence = W_PROMINENCE * min(math.log10(place.population + 1), 7.0) / 7.0
    return name + context + prominence


def kind_adjustment(candidate: Candidate, query, big_city: bool) -> float:
    """Countries before towns of their name; divisions before towns unless a big city has the name."""
    kind = candidate.place.kind
    if query.names_country and not candidate.fuzzy and kind in ("country", "region"):
        # The name of a country is the country ("Canadian" is not Canadian, Texas), or a division
        # of that name in another country (Georgia, US) when the context says so; a division inside
        # the country it is named after (the state of México) is not what its bare name means.
        same = candidate.place.country_code == query.names_country
        named = W_CONTEXT if (kind == "region") != same else 0.0
        return named + (COUNTRY_BONUS if kind == "country" else 0.0)
    if kind == "country":
        return COUNTRY_BONUS
    if kind == "region":
        if query.region_word:
            return W_REGION_WORD
        division = candidate.place
        # Its main town, not a village Syunik, and a town in or at it (Yevlakh city is a division of its
        # own inside Yevlax rayon), not Wyoming, Michigan, for the state of Wyoming.
        inside = any(
            town.population >= MAIN_TOWN_SHARE * division.population
            and town.country_code == division.country_code
            and (town.admin1 == division.admin1 or km(town, division) <= MAIN_TOWN_KM)
            for town in query.towns
        )
        return -DIVISION_PENALTY if big_city or inside else 0.0
    return 0.0


def coherence(query, others: list[Place]) -> None:
    """Set each candidate's coherence with the places chosen for the document's other names."""
    # Countries, divisions and continents are areas: their centre says nothing about distance,
    # but a town inside a division the document names is coherent with it.
    points = [o for o in others if o.kind in ("populated place", "feature")]
    divisions = {(o.country_code, o.admin1) for o in others if o.kind == "region"}
    for candidate in query.candidates:
        place = candidate.place
        near_others = sum(math.exp(-km(place, o) / COHERENCE_KM) for o in points) / len(points) if points else 0.0
        anchored = max((near_anchor(place, a) for a in query.anchors), default=0.0)
        # Only a place's own name counts: Valle Vista (California) lists "Florida" among its
        # alternate names, and must not become Florida in a story naming California.
        inside = (
            place.kind != "region"
            and candidate.similarity >= ALTERNATE_SIMILARITY[2]
            and (place.country_code, place.admin1) in divisions
        )
        candidate.coherence = W_COHERENCE * near_others + W_QUALIFIER * anchored + W_DIVISION * inside
