"""No lost edits on the Review page (AppTest, two sessions on one store): the second analyst to save an edit of the
same incident is shown who changed what, and re-applies or drops theirs; nothing is overwritten unseen."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.settings import SEED_CSV
from dashboard.store.sqlite import Store


@pytest.fixture()
def store_env(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_INCIDENTS", raising=False)
    db = tmp_path / "incidents.db"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    Store(db).import_csv(SEED_CSV, who="seed")
    return db


def _review_page():
    from dashboard.ui.review_page import review_page

    review_page()


def _session(name: str) -> AppTest:
    at = AppTest.from_function(_review_page, default_timeout=60).run()
    at.text_input(key="review_who").set_value(name).run()
    return at


def _edit_and_save(at: AppTest, row: int, field: str, value: str) -> AppTest:
    at.session_state["review_table"] = {"edited_rows": {row: {field: value}}, "added_rows": [], "deleted_rows": []}
    at.run()
    next(b for b in at.button if b.label.startswith("Save")).click().run()
    assert not at.exception, at.exception
    return at


def _frame(at: AppTest, column: str):
    return next(d.value for d in [*at.dataframe, *at.table] if column in d.value.columns)


def test_the_second_to_save_sees_who_changed_what_and_re_applies_on_the_new_version(store_env):
    ann, bo = _session("ann"), _session("bo")  # both load the table
    iid = Store(store_env).load(background=True)["incident_id"].iloc[0]
    _edit_and_save(bo, 0, "notes", "Bo: checked")
    assert [s.value for s in bo.success] == ["1 correction(s) saved."]
    bo.run()  # a rerun right after the save (a widget's late event in the browser) still shows it
    assert [s.value for s in bo.success] == ["1 correction(s) saved."]
    _edit_and_save(ann, 0, "notes", "Ann: two sources")
    assert not ann.success and len(ann.warning) == 1
    assert ann.warning[0].value.replace("\\", "").startswith("Not saved: bo changed this incident after you loaded")
    theirs, yours = _frame(ann, "before"), _frame(ann, "yours (not saved)")
    assert theirs[["field", "after", "who"]].values.tolist() == [["notes", "Bo: checked", "bo"]]
    assert yours[["field", "now in the store", "yours (not saved)"]].values.tolist() == [
        ["notes", "Bo: checked", "Ann: two sources"]
    ]
    assert Store(store_env).audit()["who"].tolist() == ["bo"]  # nothing of Ann's applied yet
    # no table to edit and no Save while the conflict is open (the editor is the frame with the excerpts)
    assert not [d for d in ann.dataframe if "excerpt" in d.value.columns]
    assert not [b for b in ann.button if b.label.startswith("Save")]
    next(b for b in ann.button if b.label == "Re-apply mine on the current version").click().run()
    assert [s.value for s in ann.success] == ["1 correction(s) saved."] and not ann.warning
    assert ann.text_input(key="review_who").value == "ann"  # her name is still there for the next save
    audit = Store(store_env).audit()
    assert audit[["incident_id", "new", "who"]].values.tolist() == [
        [iid, "Ann: two sources", "ann"],
        [iid, "Bo: checked", "bo"],
    ]


def test_dropping_ones_edits_keeps_the_others_and_reloads_the_table(store_env):
    ann, bo = _session("ann"), _session("bo")
    _edit_and_save(bo, 0, "notes", "Bo: checked")
    _edit_and_save(ann, 0, "notes", "Ann: two sources")
    next(b for b in ann.button if b.label == "Drop mine").click().run()
    assert ann.info[0].value == "Your edits were dropped; the table shows the store as it is now."
    assert Store(store_env).audit()["new"].tolist() == ["Bo: checked"]
    assert _frame(ann, "notes")["notes"].iloc[0] == "Bo: checked"  # the reloaded table shows Bo's


def test_edits_to_different_incidents_both_save_without_a_conflict(store_env):
    ann, bo = _session("ann"), _session("bo")
    _edit_and_save(bo, 0, "notes", "Bo's")
    _edit_and_save(ann, 1, "notes", "Ann's")
    assert [s.value for s in ann.success] == ["1 correction(s) saved."] and not ann.warning
    assert sorted(Store(store_env).audit()["who"]) == ["ann", "bo"]


def test_a_rerun_never_swaps_another_analysts_values_in_under_the_table(store_env):
    ann = _session("ann")
    Store(store_env).correct(Store(store_env).load(background=True)["incident_id"].iloc[0], {"notes": "x"}, who="bo")
    ann.run()  # e.g. typing a reason
    assert _frame(ann, "notes")["notes"].iloc[0] != "x"  # still the table she loaded, until she reloads
    next(b for b in ann.button if b.label == "Reload from the store").click().run()
    assert _frame(ann, "notes")["notes"].iloc[0] == "x"
