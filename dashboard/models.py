"""The incident data model: column names (ACLED's where they exist), vocabularies, precisions, a place's fields."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dashboard.errors import InputError


def iana_zone(name: str) -> ZoneInfo | None:
    """The IANA time zone ``name`` names, or None: "", "Asia/Yeravan", "Indian" (a tzdata folder, which ZoneInfo
    answers with IsADirectoryError, not ZoneInfoNotFoundError). Every check of a zone from input goes here."""
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


# One row per incident and place, as ACLED codes events. Order is the CSV's column order.
COLUMNS: tuple[str, ...] = (
    "incident_id",
    "event_group",
    "start_utc",
    "end_utc",
    "time_precision",
    "local_tz",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "claimed_by",
    "claimant_as_written",
    "location",
    "place",
    "geonameid",
    "latitude",
    "longitude",
    "country_code",
    "admin1",
    "geo_precision",
    "geo_method",
    "fatalities",
    "source",
    "source_url",
    "published",
    "language",
    "source_path",
    "excerpt",
    "excerpt_start",
    "excerpt_end",
    "notes",
)

# Columns a CSV may leave out (read as empty): added after data/incidents.csv was hand-coded.
# claimant_as_written: the speaker as the text names them ("Belgorod regional governor Vyacheslav Gladkov").
OPTIONAL_COLUMNS: tuple[str, ...] = ("claimant_as_written",)

# Bounds every path in shares (CSV, ingest, import, corrections, the store's loader): within what pandas'
# nanosecond timestamps (1677..2262), the browser's JS dates and int64 columns hold, with room to spare.
EARLIEST_DATE = "1900-01-01"
LATEST_DATE = "2100-12-31"
MAX_FATALITIES = 100_000  # more than any single incident ACLED has coded; a larger number is a typo
MAX_TEXT_CHARS = 5 * 1024 * 1024  # an article is at most 5 MB, so no offset is beyond this

REQUIRED = ("incident_id", "event_type", "sub_event_type", "claimed_by", "source", "excerpt")

# From the finest to the coarsest. ACLED's time_precision: 1 = day, 2 = week, 3 = month.
TIME_PRECISIONS = ("minute", "hour", "part_of_day", "day", "week", "month", "unknown")
ACLED_TIME_PRECISION = {"minute": 1, "hour": 1, "part_of_day": 1, "day": 1, "week": 2, "month": 3}

# ACLED's geo_precision: 1 the town itself; 2 near / toward a town, or part of a district coded to
# its main town; 3 a larger region. The wording is what the map's tooltips say.
GEO_PRECISIONS = {1: "the place itself", 2: "near / toward it, or its district", 3: "somewhere in the region"}

# ACLED's event types and sub-event types (ACLED Codebook, 2023).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

# The columns a resolved place fills; ``place_fields`` adds how it was resolved and its zone.
PLACE_COLUMNS = ("place", "geonameid", "latitude", "longitude", "country_code", "admin1")


def place_columns(place) -> dict[str, str]:
    """A resolved place (``geocoding.Place``) as the row's text: coordinates to 5 decimals (about a metre)."""
    return dict(
        place=place.name,
        geonameid="" if place.geonameid is None else str(place.geonameid),
        latitude=f"{place.latitude:.5f}",
        longitude=f"{place.longitude:.5f}",
        country_code=place.country_code,
        admin1=place.admin1,
    )


def place_fields(resolution) -> dict[str, str]:
    """Every field a resolution fills (``PLACE_COLUMNS``, ``geo_method``, ``local_tz``); an InputError if unresolved."""
    p = resolution.place
    if p is None:
        raise InputError(f"{resolution.query!r} is not a known place ({resolution.reason})")
    return {**place_columns(p), "geo_method": resolution.method, "local_tz": p.timezone}
