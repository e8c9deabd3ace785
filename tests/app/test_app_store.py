"""The app on the SQLite store: empty until seeded, "Add article", and corrections kept with their audit trail."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import source
from dashboard.store.sqlite import Store
from dashboard.ui.review_page import apply_corrections
from tests.app.test_app import APP, count
from tests.conftest import INCIDENTS, ROOT
from tests.helpers import run_cli

ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "en_wire_border_clashes.txt"


@pytest.fixture()
def empty_store_env(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_INCIDENTS", raising=False)
    db = tmp_path / "incidents.db"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db


@pytest.fixture()
def store_env(empty_store_env):
    """A store filled from the seed CSV, as `make run` fills it (``seed``)."""
    assert source.ensure_seeded(source.from_env())
    return empty_store_env


def _add_article_page():
    from dashboard.ui.ingest_pages import add_article_page

    add_article_page()


def _review_page():
    from dashboard.ui.review_page import review_page

    review_page()


def test_an_empty_store_says_how_to_fill_it_and_reading_it_writes_nothing(empty_store_env, capsys):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "run `python -m dashboard seed`" in at.info[0].value and "Add article" in at.info[0].value
    assert Store(empty_store_env).articles().empty  # the page did not seed it
    # `make run` seeds it; then the map reads it
    assert run_cli(capsys, "seed").code == 0
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert count(at) == len(pd.read_csv(INCIDENTS))
    assert Store(empty_store_env).articles()["origin"].tolist() == ["csv"]


def test_adding_an_article_stores_its_incidents_once(store_env):
    at = AppTest.from_function(_add_article_page, default_timeout=120).run()
    before = len(Store(store_env).load())
    at.text_area(key="article_text").set_value(ARTICLE.read_text(encoding="utf-8"))
    at.text_input(key="article_who").set_value("tester")
    add = next(b for b in at.button if b.label == "Add to the store")
    add.click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    added = int(re.search(r"(\d+) incidents added", at.success[0].value).group(1))
    assert added > 0 and len(Store(store_env).load()) == before + added
    next(b for b in at.button if b.label == "Add to the store").click().run()
    assert "already in the store" in at.info[-1].value
    assert len(Store(store_env).load()) == before + added


def test_empty_article_is_refused_with_a_message(store_env):
    at = AppTest.from_function(_add_article_page, default_timeout=60).run()
    next(b for b in at.button if b.label == "Add to the store").click().run()
    assert "the article is empty" in at.error[0].value
    assert len(Store(store_env).articles()) == 1  # only the seed


def test_corrections_are_audited_and_reach_the_map(store_env):
    src = source.from_env()
    store = src.store()
    sok = store.load().query("location == 'Sok'").iloc[0]
    with pytest.raises(Exception, match="your name is needed"):
        apply_corrections(store, {sok["incident_id"]: {"claimed_by": "Armenian MoD (corrected)"}}, who=" ", reason="")
    saved = apply_corrections(
        store,
        {sok["incident_id"]: {"claimed_by": "Armenian MoD (corrected)", "place": "Vardenis"}},
        who="ra",
        reason="test",
        context=("AM",),
    )
    fields = {s["field"] for s in saved}
    assert {"claimed_by", "place", "latitude", "longitude", "geonameid"} <= fields  # the new place was geocoded
    row = store.load().query("incident_id == @sok.incident_id").iloc[0]
    assert row["claimed_by"] == "Armenian MoD (corrected)" and row["place"] == "Vardenis" and row["corrected"]
    # the audit page lists it; the map page shows the corrected claimant
    at = AppTest.from_function(_review_page, default_timeout=60).run()
    assert not at.exception
    audit = next(d.value for d in at.dataframe if "who" in d.value.columns)
    assert set(audit["who"]) == {"ra"} and "Armenian MoD (corrected)" in set(audit["new"])
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "Armenian MoD (corrected)" in at.multiselect(key="f_claimant").options
    # a later ingest of the same article does not overwrite the correction
    store.import_csv(INCIDENTS)
    assert store.load().query("incident_id == @sok.incident_id").iloc[0]["claimed_by"] == "Armenian MoD (corrected)"


def test_a_batch_of_corrections_is_stored_whole_or_not_at_all(store_env):
    store = source.from_env().store()
    rows = store.load()
    goris, jermuk = (rows.query(f"location == '{n}'").iloc[0]["incident_id"] for n in ("Goris", "Jermuk"))
    with pytest.raises(Exception, match="not an ISO 8601 time"):
        apply_corrections(
            store, {goris: {"notes": "checked"}, jermuk: {"start_utc": "2022-13-01"}}, who="ra", reason=""
        )
    assert store.audit().empty  # the valid note was not stored either


def test_clearing_a_place_moves_the_incident_off_the_map(store_env):
    store = source.from_env().store()
    jermuk = store.load().query("location == 'Jermuk'").iloc[0]["incident_id"]
    apply_corrections(store, {jermuk: {"place": ""}}, who="ra", reason="not Jermuk after all")
    row = store.load().query("incident_id == @jermuk").iloc[0]
    assert not row["mapped"] and row["place"] == "" and pd.isna(row["geo_precision"])


def test_csv_mode_is_read_only(monkeypatch):
    monkeypatch.setenv("DASHBOARD_INCIDENTS", str(INCIDENTS))
    at = AppTest.from_function(_review_page, default_timeout=60).run()
    assert "read-only CSV" in at.info[0].value
