"""The map page on a store holding our reports and imported ACLED events: the origin filter, its URL, attribution."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store.sqlite import Store
from tests.app.test_app import APP, count
from tests.conftest import INCIDENTS, ROOT

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_current_caucasus.csv"
N_OURS = len(pd.read_csv(INCIDENTS))


@pytest.fixture()
def mixed_store(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_INCIDENTS", raising=False)
    db = tmp_path / "incidents.db"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    store = Store(db)
    store.import_csv(INCIDENTS)
    store.import_events(ACLED, accessed="2026-11-30")
    return db


def feature_group(at: AppTest) -> str:
    comp = [c for c in at.get("component_instance") if c.proto.component_name == "streamlit_folium.st_folium"]
    return json.loads(comp[0].proto.json_args)["feature_group"]


def test_the_origin_filter_narrows_the_map_and_goes_into_the_url(mixed_store):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    assert count(at) == N_OURS + 3
    assert at.multiselect(key="f_origin").options == ["ACLED (coded events)", "Our reports (hand-coded CSV)"]
    layer = feature_group(at)
    assert "accessed 2026-11-30" in layer and "acleddata.com" in layer

    at.multiselect(key="f_origin").set_value(["csv"]).run()
    assert not at.exception, at.exception
    assert count(at) == N_OURS and at.query_params["origin"] == "csv"
    assert "acleddata.com" not in feature_group(at)  # no ACLED row on the map, no ACLED credit

    at.multiselect(key="f_origin").set_value(["acled"]).run()
    assert count(at) == 3 and at.query_params["origin"] == "acled"
    assert "accessed 2026-11-30" in feature_group(at)


def test_a_link_with_an_origin_reopens_that_view(mixed_store):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["origin"] = "acled"
    at.run()
    assert not at.exception, at.exception
    assert at.multiselect(key="f_origin").value == ["acled"] and count(at) == 3
