"""import-events into a real SQLite store: all or nothing, --skip-bad, idempotent re-import, update by timestamp."""

from __future__ import annotations

import sqlite3

import pytest

from dashboard.store.imported import ImportRefused
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "acled"


def test_same_file_twice_adds_nothing(store):
    _, first = store.import_events(FIXTURES / "acled_current.csv", accessed="2026-11-30")
    _, second = store.import_events(FIXTURES / "acled_current.csv", accessed="2026-11-30")
    assert (first.added, first.updated) == (4, 0)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 4)
    events = store.imported_events()
    assert len(events) == 4 and set(events["accessed"]) == {"2026-11-30"}


def test_a_newer_timestamp_updates_an_older_one_does_not(store):
    store.import_events(FIXTURES / "acled_current.csv")
    _, counts = store.import_events(FIXTURES / "acled_current_update.csv")
    assert (counts.added, counts.updated, counts.unchanged) == (0, 1, 1)
    events = store.imported_events().set_index("external_id")
    assert len(events) == 4
    # KEN90001's newer version (timestamp 1690000000) replaced the first
    assert events.loc["KEN90001", "fatalities"] == "3"
    assert events.loc["KEN90001", "source_timestamp"] == 1690000000
    # MLI90003's row in the update file is older (1600000000): the stored newer version stays
    assert events.loc["MLI90003", "fatalities"] == "2"
    # and importing the older file again does not roll KEN90001 back
    store.import_events(FIXTURES / "acled_current.csv")
    assert store.imported_events().set_index("external_id").loc["KEN90001", "fatalities"] == "3"


def test_a_bad_row_stores_nothing_by_default(store):
    with pytest.raises(ImportRefused) as refused:
        store.import_events(FIXTURES / "acled_bad_rows.csv")
    assert [p.row for p in refused.value.problems] == [3, 4, 4, 5]
    assert "3 bad row(s), 4 problem(s); nothing imported" in str(refused.value)
    assert store.imported_events().empty


def test_skip_bad_stores_the_good_rows_and_counts_each_kind(store):
    _, counts = store.import_events(FIXTURES / "acled_bad_rows.csv", skip_bad=True)
    assert counts.added == 1 and counts.bad_rows == 3
    assert counts.problems_by_kind == {
        "bad event_date": 1,
        "bad time_precision": 1,
        "bad latitude": 1,
        "repeated event_id_cnty": 1,
    }
    assert store.imported_events()["external_id"].tolist() == ["KEN90001"]


def test_origins_and_ids_kept_side_by_side(store):
    store.import_events(FIXTURES / "acled_hdx.csv")
    store.import_events(FIXTURES / "ucdp_ged.csv")
    events = store.imported_events()
    assert sorted(events["incident_id"]) == ["acled:SOM70001", "acled:SOM70002", "ucdp:900001", "ucdp:900002"]
    assert store.imported_events(origin="ucdp")["external_id"].tolist() == ["900001", "900002"]


def test_the_table_is_added_to_an_existing_store(tmp_path):
    from dashboard.store.sqlite import Store

    path = tmp_path / "old.db"
    Store(path)
    with sqlite3.connect(path) as db:
        db.executescript("DROP TABLE imported_events; DROP TABLE schema_version")  # as made before both
    Store(path).import_events(FIXTURES / "ucdp_hdx.csv")
    assert Store(path).imported_events()["external_id"].tolist() == ["900003"]
