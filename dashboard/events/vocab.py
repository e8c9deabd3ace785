"""Report fields in, the small vocabularies of grouping out: event-type families, claimant sides, outlet keys.

Kept apart from the grouping so that the map (marker shapes by family), the exports and the grouping all
read one table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii

# ACLED event type → the family drawn on the map (marker shape) and named in tooltips.
FAMILIES: dict[str, str] = {
    "Battles": "armed clash",
    "Explosions/Remote violence": "remote violence",
    "Violence against civilians": "violence against civilians",
    "Protests": "protest/riot",
    "Riots": "protest/riot",
    "Strategic developments": "strategic development",
}
UNKNOWN_FAMILY = "unknown"

# Which families may describe the same event. One side's "shelling" is the other side's "exchange of fire",
# and a civilian hit by it is the same night: those are one class. Strategic developments link only with
# the same sub-event type (a ceasefire talk and an arrest in the capital on one day are two events), except
# the two that are what violence leaves behind (drones shot down, houses destroyed).
_VIOLENT = {"armed clash", "remote violence", "violence against civilians"}
_AFTERMATH = {"Disrupted weapons use", "Looting/property destruction"}


def family(event_type: str) -> str:
    """The family of an ACLED event type ("Battles" → "armed clash"); "unknown" for anything else."""
    return FAMILIES.get(str(event_type or "").strip(), UNKNOWN_FAMILY)


def type_class(event_type: str, sub_event_type: str) -> str:
    """Two reports are type-compatible iff their classes are equal (an equivalence: no chains)."""
    fam = family(event_type)
    if fam in _VIOLENT or (fam == "strategic development" and sub_event_type in _AFTERMATH):
        return "violence"
    if fam == "strategic development":
        return f"strategic: {sub_event_type or 'other'}"
    return fam


_UNATTRIBUTED = re.compile(r"\b(anonymous|unnamed|unidentified|sumber|source)\b", re.I)


@lru_cache(maxsize=4096)
def claimant_side(claimant: str) -> str:
    """A claimant's side: the country it speaks for ("Azerbaijani media" → "Azerbaijan").

    Other shapes fall back gracefully: "anonymous source" → "unattributed", a claimant with no country
    ("KOMPAS.com", "officials") → itself, so it is shown apart rather than folded into a side.
    """
    from dashboard.ingest.lexicon import COUNTRY_NAMES, country_spans

    text = str(claimant or "").strip()
    if not text:
        return "unattributed"
    spans = country_spans(text)
    if spans:
        codes = list(dict.fromkeys(code for _, code in spans))
        # "Armenia and Azerbaijan" (a joint statement) is a side of its own, not either one.
        return " and ".join(COUNTRY_NAMES.get(c, c) for c in codes)
    if _UNATTRIBUTED.search(text):
        return "unattributed"
    return text


# Parts of an outlet's name that do not tell outlets apart: a web domain, an edition, "news agency".
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?|\.(?:com|co\.id|co\.uk|id|net|org|am|az|ge|ru|ua|info|news)\b")
_EDITION = re.compile(
    r"\((?:english|indonesian|bahasa|russian|en|id|ru|edition|online|international)[^)]*\)"
    r"|\b(?:english|edition|online|news agency|agency|newswire|news|daily|the)\b"
)


def outlet_of(source: str) -> str:
    """The outlet of a report's ``source``: ingest writes a relayed report as "Outlet via Agency"."""
    return re.split(r"\s+via\s+", str(source or "").strip(), maxsplit=1)[0]


@lru_cache(maxsize=4096)
def outlet_key(name: str) -> str:
    """One key per outlet: "ANTARA News", "Antara" and "antaranews.com" → "antara"; "" when unnamed."""
    text = anyascii(outlet_of(name)).lower().strip()
    text = _DOMAIN.sub(" ", text)
    text = _EDITION.sub(" ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    if text.endswith("news") and len(text) > 6:  # "antaranews" as written in a domain
        text = text[:-4].strip()
    return text or str(name or "").strip().lower()


def outlet_labels(names: Iterable[str]) -> dict[str, str]:
    """Outlet key → the label shown: the most common spelling (ties: the shortest, then alphabetical)."""
    counts: dict[str, Counter] = {}
    for name, seen in Counter(outlet_of(n) for n in names).items():
        key = outlet_key(name)
        if key not in counts:
            counts[key] = Counter()
        counts[key][name] += seen
    return {
        key: min(spellings.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]
        for key, spellings in counts.items()
    }
