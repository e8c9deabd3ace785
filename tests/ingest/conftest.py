"""Fixtures for the ingest tests: the real resolver (GeoNames offline), a store in a temp dir, a fixed 'today'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 1, 15)  # the clock is passed in: the year inference must not depend on when tests run


@pytest.fixture(scope="session")
def resolver():
    from dashboard.geocoding import get_resolver

    return get_resolver()


@pytest.fixture()
def store(tmp_path):
    from dashboard.store import Store

    return Store(tmp_path / "data" / "incidents.db")
