"""The timeline: one spec per data whatever the window, counts that add up, bins that fit the chart."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from dashboard.store import csvfile
from dashboard.store.csvfile import typed
from dashboard.testing import synthetic
from dashboard.view import basemap, timeline, window
from tests.app.test_app import run_app
from tests.conftest import INCIDENTS


def spec_for(df, window):
    return timeline.timeline(df, window, basemap.claimant_colours(df["claimed_by"]))


@pytest.mark.parametrize(
    "hours, expected", [(10, 1), (240, 1), (241, 3), (24 * 56, 6), (24 * 200, 24), (24 * 400, 168)]
)
def test_bins_keep_the_chart_under_max_bins(hours, expected):
    lo = pd.Timestamp("2022-09-01", tz="UTC")
    assert timeline.bin_hours(lo, lo + pd.Timedelta(hours=hours)) == expected


def test_a_new_window_changes_only_the_window_rows():
    df = csvfile.load(INCIDENTS)
    lo, hi = window.bounds(df)
    base = spec_for(df, (lo, hi))
    a, b = timeline.with_window(base, (lo, lo + timedelta(hours=3))), timeline.with_window(base, (lo, hi))
    strip = lambda s: {k: v for k, v in s.items() if k != "datasets"}  # noqa: E731
    assert strip(a) == strip(b) == strip(base)
    assert a["datasets"]["incidents"] is b["datasets"]["incidents"]  # the same rows, not a copy
    assert a["datasets"]["window"].iloc[0].tolist() == [
        pd.Timestamp(lo).tz_convert(None),
        pd.Timestamp(lo + timedelta(hours=3)).tz_convert(None),
    ]
    # one interval per timed incident while they are few
    assert len(base["datasets"]["incidents"]) == int(df["start"].notna().sum())


def test_many_incidents_become_counts_that_add_up_with_zeros_between():
    df = typed(synthetic.generate(5000, seed=3))
    spec = spec_for(df, window.bounds(df))
    counts = spec["datasets"]["incidents"]
    timed = df.dropna(subset=["start"])
    assert counts["n"].sum() == len(timed)
    assert counts.groupby("claimed_by")["n"].sum().to_dict() == timed["claimed_by"].value_counts().to_dict()
    assert (counts["n"] == 0).any()  # quiet bins are drawn as zero, not bridged
    assert counts["bin"].nunique() <= timeline.MAX_BINS
    assert "incidents per 6 hours" in str(spec)


def test_the_app_sends_the_same_chart_spec_for_every_window(monkeypatch):
    """What keeps a slider move cheap in the browser: Vega updates one dataset instead of a new chart."""
    at = run_app(monkeypatch)
    first = at.get("vega_lite_chart")[0].proto
    lo, _ = at.slider(key="window").value
    at.slider(key="window").set_value((lo, lo + timedelta(hours=5))).run()
    second = at.get("vega_lite_chart")[0].proto
    assert first.spec == second.spec
    names = lambda p: {d.name: d.data.data for d in p.datasets}  # noqa: E731
    assert names(first)["incidents"] == names(second)["incidents"]
    assert names(first)["window"] != names(second)["window"]


def test_the_latest_bin_is_drawn():
    """A step drawn after its point gives the last point no width: a closing zero bin follows the latest."""
    df = typed(synthetic.generate(1000, seed=3))
    counts = spec_for(df, window.bounds(df))["datasets"]["incidents"]
    last = counts["bin"].max()
    assert counts.loc[counts["bin"] == last, "n"].sum() == 0
    before = counts[counts["bin"] < last]
    assert before.loc[before["bin"] == before["bin"].max(), "n"].sum() > 0  # the latest incidents, with width
