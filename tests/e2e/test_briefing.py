"""Briefing output: the snapshot PNG (pixels at the markers), the standalone HTML page, and their words."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from PIL import Image

from dashboard.export import briefing
from dashboard.export.png import render_png
from dashboard.store import csvfile as incidents
from dashboard.view import basemap as mapview
from dashboard.view import window as view
from tests.conftest import INCIDENTS, ROOT
from tests.e2e.conftest import MARKERS_JS
from tests.helpers import hex_rgb

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def df():
    return incidents.load(INCIDENTS)


def seed_window(df):
    return view.from_query_strict({"start": ["2022-09-12T12:00Z"], "end": ["2022-09-13T12:00Z"]}, df)


def test_snapshot_cli_draws_every_incident_at_its_place(tmp_path, df):
    out = tmp_path / "brief.png"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "snapshot",
            "--out",
            str(out),
            "--start",
            "2022-09-12T12:00Z",
            "--end",
            "2022-09-13T12:00Z",
            "--size",
            "1280x720",
            "--scale",
            "2",
            "--incidents",
            str(INCIDENTS),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    image = Image.open(out).convert("RGB")
    assert image.size == (2560, 1440)
    shown = view.apply(df, seed_window(df))
    assert f"{int(shown['mapped'].sum())} incidents on the map" in r.stdout


def test_snapshot_pixels_at_projected_marker_positions(tmp_path, df):
    v = seed_window(df)
    shown = view.apply(df, v)
    words = briefing.describe(shown, df, v, made_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC), data_version="test")
    snap = render_png(briefing.page(shown, df, words), tmp_path / "brief.png", size=(1600, 900), scale=1)
    assert snap.blocked == []  # nothing was asked of the network
    mapped = shown[shown["mapped"]]
    assert sorted(m["id"] for m in snap.markers) == sorted(mapped["incident_id"])
    image = Image.open(snap.path).convert("RGB")
    colours = mapview.claimant_colours(df["claimed_by"])
    for m in snap.markers:
        row = mapped[mapped["incident_id"] == m["id"]].iloc[0]
        x, y = round(m["x"]), round(m["y"])
        assert 0 <= x < image.width and briefing.HEADER_PX < y < image.height - briefing.FOOTER_PX, m
        assert image.getpixel((x, y)) == hex_rgb(colours[row["claimed_by"]]), (row["location"], m)


def test_snapshot_without_chromium_names_the_install_command(tmp_path, monkeypatch):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "snapshot",
            "--out",
            str(tmp_path / "x.png"),
            "--incidents",
            str(INCIDENTS),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CHROMIUM": str(tmp_path / "no-chromium")},
    )
    assert r.returncode == 1
    assert "apt-get install -y chromium" in r.stderr and not (tmp_path / "x.png").exists()


def test_words_on_the_page_carry_their_context(df):
    v = view.from_query_strict(
        {"start": ["2022-09-12T18:00Z"], "end": ["2022-09-13T06:00Z"], "claimant": ["Armenia MoD", "Azerbaijan MoD"]},
        df,
    )
    shown = view.apply(df, v)
    words = briefing.describe(shown, df, v, made_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC), data_version="abc123")
    assert "12 Sep 2022 18:00 – 13 Sep 2022 06:00 UTC" in words.window
    assert "local 12 Sep 2022 22:00 – 13 Sep 2022 10:00 (UTC+04" in words.window  # Yerevan and Baku: UTC+4
    assert "claimed by: Armenia MoD, Azerbaijan MoD" in words.filters
    assert f"{len(shown)} incidents" in words.filters
    footer = " ".join(words.footer_lines)
    assert "Rings show location uncertainty" in footer and "wedges: each claimant's share" in footer
    assert "Berita Baru (2022-09-13, id)" in footer and "02 Jan 2026 03:04 UTC" in footer
    assert "GeoNames" in footer and "Natural Earth" in footer and "abc123" in footer


def test_standalone_html_opens_offline_and_shows_the_markers(tmp_path, df, browser):
    v = seed_window(df)
    shown = view.apply(df, v)
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
    legend = page.locator(".incident-legend").inner_text()
    for claimant in shown.loc[shown["mapped"], "claimed_by"].unique():
        assert claimant in legend
    assert page.locator(".leaflet-control-scale").count() == 1
    assert asked == [] and errors == []
    context.close()


def test_incidents_with_no_place_are_listed_on_the_page_not_dropped(df):
    v = seed_window(df)
    shown = view.apply(df, v)
    words = briefing.describe(shown, df, v, made_at=datetime(2026, 1, 2, tzinfo=UTC), data_version="t")
    unplaced = shown[~shown["mapped"]]
    assert len(words.unplaced) == len(unplaced) > 0
    for line, row in zip(words.unplaced, unplaced.itertuples()):
        assert row.claimed_by in line and row.sub_event_type in line
    assert words.title == "Reported incidents, 12–13 Sep 2022"  # days in the title; the exact window below it
    assert "Not on the map: no specific place" in briefing.page(shown, df, words)


def test_snapshot_reads_the_store_by_default(tmp_path):
    out = tmp_path / "store.html"
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_INCIDENTS"}
    r = subprocess.run(
        [sys.executable, "-m", "dashboard", "snapshot", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "DASHBOARD_DB": str(tmp_path / "x.db")},
    )
    assert r.returncode == 0, r.stderr
    placed = int(incidents.load(INCIDENTS)["mapped"].sum())  # the store is seeded from the CSV
    assert (tmp_path / "x.db").exists() and f"{placed} incidents on the map" in r.stdout
