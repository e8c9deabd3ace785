"""Incident versions: every stored incident starts at 1, each applied edit moves it on, and an edit made on a
version another analyst has since changed is refused (nothing applied) with who changed what."""

from __future__ import annotations

import sqlite3

import pytest

from dashboard.errors import InputError, StaleEditError
from dashboard.store.sqlite import Store
from tests.conftest import INCIDENTS


@pytest.fixture()
def two(store):
    """The seed's incidents in one store, and a second Store object on the same file (another analyst's app)."""
    store.import_csv(INCIDENTS)
    return store, Store(store.path)


def test_every_incident_starts_at_version_1_and_an_edit_moves_it_on(two):
    a, _ = two
    seen = a.versions()
    assert len(seen) == len(a.load()) == 10 and set(seen.values()) == {1}
    iid = sorted(seen)[0]
    a.correct(iid, {"claimed_by": "x", "notes": "y"}, who="ra", expected=1)  # two fields, one edit
    assert a.versions([iid]) == {iid: 2}
    assert a.versions([iid, "not-stored"]) == {iid: 2} and a.versions([]) == {}
    assert len(a.audit(iid)) == 2


def test_an_edit_on_a_stale_version_is_refused_and_names_the_other_edit(two):
    a, b = two
    iid, other = sorted(a.versions())[:2]
    seen = a.versions([iid, other])
    before = a.load(typed_columns=False).set_index("incident_id")
    b.correct(iid, {"claimed_by": "Azerbaijan MoD"}, who="bob", reason="checked the statement")
    with pytest.raises(StaleEditError) as err:
        a.correct_many({iid: {"notes": "mine"}, other: {"notes": "mine too"}}, who="alice", expected=seen)
    assert isinstance(err.value, InputError)
    (conflict,) = err.value.conflicts
    assert conflict["incident_id"] == iid and conflict["who"] == "bob" and conflict["field"] == "claimed_by"
    assert conflict["new"] == "Azerbaijan MoD" and conflict["old"] == before.at[iid, "claimed_by"] != ""
    assert conflict["reason"] == "checked the statement" and conflict["at_utc"]
    message = str(err.value)
    assert "bob" in message and "claimed_by" in message and iid in message and "Azerbaijan MoD" in message
    after = a.load(typed_columns=False).set_index("incident_id")
    assert after.at[other, "notes"] == before.at[other, "notes"] != "mine too"  # nothing applied, not even other
    assert a.versions([iid, other]) == {iid: 2, other: 1}
    assert list(a.audit()["who"]) == ["bob"]


def test_every_edit_since_the_version_seen_is_listed_oldest_first(two):
    a, b = two
    iid = sorted(a.versions())[0]
    a.correct(iid, {"notes": "first"}, who="alice", expected=1)
    b.correct(iid, {"notes": "second"}, who="bob", expected=2)
    b.correct(iid, {"claimed_by": "third", "fatalities": "3"}, who="carol", expected=3)
    with pytest.raises(StaleEditError) as err:
        a.correct(iid, {"notes": "late"}, who="alice", expected=2)
    assert [(c["who"], c["field"]) for c in err.value.conflicts] == [
        ("bob", "notes"),
        ("carol", "claimed_by"),
        ("carol", "fatalities"),
    ]
    assert err.value.conflicts[0]["old"] == "first" and err.value.conflicts[0]["new"] == "second"
    a.correct(iid, {"notes": "late"}, who="alice", expected=4)  # re-applied on the current version
    assert a.versions([iid]) == {iid: 5} and a.load(ids=[iid]).iloc[0]["notes"] == "late"


def test_without_expected_an_edit_applies_as_before(two):
    a, b = two
    iid = sorted(a.versions())[0]
    b.correct(iid, {"notes": "b"}, who="bob")
    a.correct(iid, {"notes": "a"}, who="alice")
    assert a.versions([iid]) == {iid: 3} and a.load(ids=[iid]).iloc[0]["notes"] == "a"


def test_a_refused_edit_of_a_field_leaves_the_version(two):
    a, _ = two
    iid = sorted(a.versions())[0]
    with pytest.raises(InputError, match="fatalities"):
        a.correct(iid, {"fatalities": "many"}, who="ra", expected=1)
    a.correct(iid, {"notes": a.load(ids=[iid], typed_columns=False).iloc[0]["notes"]}, who="ra", expected=1)
    assert a.versions([iid]) == {iid: 1} and a.audit().empty  # unchanged values are no edit


def test_a_store_made_before_versions_gets_them_at_1(tmp_path):
    path = tmp_path / "old.db"
    Store(path).import_csv(INCIDENTS)
    iid = sorted(Store(path).versions())[0]
    Store(path).correct(iid, {"notes": "old edit"}, who="ra")
    with sqlite3.connect(path) as db:  # back to schema 1: no version columns
        db.executescript(
            "ALTER TABLE incidents DROP COLUMN version; ALTER TABLE corrections DROP COLUMN version; "
            "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
        )
    store = Store(path)
    assert set(store.versions().values()) == {1}
    store.correct(iid, {"notes": "new edit"}, who="ra", expected=1)
    with pytest.raises(StaleEditError) as err:
        store.correct(iid, {"notes": "stale"}, who="ra", expected=1)
    assert [c["new"] for c in err.value.conflicts] == ["new edit"]  # the edit made before versions is not listed
