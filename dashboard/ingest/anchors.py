"""Place mentions and their resolutions in, where each incident row goes out: distance references, descriptions,
and the anchor of a place the gazetteer lacks.

- A town named in a distance phrase ("a base near Mellit, about 60 km north of El Fasher") is a reference point,
  not where the event was: with another place in the sentence it is dropped; alone, the event is put at the offset
  point ("15 km northeast of Kharkiv", geo_precision 2, or 3 beyond 50 km), or at the town when no direction is given.
- A region in an appositive describing a town ("Nyala, the capital of South Darfur state"; "Sake, a town in North
  Kivu province"; "Torodi, in the Tillaberi region") describes the town: it is context, not another incident.
- A named camp or village the gazetteer lacks keeps its name as written ("Abu Shouk camp") and is coded, as ACLED's
  coders do, to the nearest place the article ties it to, at geo_precision 2 with a note: the unit the text puts it
  in, the place a distance phrase gives, a place it is said to be near, else the article's main place.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

DROP = "drop"
_BEARINGS = {
    "north": 0,
    "utara": 0,
    "northeast": 45,
    "north-east": 45,
    "timur laut": 45,
    "east": 90,
    "timur": 90,
    "southeast": 135,
    "south-east": 135,
    "tenggara": 135,
    "south": 180,
    "selatan": 180,
    "southwest": 225,
    "south-west": 225,
    "barat daya": 225,
    "west": 270,
    "barat": 270,
    "northwest": 315,
    "north-west": 315,
    "barat laut": 315,
}
_DIRECTION = "|".join(sorted(_BEARINGS, key=len, reverse=True))
_DISTANCE = re.compile(
    r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>km|kilomet(?:er|re)s?|miles?)\s+(?:to\s+the\s+|sebelah\s+)?"
    r"(?:(?P<dir>" + _DIRECTION + r")\s+)?(?:of|from|dari)?\s*(?:the\s+(?:town|city|village)\s+of\s+|kota\s+)?$",
    re.I,
)
_DESCRIBED = re.compile(
    r"^\s*,\s*(?:(?:in|di)\s+(?:the\s+)?|(?:(?:the|a|an|its)\s+)?(?:[\w-]+\s+){0,4}?(?:city|town|village|capital|"
    r"camp|settlement|stronghold|hub|ibu\s*kota|kota|desa|kampung)\s+(?:[\w-]+\s+){0,3}?(?:in|of|di)\s+(?:the\s+)?)"
    r"(?:(?:kabupaten|provinsi|province|region|state|district)\s+)?$",
    re.I,
)
_NEAR = re.compile(
    r"^(?:\s+camp)?(?:\s+(?:for|bagi|untuk)\s+[\w\s-]{0,40}?)?,?\s+(?:(?:a|the)\s+\w+\s+)?(?:near|outside|"
    r"on the (?:edge|outskirts) of|dekat|di dekat|di pinggiran|di luar)\s+(?:the\s+(?:town|city)\s+of\s+|kota\s+)?$",
    re.I,
)
_UNIT_AFTER = re.compile(r"\s+(?:state|province|region|district|governorate|oblast|regency|county)\b", re.I)
_UNIT_CUE = re.compile(r"\b(?:kabupaten|provinsi|distrik|district|regency|province|region|state|oblast)\b", re.I)
_UNIT_BEFORE = re.compile(
    r"^\s*,(?:\s*[\w-]+){0,4}?\s*,?\s*(?:kabupaten|provinsi|distrik|district|regency|province|region|state|oblast)\s+$",
    re.I,
)
FAR_KM = 50.0  # an offset point farther than this from its reference is a region (geo_precision 3)


@dataclass(frozen=True)
class Placed:
    """Where a mention's incident goes when it is not simply the mention's own resolution."""

    place: object  # a dashboard.geocoding Place (an offset point has no geonameid)
    precision: int
    method: str
    note: str
    location: str = ""  # the place as written, when it differs from the mention ("Abu Shouk camp")
    confidence: float = 0.5  # an approximation, not a gazetteer match


def distance_before(text: str, start: int) -> tuple[float, float | None] | None:
    """(km, bearing in degrees or None) of a distance phrase ending at ``start`` ("about 60 km north of ")."""
    m = _DISTANCE.search(text[max(0, start - 60) : start])
    if not m:
        return None
    km = float(m["n"].replace(",", "."))
    if m["unit"].lower().startswith("mile"):
        km *= 1.609
    return km, _BEARINGS.get((m["dir"] or "").lower())


def offset(place, km: float, bearing: float, label: str):
    """``place`` moved ``km`` along ``bearing`` (a flat-earth step: exact enough at tens of kilometres)."""
    lat = place.latitude + km * math.cos(math.radians(bearing)) / 111.2
    lon = place.longitude + km * math.sin(math.radians(bearing)) / (111.32 * math.cos(math.radians(place.latitude)))
    return replace(place, geonameid=None, name=label, latitude=round(lat, 5), longitude=round(lon, 5), population=0)


def _km_label(km: float) -> str:
    return f"{km:g} km"


def plan_places(article, mentions: list, resolved: dict, resolve_name) -> dict:
    """{(sentence, start): Placed or DROP} for the mentions that are not simply their own resolution.

    ``resolve_name(name, region)`` resolves a unit named in the text (a region when ``region``)."""
    text_of = {s.index: s for s in article.body}
    plan: dict = {}

    def place_of(m):
        return resolved[m.query].place if m.query in resolved else None

    main = _main_place(mentions, place_of)
    by_sentence: dict[int, list] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for index, group in by_sentence.items():
        sentence = text_of[index]
        units: dict = {}  # mention → (the unit that describes it, whether the text calls that unit a region)
        for prev, m in zip(group, group[1:], strict=False):
            gap = sentence.text[prev.end - sentence.start : m.start - sentence.start]
            unit = _UNIT_AFTER.match(sentence.text, m.end - sentence.start) or _UNIT_CUE.search(m.cue)
            area = unit or m.geo_precision == 3 or place_of(m) is None or getattr(place_of(m), "kind", "") == "region"
            # "Distrik Sugapa, Kabupaten Intan Jaya, Papua Tengah": each unit after a place names where it lies (a
            # list of one kind, "distrik Dashkesan, Kelbajar dan Lachin", is not a chain of units)
            chained = _UNIT_BEFORE.search(gap) or (plan.get(prev.key) is DROP and re.fullmatch(r"\s*,\s*", gap))
            # "El Fasher, the last major city in Darfur": what a town is "in" or the "capital of" contains it
            if _DESCRIBED.match(gap) or (area and chained):
                plan[(m.sentence, m.start)] = DROP
                units[prev] = (
                    m,
                    bool(_UNIT_AFTER.match(sentence.text, m.end - sentence.start)) or m.geo_precision == 3,
                )
        refs = {}
        for m in group:
            found = distance_before(sentence.text, m.start - sentence.start)
            if found:
                refs[m] = found
        others = [m for m in group if m not in refs and plan.get((m.sentence, m.start)) is not DROP]
        for ref, (km, bearing) in refs.items():
            before = [o for o in others if o.start < ref.start]
            if others:
                plan[(ref.sentence, ref.start)] = DROP
            target = before[-1] if before else None if others else ref
            if target is None or (target is not ref and place_of(target) is not None):
                continue
            anchor = place_of(ref)
            if anchor is None:
                continue
            precision = 2 if km <= FAR_KM else 3
            if bearing is not None:
                direction = next(k for k, v in _BEARINGS.items() if v == bearing and k.isascii() and "-" not in k)
                label = f"{_km_label(km)} {direction} of {anchor.name}"
                point, method, how = offset(anchor, km, bearing, label), "offset", f"the point {label}"
            else:
                label = f"{_km_label(km)} from {anchor.name}"
                point, method, how = anchor, "reference", f"{anchor.name} ({label}; no direction given)"
            what = ref.text if target is ref else target.text
            plan[(target.sentence, target.start)] = Placed(
                point,
                precision,
                method,
                f"Place: {what} is located by a distance phrase: coded to {how}, geo_precision {precision}.",
                label if target is ref else _as_written(sentence, target),
            )
        for m in group:
            if m in refs or (m.sentence, m.start) in plan or place_of(m) is not None or m.geo_precision == 3:
                continue
            plan[(m.sentence, m.start)] = _anchor(m, sentence, group, units.get(m), place_of, resolve_name, main, plan)
    return {k: v for k, v in plan.items() if v is not None}


def _anchor(m, sentence, group, unit, place_of, resolve_name, main, plan):
    """The nearest place the article ties an unknown camp or village to (ACLED codes the nearest known place)."""
    written = _as_written(sentence, m)
    units = []  # the unit the text puts it in: "Kampung Titigi, Distrik Sugapa", "a village in the Kharkiv region"
    if m.qualifier:
        after = sentence.text.find(m.qualifier, m.end - sentence.start)
        units.append((m.qualifier, after >= 0 and bool(_UNIT_AFTER.match(sentence.text, after + len(m.qualifier)))))
    if unit is not None:
        units.append((unit[0].text, unit[1]))
    for qualifier, region in units:
        place = resolve_name(qualifier, region)
        if place is not None:
            precision = 3 if place.kind == "region" else 2
            return Placed(
                place,
                precision,
                "nearest",
                f"Place: {written} is not in the gazetteer; coded to {place.name}, the unit the text puts it in, "
                f"geo_precision {precision}.",
                written,
            )
    for other in group:
        gap = sentence.text[m.end - sentence.start : other.start - sentence.start]
        if other.start > m.start and place_of(other) is not None and _NEAR.match(gap):
            plan[(other.sentence, other.start)] = DROP
            return Placed(
                place_of(other),
                2,
                "nearest",
                f"Place: {written} is not in the gazetteer; coded to {place_of(other).name}, the place it is said "
                "to be near, geo_precision 2.",
                written,
            )
    if main is not None:
        return Placed(
            main,
            2,
            "nearest",
            f"Place: {written} is not in the gazetteer; coded to {main.name}, the article's main place (the one it "
            "names most), geo_precision 2, as ACLED codes a location it cannot find to the nearest known place.",
            written,
        )
    return None


def _as_written(sentence, m) -> str:
    """The name with the word that made it a place when that word follows it ("Abu Shouk camp")."""
    after = re.match(r"\s+(camp|kamp)\b", sentence.text[m.end - sentence.start :], re.I)
    return m.text + (" " + after[1] if after else "")


def _main_place(mentions: list, place_of):
    """The resolved town the article names most (the first of equals); regions and offset points aside."""
    towns = [place_of(m) for m in mentions if place_of(m) is not None and place_of(m).kind == "populated place"]
    if not towns:
        return None
    counts = Counter((p.name, p.latitude, p.longitude) for p in towns)
    best = max(counts.values())
    return next(p for p in towns if counts[(p.name, p.latitude, p.longitude)] == best)
