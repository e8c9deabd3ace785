"""Two points in degrees in, the great-circle distance in kilometres out (haversine, on the mean Earth radius).

One home for the formula the geocoder (coherence, nearest place) and the synthetic data use. Works on plain
numbers (with ``math``: fast for one pair) and on numpy arrays (broadcast).
"""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG), as GeoNames-based tools use


def haversine_km(lat1, lon1, lat2, lon2):
    """Distance between (lat1, lon1) and (lat2, lon2), in degrees; numbers or numpy arrays."""
    xp = _module(lat1, lon1, lat2, lon2)
    return _haversine(xp, xp.radians(lat1), xp.radians(lat2), xp.radians(lon2 - lon1))


def haversine_radians_km(lat1, lon1, lat2, lon2):
    """``haversine_km`` of points already in radians (for callers that keep the radians of many points)."""
    return _haversine(_module(lat1, lon1, lat2, lon2), lat1, lat2, lon2 - lon1)


def _module(*values):
    return np if any(isinstance(v, np.ndarray) for v in values) else math


def _haversine(xp, lat1, lat2, dlon):
    hav = xp.sin((lat2 - lat1) / 2) ** 2 + xp.cos(lat1) * xp.cos(lat2) * xp.sin(dlon / 2) ** 2
    if xp is np:  # rounding can take hav a hair above 1 for antipodal points, where asin would give NaN
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(hav, 1.0)))
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(hav, 1.0)))
