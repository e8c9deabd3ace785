"""The briefing page (HTML and PNG) credits ACLED with the access date when its events are on the map, only then."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dashboard.export import briefing
from dashboard.store import source
from dashboard.store.sqlite import Store
from dashboard.view import window
from tests.conftest import INCIDENTS, ROOT

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_current_caucasus.csv"
CREDIT = "ACLED: Armed Conflict Location &amp; Event Data (acleddata.com), accessed 2026-11-30"


@pytest.fixture(scope="module")
def df(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "incidents.db"
    store = Store(path)
    store.import_csv(INCIDENTS)
    store.import_events(ACLED, accessed="2026-11-30")
    return source.Source("store", path).load()


def made(df, **filters):
    v = window.from_query_strict({"start": ["2022-09-12T12:00Z"], "end": ["2022-09-13T12:00Z"], **filters}, df)
    shown = window.apply(df, v)
    words = briefing.describe(shown, df, v, made_at=datetime(2026, 12, 1, tzinfo=UTC), data_version="test")
    return words, briefing.page(shown, df, words)


def test_the_page_credits_acled_with_its_access_date_in_the_footer_and_the_map(df):
    words, page = made(df)
    assert words.footer_lines[-1].endswith(
        "ACLED: Armed Conflict Location & Event Data (acleddata.com), accessed 2026-11-30"
    )
    assert CREDIT in page  # the footer
    assert page.count("acleddata.com), accessed 2026-11-30") == 2  # and the map's attribution line (as JSON)
    assert "origin: acled" not in words.filters


def test_without_acled_rows_in_view_there_is_no_acled_credit(df):
    words, page = made(df, origin=["csv"])
    assert "ACLED" not in words.footer_lines[-1] and "acleddata.com" not in page
    assert "origin: csv" in words.filters
