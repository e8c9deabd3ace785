"""A name's match keys in, candidate places out: exact and alternate names, then fuzzy spellings.

Candidates come from two sources with the same shape: the GeoNames index (``Gazetteer``) and the
analysts' supplement (``Supplement``). Each candidate carries its string similarity to the query;
ranking happens in ``resolver``.

Fuzzy matching follows Mordecai 3 and CLAVIN (edit distance over all names of a place) with two
additions: names are compared both as ASCII keys and as romanisation-folded skeletons, and a match
must also pass ``close_enough`` (few edits on the part of the names that differs) so that words do
not drift to other names ("Kota" is two insertions from "Kotayk"; "Sok" is one from "Sotk"), and
start with the same letter, as spelled or as romanised ("Papikyan" does not become "Batikyan").
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from dashboard.geocoding.base import Place
from dashboard.geocoding.gazetteer import Gazetteer
from dashboard.geocoding.normalize import name_key, skeleton
from dashboard.geocoding.overrides import SupplementRow

# Scores are similarities in [0, 1]; a main-name match is 1.0, an alternate name a little less,
# more so when only one of the place's names reduces to the key (a stray exonym, such as "Goris"
# among Gori's alternate names).
ALTERNATE_SIMILARITY = (0.93, 0.95, 0.97)  # by how many of the place's names give the key (1, 2, 3+)
SKELETON_DISCOUNT = 0.96  # a skeleton-only match is slightly less sure than a spelling match
FUZZY_LIMIT = 25
MIN_FUZZY_LENGTH = 3


def max_edits(letters: int) -> int:
    """How many unexplained single-letter edits a fuzzy match may need, by the length compared."""
    if letters <= 8:
        return 1
    if letters <= 12:
        return 2
    return 3


def _differing_part(key: str, choice: str) -> tuple[str, str]:
    """Both keys without the whole words they share at the start and end ("nerkin hand" / "nerkin shen"
    → "hand" / "shen"), so that a shared "Nerkin" (Lower) does not pay for a different village name."""
    a, b = key.split(), choice.split()
    while len(a) > 1 and len(b) > 1 and a[0] == b[0]:
        a, b = a[1:], b[1:]
    while len(a) > 1 and len(b) > 1 and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    return " ".join(a), " ".join(b)


def close_enough(key: str, choice: str) -> bool:
    """The edit test of a fuzzy match, on the part of the names that differs.

    Accepted: a skeleton-equal spelling (a romanisation variant: "Kelbacar"/"Kalbajar",
    "Dzhermuk"/"Jermuk"); or at most ``max_edits`` edits as spelled ("Sok"/"Sotk"); or at most that
    many as skeletons when the spelling is at most one more edit away. Rejected: "Sergei"/"Saray"
    (one skeleton edit, but four as spelled), "Karashen"/"Karmrashen" (two insertions in 8 letters).
    """
    a, b = _differing_part(key, choice)
    a_skeleton, b_skeleton = skeleton(a), skeleton(b)
    if a_skeleton == b_skeleton:
        return True
    allowed = max_edits(min(len(a.replace(" ", "")), len(b.replace(" ", ""))))
    spelled = Levenshtein.distance(a, b, score_cutoff=allowed + 1)
    if spelled <= allowed:
        return True
    return spelled <= allowed + 1 and Levenshtein.distance(a_skeleton, b_skeleton, score_cutoff=allowed + 1) <= allowed


@dataclass
class Candidate:
    """A place that a query might mean, with the evidence for it; ``score`` is set by the ranker."""

    place: Place
    method: str  # exact | alternate | fuzzy | supplement
    similarity: float
    matched: str  # the key that matched
    fuzzy: bool = False
    in_context: bool = False
    prior: float = 0.0
    coherence: float = 0.0

    @property
    def score(self) -> float:
        return self.prior + self.coherence

    @property
    def identity(self) -> tuple:
        return (self.place.source, self.place.geonameid, self.place.name, self.place.latitude)


class Supplement:
    """The supplement rows as a tiny index with the same look-ups as the gazetteer."""

    def __init__(self, rows: list[SupplementRow]):
        self.places = [
            Place(
                None, r.name, r.latitude, r.longitude, r.country_code, r.admin1, r.population, r.timezone, "supplement"
            )
            for r in rows
        ]
        self.by_key: dict[str, list[tuple[int, bool]]] = {}
        self._keys_in: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for i, row in enumerate(rows):
            main = name_key(row.name)
            for text in (row.name, *row.alternatenames):
                key = name_key(text)
                entries = self.by_key.setdefault(key, [])
                if key and all(j != i for j, _ in entries):
                    entries.append((i, key == main))

    def lookup(self, key: str) -> list[Candidate]:
        return [
            Candidate(self.places[i], "supplement", 1.0 if is_main else ALTERNATE_SIMILARITY[1], key)
            for i, is_main in self.by_key.get(key, ())
        ]

    def keys_in(self, countries: tuple[str, ...]) -> list[tuple[str, str]]:
        """The keys (with their skeletons) naming a supplement place in ``countries`` (all when empty)."""
        cached = self._keys_in.get(countries)
        if cached is None:
            cached = self._keys_in[countries] = [
                (k, skeleton(k))
                for k, entries in self.by_key.items()
                if not countries or any(self.places[i].country_code in countries for i, _ in entries)
            ]
        return cached


def exact_candidates(gazetteer: Gazetteer, supplement: Supplement, key: str) -> list[Candidate]:
    """Places whose name (method exact) or alternate name (method alternate) reduces to ``key``."""
    found = []
    for match in gazetteer.lookup(key):
        if match.is_main:
            method, similarity = "exact", 1.0
        else:
            method, similarity = "alternate", ALTERNATE_SIMILARITY[min(match.count, 3) - 1]
        found.append(Candidate(gazetteer.place(match.row), method, similarity, key))
    found.extend(supplement.lookup(key))
    return found


def fuzzy_candidates(
    gazetteer: Gazetteer,
    supplement: Supplement,
    key: str,
    countries: tuple[str, ...],
    min_similarity: float,
) -> list[Candidate]:
    """Places within ``max_edits`` of ``key`` (as spelled or as skeleton) in ``countries`` (all if empty)."""
    if len(key.replace(" ", "")) < MIN_FUZZY_LENGTH:
        return []
    query_skeleton = skeleton(key)
    keys, skeletons = gazetteer.fuzzy_choices_from(countries, key[:1], query_skeleton[:1])
    cutoff = 100.0 * min_similarity
    hits: dict[str, None] = {}
    for choice, _score, _pos in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=FUZZY_LIMIT):
        hits[choice] = None
    for _choice, _score, pos in process.extract(
        query_skeleton, skeletons, scorer=fuzz.ratio, score_cutoff=cutoff / SKELETON_DISCOUNT, limit=FUZZY_LIMIT
    ):
        hits[keys[pos]] = None
    for k, k_skeleton in supplement.keys_in(countries):
        if fuzz.ratio(key, k) >= cutoff or fuzz.ratio(query_skeleton, k_skeleton) >= cutoff:
            hits[k] = None
    hits.pop(key, None)  # an exact key is not a fuzzy match

    found: dict[tuple, Candidate] = {}
    for choice in hits:
        choice_skeleton = skeleton(choice)
        if choice[0] != key[0] and choice_skeleton[:1] != query_skeleton[:1]:
            continue  # misspellings keep their first letter (or its romanisation: Dzh/J/C, Kh/X/H)
        if not close_enough(key, choice):
            continue
        similarity = max(fuzz.ratio(key, choice), SKELETON_DISCOUNT * fuzz.ratio(query_skeleton, choice_skeleton)) / 100
        if similarity < min_similarity:
            continue
        for candidate in exact_candidates(gazetteer, supplement, choice):
            if countries and candidate.place.country_code not in countries:
                continue
            candidate.method = "supplement" if candidate.place.source == "supplement" else "fuzzy"
            candidate.fuzzy = True
            candidate.similarity = min(similarity, 0.99) * candidate.similarity
            previous = found.get(candidate.identity)
            if previous is None or candidate.similarity > previous.similarity:
                found[candidate.identity] = candidate
    return list(found.values())
