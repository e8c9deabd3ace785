"""The briefing page's words: the window in UTC and local time, the filters, the sources; no incident dropped.

No browser here: what Chromium makes of the page is tested in tests/e2e/test_briefing.py.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dashboard.export import briefing
from dashboard.store import csvfile
from dashboard.view import window
from tests.conftest import INCIDENTS


@pytest.fixture(scope="module")
def df():
    return csvfile.load(INCIDENTS)


def seed_window(df):
    return window.from_query_strict({"start": ["2022-09-12T12:00Z"], "end": ["2022-09-13T12:00Z"]}, df)


def test_words_on_the_page_carry_their_context(df):
    v = window.from_query_strict(
        {"start": ["2022-09-12T18:00Z"], "end": ["2022-09-13T06:00Z"], "claimant": ["Armenia MoD", "Azerbaijan MoD"]},
        df,
    )
    shown = window.apply(df, v)
    words = briefing.describe(shown, df, v, made_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC), data_version="abc123")
    assert "12 Sep 2022 18:00 – 13 Sep 2022 06:00 UTC" in words.window
    assert "local 12 Sep 2022 22:00 – 13 Sep 2022 10:00 (UTC+04" in words.window  # Yerevan and Baku: UTC+4
    assert "claimed by: Armenia MoD, Azerbaijan MoD" in words.filters
    assert f"{len(shown)} incidents" in words.filters
    footer = " ".join(words.footer_lines)
    assert "Rings show location uncertainty (≈15 km: near a town or its district; ≈50 km: a region)" in footer
    assert "wedges: each claimant's share" in footer
    assert "Berita Baru (2022-09-13, id)" in footer and "02 Jan 2026 03:04 UTC" in footer
    assert "GeoNames" in footer and "Natural Earth" in footer and "abc123" in footer


def test_incidents_with_no_place_are_listed_on_the_page_not_dropped(df):
    v = seed_window(df)
    shown = window.apply(df, v)
    words = briefing.describe(shown, df, v, made_at=datetime(2026, 1, 2, tzinfo=UTC), data_version="t")
    unplaced = shown[~shown["mapped"]]
    assert len(words.unplaced) == len(unplaced) > 0
    for line, row in zip(words.unplaced, unplaced.itertuples()):
        assert row.claimed_by in line and row.sub_event_type in line
    assert words.title == "Reported incidents, 12–13 Sep 2022"  # days in the title; the exact window below it
    assert "Not on the map: no specific place" in briefing.page(shown, df, words)
