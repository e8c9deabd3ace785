"""The dashboard in headless Chromium with the network cut off: map, click, link, screenshot, untrusted text."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import expect

from dashboard.store import csvfile
from dashboard.view import basemap, layer
from dashboard.view.timefmt import local_label, utc_label
from tests.conftest import INCIDENTS
from tests.e2e.conftest import (
    IFRAME,
    MARKERS_JS,
    hover,
    open_page,
    save_screenshot,
    wait_for_app_run,
    wait_for_markers,
)
from tests.helpers import XSS_IMG, XSS_SCRIPT, hex_rgb, rows, write_rows


@pytest.fixture(scope="module")
def seed():
    return pd.read_csv(INCIDENTS, dtype=str, keep_default_na=False)


CLAIMANT_COLOURS = basemap.claimant_colours(pd.read_csv(INCIDENTS, dtype=str, keep_default_na=False)["claimed_by"])


def open_app(page, url, raw: bool = False):
    """The app at ``url``; ``raw``: the raw reports view (one mark per report's place, as before events)."""
    page.goto(url + ("?show=reports" if raw else ""))
    wait_for_app_run(page)
    return page.frame_locator(IFRAME)


def expected_in_window(seed, start, end):
    s, e = pd.to_datetime(seed["start_utc"], utc=True), pd.to_datetime(seed["end_utc"], utc=True)
    return seed[(s <= pd.Timestamp(end)) & (e >= pd.Timestamp(start))]


def test_offline_map_draws_every_mapped_incident(page, app_url, seed):
    frame = open_app(page, app_url)
    mapped = seed[seed["latitude"] != ""]
    markers = wait_for_markers(page, ids=mapped["incident_id"])  # each mapped incident, and no other
    # the basemap (Natural Earth borders) was fetched from our own server and drawn
    expect(frame.locator(".country-label").first).to_be_visible(timeout=20_000)
    assert frame.locator(".leaflet-pane path").count() > len(mapped)
    # the legend names each claimant on the map, and no other; the count is on the page
    legend = frame.locator(".incident-legend")
    for claimant in seed["claimed_by"].unique():
        if claimant in set(mapped["claimed_by"]):
            expect(legend).to_contain_text(claimant)
        else:
            expect(legend).not_to_contain_text(claimant)
    expect(page.get_by_text(f"{len(seed)} reports", exact=True)).to_be_visible()
    shot = save_screenshot(page, "dashboard-full.png")
    # drawn on the canvas where Leaflet put them, in their claimant's colour
    image = Image.open(shot).convert("RGB")
    for m in markers:
        row = mapped[mapped["incident_id"] == m["id"]].iloc[0]
        assert m["colour"] == CLAIMANT_COLOURS[row["claimed_by"]]
        # a ministers' agreement coded to a region is drawn hollow (and does not pull the frame): not a hotspot
        assert m["hollow"] == (row["event_type"] == "Strategic developments" and row["geo_precision"] == "3"), m
        if not m["hollow"]:
            assert image.getpixel((round(m["x"]), round(m["y"]))) == hex_rgb(m["colour"]), m
    assert page.watch.external == [], f"requests outside loopback: {page.watch.external}"
    assert page.watch.errors == [], page.watch.errors


def _in_frame(page, marker) -> bool:
    box = page.locator(IFRAME).bounding_box()
    return box["x"] < marker["x"] < box["x"] + box["width"] and box["y"] < marker["y"] < box["y"] + box["height"]


def test_clicking_a_marker_shows_its_excerpt(page, app_url, seed):
    frame = open_app(page, app_url, raw=True)
    mapped = seed[seed["latitude"] != ""]
    markers = wait_for_markers(page, ids=mapped["incident_id"])
    # a quiet region-wide mark (hollow) does not pull the frame: it may lie outside it; every other is in view
    assert all(_in_frame(page, m) or m["hollow"] for m in markers)
    count = len(markers)
    typed = csvfile.load(INCIDENTS).set_index("incident_id")
    seen = set()
    for i in range(count):
        dot = wait_for_markers(page, ids=mapped["incident_id"])[i]
        if not _in_frame(page, dot):
            continue
        box = page.locator(IFRAME).bounding_box()
        hover(page, box["x"] + 60, box["y"] + box["height"] - 60)  # off every marker: the last tooltip closes
        expect(frame.locator(".leaflet-tooltip")).to_have_count(0)
        hover(page, dot["x"], dot["y"])
        tip = frame.locator(".leaflet-tooltip").last
        expect(tip).to_be_visible()
        written = tip.locator("b").first.inner_text().split(" → ")[0]
        # the tooltip's times are composed in the browser: the same words as timefmt.py's
        r = typed.loc[dot["id"]]
        expect(tip).to_contain_text(utc_label(r["start"], r["end"], r["time_precision"]))
        local = local_label(r["start"], r["end"], r["time_precision"], r["local_tz"])
        if local:
            expect(tip).to_contain_text("local: " + local)
        else:
            expect(tip).not_to_contain_text("local:")
        page.mouse.click(dot["x"], dot["y"])
        panel = page.locator(".selected-incident")
        # st_folium reports the click after a 250 ms debounce; expect() waits for the rerun it starts
        expect(panel.locator("p b").first).to_have_text(re.compile(rf"^{re.escape(written)}( → |$)"))
        wait_for_app_run(page)
        row = seed[seed["incident_id"] == panel.get_attribute("data-incident-id")].iloc[0]
        assert row["location"] == written  # the panel is for the marker that was clicked
        expect(panel.locator("blockquote.excerpt")).to_have_text(row["excerpt"])
        marks = panel.locator("blockquote.excerpt mark")
        if row["location"].lower() in row["excerpt"].lower():
            expect(marks.first).to_have_text(row["location"])
        else:  # e.g. the call coded to Yerevan: the sentence does not name the place, so nothing is marked
            expect(marks).to_have_count(0)
        expect(panel).to_contain_text(f"claimed by {row['claimed_by']}")
        assert row["incident_id"] == dot["id"]
        seen.add(row["incident_id"])
    assert len(seen) == sum(_in_frame(page, m) for m in markers) >= count - 1
    assert page.watch.errors == [], page.watch.errors


@pytest.mark.parametrize(
    "start, end", [("2022-09-12T04:00Z", "2022-09-12T06:00Z"), ("2022-09-12T20:00Z", "2022-09-12T21:00Z")]
)
def test_a_link_with_start_and_end_shows_that_subset(page, app_url, seed, start, end):
    open_app(page, f"{app_url}/?start={start}&end={end}")
    expected = expected_in_window(seed, start, end)
    expect(page.get_by_text(f"{len(expected)} reports", exact=True)).to_be_visible()
    wait_for_markers(page, ids=expected.loc[expected["latitude"] != "", "incident_id"])
    query = parse_qs(urlparse(page.url).query)
    assert query["start"] == [start] and query["end"] == [end]  # the URL still carries the view
    # the slider's thumbs show the window
    thumbs = page.get_by_role("slider")
    assert thumbs.count() == 2
    assert page.watch.errors == [], page.watch.errors


def test_untrusted_text_is_shown_as_text_and_never_runs(page, start_server, incidents_copy):
    data = rows(incidents_copy)
    for r in data:
        r["claimed_by"], r["notes"], r["actor1"] = XSS_IMG, XSS_SCRIPT, XSS_IMG
        r["location"] = r["location"] and XSS_SCRIPT
    write_rows(incidents_copy, data)
    # the excerpt must still match the article, so untrusted text goes into every other free-text field
    server = start_server(incidents_copy)
    frame = open_app(page, server.url, raw=True)
    dot = next(
        m for m in wait_for_markers(page, ids=[r["incident_id"] for r in data if r["latitude"]]) if not m["hollow"]
    )
    hover(page, dot["x"], dot["y"])
    expect(frame.locator(".leaflet-tooltip").last).to_contain_text("<script>window.__xss=2</script>")
    expect(frame.locator(".incident-legend")).to_contain_text('<img src=x onerror="window.__xss=1">')
    page.mouse.click(dot["x"], dot["y"])
    wait_for_app_run(page)
    expect(page.locator(".selected-incident")).to_contain_text('claimed by <img src=x onerror="window.__xss=1">')
    assert page.evaluate("window.__xss") is None
    assert frame.locator("body").evaluate("() => window.__xss") is None
    assert frame.locator("img[src=x]").count() == 0 and page.locator("img[src=x]").count() == 0
    save_screenshot(page, "dashboard-untrusted-text.png")


def map_view(frame) -> dict:
    return frame.locator("body").evaluate(
        "() => { const c = window.map.getCenter(); return {lat: c.lat, lng: c.lng, zoom: window.map.getZoom()}; }"
    )


def test_link_round_trip_reopens_the_same_view(page, browser, app_url, seed):
    link = f"{app_url}/?start=2022-09-12T18:00Z&end=2022-09-13T06:00Z&claimant=Armenia+MoD&lat=39.9&lon=45.9&z=9"
    frame = open_app(page, link)
    wait_for_markers(page, count=4)  # Yerevan, Goris, Sotk, Jermuk
    got = map_view(frame)
    assert (round(got["lat"], 3), round(got["lng"], 3), got["zoom"]) == (39.9, 45.9, 9)  # the link's view, not a fit
    # the analyst zooms out; the URL follows the map
    frame.locator(".leaflet-control-zoom-out").click()
    page.wait_for_url(lambda u: parse_qs(urlparse(u).query).get("z") == ["8.5"])
    wait_for_app_run(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["claimant"] == ["Armenia MoD"] and query["start"] == ["2022-09-12T18:00Z"] and query["v"]
    # a colleague opens the copied link: same window, filter and map position, no warning
    other = browser.new_page(viewport={"width": 1500, "height": 1400})
    frame2 = open_app(other, page.url)
    wait_for_markers(other, count=4)
    expect(other.get_by_text("4 reports", exact=True)).to_be_visible()
    again = map_view(frame2)
    assert again["zoom"] == 8.5
    assert (round(again["lat"], 3), round(again["lng"], 3)) == (
        round(float(query["lat"][0]), 3),
        round(float(query["lon"][0]), 3),
    )
    assert other.get_by_text("Link:").count() == 0
    other.close()


def test_a_link_made_on_other_data_says_so(page, app_url):
    open_app(page, f"{app_url}/?start=2022-09-12T18:00Z&end=2022-09-13T06:00Z&v=00000000")
    expect(page.get_by_text("this link was made on data version", exact=False)).to_be_visible()


def test_a_place_with_two_claims_is_one_marker_that_lists_both(page, start_server, incidents_copy):
    """Both sides claim an incident at Goris: one dot in two wedges, a tooltip that counts them, both excerpts."""
    data = rows(incidents_copy)
    goris = next(r for r in data if r["location"] == "Goris")
    twin = {**goris, "incident_id": "goris-twin", "claimed_by": "Azerbaijan MoD", "notes": "the other side's claim"}
    write_rows(incidents_copy, data + [twin])
    server = start_server(incidents_copy)
    frame = open_app(page, server.url, raw=True)
    mapped = [r for r in data if r["latitude"]]
    dots = wait_for_markers(page, count=len(mapped))  # 8 incidents at 7 places
    assert sum(d["n"] for d in dots) == len(mapped) + 1
    dot = next(d for d in dots if d["n"] == 2)
    assert dot["id"] is None  # a place of several has no single incident id
    hover(page, dot["x"], dot["y"])
    tip = frame.locator(".leaflet-tooltip").last
    expect(tip).to_contain_text("2 incidents here in this window")
    expect(tip).to_contain_text("claimed by Armenia MoD 1 · Azerbaijan MoD 1")
    save_screenshot(page, "dashboard-two-claims-at-one-place.png")
    page.mouse.click(dot["x"], dot["y"])
    expect(page.get_by_text("2 incidents at this place in this window")).to_be_visible()
    wait_for_app_run(page)
    for claimant in ("Armenia MoD", "Azerbaijan MoD"):
        expect(page.get_by_test_id("stExpander").filter(has_text=f"claimed by {claimant}")).to_have_count(1)
    first = page.locator(".selected-incident").first  # the first is open: the earliest, with its excerpt
    expect(first.locator("blockquote.excerpt")).to_have_text(goris["excerpt"])
    assert page.watch.errors == [], page.watch.errors


def test_slider_moves_update_the_markers_in_place_and_keep_the_drawing_order(page, start_server, tmp_path):
    """The layer is updated, not rebuilt, on a move: after each one the map holds exactly the window's places,
    rings stay under every dot and the busiest places stay underneath."""
    from dashboard.testing import synthetic
    from dashboard.view import window
    from tests.e2e.test_maplayer import DRAW_ORDER_JS

    csv = synthetic.write(tmp_path / "synthetic.csv", 800, seed=7)
    df = csvfile.load(csv)
    server = start_server(csv)
    open_app(page, server.url, raw=True)
    thumbs = page.get_by_role("slider")
    thumbs.nth(0).wait_for()
    frame = page.frame_locator(IFRAME)
    for thumb, key in ((1, "PageDown"), (1, "PageDown"), (0, "PageUp"), (1, "PageUp")):
        thumbs.nth(thumb).focus()
        thumbs.nth(thumb).press(key)
        values = thumbs.evaluate_all("els => els.map(e => Number(e.value))")
        lo, hi = (pd.Timestamp(v, unit="us", tz="UTC") for v in values)
        shown = window.apply(df, window.View(lo.to_pydatetime(), hi.to_pydatetime()))
        places = shown[shown["mapped"]].drop_duplicates(["latitude", "longitude"])
        # the window's places *and* incidents: the previous window may have had as many places
        inner = page.locator(IFRAME).element_handle().content_frame()
        inner.wait_for_function(
            "([js, places, incidents]) => { const m = eval(js)();"
            " return m && m.length === places && m.reduce((a, x) => a + x.n, 0) === incidents; }",
            arg=[MARKERS_JS, len(places), int(shown["mapped"].sum())],
            polling="raf",
            timeout=20_000,
        )
        wait_for_markers(page, count=len(places))
        order = inner.evaluate(DRAW_ORDER_JS)
        assert order["rings_after_a_dot"] == 0 and order["n"] == sorted(order["n"], reverse=True)
    expect(frame.locator(".incident-legend")).to_be_visible()
    assert page.watch.errors == [], page.watch.errors


def test_the_legend_folds_on_a_narrow_map_and_stays_as_the_analyst_leaves_it(page, browser, app_url, seed):
    """The raw view's map shares the row with its excerpts: the legend starts folded there, open on a wide map."""
    frame = open_app(page, app_url, raw=True)
    wait_for_markers(page, count=seed.loc[seed["latitude"] != "", ["latitude", "longitude"]].drop_duplicates().shape[0])
    legend, width = frame.locator(".incident-legend"), frame.locator(".leaflet-container").bounding_box()["width"]
    assert width < layer.LEGEND_FOLD_BELOW, width  # the narrow map this is about
    expect(legend.locator("summary")).to_be_visible()
    expect(legend.get_by_text("Claimed by")).to_be_hidden()  # folded: its keys take no room on the map
    folded = legend.bounding_box()
    legend.locator("summary").click()
    expect(legend.get_by_text("Claimed by")).to_be_visible()
    assert legend.bounding_box()["height"] > 3 * folded["height"]
    # a window with fewer incidents redraws the legend: it stays open, as the analyst left it
    legend.evaluate("e => e.classList.add('before-the-move')")
    thumb = page.get_by_role("slider").nth(1)
    thumb.focus()
    for _ in range(7):  # the window's end to the afternoon of the 12th: Armenia's claims leave the map
        thumb.press("PageDown")
    expect(frame.locator(".incident-legend.before-the-move")).to_have_count(0, timeout=20_000)  # a new legend
    expect(frame.locator(".incident-legend")).to_have_count(1)
    expect(frame.locator(".incident-legend").get_by_text("Claimed by")).to_be_visible()
    # the same data in the events view, whose map takes the page's width: open from the start
    wide = open_page(browser)
    try:
        frame = open_app(wide, app_url)
        expect(frame.locator(".incident-legend").get_by_text("Claimed by")).to_be_visible(timeout=20_000)
        assert frame.locator(".leaflet-container").bounding_box()["width"] >= layer.LEGEND_FOLD_BELOW
    finally:
        wide.context.close()
    assert page.watch.errors == [], page.watch.errors
