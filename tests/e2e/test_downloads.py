"""The app's download buttons in a real browser: CSV, GeoJSON, standalone HTML and the briefing PNG."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from PIL import Image

from tests.e2e.conftest import IFRAME, wait_for_app_run


def wait_for_view_in_url(page, attempts: int = 20) -> None:
    """After loading, the map reports its fitted view (for the link), which reruns the page, maybe twice.
    A download clicked during such a rerun points at the previous run's file ("Deferred file not found"),
    so wait until the URL holds the map's current view and the app is idle."""
    frame = page.frame_locator(IFRAME)
    for _ in range(attempts):
        wait_for_app_run(page)
        seen = page.url
        v = frame.locator("body").evaluate("() => ({c: window.map.getCenter(), z: window.map.getZoom()})")
        q = parse_qs(urlparse(seen).query)
        if q.get("lat") == [f"{v['c']['lat']:.4f}"] and q.get("z") == [f"{v['z']:g}"]:
            return
        page.wait_for_url(lambda u, seen=seen: u != seen, timeout=10_000)
    raise AssertionError(f"the URL never caught up with the map's view: {page.url}")


def download(page, label: str, timeout: float = 60_000):
    """Click the download ``label`` in the page's Download menu (a popover: opened first when it is closed)."""
    button = page.get_by_role("button", name=label, exact=True)
    if not button.is_visible():
        page.get_by_test_id("stPopover").get_by_role("button", name="Download").click()
    with page.expect_download(timeout=timeout) as info:
        button.click()
    return info.value


def test_downloads_hold_the_incidents_in_view(page, app_url):
    page.goto(f"{app_url}/?start=2022-09-12T18:00Z&end=2022-09-13T06:00Z&claimant=Armenia+MoD")
    wait_for_app_run(page)
    page.frame_locator(IFRAME).locator(".incident-legend").wait_for()
    wait_for_view_in_url(page)

    rows = list(csv.DictReader(io.StringIO(Path(download(page, "Download CSV").path()).read_text(encoding="utf-8"))))
    assert rows and {r["claimed_by"] for r in rows} == {"Armenia MoD"}

    geo = json.loads(Path(download(page, "Download GeoJSON").path()).read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(rows)

    html_file = download(page, "Download map (HTML)")
    assert html_file.suggested_filename.endswith(".html")
    text = Path(html_file.path()).read_text(encoding="utf-8")
    assert "claimed by: Armenia MoD" in text and "../../app/static" not in text

    png = download(page, "Download PNG for briefing")
    image = Image.open(png.path())
    assert image.format == "PNG" and image.size == (1920, 1080)
    assert page.watch.external == [] and page.watch.errors == []
