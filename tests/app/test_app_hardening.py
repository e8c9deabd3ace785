"""The analyst's pages under issue 16: what a save says stays visible, bad input is one clear message."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store.sqlite import Store


@pytest.fixture()
def store_env(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_INCIDENTS", raising=False)
    db = tmp_path / "incidents.db"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db


def _review_page():
    from dashboard.ui.ingest_pages import review_page

    review_page()


def _edit(at: AppTest, row: int, field: str, value: str) -> AppTest:
    """What the data editor sends when a cell is edited (AppTest cannot type into it)."""
    at.session_state["review_table"] = {"edited_rows": {row: {field: value}}, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_n_corrections_saved_stays_visible_after_saving(store_env):
    at = AppTest.from_function(_review_page, default_timeout=60).run()
    _edit(at, 0, "notes", "checked against a second source")
    at.text_input(key="review_who").set_value("ra").run()
    save = next(b for b in at.button if b.label.startswith("Save"))
    assert save.label == "Save 1 correction(s)"
    save.click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["1 correction(s) saved."]
    assert Store(store_env).audit()["new"].tolist() == ["checked against a second source"]
    at.run()  # the next interaction no longer repeats it
    assert not at.success


def test_a_bad_correction_is_one_clear_message_and_stores_nothing(store_env):
    at = AppTest.from_function(_review_page, default_timeout=60).run()
    before = store_env.read_bytes()
    _edit(at, 0, "fatalities", "1e30")
    at.text_input(key="review_who").set_value("ra").run()
    next(b for b in at.button if b.label.startswith("Save")).click().run()
    assert not at.exception
    assert len(at.error) == 1 and "column fatalities: '1e30' is not a whole number" in at.error[0].value.replace(
        "\\", ""
    )
    assert store_env.read_bytes() == before
