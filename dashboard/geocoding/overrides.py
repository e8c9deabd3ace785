"""The analysts' CSV files in, validated rows out: overrides (decisions) and the supplement (missing places).

``data/geocoding_overrides.csv`` — one analyst decision a row; it wins over automatic resolution::

    name,context,geonameid,latitude,longitude,reason,who,when
    Sok,AM,616041,,,"MoD statement: Sok = Sotk, Gegharkunik",A. Analyst,2022-09-13

``context`` is empty (any document) or country codes separated by spaces or semicolons; the row
applies when it shares a code with the document's context. Give ``geonameid`` or both coordinates.

``data/gazetteer_supplement.csv`` — settlements GeoNames cities500 lacks; every row cites its source::

    name,alternatenames,latitude,longitude,country_code,admin1,population,timezone,source,note

Every problem is reported as ``<file>, line N, field X: <value> ... (expected ...)``.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import InputError
from dashboard.geocoding.base import check_name, parse_context
from dashboard.geocoding.normalize import name_key
from dashboard.models import iana_zone

OVERRIDE_FIELDS = ("name", "context", "geonameid", "latitude", "longitude", "reason", "who", "when")
SUPPLEMENT_FIELDS = (
    "name",
    "alternatenames",
    "latitude",
    "longitude",
    "country_code",
    "admin1",
    "population",
    "timezone",
    "source",
    "note",
)
SUPPLEMENT_REQUIRED = SUPPLEMENT_FIELDS[:-1]  # "note" is optional


@dataclass(frozen=True)
class Override:
    name: str
    key: str
    context: tuple[str, ...]
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    reason: str
    who: str
    when: str
    line: int


@dataclass(frozen=True)
class SupplementRow:
    name: str
    alternatenames: tuple[str, ...]
    latitude: float
    longitude: float
    country_code: str
    admin1: str
    population: int
    timezone: str
    source: str
    line: int


class _Rows:
    """Reads a CSV with a required header and turns bad values into located InputErrors."""

    def __init__(self, path: Path, fields: tuple[str, ...], required: tuple[str, ...]):
        self.path = Path(path)
        self.fields = fields
        self.required = required

    def fail(self, line: int, field: str, message: str) -> InputError:
        return InputError(f"{self.path.name}, line {line}, field {field}: {message}")

    def read(self):
        try:
            with self.path.open(newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                header = reader.fieldnames or []
                missing = [f for f in self.required if f not in header]
                if missing:
                    raise InputError(
                        f"{self.path.name}, line 1: header {header!r} lacks {missing!r} "
                        f"(expected the columns {', '.join(self.fields)})"
                    )
                for record in reader:
                    line = reader.line_num
                    if None in record:
                        raise self.fail(
                            line,
                            "(extra)",
                            f"{record[None]!r} is beyond the last column "
                            f"(expected {len(header)} columns; quote values that contain commas)",
                        )
                    values = {k: (v or "").strip() for k, v in record.items()}
                    if not any(values.values()):
                        continue
                    yield line, values
        except UnicodeDecodeError as err:
            raise InputError(f"{self.path.name}: not UTF-8 text ({err})") from err
        except csv.Error as err:
            raise InputError(f"{self.path.name}: not a readable CSV file ({err})") from err

    def name(self, line: int, value: str, field: str = "name") -> str:
        try:
            return check_name(value)
        except InputError as err:
            raise self.fail(line, field, str(err)) from err

    def text(self, line: int, values: dict, field: str, expected: str) -> str:
        if not values.get(field):
            raise self.fail(line, field, f"is empty (expected {expected})")
        return values[field]

    def number(self, line: int, value: str, field: str, low: float, high: float) -> float:
        try:
            number = float(value)
        except ValueError as err:
            raise self.fail(line, field, f"{value!r} is not a number (expected {low} to {high})") from err
        if not math.isfinite(number) or not low <= number <= high:
            raise self.fail(line, field, f"{value!r} is out of range (expected {low} to {high})")
        return number

    def integer(self, line: int, value: str, field: str) -> int:
        if not value.isdigit():
            raise self.fail(line, field, f"{value!r} is not a whole number (expected e.g. 616041)")
        return int(value)

    def context(self, line: int, value: str, known_codes) -> tuple[str, ...]:
        try:
            return parse_context(value.replace("|", " "), known_codes)
        except InputError as err:
            raise self.fail(line, "context", str(err)) from err


def load_overrides(path: Path, known_codes, geonameid_exists) -> list[Override]:
    """Validated override rows; an absent file means no overrides."""
    path = Path(path)
    if not path.exists():
        return []
    rows = _Rows(path, OVERRIDE_FIELDS, OVERRIDE_FIELDS)
    result: list[Override] = []
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    for line, values in rows.read():
        name = rows.name(line, values["name"])
        context = rows.context(line, values["context"], known_codes)
        geonameid = latitude = longitude = None
        if values["geonameid"]:
            geonameid = rows.integer(line, values["geonameid"], "geonameid")
            if values["latitude"] or values["longitude"]:
                raise rows.fail(line, "latitude", "give either geonameid or latitude/longitude, not both")
            if not geonameid_exists(geonameid):
                raise rows.fail(
                    line,
                    "geonameid",
                    f"{geonameid} is not in the GeoNames index (expected the id of a place of population 500 or more)",
                )
        elif values["latitude"] or values["longitude"]:
            latitude = rows.number(line, values["latitude"], "latitude", -90.0, 90.0)
            longitude = rows.number(line, values["longitude"], "longitude", -180.0, 180.0)
        else:
            raise rows.fail(
                line,
                "geonameid",
                "is empty and so are latitude and longitude (expected a GeoNames id or both coordinates)",
            )
        reason = rows.text(line, values, "reason", "why the automatic result is wrong")
        who = rows.text(line, values, "who", "the analyst's name or initials")
        when = rows.text(line, values, "when", "a date such as 2022-09-13")
        try:
            dt.date.fromisoformat(when)
        except ValueError as err:
            raise rows.fail(line, "when", f"{when!r} is not a date (expected e.g. 2022-09-13)") from err
        key = name_key(name)
        signature = (key, tuple(sorted(context)))
        if signature in seen:
            raise rows.fail(
                line,
                "name",
                f"{name!r} with context {values['context']!r} repeats line "
                f"{seen[signature]} (expected one decision per name and context)",
            )
        seen[signature] = line
        result.append(Override(name, key, context, geonameid, latitude, longitude, reason, who, when, line))
    return result


def load_supplement(path: Path, known_codes) -> list[SupplementRow]:
    """Validated supplement rows; an absent file means no supplement."""
    path = Path(path)
    if not path.exists():
        return []
    rows = _Rows(path, SUPPLEMENT_FIELDS, SUPPLEMENT_REQUIRED)
    result: list[SupplementRow] = []
    for line, values in rows.read():
        name = rows.name(line, values["name"])
        alternates = tuple(
            rows.name(line, alt, "alternatenames") for alt in values["alternatenames"].split("|") if alt.strip()
        )
        latitude = rows.number(line, values["latitude"], "latitude", -90.0, 90.0)
        longitude = rows.number(line, values["longitude"], "longitude", -180.0, 180.0)
        code = values["country_code"].upper()
        if code not in known_codes:
            raise rows.fail(
                line,
                "country_code",
                f"{values['country_code']!r} is not a known country code (expected ISO 3166-1 alpha-2 such as AM)",
            )
        population = rows.integer(line, values["population"], "population") if values["population"] else 0
        zone = rows.text(line, values, "timezone", "an IANA zone such as Asia/Baku")
        if iana_zone(zone) is None:
            raise rows.fail(line, "timezone", f"{zone!r} is not an IANA time zone (expected e.g. Asia/Yerevan)")
        source = rows.text(line, values, "source", "the URL or reference the coordinates come from")
        if not source.startswith(("http://", "https://")):
            raise rows.fail(
                line,
                "source",
                f"{source!r} is not a URL (expected the http(s) address of the page that gives the coordinates)",
            )
        result.append(
            SupplementRow(name, alternates, latitude, longitude, code, values["admin1"], population, zone, source, line)
        )
    return result


def modified_ns(path: Path) -> int | None:
    """When the file last changed (None if it does not exist): a resolver reloads overrides that changed."""
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None
