"""The columns of an imported (coded) event as the store keeps it: our model's fields, then the source's own."""

from __future__ import annotations

# Our model's names (dashboard/models.py) where the meaning is the same.
MODEL_FIELDS = (
    "start_utc",
    "end_utc",
    "time_precision",
    "local_tz",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "claimed_by",
    "location",
    "latitude",
    "longitude",
    "country_code",
    "admin1",
    "geo_precision",
    "fatalities",
    "source",
    "notes",
)
# ACLED's (and UCDP's) own columns, kept so an export gives back what was imported.
SOURCE_FIELDS = (
    "event_date",
    "disorder_type",
    "assoc_actor_1",
    "inter1",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin2",
    "admin3",
    "source_scale",
    "tags",
    "where_prec",
    "date_prec",
    "fatalities_low",
    "fatalities_high",
)
KEY_FIELDS = ("incident_id", "origin", "external_id", "source_timestamp")
FIELDS = KEY_FIELDS + MODEL_FIELDS + SOURCE_FIELDS
ORIGINS = ("acled", "ucdp", "ingest", "csv")
