"""The map page's report downloads: CSV, GeoJSON, the standalone briefing page and its PNG, built only when clicked."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from dashboard.export import briefing, tables
from dashboard.export.png import render_png


def report_downloads(columns, df, keep, current, version: str, settings) -> None:
    """Four download buttons in ``columns`` for the reports ``df[keep]`` in the view ``current``."""
    c1, c2, c3, c4 = columns
    # Callables: built only when clicked (in another thread), so a slider move never pays for them.
    c1.download_button(
        "Download CSV", lambda: tables.to_csv(df[keep]), file_name="incidents.csv", mime="text/csv", on_click="ignore"
    )
    c2.download_button(
        "Download GeoJSON",
        lambda: tables.to_geojson(df[keep]),
        file_name="incidents.geojson",
        mime="application/geo+json",
        on_click="ignore",
    )

    def page() -> str:
        shown = df[keep]
        words = briefing.describe(shown, df, current, made_at=datetime.now(UTC), data_version=version)
        return briefing.page(shown, df, words)

    def png() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            return render_png(page(), Path(tmp) / "map.png", settings=settings).path.read_bytes()

    stamp = f"{current.start:%Y%m%dT%H%M}-{current.end:%Y%m%dT%H%M}"
    c3.download_button(
        "Download map (HTML)",
        lambda: page().encode("utf-8"),
        file_name=f"incident-map-{stamp}.html",
        mime="text/html",
        on_click="ignore",
        help="One self-contained file; opens offline in any browser.",
    )
    c4.download_button(
        "Download PNG for briefing",
        png,
        file_name=f"incident-map-{stamp}.png",
        mime="image/png",
        on_click="ignore",
        help="1920×1080: title, window in UTC and local time, filters, legend, sources.",
    )
