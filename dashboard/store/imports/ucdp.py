"""A chunk of a UCDP GED file's cells in, our event rows and one problem per bad cell out.

GED's columns (Högbladh, UCDP GED Codebook): ``id`` (kept as the external id), ``date_start``–``date_end``
(earliest and latest possible day: our interval, both days included), ``date_prec`` 1–5, ``where_prec`` 1–7,
``best`` (our fatalities; ``low`` and ``high`` go into the notes), ``side_a``/``side_b`` (our actors).
How ``where_prec`` and ``date_prec`` map to our precisions is in docs/acled.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.store.imports import countries
from dashboard.store.imports.fields import FIELDS
from dashboard.store.imports.reader import Checker, dates, numbers, seen_before

REQUIRED = ("id", "date_start", "date_end", "latitude", "longitude")
# where_prec → ACLED geo_precision: 1 exact → 1; 2 within ~25 km of a known point, 3 second-order
# administrative division, 5 a linear feature or between places → 2 (near / its district); 4 first-order
# division, 6 only the country, 7 international waters or airspace → 3 (a larger region).
GEO_PRECISION = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "2", "6": "3", "7": "3"}
# date_prec: 1 exact day; 2 a 2–6 day range; 3 only the week; 4 8–30 days or only the month; 5 longer.
TIME_PRECISION = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "month"}
# type_of_violence → the closest ACLED event and sub-event type (UCDP counts only lethal violence).
EVENT_TYPE = {
    "1": ("Battles", "Armed clash"),
    "2": ("Battles", "Armed clash"),
    "3": ("Violence against civilians", "Attack"),
}
VIOLENCE = {"1": "state-based conflict", "2": "non-state conflict", "3": "one-sided violence"}


def matches(columns: list[str]) -> bool:
    return all(c in columns for c in REQUIRED)


def variant(columns: list[str], hxl: bool) -> str:
    return "UCDP GED, HDX file (HXL hashtag row)" if hxl else f"UCDP GED, {len(columns)} columns"


def convert(chunk: pd.DataFrame, file: str, seen: set[str]) -> tuple[pd.DataFrame, Checker]:
    n = len(chunk)

    def col(name: str) -> pd.Series:
        return chunk[name].str.strip() if name in chunk else pd.Series([""] * n, index=chunk.index, dtype=object)

    check = Checker(chunk, file)
    uid = col("id")
    check(uid == "", "id", "empty id", "is empty (every GED event has an id)")
    check(
        (uid.duplicated() | seen_before(uid, seen)) & (uid != ""),
        "id",
        "repeated id",
        lambda v: f"{v!r} repeats an earlier row's id",
    )
    start, end = dates(col("date_start")), dates(col("date_end"))
    for name, parsed in (("date_start", start), ("date_end", end)):
        check(parsed.isna(), name, f"bad {name}", lambda v: f"{v!r} is not a date (expected e.g. 2021-03-14)")
    check(start > end, "date_end", "date_end before date_start", lambda v: f"{v!r} is before date_start")
    lat, lon = numbers(col("latitude")), numbers(col("longitude"))
    check(~lat.between(-90, 90), "latitude", "bad latitude", lambda v: f"{v!r} is not a latitude (-90 to 90)")
    check(~lon.between(-180, 180), "longitude", "bad longitude", lambda v: f"{v!r} is not a longitude (-180 to 180)")
    where = col("where_prec")
    check(
        ~where.isin(list(GEO_PRECISION)) & (where != ""),
        "where_prec",
        "bad where_prec",
        lambda v: f"{v!r} is not a UCDP where_prec (1 to 7)",
    )
    prec = col("date_prec")
    check(
        ~prec.isin(list(TIME_PRECISION)) & (prec != ""),
        "date_prec",
        "bad date_prec",
        lambda v: f"{v!r} is not a UCDP date_prec (1 to 5)",
    )
    for name in ("best", "low", "high"):
        cells = col(name)
        v = numbers(cells)
        check(
            (cells != "") & ~((v >= 0) & (v % 1 == 0)),
            name,
            f"bad {name}",
            lambda x: f"{x!r} is not a whole number of 0 or more",
        )

    good = ~check.bad
    if not good.any():
        return pd.DataFrame(columns=list(FIELDS)), check
    one = np.timedelta64(1, "D")
    s = start[good].to_numpy(dtype="datetime64[D]")
    e = end[good].to_numpy(dtype="datetime64[D]") + one
    ext = uid[good]
    out = pd.DataFrame(index=ext.index)
    out["incident_id"] = "ucdp:" + ext
    out["origin"] = "ucdp"
    out["external_id"] = ext
    out["source_timestamp"] = 0
    out["start_utc"] = np.char.add(np.datetime_as_string(s, unit="D"), "T00:00Z")
    out["end_utc"] = np.char.add(np.datetime_as_string(e, unit="D"), "T00:00Z")
    single = s + one == e
    out["time_precision"] = np.where(single, "day", prec[good].map(TIME_PRECISION).fillna("day").to_numpy())
    out["local_tz"] = "UTC"
    violence = col("type_of_violence")[good]
    out["event_type"] = violence.map(lambda v: EVENT_TYPE.get(v, ("Battles", ""))[0])
    out["sub_event_type"] = violence.map(lambda v: EVENT_TYPE.get(v, ("", ""))[1])
    out["actor1"], out["actor2"] = col("side_a")[good], col("side_b")[good]
    out["claimed_by"] = "UCDP"
    out["location"] = col("where_coordinates")[good]
    out["latitude"], out["longitude"] = col("latitude")[good], col("longitude")[good]
    key = col("country")[good]
    codes = {k: countries.alpha2(name=k) for k in key.unique()}
    out["country_code"] = key.map(codes)
    out["admin1"] = col("adm_1")[good]
    out["geo_precision"] = where[good].map(GEO_PRECISION).fillna("")
    best, low, high = col("best")[good], col("low")[good], col("high")[good]
    out["fatalities"] = best
    out["source"] = col("source_office")[good]
    out["notes"] = [
        _notes(*cells)
        for cells in zip(
            violence,
            col("conflict_name")[good],
            best,
            low,
            high,
            col("where_description")[good],
            col("source_headline")[good],
        )
    ]
    out["event_date"] = np.datetime_as_string(s, unit="D")
    for name in ("disorder_type", "assoc_actor_1", "inter1", "assoc_actor_2", "inter2", "interaction"):
        out[name] = ""
    out["civilian_targeting"] = np.where(violence == "3", "Civilian targeting", "")
    out["iso"] = ""
    out["region"] = col("region")[good]
    out["country"] = key
    out["admin2"] = col("adm_2")[good]
    out["admin3"] = ""
    out["source_scale"] = ""
    out["tags"] = ""
    out["where_prec"], out["date_prec"] = where[good], prec[good]
    out["fatalities_low"], out["fatalities_high"] = low, high
    return out[list(FIELDS)], check


def _notes(violence: str, conflict: str, best: str, low: str, high: str, where: str, headline: str) -> str:
    kind = VIOLENCE.get(violence, f"type_of_violence {violence}" if violence else "")
    parts = [
        "UCDP GED" + (f" {kind}" if kind else "") + (f": {conflict}" if conflict else ""),
        f"Fatalities best {best or '?'}, low {low or '?'}, high {high or '?'}",
        f"Where: {where}" if where else "",
        f"Sources: {headline}" if headline else "",
    ]
    return ". ".join(p for p in parts if p) + "."
