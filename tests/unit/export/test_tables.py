"""The CSV and GeoJSON exports: RFC 7946 GeoJSON, a CSV that reads back through the validator."""

from __future__ import annotations

import json

import pytest

from dashboard.export import tables
from dashboard.store import csvfile
from tests.conftest import INCIDENTS


@pytest.fixture(scope="module")
def df():
    return csvfile.load(INCIDENTS)


def test_geojson_export_is_rfc7946(df):
    data = json.loads(tables.to_geojson(df))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == len(df)
    for f, row in zip(data["features"], df.itertuples()):
        if row.mapped:
            lon, lat = f["geometry"]["coordinates"]
            assert (lon, lat) == pytest.approx((row.longitude, row.latitude), abs=1e-6)
        else:
            assert f["geometry"] is None  # kept, honestly without a place
        assert f["properties"]["excerpt"] == row.excerpt


def test_csv_export_round_trips_through_the_validator(df, incidents_copy):
    incidents_copy.write_bytes(tables.to_csv(df))
    again = csvfile.load(incidents_copy)
    assert list(again["incident_id"]) == list(df["incident_id"])
