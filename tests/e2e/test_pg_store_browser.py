"""The app on a PostgreSQL store, in a real browser: the map draws the seed's incidents stored in PostgreSQL, and
two app servers on one store each show what was written through the other (or by another analyst) at their
next rerun, because the data version comes from the database."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.store.sqlite import Store
from dashboard.testing.devserver import StreamlitServer
from dashboard.view.assets import prepare_static
from tests.conftest import ARTICLES, INCIDENTS, ROOT
from tests.e2e.conftest import save_screenshot, wait_for_app_run, wait_for_markers

APP = ROOT / "dashboard" / "ui" / "app.py"
WIRE = ARTICLES / "en_wire_border_clashes.txt"


@pytest.fixture()
def shared(pg_url, tmp_path):
    """A PostgreSQL store filled from the seed CSV, and two app servers reading it."""
    prepare_static()
    Store(pg_url).import_csv(INCIDENTS)
    env = {"DASHBOARD_DB": pg_url, "DASHBOARD_INCIDENTS": ""}
    servers = []
    try:
        for name in ("a", "b"):
            servers.append(StreamlitServer(APP, env, tmp_path / f"streamlit-{name}.log", timeout=90))
        yield pg_url, servers
    finally:
        for s in servers:
            s.stop()


def _caption(page) -> tuple[int, str]:
    """(incidents, data version) as the map page's caption says them."""
    text = page.get_by_text("data version", exact=False).first.inner_text()
    found = re.search(r"([\d,]+) incidents? in .*data version (\w+)", text)
    assert found, text
    return int(found.group(1).replace(",", "")), found.group(2)


def _open(page, url: str) -> tuple[int, str]:
    page.goto(url)
    wait_for_app_run(page, timeout=60_000)
    return _caption(page)


def test_the_map_draws_the_seed_stored_in_postgresql(page, shared):
    url, (a, _) = shared
    seed = pd.read_csv(INCIDENTS, dtype=str, keep_default_na=False)
    n, _ = _open(page, a.url + "?show=reports")  # one mark per report's place: the seed's, each in its own place
    wait_for_markers(page, ids=seed.loc[seed["latitude"] != "", "incident_id"], timeout=60_000)
    assert n == len(seed)
    expect(page.get_by_text("PostgreSQL store_", exact=False).first).to_be_visible()  # where the data comes from
    save_screenshot(page, "postgresql-store-map.png")
    assert page.watch.external == [] and page.watch.errors == [], (page.watch.external, page.watch.errors)


def test_two_app_servers_on_one_store_show_each_others_writes(browser, shared):
    url, (a, b) = shared
    store = Store(url)
    pa, pb = browser.new_page(), browser.new_page()
    try:
        (n_a, v_a), (n_b, v_b) = _open(pa, a.url), _open(pb, b.url)
        assert n_a == n_b == 10 and v_a == v_b
        # an article added through server A's "Add article" page ...
        pa.goto(a.url + "/add-article")
        wait_for_app_run(pa, timeout=60_000)
        pa.get_by_label("Article text").fill(WIRE.read_text(encoding="utf-8"))
        pa.get_by_role("button", name="Add to the store").click()
        expect(pa.get_by_text("incidents added", exact=False).first).to_be_visible(timeout=120_000)
        shown = len(store.load(background=False))
        assert shown > 10
        # ... is on server B's map at its next rerun: the data version changed in the database
        n_b, v_b2 = _open(pb, b.url)
        assert (n_b, v_b2 != v_b) == (shown, True)
        # a correction made by another analyst meanwhile (here: through the store, as a third process would)
        seed = pd.read_csv(INCIDENTS, dtype=str, keep_default_na=False)
        target = seed.loc[seed["latitude"] != "", "incident_id"].iloc[0]
        n_a, v_a2 = _open(pa, a.url)
        store.correct(target, {"background": "true"}, who="analyst-b", expected=store.versions([target])[target])
        n_a2, v_a3 = _open(pa, a.url)
        assert n_a2 == n_a - 1 and v_a3 != v_a2  # a background mention leaves the map
        n_b2, v_b3 = _open(pb, b.url)
        assert (n_b2, v_b3) == (n_a2, v_a3)  # both servers agree on the data and its version
    finally:
        pa.close()
        pb.close()
