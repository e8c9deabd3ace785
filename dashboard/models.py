"""The incident data model: column names (ACLED's where they exist), vocabularies and precisions."""

from __future__ import annotations

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

REQUIRED = ("incident_id", "event_type", "sub_event_type", "claimed_by", "source", "excerpt")

# From the finest to the coarsest. ACLED's time_precision: 1 = day, 2 = week, 3 = month.
TIME_PRECISIONS = ("minute", "hour", "part_of_day", "day", "week", "month", "unknown")
ACLED_TIME_PRECISION = {"minute": 1, "hour": 1, "part_of_day": 1, "day": 1, "week": 2, "month": 3}

# ACLED's geo_precision: 1 the town itself; 2 near / toward a town, or part of a district coded to
# its main town; 3 a larger region.
GEO_PRECISIONS = {1: "the place itself", 2: "near / toward it, or its district", 3: "a larger region"}

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
