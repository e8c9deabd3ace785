"""The events map in a real browser, on a store of real reports of the same nights (tests/fixtures/events ingested):
a place's tooltip counts its events, reports and independent outlets; a click sets each side's claims side by side."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.cli.ingest import ingest_file
from dashboard.store.events import load_events, load_links
from dashboard.store.sqlite import Store
from dashboard.testing.devserver import StreamlitServer
from tests.conftest import ROOT
from tests.e2e.conftest import IFRAME, hover, save_screenshot, wait_for_app_run, wait_for_markers

FIXTURES = ROOT / "tests" / "fixtures" / "events"


@pytest.fixture(scope="module")
def events_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("events") / "incidents.db"
    store = Store(db)
    for path in sorted(FIXTURES.glob("*.txt")):
        ingest_file(path, store=store)
    server = StreamlitServer(
        ROOT / "dashboard" / "ui" / "app.py",
        {"DASHBOARD_DB": str(db), "DASHBOARD_INCIDENTS": ""},
        tmp_path_factory.mktemp("server") / "streamlit.log",
        timeout=90,
    )
    yield store, server.url
    server.stop()


def test_a_place_says_how_many_events_reports_and_outlets_and_a_click_sets_the_claims_side_by_side(page, events_store):
    store, url = events_store
    events, links = load_events(store), load_links(store)
    reports = store.load(background=False).set_index("incident_id")
    uri = events[events["place"] == "Uri"]
    ids = [i for report_ids in uri["report_ids"] for i in report_ids]
    n_outlets = links.set_index("incident_id").loc[ids, "origin_key"].nunique()
    label = f"{len(uri)} events · {len(ids)} reports from {n_outlets} outlets"

    page.goto(url)
    wait_for_app_run(page)
    expect(page.get_by_text(f"{len(events)} events from {len(reports)} reports", exact=False)).to_be_visible()
    marks = wait_for_markers(page, count=events[["latitude", "longitude"]].drop_duplicates().shape[0])
    dot = next(m for m in marks if m["n"] == len(ids))
    frame = page.frame_locator(IFRAME)
    hover(page, dot["x"], dot["y"])
    tip = frame.locator(".leaflet-tooltip").last
    expect(tip).to_contain_text(label)
    expect(tip).to_contain_text("type: remote violence 2")
    save_screenshot(page, "events-map.png")

    page.mouse.click(dot["x"], dot["y"])
    expect(page.get_by_text(f"{len(uri)} events at this place in this window, earliest first")).to_be_visible()
    wait_for_app_run(page)
    night = uri.iloc[0]  # the earliest, open: both sides' claims, side by side
    first = page.locator(".ev-sides").first
    for side in ("India", "Pakistan"):
        assert side in night["claimants"]
        column = first.locator(".ev-side").filter(has_text=f"{side} says …")
        expect(column).to_have_count(1)
        for i in night["report_ids"]:
            r = reports.loc[i]
            if r["claimed_by"] in night["claimants"][side]:
                expect(column).to_contain_text(r["excerpt"][:60])
    columns = first.locator(".ev-side").all()
    india = next(c for c in columns if "India says" in c.inner_text())
    pakistan = next(c for c in columns if "Pakistan says" in c.inner_text())
    a, b = india.bounding_box(), pakistan.bounding_box()
    assert abs(a["y"] - b["y"]) < 2 and a["x"] != b["x"]  # side by side, not one under the other
    links_out = first.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links_out and all(h.startswith(("http://", "https://")) for h in links_out)
    save_screenshot(page, "events-claims.png")
    assert page.watch.errors == [], page.watch.errors
