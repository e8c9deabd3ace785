"""Streamlit's floor, for comparison: the same slider and nothing else but one line that echoes the window.

What any Streamlit app pays for a slider move (websocket round trip, a rerun, React) before drawing anything.
"""

from __future__ import annotations

import os
from datetime import timedelta

import streamlit as st

from dashboard.store import csvfile as incidents
from dashboard.view import window as view


@st.cache_data
def bounds(path: str):
    return view.bounds(incidents.load(path))


lo, hi = bounds(os.environ["DASHBOARD_INCIDENTS"])
window = st.slider(
    "Time window (UTC)",
    min_value=lo,
    max_value=hi,
    value=(lo, hi),
    step=timedelta(hours=1),
    key="window",
    format="DD MMM YYYY, HH:mm",
)
st.caption(f"window {view.format_utc(window[0])} {view.format_utc(window[1])}")
