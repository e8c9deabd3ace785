"""Events (``dashboard.store.events.load_events``) in, files out: CSV for spreadsheets and GeoJSON (RFC 7946).

The CSV is opened by analysts in Excel or LibreOffice, and its cells carry article text and outlet names
we did not write: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'`` so it is shown, never run as a formula (OWASP's CSV injection advice). Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import math

import pandas as pd

from dashboard.events.summary import EVENT_COLUMNS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC = ("latitude", "longitude", "geo_precision", "n_reports", "n_outlets", "n_sources")


def neutralise(value):
    """A text cell made safe for spreadsheets; numbers, None and booleans are returned as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _plain(value):
    """A cell's value as JSON/CSV wants it: no NaN, no numpy or pandas scalars."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _flat(column: str, value) -> str | None:
    if column == "claimants":
        return "; ".join(f"{side}: {', '.join(names)}" for side, names in (value or {}).items())
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def to_csv(events: pd.DataFrame) -> bytes:
    """One row per event, ``EVENT_COLUMNS``; lists joined with "; ", claimants as "side: a, b; side: c"."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    for row in events.reindex(columns=list(EVENT_COLUMNS)).itertuples(index=False):
        cells = []
        for column, value in zip(EVENT_COLUMNS, row):
            value = _plain(_flat(column, value))
            cells.append("" if value is None else value if column in _NUMERIC else neutralise(str(value)))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def to_geojson(events: pd.DataFrame) -> bytes:
    """RFC 7946 FeatureCollection: WGS 84 [lon, lat], no ``crs``; an event with no place has a null geometry."""
    features = []
    for record in events.reindex(columns=list(EVENT_COLUMNS)).to_dict("records"):
        lat, lon = _plain(record.pop("latitude")), _plain(record.pop("longitude"))
        geometry = None
        if lat is not None and lon is not None:
            geometry = {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
        props = {k: _plain(v) if not isinstance(v, list | dict) else v for k, v in record.items()}
        features.append({"type": "Feature", "id": record["event_id"], "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1).encode("utf-8")
