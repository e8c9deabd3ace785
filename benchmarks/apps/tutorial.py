"""The tutorial approach, for comparison: a folium.Marker with a popup per incident, the map rebuilt on every rerun.

As the streamlit-folium and folium tutorials show it: ``st_folium(m)`` with its defaults (no key, every
object returned). Only the base map is ours (local Leaflet and borders), so that it works offline and
the comparison is about the incident layer alone. Run by ``python -m benchmarks`` with
``DASHBOARD_INCIDENTS`` pointing at a CSV.
"""

from __future__ import annotations

import base64
import html
import os
from datetime import timedelta

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.store import csvfile as incidents
from dashboard.view import basemap as mapview
from dashboard.view import window as view

# folium.Popup's template parses its HTML with jQuery's ``$(html)[0]``; folium loads jQuery from a CDN, which an
# offline machine cannot reach. This stand-in does that one thing (and no faster than jQuery would).
JQUERY_STANDIN = (
    "data:text/javascript;base64,"
    + base64.b64encode(
        b"window.$=function(h){var t=document.createElement('template');t.innerHTML=h.trim();return [t.content.firstChild];};"
    ).decode()
)


def build(shown: pd.DataFrame) -> folium.Map:
    """The whole map for the incidents shown: base map plus one Marker with a Popup each."""
    m = mapview.base_map()
    m.default_js = [*m.default_js, ("jquery", JQUERY_STANDIN)]
    for row in shown[shown["mapped"]].itertuples():
        text = (
            f"<b>{html.escape(row.location)}</b><br>{html.escape(row.sub_event_type)}<br>"
            f"{row.start_utc} – {row.end_utc}<br>claimed by {html.escape(row.claimed_by)}"
        )
        folium.Marker([row.latitude, row.longitude], popup=folium.Popup(text, max_width=300)).add_to(m)
    return m


@st.cache_data
def load(path: str):
    return incidents.load(path)


def main() -> None:
    df = load(os.environ["DASHBOARD_INCIDENTS"])
    lo, hi = view.bounds(df)
    window = st.slider(
        "Time window (UTC)",
        min_value=lo,
        max_value=hi,
        value=(lo, hi),
        step=timedelta(hours=1),
        key="window",
        format="DD MMM YYYY, HH:mm",
    )
    shown = view.apply(df, view.View(window[0], window[1]))
    st_folium(build(shown))


if __name__ == "__main__":  # streamlit run; the benchmark imports build() alone
    main()
