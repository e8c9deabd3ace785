"""A CSV's events kept on disk per data version: grouped once, read back the same, never stale, bounded in size."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from dashboard.events.summary import build
from dashboard.store import csvfile, event_cache
from dashboard.testing import synthetic


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    path = synthetic.write(tmp_path_factory.mktemp("csv") / "synthetic.csv", 1500, seed=3)
    return csvfile.load(path), csvfile.data_version(path)


def _no_grouping(*args, **kwargs):
    raise AssertionError("grouped again instead of read from the cache")


def test_the_events_are_grouped_once_and_read_back_the_same(reports, tmp_path, monkeypatch):
    df, version = reports
    first = event_cache.load_or_build(tmp_path, version, df)
    expected = build(df)
    pd.testing.assert_frame_equal(first.events, expected.events)
    monkeypatch.setattr(event_cache, "build", _no_grouping)
    again = event_cache.load_or_build(tmp_path, version, df)
    pd.testing.assert_frame_equal(again.events, expected.events)  # lists and claimants by side included
    pd.testing.assert_frame_equal(again.links, expected.links)
    assert isinstance(again.events["claimants"].iloc[0], dict) and isinstance(again.events["report_ids"].iloc[0], list)


def test_other_data_is_grouped_afresh_and_a_damaged_entry_is_replaced(reports, tmp_path):
    df, version = reports
    event_cache.load_or_build(tmp_path, version, df)
    fewer = df.iloc[:700]
    other = event_cache.load_or_build(tmp_path, version, fewer)  # same version string, other rows: another key
    assert other.links["incident_id"].isin(fewer["incident_id"]).all() and len(other.links) == len(fewer)
    entry = tmp_path / "events" / event_cache.key(version, len(df))
    (entry / "events.parquet").write_bytes(b"not parquet")
    again = event_cache.load_or_build(tmp_path, version, df)
    pd.testing.assert_frame_equal(again.events, build(df).events)
    assert len((entry / "events.parquet").read_bytes()) > 100  # rewritten


def test_the_cache_keeps_the_most_recently_used_entries(reports, tmp_path, monkeypatch):
    df, version = reports
    small = df.iloc[:50]
    for n, v in enumerate(["v1", "v2", "v3"]):
        event_cache.load_or_build(tmp_path, v, small)
        os.utime(tmp_path / "events" / event_cache.key(v, len(small)), (1000 + n, 1000 + n))
    monkeypatch.setattr(event_cache, "KEEP", 3)
    event_cache.load_or_build(tmp_path, "v1", small)  # read: now the most recently used
    event_cache.load_or_build(tmp_path, "v4", small)  # written: the least recently used (v2) goes
    left = sorted(d.name.split("-")[0] for d in (tmp_path / "events").iterdir())
    assert left == ["v1", "v3", "v4"]
