"""A document's parsed names in, the countries its own evidence points at out (the inferred context).

Each name casts one vote, spread over the countries its exact matches are in, sharply weighted by
how good each country's best match is (main name over alternate, then population): "Yerevan" is
one vote for Armenia; "London" is most of a vote for the United Kingdom and a sliver for the
United States, however many small Londons it has, because a country counts once per name, by its
best candidate. A country or demonym named in the text ("Azerbaijani", "Kapan, Armenia") is worth
``NAMED_COUNTRY`` votes, a division is a vote for its country. A country joins the context when its
votes reach ``MIN_VOTES`` and a quarter of the leader's. No evidence, no context: the ranking falls
back to prominence worldwide.
"""

from __future__ import annotations

import math
from collections import Counter

NAMED_COUNTRY = 2.0
MIN_VOTES = 1.5
SHARE_OF_LEADER = 0.25
MAX_COUNTRIES = 8
SHARPNESS = 20.0  # a match better by 0.1 outweighs the other e^2 ≈ 7 times


def _match_score(candidate) -> float:
    # A main name (1.0) against a stray alternate (0.93) is strong evidence, so it counts twice.
    population = candidate.place.population
    return 2 * candidate.similarity + 0.3 * min(math.log10(population + 1), 7.0) / 7.0


def infer(queries) -> tuple[str, ...]:
    """The countries the document's names point at, most supported first."""
    votes = _votes(queries)
    if not votes:
        return ()
    leader = max(votes.values())
    ranked = sorted(votes, key=lambda code: (-votes[code], code))
    return tuple(c for c in ranked if votes[c] >= MIN_VOTES and votes[c] >= SHARE_OF_LEADER * leader)[:MAX_COUNTRIES]


def _votes(queries) -> Counter:
    """Each country's votes from the document's names (see the module docstring)."""
    votes: Counter = Counter()
    for query in queries:
        if query.names_country:
            votes[query.names_country] += NAMED_COUNTRY
            continue
        for code in (*query.qualifier_countries, *query.qualifier_region_countries):
            votes[code] += NAMED_COUNTRY
        best: dict[str, float] = {}
        for candidate in query.exact:
            place = candidate.place
            if place.kind == "continent" or not place.country_code:
                continue
            score = _match_score(candidate)
            if score > best.get(place.country_code, -1.0):
                best[place.country_code] = score
        if not best:
            continue
        top = max(best.values())
        weights = {code: math.exp(SHARPNESS * (score - top)) for code, score in best.items()}
        total = sum(weights.values())
        for code, weight in weights.items():
            votes[code] += weight / total
    return votes


def share_qualifiers(queries) -> None:
    """A bare name takes the qualifiers of the same name written in full elsewhere in the document:
    "Gainesville, Florida" and, later, "Gainesville"."""
    from dashboard.geocoding.normalize import name_key

    qualified = {}
    for query in queries:
        if query.qualifier_countries or query.qualifier_names:
            qualified.setdefault(name_key(query.head), query)
    for query in queries:
        source = qualified.get(name_key(query.head))
        if source is not None and not (query.qualifier_countries or query.qualifier_names):
            query.qualifier_countries, query.qualifier_names = source.qualifier_countries, source.qualifier_names


def read_initials(queries) -> None:
    """An abbreviation with several readings ("SA": Saudi Arabia's ISO code, South Africa's initials)
    stands for the country the rest of the document points at most (its names, divisions and places);
    with no evidence for any, its first reading (the ISO code) stays."""
    if not any(q.readings for q in queries):
        return
    votes = _votes([q for q in queries if not q.readings])
    for query in queries:
        if query.readings:
            best = max(query.readings, key=lambda code: votes.get(code, 0.0))
            if votes.get(best, 0.0) > votes.get(query.names_country, 0.0):
                query.names_country = best
