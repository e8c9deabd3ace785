"""Ours, the map alone: dashboard/ui/app.py's slider and map block, without the timeline, table and downloads.

Separates what the map layer costs from what the rest of the page costs on the same slider move. The
st_folium call is the app's, argument for argument (a link's centre and zoom aside).
"""

from __future__ import annotations

import os
from datetime import timedelta

import streamlit as st
from streamlit_folium import st_folium

from dashboard.store import csvfile as incidents
from dashboard.view import basemap as mapview
from dashboard.view import layer as maplayer
from dashboard.view import window as view


@st.cache_resource  # as dashboard/ui/app.py: one shared frame, and what is made once per data
def load(path: str):
    df = incidents.load(path)
    return df, view.summarize(df, mapview.claimant_colours), maplayer.LayerIndex.build(df)


df, facts, index = load(os.environ["DASHBOARD_INCIDENTS"])
lo, hi = facts.bounds
window = st.slider(
    "Time window (UTC)",
    min_value=lo,
    max_value=hi,
    value=(lo, hi),
    step=timedelta(hours=1),
    key="window",
    format="DD MMM YYYY, HH:mm",
)
keep = view.mask(df, view.View(window[0], window[1]))
st_folium(
    mapview.base_map(tiles="offline"),
    key="incident_map",
    feature_group_to_add=maplayer.incident_layer(
        df.loc[keep, maplayer.LAYER_COLUMNS], facts.colours, fit=True, index=index
    ),
    height=560,
    use_container_width=True,
    returned_objects=["last_active_drawing", "center", "zoom"],
)
