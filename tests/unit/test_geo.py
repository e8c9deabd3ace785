"""Great-circle distances: on the meridian and the equator, for numbers and arrays alike, never NaN."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dashboard.geo import EARTH_RADIUS_KM, haversine_km, haversine_radians_km

DEGREE_KM = math.pi * EARTH_RADIUS_KM / 180  # one degree of a great circle: 111.195 km


def test_distances_along_a_meridian_and_the_equator():
    assert haversine_km(40.0, 45.0, 41.0, 45.0) == pytest.approx(DEGREE_KM)
    assert haversine_km(0.0, 10.0, 0.0, 13.0) == pytest.approx(3 * DEGREE_KM)
    # at 60° north a degree of longitude is about half as long, and never longer than the arc between the points
    assert haversine_km(60.0, 0.0, 60.0, 1.0) == pytest.approx(DEGREE_KM / 2, rel=1e-4)
    assert haversine_km(40.2, 45.87, 40.2, 45.87) == 0.0
    assert haversine_km(90.0, 0.0, -90.0, 0.0) == pytest.approx(180 * DEGREE_KM)
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(180 * DEGREE_KM)  # antipodes: no NaN


def test_arrays_broadcast_and_agree_with_numbers():
    lat = np.array([40.0, 0.0, 60.0])
    lon = np.array([45.0, 10.0, 0.0])
    got = haversine_km(lat, lon, lat + np.array([1.0, 0.0, 0.0]), lon + np.array([0.0, 3.0, 1.0]))
    assert got.tolist() == [
        haversine_km(40.0, 45.0, 41.0, 45.0),
        haversine_km(0.0, 10.0, 0.0, 13.0),
        haversine_km(60.0, 0.0, 60.0, 1.0),
    ]
    assert haversine_radians_km(0.0, 0.0, 0.0, math.pi) == pytest.approx(180 * DEGREE_KM)
    assert not np.isnan(haversine_km(np.array([0.0]), np.array([0.0]), 0.0, 180.0)).any()
