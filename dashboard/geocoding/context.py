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
    if not votes:
        return ()
    leader = max(votes.values())
    ranked = sorted(votes, key=lambda code: (-votes[code], code))
    return tuple(c for c in ranked if votes[c] >= MIN_VOTES and votes[c] >= SHARE_OF_LEADER * leader)[:MAX_COUNTRIES]
