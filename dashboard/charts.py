"""Incidents in, an Altair timeline out: each incident's interval by claimant, with the window shaded."""

from __future__ import annotations

from datetime import datetime

import altair as alt
import pandas as pd

MAX_INTERVALS = 2000  # above this, one mark per incident is unreadable and slow: show hourly counts


def timeline(df: pd.DataFrame, window: tuple[datetime, datetime], colours: dict[str, str]) -> alt.LayerChart:
    timed = df.dropna(subset=["start"])
    claimants = sorted(timed["claimed_by"].unique())
    colour = alt.Color("claimed_by:N", title="Claimed by",
                       scale=alt.Scale(domain=claimants, range=[colours[c] for c in claimants]),
                       legend=None)  # the y axis already names the claimant
    # Vega-Lite shows datetimes in the browser's zone unless they are naive: drop the tz (they are UTC).
    shade = alt.Chart(pd.DataFrame({"start": [pd.Timestamp(window[0]).tz_convert(None)],
                                    "end": [pd.Timestamp(window[1]).tz_convert(None)]})).mark_rect(
        color="#f2c94c", opacity=0.25).encode(x="start:T", x2="end:T")
    if len(timed) > MAX_INTERVALS:
        counts = timed.assign(hour=timed["start"].dt.floor("h").dt.tz_convert(None)).groupby(["hour", "claimed_by"]).size().rename("n").reset_index()
        marks = alt.Chart(counts).mark_bar().encode(
            x=alt.X("hour:T", title="Start (UTC, by hour)"), y=alt.Y("n:Q", title="Incidents"), color=colour.legend(orient="bottom"))
        return alt.layer(shade, marks).properties(height=160)
    data = timed.assign(
        start_t=timed["start"].dt.tz_convert(None), end_t=timed["end"].dt.tz_convert(None),
        label=timed["location"].where(timed["location"] != "", "(no specific place)"),
    )[["start_t", "end_t", "claimed_by", "label", "sub_event_type", "time_precision"]]
    y = alt.Y("claimed_by:N", title=None, sort=claimants)
    tooltip = [alt.Tooltip("label:N", title="Place"), alt.Tooltip("sub_event_type:N", title="Event"),
               alt.Tooltip("claimed_by:N", title="Claimed by"), alt.Tooltip("start_t:T", title="Start (UTC)", format="%d %b %H:%M"),
               alt.Tooltip("end_t:T", title="End (UTC)", format="%d %b %H:%M"), alt.Tooltip("time_precision:N", title="Precision")]
    bars = alt.Chart(data).mark_bar(height=10, opacity=0.55, cornerRadius=2).encode(
        x=alt.X("start_t:T", title="Time (UTC)", axis=alt.Axis(format="%d %b %H:%M")), x2="end_t:T",
        y=y, color=colour, tooltip=tooltip)
    ticks = alt.Chart(data).mark_point(filled=True, size=60, opacity=0.9).encode(
        x="start_t:T", y=y, color=colour, tooltip=tooltip)
    return alt.layer(shade, bars, ticks).properties(height=alt.Step(26))
