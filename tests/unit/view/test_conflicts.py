"""A refused stale edit (dashboard/view/conflicts.py) on a real SQLite store: what the page shows, and the versions a
re-apply uses: never one the analyst was not shown, so an edit that lands meanwhile is refused again, not lost."""

from __future__ import annotations

import pytest

from dashboard.errors import StaleEditError
from dashboard.settings import SEED_CSV
from dashboard.store.sqlite import Store
from dashboard.view.conflicts import Pending, edits_since


@pytest.fixture()
def seeded(store) -> Store:
    store.import_csv(SEED_CSV, who="seed")
    return store


def _stale(store: Store, pending: Pending) -> None:
    with pytest.raises(StaleEditError) as caught:
        store.correct_many(pending.mine, who=pending.who, expected=pending.expected)
    pending.add(caught.value.conflicts)


def test_edits_since_counts_edits_not_fields():
    rows = [
        {"incident_id": "a", "field": "notes", "who": "bo", "at_utc": "T1", "reason": ""},
        {"incident_id": "a", "field": "place", "who": "bo", "at_utc": "T1", "reason": ""},  # same edit
        {"incident_id": "a", "field": "notes", "who": "bo", "at_utc": "T2", "reason": ""},
        {"incident_id": "b", "field": "notes", "who": "cy", "at_utc": "T1", "reason": "x"},
    ]
    assert edits_since(rows) == {"a": 2, "b": 1}


def test_the_analyst_sees_who_changed_what_and_re_applies_on_the_version_shown(seeded):
    iid = seeded.load()["incident_id"].iloc[0]
    seen = seeded.versions([iid])
    loaded = seeded.load(ids=[iid], typed_columns=False).set_index("incident_id").to_dict("index")
    seeded.correct(iid, {"notes": "Bo's note", "claimed_by": "Bo's claimant"}, who="bo", reason="second source")
    mine = Pending({iid: {"notes": "Ann's note"}}, seen, who="ann")
    _stale(seeded, mine)
    assert [(c["field"], c["new"], c["who"], c["reason"]) for c in mine.conflicts] == [
        ("notes", "Bo's note", "bo", "second source"),
        ("claimed_by", "Bo's claimant", "bo", "second source"),
    ]
    assert mine.expected == {iid: seen[iid] + 1}  # one edit of two fields: one version
    theirs = mine.theirs({iid: f"{iid} · Sok"})
    assert theirs[0] == {
        "incident": f"{iid} · Sok",
        "field": "notes",
        "who": "bo",
        "when (UTC)": mine.conflicts[0]["at_utc"],
        "before": loaded[iid]["notes"],
        "after": "Bo's note",
        "why": "second source",
    }
    now = seeded.load(ids=[iid], typed_columns=False).set_index("incident_id").to_dict("index")
    assert mine.yours(loaded, now, {}) == [
        {
            "incident": iid,
            "field": "notes",
            "yours (not saved)": "Ann's note",
            "now in the store": "Bo's note",
            "when you loaded the table": loaded[iid]["notes"],
            "changed by them too": "yes",
        }
    ]
    # re-applied on the version shown: both analysts' corrections are in the audit trail, hers last
    seeded.correct_many(mine.mine, who="ann", expected=mine.expected)
    audit = seeded.audit().iloc[::-1]
    assert audit[["field", "new", "who"]].values.tolist() == [
        ["notes", "Bo's note", "bo"],
        ["claimed_by", "Bo's claimant", "bo"],
        ["notes", "Ann's note", "ann"],
    ]
    assert seeded.load(ids=[iid]).iloc[0]["claimed_by"] == "Bo's claimant"


def test_an_edit_landing_while_the_conflict_is_shown_is_refused_again_and_listed(seeded):
    iid = seeded.load()["incident_id"].iloc[0]
    mine = Pending({iid: {"notes": "Ann's"}}, seeded.versions([iid]), who="ann")
    seeded.correct(iid, {"notes": "Bo's"}, who="bo")
    _stale(seeded, mine)
    seeded.correct(iid, {"notes": "Cy's"}, who="cy")  # while Ann reads what Bo did
    _stale(seeded, mine)  # her re-apply is refused: she has not seen Cy's edit
    assert [(c["who"], c["new"]) for c in mine.conflicts] == [("bo", "Bo's"), ("cy", "Cy's")]
    seeded.correct_many(mine.mine, who="ann", expected=mine.expected)
    assert seeded.audit()["who"].tolist() == ["ann", "cy", "bo"]


def test_two_alike_edits_counted_once_cost_one_more_refusal_and_never_skip_one(seeded):
    iid = seeded.load()["incident_id"].iloc[0]
    seen = seeded.versions([iid])
    mine = Pending({iid: {"notes": "Ann's"}}, seen, who="ann")
    frozen = Store(seeded.path, clock=lambda: "2026-12-04T10:00:00Z")  # two edits by bo in the same second
    frozen.correct(iid, {"notes": "one"}, who="bo")
    frozen.correct(iid, {"notes": "two"}, who="bo")
    _stale(seeded, mine)
    assert len(mine.conflicts) == 2 and mine.expected == {iid: seen[iid] + 1}  # one short of the store's
    _stale(seeded, mine)  # refused once more, on the second of bo's edits: listed already, not repeated
    assert len(mine.conflicts) == 2 and mine.expected == {iid: seen[iid] + 2}
    seeded.correct_many(mine.mine, who="ann", expected=mine.expected)
    assert seeded.load(ids=[iid]).iloc[0]["notes"] == "Ann's"
