"""Our incidents and imported events in, a CSV in ACLED's current 31-column layout out (readable by import-events).

Our reports map onto ACLED's columns as an ACLED coder would: ``event_id_cnty`` is our incident id, the
date is the local calendar date (the middle of the interval for a week or a month), ``time_precision``
1/2/3, the resolved place, and ``notes`` carry the coder's notes, the exact excerpt and the claimant.
``tags`` says ``origin: ingest`` (or ``csv``, ``ucdp``) so a round trip keeps where a row came from;
ACLED's own events go back out exactly as they came in. Text cells that a spreadsheet would run as a
formula (starting ``=``, ``+``, ``-``, ``@``, tab or CR) get a leading ``'``; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from dashboard.models import ACLED_TIME_PRECISION
from dashboard.store.imports.acled import CURRENT
from dashboard.store.imports.countries import numeric_and_name

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
NUMERIC = ("year", "time_precision", "iso", "latitude", "longitude", "geo_precision", "fatalities", "timestamp")
_RISKY = ("=", "+", "-", "@", "\t", "\r")


def _event_date(df: pd.DataFrame) -> pd.Series:
    """The local calendar date: of the start for a day or finer, of the interval's middle for a week or month."""
    start = pd.to_datetime(df["start_utc"], utc=True, format="ISO8601")
    end = pd.to_datetime(df["end_utc"], utc=True, format="ISO8601")
    coarse = df["time_precision"].isin(["week", "month"])
    # ACLED's week and month intervals run to the next midnight: the middle is a whole day in.
    when = start.where(~coarse, start + (end - start - pd.Timedelta(days=1)) / 2)
    out = pd.Series("", index=df.index)
    for zone, rows in df.groupby(df["local_tz"].replace("", "UTC")).groups.items():
        out[rows] = when[rows].dt.tz_convert(zone).dt.strftime("%Y-%m-%d")
    return out


def from_incidents(df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Our incidents (the store's ``load(typed_columns=False)``) as ACLED rows; also how many were left out
    (no time, or no place: ACLED needs a date and coordinates)."""
    keep = (df["time_precision"] != "unknown") & (df["start_utc"] != "") & (df["latitude"] != "")
    df = df[keep]
    out = pd.DataFrame(index=df.index)
    out["event_id_cnty"] = df["incident_id"]
    out["event_date"] = _event_date(df) if len(df) else ""
    out["year"] = out["event_date"].str.slice(0, 4)
    out["time_precision"] = df["time_precision"].map(ACLED_TIME_PRECISION).astype("Int64").astype(str)
    out["disorder_type"] = df["event_type"].map(DISORDER).fillna("")
    out["event_type"], out["sub_event_type"] = df["event_type"], df["sub_event_type"]
    out["actor1"], out["actor2"] = df["actor1"], df["actor2"]
    iso_name = df["country_code"].map(numeric_and_name)
    out["iso"] = iso_name.str[0]
    out["country"] = iso_name.str[1]
    out["location"] = df["place"].where(df["place"] != "", df["location"])
    for name in ("latitude", "longitude", "geo_precision", "fatalities", "source"):
        out[name] = df[name]
    notes = df["notes"].str.strip()
    out["notes"] = (
        notes.where(notes == "", notes + " ")
        + 'Excerpt: "'
        + df["excerpt"].str.replace(r"\s+", " ", regex=True)
        + '" Claimed by: '
        + df["claimed_by"]
        + "."
    )
    out["tags"] = "origin: " + df["origin"]
    for name in CURRENT:
        if name not in out:
            out[name] = ""
    return out[list(CURRENT)], int((~keep).sum())


def from_imported(df: pd.DataFrame) -> pd.DataFrame:
    """Imported events (``Store.imported_events()``) back in ACLED's layout; ACLED's own exactly as they came."""
    out = pd.DataFrame(index=df.index)
    acled = df["origin"] == "acled"
    out["event_id_cnty"] = df["external_id"]
    # UCDP's event_date is its date_start; ACLED codes a week or a month to its middle day.
    out["event_date"] = df["event_date"].where(df["origin"] != "ucdp", _event_date(df) if len(df) else "")
    out["year"] = out["event_date"].str.slice(0, 4)
    out["time_precision"] = df["time_precision"].map(ACLED_TIME_PRECISION).astype("Int64").astype(str)
    for name in CURRENT:
        if name not in out and name in df:
            out[name] = df[name]
    iso = df["country_code"].map(lambda c: numeric_and_name(c)[0])
    out["iso"] = df["iso"].where(acled | (df["iso"] != ""), iso)
    out["disorder_type"] = df["disorder_type"].where(acled, df["event_type"].map(DISORDER).fillna(""))
    tag = "origin: " + df["origin"]
    out["tags"] = df["tags"].where(acled, np.where(df["tags"] == "", tag, df["tags"] + "; " + tag))
    out["timestamp"] = df["source_timestamp"].astype(str).replace("0", "")
    return out[list(CURRENT)]


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A leading ``'`` before text a spreadsheet would run as a formula; numeric columns are left as they are."""
    out = df.copy()
    for name in out.columns:
        col = out[name].astype(str)
        risky = col.str.startswith(_RISKY)
        if name in NUMERIC:  # a number stays a number; anything else in a numeric column is text
            risky &= pd.to_numeric(col, errors="coerce").isna()
        if risky.any():
            out[name] = col.where(~risky, "'" + col)
    return out


def to_csv(frames: list[pd.DataFrame]) -> bytes:
    """The rows as UTF-8 CSV with ACLED's header, neutralised against formula injection."""
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(CURRENT))
    buf = io.StringIO()
    neutralise(df.fillna("")).to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buf.getvalue().encode("utf-8")
