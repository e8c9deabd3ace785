"""Filtered incidents in, files out: CSV (the data model's columns) and GeoJSON (RFC 7946)."""

from __future__ import annotations

import csv
import json

import pandas as pd

from dashboard.models import COLUMNS
from dashboard.store.csvfile import TEXT_COLUMNS, protect


def to_csv(df: pd.DataFrame) -> bytes:
    """The incidents with exactly the columns of the source CSV, as UTF-8. Text cells that a spreadsheet would
    run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) get a leading ``'`` (OWASP); numbers stay numbers;
    ``validate``/``import-csv`` read the file back exactly as it was."""
    out = df[list(COLUMNS)].copy()
    for column in TEXT_COLUMNS:
        out[column] = out[column].map(protect)
    # Every text cell quoted: Python's csv module does not quote a lone CR with a "\n" line end, which would
    # otherwise split a row in two; numbers (a negative longitude too) stay unquoted numbers.
    return out.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")


def _cell(value):
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value == "":
        return None
    return value


def to_geojson(df: pd.DataFrame) -> bytes:
    """RFC 7946 FeatureCollection: WGS 84 lon/lat, no ``crs``; an incident with no place has a null geometry."""
    features = []
    for _, row in df.iterrows():
        geometry = None
        if row["mapped"]:
            geometry = {
                "type": "Point",
                "coordinates": [round(float(row["longitude"]), 6), round(float(row["latitude"]), 6)],
            }
        props = {c: _cell(row[c]) for c in COLUMNS if c not in ("latitude", "longitude")}
        for c in ("geonameid", "geo_precision", "fatalities", "excerpt_start", "excerpt_end"):
            if props[c] is not None:
                props[c] = int(props[c])
        features.append({"type": "Feature", "id": row["incident_id"], "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1).encode("utf-8")
