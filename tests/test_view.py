"""The view: time-window overlap, filters, and the URL round trip."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import incidents, view
from tests.conftest import INCIDENTS


@pytest.fixture(scope="module")
def df():
    return incidents.load(INCIDENTS)


def test_bounds_are_whole_hours_around_every_incident(df):
    lo, hi = view.bounds(df)
    assert lo <= df["start"].min() and hi >= df["end"].max()
    assert lo.minute == hi.minute == 0 and hi - lo < pd.Timedelta(days=3)


def test_window_keeps_incidents_whose_interval_overlaps(df):
    # 20:00-21:00 UTC on the 12th holds the 20:05 shelling, the Monday-night intervals, and the day of the 13th
    lo = pd.Timestamp("2022-09-12T20:00Z").to_pydatetime()
    hi = pd.Timestamp("2022-09-12T21:00Z").to_pydatetime()
    shown = view.apply(df, view.View(lo, hi, {}))
    expected = df[(df["start"] <= hi) & (df["end"] >= lo)]
    assert set(shown["incident_id"]) == set(expected["incident_id"])
    assert {"Goris", "Sok", "Jermuk"} <= set(shown["location"])
    assert not (shown["sub_event_type"] == "Agreement").all()
    early = view.apply(df, view.View(pd.Timestamp("2022-09-12T04:00Z").to_pydatetime(),
                                     pd.Timestamp("2022-09-12T06:00Z").to_pydatetime(), {}))
    assert set(early["claimed_by"]) == {"Azerbaijani media", "anonymous source"}


def test_filters(df):
    lo, hi = view.bounds(df)
    shown = view.apply(df, view.View(lo, hi, {"claimant": ("Azerbaijan MoD",)}))
    assert set(shown["location"]) == {"Dashkesan", "Kelbajar", "Lachin"}
    shown = view.apply(df, view.View(lo, hi, {"country": (view.NO_COUNTRY,)}))
    assert len(shown) > 0 and not shown["mapped"].any()
    shown = view.apply(df, view.View(lo, hi, {"event_type": ("Strategic developments",), "country": ("AM",)}))
    assert list(shown["location"]) == ["Yerevan"]


def test_url_round_trip(df):
    options = view.filter_options(df)
    params = {"start": ["2022-09-12T18:00Z"], "end": ["2022-09-13T06:00Z"], "claimant": ["Armenia MoD", "Azerbaijan MoD"]}
    v, warnings = view.from_query(params, df)
    assert warnings == []
    assert view.format_utc(v.start) == "2022-09-12T18:00Z" and view.format_utc(v.end) == "2022-09-13T06:00Z"
    assert view.to_query(v, options) == params


def test_bad_url_values_fall_back_with_a_message(df):
    lo, hi = view.bounds(df)
    v, warnings = view.from_query({"start": ["yesterday"], "end": ["2031-01-01T00:00Z"]}, df)
    assert (v.start, v.end) == (lo, hi)
    assert any("'yesterday' is not an ISO 8601 time" in w for w in warnings)
    v, warnings = view.from_query({"start": ["2022-09-13T06:00Z"], "end": ["2022-09-12T06:00Z"]}, df)
    assert (v.start, v.end) == (lo, hi) and "is after end" in warnings[0]
