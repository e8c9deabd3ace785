"""A resolver's choice in, its reason in words out: why a place was chosen, or why none was."""

from __future__ import annotations

from dashboard.geocoding.candidates import Candidate, max_edits
from dashboard.geocoding.normalize import is_descriptor
from dashboard.geocoding.query import Query
from dashboard.geocoding.stopwords import is_common_word

FUZZY_IN_CONTEXT = 0.75  # minimum similarity of a fuzzy match inside the context
FUZZY_ANYWHERE = 0.88  # ... and anywhere else
OUTSIDE_MIN_POPULATION = 50_000
CLOSE_CALL = 0.1  # score margin under which the runner-up is named in the reason


def reasons(query: Query, best: Candidate, runner_up: Candidate | None, margin: float) -> list[str]:
    """The notes on a chosen place: spelling, context, coherence, and a close call with the runner-up."""
    notes: list[str] = []
    if best.fuzzy:
        notes.append(f"spelled like {best.matched!r}")
    if query.context and not best.in_context:
        notes.append(f"outside the context {', '.join(query.context)}")
    elif not best.place.country_code:
        notes.append(f"a {best.place.kind} spanning countries")
    elif query.context:
        notes.append(f"in the {'given' if query.given else 'inferred'} context {', '.join(query.context)}")
    else:
        notes.append("no country context: the most prominent candidate")
    if best.coherence >= 0.1:
        notes.append("coherent with the document's other places")
    if runner_up and margin < CLOSE_CALL:
        notes.append(f"close call with {runner_up.place.name} ({runner_up.place.country_code})")
    return notes


def why_not(query: Query, ranked: list[Candidate]) -> str:
    """Why no place is chosen for ``query``: said so that an analyst knows what to fix."""
    context = ", ".join(query.context)
    if not query.keys:
        return f"{query.head!r} has no letters or digits to match"
    if query.names_country:
        return f"{query.head!r} names a country ({query.names_country}), not a settlement"
    if is_descriptor(query.keys[0]):
        return f"{query.head!r} is a descriptive word (like 'city' or 'district'), not a place name"
    if is_common_word(query.keys[0]):
        where = f" in {context}" if context else ""
        return (
            f"{query.head!r} is a common word of news text; it is taken only when a place{where} has exactly that name"
        )
    if ranked:
        listed = ", ".join(f"{c.place.name} ({c.place.country_code})" for c in ranked[:3])
        return (
            f"{query.head!r} matches only places outside the context {context} that are near-spellings, "
            f"or neither in a neighbouring country nor of {OUTSIDE_MIN_POPULATION:,}+ people: {listed}; "
            "widen the context or add an override"
        )
    key = query.keys[-1]
    if len(key.replace(" ", "")) < 3:
        return f"no place is named {query.head!r}, and it is too short to match approximately"
    where = f" in {context} (similarity ≥ {FUZZY_IN_CONTEXT}) or elsewhere" if context else ""
    return (
        f"no place in GeoNames (population 500+) or the supplement is named {query.head!r} or spelled "
        f"within {max_edits(len(key))} edit(s) of it{where} (similarity ≥ {FUZZY_ANYWHERE}); "
        "add it to the supplement or an override"
    )
