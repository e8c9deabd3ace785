"""A chunk of an ACLED file's cells in, our event rows and one problem per bad cell out.

Reads every ACLED layout met in the wild from its column names, not their positions: the current 31 columns
(since 20 March 2023), the API layout before it (``data_id``, ``event_id_no_cnty``, ``iso3``), HDX country
files (an HXL row; no ``fatalities``, ``admin3`` or ``iso``) and upper-case names. Dates are ACLED's local
calendar dates, kept as UTC-midnight bounds (see docs/acled.md); ``time_precision`` 1/2/3 becomes the day,
the week around the date (ACLED codes a week to its middle day) or the calendar month.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.store.imports import countries
from dashboard.store.imports.fields import FIELDS, ORIGINS, SOURCE_FIELDS
from dashboard.store.imports.reader import Checker, dates, numbers, seen_before

REQUIRED = ("event_id_cnty", "event_date", "latitude", "longitude")
# ACLED's current layout, in order (ACLED's "Guide to 2023 ACLED column changes").
CURRENT = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
PRECISION = {"1": "day", "2": "week", "3": "month"}
# Our export writes "origin: ingest" (etc.) in tags so a round trip keeps what the rows were.
_ORIGIN_TAG = r"(?:^|;\s*)origin: (" + "|".join(ORIGINS) + r")(?:;|$)"
# ACLED's own columns kept as they are (fields.SOURCE_FIELDS from disorder_type to tags)
_KEPT = SOURCE_FIELDS[SOURCE_FIELDS.index("disorder_type") : SOURCE_FIELDS.index("tags") + 1]


def matches(columns: list[str]) -> bool:
    return all(c in columns for c in REQUIRED)


def variant(columns: list[str], hxl: bool) -> str:
    if hxl:
        return "ACLED, HDX country file (HXL hashtag row)"
    if tuple(columns) == CURRENT:
        return "ACLED, current 31-column layout"
    if "data_id" in columns or "event_id_no_cnty" in columns or "iso3" in columns:
        return "ACLED, API layout before March 2023"
    return f"ACLED, {len(columns)} columns"


def convert(chunk: pd.DataFrame, file: str, seen: set[str]) -> tuple[pd.DataFrame, Checker]:
    """Our rows for the chunk's good rows (bad ones dropped) and the checker holding the problems."""
    n = len(chunk)

    def col(name: str) -> pd.Series:
        return chunk[name].str.strip() if name in chunk else pd.Series([""] * n, index=chunk.index, dtype=object)

    check = Checker(chunk, file)
    eid = col("event_id_cnty")
    check(eid == "", "event_id_cnty", "empty event_id_cnty", "is empty (every ACLED event has an id)")
    dup = eid.duplicated() | seen_before(eid, seen)
    check(dup & (eid != ""), "event_id_cnty", "repeated event_id_cnty", lambda v: f"{v!r} repeats an earlier row's id")

    day = dates(col("event_date"))
    check(
        day.isna(),
        "event_date",
        "bad event_date",
        lambda v: f"{v!r} is not a date (expected 2022-12-28 or 28 December 2022)",
    )
    precision = col("time_precision") if "time_precision" in chunk else pd.Series("1", index=chunk.index)
    check(
        ~precision.isin(list(PRECISION)),
        "time_precision",
        "bad time_precision",
        lambda v: f"{v!r} is not an ACLED time_precision (1 day, 2 week, 3 month)",
    )
    lat, lon = numbers(col("latitude")), numbers(col("longitude"))
    check(~lat.between(-90, 90), "latitude", "bad latitude", lambda v: f"{v!r} is not a latitude (-90 to 90)")
    check(~lon.between(-180, 180), "longitude", "bad longitude", lambda v: f"{v!r} is not a longitude (-180 to 180)")
    geo = col("geo_precision")
    check(
        ~geo.isin(["1", "2", "3"]) & (geo != ""),
        "geo_precision",
        "bad geo_precision",
        lambda v: f"{v!r} is not an ACLED geo_precision (1, 2 or 3)",
    )
    fatalities = col("fatalities")
    f = numbers(fatalities)
    check(
        (fatalities != "") & ~((f >= 0) & (f % 1 == 0)),
        "fatalities",
        "bad fatalities",
        lambda v: f"{v!r} is not a whole number of 0 or more",
    )
    stamp = col("timestamp")
    ts = numbers(stamp)
    check(
        (stamp != "") & ~((ts >= 0) & (ts % 1 == 0)),
        "timestamp",
        "bad timestamp",
        lambda v: f"{v!r} is not a Unix time in seconds (ACLED's timestamp)",
    )
    check(col("event_type") == "", "event_type", "empty event_type", "is empty (ACLED codes every event's type)")

    good = ~check.bad
    if not good.any():
        return pd.DataFrame(columns=list(FIELDS)), check
    d = day[good].to_numpy(dtype="datetime64[D]")
    p = precision[good].to_numpy()
    one = np.timedelta64(1, "D")
    month = d.astype("datetime64[M]")
    start = np.where(p == "1", d, np.where(p == "2", d - 3 * one, month.astype("datetime64[D]")))
    end = np.where(p == "1", d + one, np.where(p == "2", d + 4 * one, (month + 1).astype("datetime64[D]")))

    tags = col("tags")[good]
    tagged = tags.str.contains("origin: ", regex=False)
    origin = pd.Series("acled", index=tags.index, dtype=object)
    if tagged.any():  # only our own exports carry it: skip the regex on ACLED's files
        origin[tagged] = tags[tagged].str.extract(_ORIGIN_TAG, expand=False).fillna("acled")
    ext = eid[good]
    out = pd.DataFrame(index=ext.index)
    out["incident_id"] = np.where(origin.isin(["acled", "ucdp"]), origin + ":" + ext, ext)
    out["origin"] = origin
    out["external_id"] = ext
    out["source_timestamp"] = ts[good].fillna(0).astype("int64")
    out["start_utc"] = np.char.add(np.datetime_as_string(start, unit="D"), "T00:00Z")
    out["end_utc"] = np.char.add(np.datetime_as_string(end, unit="D"), "T00:00Z")
    out["time_precision"] = precision[good].map(PRECISION)
    out["local_tz"] = "UTC"
    for name in ("event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "source", "notes"):
        out[name] = col(name)[good]
    out["claimed_by"] = np.where(origin == "acled", "ACLED", np.where(origin == "ucdp", "UCDP", ""))
    out["latitude"] = col("latitude")[good]
    out["longitude"] = col("longitude")[good]
    out["geo_precision"] = geo[good]
    out["fatalities"] = fatalities[good]
    out["event_date"] = np.datetime_as_string(d, unit="D")
    for name in _KEPT:
        out[name] = col(name)[good]
    if tagged.any():
        out.loc[tagged, "tags"] = tags[tagged].str.replace(_ORIGIN_TAG, ";", regex=True).str.strip("; ")
    key = col("iso")[good] + "|" + col("iso3")[good] + "|" + col("country")[good]
    codes = {k: countries.alpha2(*k.split("|")) for k in key.unique()}
    out["country_code"] = key.map(codes)
    for name in ("where_prec", "date_prec", "fatalities_low", "fatalities_high"):
        out[name] = ""
    # A re-imported export of our own reports: the claimant is in the notes; ACLED's columns have no place for it.
    ours = ~origin.isin(["acled", "ucdp"])
    if ours.any():
        claimed = out.loc[ours, "notes"].str.extract(r"Claimed by: (.*?)\.$", expand=False).fillna("")
        out.loc[ours, "claimed_by"] = claimed
    return out[list(FIELDS)], check
