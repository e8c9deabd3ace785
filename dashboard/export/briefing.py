"""A view of the incidents in, a self-contained briefing page out: title, window, filters, map, legend, sources.

The same page is the "Download map (HTML)" file and what ``snapshot`` photographs: one map, drawn by
dashboard.view, with Leaflet and the basemap inlined so it opens with no server and no internet.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from branca.element import Element

from dashboard.view import basemap, layer, origins
from dashboard.view.excerpts import plural, source_label
from dashboard.view.timefmt import utc_label, window_local_labels
from dashboard.view.window import FILTERS, View

FILTER_NAMES = {"claimant": "claimed by", "event_type": "event type", "country": "country", "origin": "origin"}
HEADER_PX, FOOTER_PX = 118, 84
MAX_UNPLACED = 6

PAGE_CSS = f"""<style>
html, body {{ margin: 0; background: #fff; color: #1b1f24; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}
.brief-header {{ position: absolute; top: 0; left: 0; right: 0; height: {HEADER_PX}px; padding: 12px 24px 0;
  box-sizing: border-box; border-bottom: 1px solid #d0d5db; overflow: hidden; }}
.brief-header h1 {{ margin: 0 0 4px; font-size: 30px; line-height: 1.15; }}
.brief-header p {{ margin: 2px 0; font-size: 17px; color: #333; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.brief-footer {{ position: absolute; bottom: 0; left: 0; right: 0; height: {FOOTER_PX}px; padding: 8px 24px 0;
  box-sizing: border-box; border-top: 1px solid #d0d5db; font-size: 14px; color: #333; overflow: hidden; }}
.brief-footer p {{ margin: 2px 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.folium-map {{ position: absolute !important; top: {HEADER_PX}px !important; bottom: {FOOTER_PX}px !important;
  left: 0 !important; right: 0 !important; width: auto !important; height: auto !important; }}
.incident-legend {{ font-size: 16px; max-width: 360px; }}
.brief-unplaced {{ position: absolute; left: 12px; bottom: {FOOTER_PX + 44}px; z-index: 1000; max-width: 46%;
  background: rgba(255,255,255,.94); border: 1px solid #b8bec6; border-radius: 4px; padding: 6px 10px;
  font-size: 15px; line-height: 1.35; box-shadow: 0 1px 4px rgba(0,0,0,.2); }}
.brief-unplaced div {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.incident-legend .sw {{ width: 14px; height: 14px; }}
.leaflet-control-scale-line {{ font-size: 14px; }}
.place-label {{ font-size: 17px; }}
.country-label {{ font-size: 15px; }}
.leaflet-control-attribution {{ font-size: 12px; }}
</style>"""


@dataclass(frozen=True)
class Briefing:
    """Everything the page says besides the map."""

    title: str
    window: str
    filters: str
    footer_lines: tuple[str, ...]
    unplaced: tuple[str, ...] = ()  # incidents with no specific place: listed on the page, not dropped


def describe(
    shown: pd.DataFrame,
    all_incidents: pd.DataFrame,
    view: View,
    *,
    made_at: datetime,
    data_version: str,
    title: str | None = None,
    zones: list[str] | None = None,
) -> Briefing:
    """The page's words for ``view``; ``made_at`` is passed in so output is reproducible in tests."""
    utc = f"{view.start:%d %b %Y %H:%M} – {view.end:%d %b %Y %H:%M} UTC"
    local = window_local_labels((view.start, view.end), zones or all_incidents["local_tz"])
    window = " · ".join([utc, *(f"local {x}" for x in local)])
    active = [f"{FILTER_NAMES[n]}: {', '.join(v)}" for n, v in view.filters.items() if v and n in FILTERS]
    n_mapped = int(shown["mapped"].sum())
    filters = (
        f"{plural(len(shown), 'incident')}: {n_mapped} on the map, {len(shown) - n_mapped} with no specific "
        f"place (listed on the map) · filters: {'; '.join(active) if active else 'none (all incidents)'}"
    )
    unplaced = tuple(
        f"{r.sub_event_type} · {utc_label(r.start, r.end, r.time_precision)} · claimed by {r.claimed_by}"
        + (f" · “{r.location}”" if r.location else "")
        for r in shown[~shown["mapped"]].itertuples()
    )
    if len(unplaced) > MAX_UNPLACED:
        unplaced = unplaced[: MAX_UNPLACED - 1] + (f"… and {len(unplaced) - MAX_UNPLACED + 1} more",)
    sources = shown.drop_duplicates("source_path") if len(shown) else all_incidents.drop_duplicates("source_path")
    source_text = "; ".join(source_label(r.source, r.published, r.language) for r in sources.itertuples())
    footer = (
        "Colour: who makes the claim (wedges: each claimant's share at a place; size: how many incidents). "
        f"Rings show location uncertainty (≈{basemap.RING_METRES[2] // 1000} km: near a town or its district; "
        f"≈{basemap.RING_METRES[3] // 1000} km: a region). "
        "Claims are as reported by each side and not verified.",
        f"Sources: {source_text}.",
        f"Made {made_at.astimezone(UTC):%d %b %Y %H:%M} UTC · data version {data_version} · "
        "Borders: Natural Earth · Places: GeoNames (CC BY 4.0) · Map: Leaflet"
        + (f" · {coded}" if (coded := origins.attribution(shown)) else ""),
    )
    return Briefing(title or f"Reported incidents, {_days(view.start, view.end)}", window, filters, footer, unplaced)


def _days(start: datetime, end: datetime) -> str:
    """``12–13 Sep 2022``: the title names the days; the exact window is on the line below."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}" if start.day != end.day else f"{end.day} {end:%b %Y}"
    return f"{start:%d %b %Y} – {end:%d %b %Y}"


def page(
    shown: pd.DataFrame,
    all_incidents: pd.DataFrame,
    briefing: Briefing,
    center: tuple[float, float] | None = None,
    zoom: float | None = None,
) -> str:
    """The standalone HTML page: header, the map (inline assets, no server), footer."""
    explicit = center is not None and zoom is not None
    m = basemap.base_map(
        inline=True, center=center or basemap.DEFAULT_CENTER, zoom=zoom or basemap.DEFAULT_ZOOM, zoom_control=False
    )
    colours = basemap.claimant_colours(all_incidents["claimed_by"])
    layer.incident_layer(shown, colours, fit=not explicit, dot_radius=9, attribution=origins.attribution(shown)).add_to(
        m
    )
    fig = m.get_root()
    e = html.escape
    fig.header.add_child(Element(f"<title>{e(briefing.title)}</title>"), name="brief_title")
    fig.header.add_child(Element(PAGE_CSS), name="brief_css")
    fig.html.add_child(
        Element(
            f'<div class="brief-header"><h1>{e(briefing.title)}</h1><p>{e(briefing.window)}</p>'
            f"<p>{e(briefing.filters)}</p></div>"
        ),
        name="brief_header",
    )
    if briefing.unplaced:
        fig.html.add_child(
            Element(
                '<div class="brief-unplaced"><b>Not on the map: no specific place</b>'
                + "".join(f"<div>{e(line)}</div>" for line in briefing.unplaced)
                + "</div>"
            ),
            name="brief_unplaced",
        )
    fig.html.add_child(
        Element(
            '<div class="brief-footer">' + "".join(f"<p>{e(line)}</p>" for line in briefing.footer_lines) + "</div>"
        ),
        name="brief_footer",
    )
    return fig.render()
