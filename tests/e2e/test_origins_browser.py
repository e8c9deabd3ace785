"""A store holding our reports and an imported ACLED file, in a real server and Chromium: both marker styles,
a tooltip that counts both, the ACLED credit with its access date, and the panel of a coded event."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import expect

from dashboard.store.sqlite import Store
from dashboard.testing.devserver import StreamlitServer
from tests.conftest import INCIDENTS, ROOT
from tests.e2e.conftest import IFRAME, hover, map_frame, save_screenshot, wait_for_app_run, wait_for_markers

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_current_caucasus.csv"
GORIS, JERMUK, VARDENIS = [39.51111, 46.34168], [39.83948, 45.67112], [40.1833, 45.73]
# Each marker as drawn: its place, its outline colour (what the canvas strokes) and where it is in the frame.
DRAWN_JS = """() => {
  const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]).find(v => v instanceof L.Map);
  const out = [];
  map.eachLayer(l => { if (l instanceof L.CircleMarker && !(l instanceof L.Circle) && l.feature) {
    const p = map.latLngToContainerPoint(l.getLatLng());
    out.push({place: l.feature.properties.place, n: l.feature.properties.n, outline: l.options.color,
              radius: l._radius, x: p.x, y: p.y}); } });
  return out;
}"""


def luminance(pixel) -> float:
    r, g, b = pixel[:3]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_our_reports_and_acled_events_are_drawn_apart_and_acled_is_credited(page, tmp_path):
    db = tmp_path / "incidents.db"
    store = Store(db)
    store.import_csv(INCIDENTS)
    store.import_events(ACLED, accessed="2026-11-30")
    server = StreamlitServer(
        ROOT / "dashboard" / "ui" / "app.py", {"DASHBOARD_DB": str(db), "DASHBOARD_INCIDENTS": ""}, tmp_path / "log"
    )
    try:
        page.goto(server.url + "?show=reports")  # the reports view: each coded event is a report of its own
        wait_for_app_run(page, timeout=60_000)
        # 7 places of ours; ACLED adds an event at Goris and at Jermuk (the same coordinates) and one at Vardenis
        wait_for_markers(page, count=8)
        frame = map_frame(page)
        drawn = frame.evaluate(DRAWN_JS)
        coded = [d for d in drawn if d["outline"] == "#111111"]
        assert sorted(d["place"] for d in coded) == sorted([GORIS, JERMUK, VARDENIS])
        assert {d["outline"] for d in drawn if d not in coded} == {"#ffffff"}

        # the canvas shows it: round the top of a coded place's mark (a circle, a star's tip: the shape is the
        # event type) the darkest pixel is the near-black outline; round ours nothing is that dark (the fills,
        # Okabe-Ito colours, stay above 60)
        shot = Image.open(io.BytesIO(page.locator(IFRAME).screenshot())).convert("RGB")
        for d in drawn:
            x, y = round(d["x"]), round(d["y"] - d["radius"])
            darkest = min(luminance(shot.getpixel((x + dx, y + dy))) for dx in range(-3, 4) for dy in range(-3, 4))
            assert (darkest < 50) if d in coded else (darkest > 60), (d, darkest)

        attribution = frame.locator(".leaflet-control-attribution")
        expect(attribution).to_contain_text(
            "ACLED: Armed Conflict Location & Event Data (acleddata.com), accessed 2026-11-30"
        )

        box = page.locator(IFRAME).bounding_box()
        goris = next(d for d in drawn if d["place"] == GORIS)
        x, y = box["x"] + goris["x"], box["y"] + goris["y"]
        hover(page, x, y)
        expect(frame.locator(".leaflet-tooltip").last).to_contain_text("ACLED: 1 event · reports: 1")
        save_screenshot(page, "dashboard-reports-and-acled.png")
        page.mouse.click(x, y)
        expect(page.get_by_text("ACLED: 1 event · reports: 1").first).to_be_visible()
        wait_for_app_run(page)
        expect(page.get_by_test_id("stExpander").filter(has_text="claimed by ACLED")).to_have_count(1)

        # our reports only: no ACLED on the map, no ACLED credit
        page.goto(server.url + "/?origin=csv")
        wait_for_app_run(page, timeout=60_000)
        wait_for_markers(page, count=7)
        expect(map_frame(page).locator(".leaflet-control-attribution")).not_to_contain_text("ACLED")
        assert page.watch.errors == [], page.watch.errors
    finally:
        server.stop()
