"""The analyst's pages under issue 16: what a save says stays visible, bad input is one clear message."""

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
    Store(db).import_csv(SEED_CSV, who="test")  # seeding is an explicit step: reading a page never writes
    return db


def _review_page():
    from dashboard.ui.review_page import review_page

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
    at.run()  # a rerun with nothing new (in a browser, a widget's late event) keeps it
    assert [s.value for s in at.success] == ["1 correction(s) saved."]
    _edit(at, 1, "notes", "a second edit")  # the next edit ends it
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


def _add_article_page():
    from dashboard.ui.ingest_pages import add_article_page

    add_article_page()


BAD = __import__("tests.conftest", fromlist=["ROOT"]).ROOT / "tests" / "fixtures" / "bad"


@pytest.mark.parametrize(
    "name, published, expected",
    [
        ("unclosed_front_matter.txt", "", "is never closed"),
        ("published_0001.txt", "", "published: '0001-01-01' is outside 1900-01-01..2100-12-31"),
        ("published_impossible.txt", "", "published: '2022-02-30' is not a date"),
        ("latin1.txt", "9999-12-31", "published: '9999-12-31' is outside 1900-01-01..2100-12-31"),
    ],
)
def test_add_article_gives_one_clear_message_and_stores_nothing(store_env, name, published, expected):
    at = AppTest.from_function(_add_article_page, default_timeout=120).run()
    before = store_env.read_bytes()
    at.text_area(key="article_text").set_value((BAD / name).read_bytes().decode("utf-8", errors="replace"))
    at.text_input(key="article_published").set_value(published)
    at.text_input(key="article_who").set_value("tester")
    next(b for b in at.button if b.label == "Add to the store").click().run()
    assert not at.exception
    assert len(at.error) == 1 and expected in at.error[0].value.replace("\\", ""), [e.value for e in at.error]
    assert store_env.read_bytes() == before


@pytest.mark.parametrize("name", ["fatalities_1e30.csv", "date_9999.csv", "longitude_inf.csv", "latin1.csv"])
def test_the_map_page_says_what_is_wrong_with_a_bad_csv(monkeypatch, tmp_path, name):
    import shutil

    from tests.app.test_app import APP
    from tests.conftest import SEED

    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copy(BAD / name, tmp_path / "data" / name)
    monkeypatch.setenv("DASHBOARD_ARTICLES", str(tmp_path / "seeds"))
    monkeypatch.setenv("DASHBOARD_INCIDENTS", str(tmp_path / "data" / name))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1 and name in at.error[0].value.replace("\\", "")


def test_review_on_an_empty_store_says_how_to_fill_it(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_INCIDENTS", raising=False)
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "incidents.db"))
    at = AppTest.from_function(_review_page, default_timeout=60).run()
    assert not at.exception and not at.error
    assert any("python -m dashboard seed" in i.value for i in at.info)
