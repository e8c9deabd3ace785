"""Filtered incidents in, files out: CSV (the data model's columns) and GeoJSON (RFC 7946)."""

from __future__ import annotations

import json

import pandas as pd

from dashboard.models import COLUMNS


def to_csv(df: pd.DataFrame) -> bytes:
    """The incidents with exactly the columns of the source CSV, as UTF-8."""
    return df[list(COLUMNS)].to_csv(index=False, lineterminator="\n").encode("utf-8")


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
