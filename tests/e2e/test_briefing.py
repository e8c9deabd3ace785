"""Briefing output in Chromium: the snapshot PNG (pixels at the markers) and the standalone HTML page offline.

The page's words, and the snapshot verb's errors, need no browser: tests/unit/export/test_briefing.py and
tests/unit/cli/test_snapshot_cli.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from dashboard.export import briefing
from dashboard.export.png import render_png
from dashboard.settings import Settings
from dashboard.store import csvfile
from dashboard.view import basemap, window
from tests.conftest import INCIDENTS
from tests.e2e.conftest import CHROMIUM, MARKERS_JS
from tests.helpers import hex_rgb, run_cli


@pytest.fixture(scope="module")
def df():
    return csvfile.load(INCIDENTS)


def seed_window(df):
    return window.from_query_strict({"start": ["2022-09-12T12:00Z"], "end": ["2022-09-13T12:00Z"]}, df)


def test_snapshot_cli_draws_every_incident_at_its_place(capsys, tmp_path, df):
    out = tmp_path / "brief.png"
    r = run_cli(
        capsys,
        "snapshot",
        "--out",
        out,
        "--start",
        "2022-09-12T12:00Z",
        "--end",
        "2022-09-13T12:00Z",
        "--size",
        "1280x720",
        "--scale",
        "2",
        "--incidents",
        INCIDENTS,
        settings=Settings(chromium=Path(CHROMIUM)),
    )
    assert r.code == 0, r.err
    image = Image.open(out).convert("RGB")
    assert image.size == (2560, 1440)
    shown = window.apply(df, seed_window(df))
    assert r.out == f"{out}: 2560x1440 px, {int(shown['mapped'].sum())} incidents on the map\n"


def test_snapshot_pixels_at_projected_marker_positions(tmp_path, df):
    v = seed_window(df)
    shown = window.apply(df, v)
    words = briefing.describe(shown, df, v, made_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC), data_version="test")
    page = briefing.page(shown, df, words)
    snap = render_png(
        page, tmp_path / "brief.png", size=(1600, 900), scale=1, settings=Settings(chromium=Path(CHROMIUM))
    )
    assert snap.blocked == []  # nothing was asked of the network
    mapped = shown[shown["mapped"]]
    assert sorted(m["id"] for m in snap.markers) == sorted(mapped["incident_id"])
    image = Image.open(snap.path).convert("RGB")
    colours = basemap.claimant_colours(df["claimed_by"])
    for m in snap.markers:
        row = mapped[mapped["incident_id"] == m["id"]].iloc[0]
        x, y = round(m["x"]), round(m["y"])
        assert 0 <= x < image.width and briefing.HEADER_PX < y < image.height - briefing.FOOTER_PX, m
        colour = hex_rgb(colours[row["claimed_by"]])
        if row["event_type"] == "Strategic developments" and row["geo_precision"] == 3:
            # a quiet region-wide mark (the ministers' call coded to Yerevan): hollow, white inside, its
            # claimant's colour on the outline only
            assert image.getpixel((x, y)) != colour, (row["location"], m)
            around = [image.getpixel((x + dx, y + dy)) for dx in range(-12, 13) for dy in range(-12, 13)]
            assert colour in around, (row["location"], m)
        else:
            assert image.getpixel((x, y)) == colour, (row["location"], m)


def test_standalone_html_opens_offline_and_shows_the_markers(tmp_path, df, browser):
    v = seed_window(df)
    shown = window.apply(df, v)
    words = briefing.describe(shown, df, v, made_at=datetime.now(UTC), data_version="test", title="Border clashes")
    path = tmp_path / "map.html"
    path.write_text(briefing.page(shown, df, words), encoding="utf-8")
    context = browser.new_context()
    asked = []
    context.route(
        "**/*",
        lambda r: (
            r.continue_() if r.request.url.startswith(("file:", "data:")) else (asked.append(r.request.url), r.abort())
        ),
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.basemapReady === true")
    drawn = page.evaluate(MARKERS_JS)
    assert sorted(m["id"] for m in drawn) == sorted(shown.loc[shown["mapped"], "incident_id"]) and all(
        m["drawn"] for m in drawn
    )
    assert page.locator(".brief-header h1").inner_text() == "Border clashes"
    assert page.locator(".incident-legend summary").count() == 0  # a picture's legend has nothing to fold
    legend = page.locator(".incident-legend").inner_text()
    for claimant in shown.loc[shown["mapped"], "claimed_by"].unique():
        assert claimant in legend
    assert page.locator(".leaflet-control-scale").count() == 1
    assert asked == [] and errors == []
    context.close()
