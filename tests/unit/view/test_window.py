"""The view: time-window overlap, filters, and the URL round trip."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.store import csvfile
from dashboard.view import window
from tests.conftest import INCIDENTS


@pytest.fixture(scope="module")
def df():
    return csvfile.load(INCIDENTS)


def test_bounds_are_whole_hours_around_every_incident(df):
    lo, hi = window.bounds(df)
    assert lo <= df["start"].min() and hi >= df["end"].max()
    assert lo.minute == hi.minute == 0 and hi - lo < pd.Timedelta(days=3)


def test_window_keeps_incidents_whose_interval_overlaps(df):
    # 20:00-21:00 UTC on the 12th, as coded in data/README.md: the 20:05 shelling toward three towns,
    # the Monday-night clash and Azerbaijan's three claims (18:00-06:00 local), the call (Tuesday, local day)
    lo = pd.Timestamp("2022-09-12T20:00Z").to_pydatetime()
    hi = pd.Timestamp("2022-09-12T21:00Z").to_pydatetime()
    shown = window.apply(df, window.View(lo, hi, {}))
    assert sorted(shown["location"]) == sorted(
        ["Goris", "Sok", "Jermuk", "perbatasan Armenia dengan Azerbaijan", "Dashkesan", "Kelbajar", "Lachin", "Yerevan"]
    )
    early = window.apply(
        df,
        window.View(
            pd.Timestamp("2022-09-12T04:00Z").to_pydatetime(), pd.Timestamp("2022-09-12T06:00Z").to_pydatetime(), {}
        ),
    )
    assert set(early["claimed_by"]) == {"Azerbaijani media", "anonymous source"}
    # an interval that ends exactly where the window starts still overlaps it (closed intervals)
    edge = window.apply(
        df,
        window.View(
            pd.Timestamp("2022-09-13T02:00Z").to_pydatetime(), pd.Timestamp("2022-09-13T03:00Z").to_pydatetime(), {}
        ),
    )
    assert "Dashkesan" in set(edge["location"])


def test_a_link_to_an_instant_keeps_that_instant(df):
    v, warnings = window.from_query({"start": ["2022-09-12T20:05Z"], "end": ["2022-09-12T20:05Z"]}, df)
    assert warnings == [] and {"Goris", "Sok", "Jermuk"} <= set(window.apply(df, v)["location"])


@pytest.mark.parametrize("value", ["12/09/2022", "now", "2022-09-12 nonsense", "20:05"])
def test_only_iso_8601_is_a_time(df, value):
    _, warnings = window.from_query({"start": [value]}, df)
    assert f"start: {value!r} is not an ISO 8601 time" in warnings[0]
    with pytest.raises(Exception, match="is not an ISO 8601 time"):
        window.from_query_strict({"start": [value]}, df)


def test_out_of_range_times_are_said_not_silently_clamped(df):
    lo, hi = window.bounds(df)
    v, warnings = window.from_query({"end": ["1999-01-01T00:00Z"]}, df)
    assert "end 1999-01-01T00:00Z is outside the data" in warnings[0]
    with pytest.raises(Exception, match="outside the data"):
        window.from_query_strict({"end": ["1999-01-01T00:00Z"]}, df)


def test_filters(df):
    lo, hi = window.bounds(df)
    shown = window.apply(df, window.View(lo, hi, {"claimant": ("Azerbaijan MoD",)}))
    assert set(shown["location"]) == {"Dashkesan", "Kelbajar", "Lachin"}
    shown = window.apply(df, window.View(lo, hi, {"country": (window.NO_COUNTRY,)}))
    assert len(shown) > 0 and not shown["mapped"].any()
    shown = window.apply(df, window.View(lo, hi, {"event_type": ("Strategic developments",), "country": ("AM",)}))
    assert list(shown["location"]) == ["Yerevan"]


def test_url_round_trip(df):
    options = window.filter_options(df)
    params = {
        "start": ["2022-09-12T18:00Z"],
        "end": ["2022-09-13T06:00Z"],
        "claimant": ["Armenia MoD", "Azerbaijan MoD"],
    }
    v, warnings = window.from_query(params, df)
    assert warnings == []
    assert window.format_utc(v.start) == "2022-09-12T18:00Z" and window.format_utc(v.end) == "2022-09-13T06:00Z"
    assert window.to_query(v, options) == params


def test_bad_url_values_fall_back_with_a_message(df):
    lo, hi = window.bounds(df)
    v, warnings = window.from_query({"start": ["yesterday"], "end": ["2031-01-01T00:00Z"]}, df)
    assert (v.start, v.end) == (lo, hi)
    assert any("'yesterday' is not an ISO 8601 time" in w for w in warnings)
    v, warnings = window.from_query({"start": ["2022-09-13T06:00Z"], "end": ["2022-09-12T06:00Z"]}, df)
    assert (v.start, v.end) == (lo, hi) and "is after end" in warnings[0]


def test_the_events_settings_travel_in_the_link(df):
    lo, hi = window.bounds(df)
    v, warnings = window.from_query({"min_outlets": ["3"], "show": ["reports"]}, df)
    assert warnings == [] and (v.min_outlets, v.raw) == (3, True)
    assert window.to_query(v, window.filter_options(df)) == {
        "start": [window.format_utc(lo)],
        "end": [window.format_utc(hi)],
        "min_outlets": ["3"],
        "show": ["reports"],
    }
    # the defaults (every event, events not reports) are left out of the link
    plain, _ = window.from_query({}, df)
    assert (plain.min_outlets, plain.raw) == (1, False)
    assert set(window.to_query(plain, window.filter_options(df))) == {"start", "end"}
    assert not plain.same_selection(v) and v.same_selection(
        window.from_query({"min_outlets": ["3"], "show": ["reports"]}, df)[0]
    )


@pytest.mark.parametrize("params", [{"min_outlets": ["0"]}, {"min_outlets": ["two"]}, {"show": ["maps"]}])
def test_bad_events_settings_in_a_link_fall_back_with_a_message(df, params):
    v, warnings = window.from_query(params, df)
    assert (v.min_outlets, v.raw) == (1, False)
    assert len(warnings) == 1 and list(params)[0] in warnings[0]


def test_the_table_rows_are_the_earliest_kept_ones_as_a_stable_sort_gives_them():
    import numpy as np

    rng = np.random.default_rng(0)
    for _ in range(300):
        n = int(rng.integers(0, 60))
        start = pd.Series(
            pd.to_datetime(rng.integers(0, 8, n) * 3600, unit="s", utc=True), index=rng.permutation(n) * 3
        )
        start[rng.random(n) < 0.2] = pd.NaT  # unknown times: last
        keep = rng.random(n) < 0.7
        k = int(rng.integers(0, 15))  # ties at the k-th row too: few distinct hours
        expected = start[keep].sort_values(kind="stable").index[:k]
        assert list(window.earliest(start, keep, k)) == list(expected)
