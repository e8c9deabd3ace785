"""Distances and the within-5-km assertion used by the geocoder tests."""

from __future__ import annotations

import math


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    hav = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(hav))


def assert_near(place, record: dict, limit_km: float = 5.0) -> None:
    """``place`` lies within ``limit_km`` of a GeoNames record's point."""
    assert place is not None, f"unresolved, expected {record['name']} ({record['countrycode']})"
    distance = km(place.latitude, place.longitude, record["latitude"], record["longitude"])
    assert distance <= limit_km, (
        f"{place.name} ({place.country_code}) is {distance:.0f} km from {record['name']} ({record['countrycode']})"
    )
