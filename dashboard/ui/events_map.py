"""The map page's events parts (Streamlit): the data source in; the event index, sidebar switches, claims panel
and event downloads out.

Thin like app.py: the numbers are dashboard/view/events_layer.py's, the panel's HTML dashboard/view/event_detail.py's,
the files dashboard/export/events.py's. Events and links are read (or, for a CSV, grouped or read from the on-disk
cache) once per data version.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.events.summary import claims_by_side
from dashboard.export import events as event_files
from dashboard.store import event_cache, source
from dashboard.store import events as event_store
from dashboard.view import event_detail, excerpts, timeline
from dashboard.view.events_layer import FAMILY_COLOURS, EventIndex, counts, family_codes, timeline_rows
from dashboard.view.layer_index import LayerIndex
from dashboard.view.timefmt import utc_label

MAX_EVENTS = 20  # events listed for a clicked place


def events_version(src: source.Source, version: str) -> str:
    """Changes when the events do: a store's merges and splits change them without a new article."""
    return event_store.fingerprint(src.store()) if src.kind == "store" else version


@st.cache_resource(show_spinner="Grouping reports into events…", max_entries=2)
def event_data(
    kind: str, path: str, version: str, ev_version: str, cache: str, _df: pd.DataFrame, _layer: LayerIndex | None = None
):
    """(EventIndex, events, links) of the frame ``_df`` (the app's ``load`` of the same data version); ``_layer`` its
    ``LayerIndex`` (the app's ``layer_index``). A CSV's events are grouped once per data version and kept in the
    on-disk cache ``cache`` (``store/event_cache.py``): a restarted server reads them back instead of grouping again."""
    src = source.of(kind, path)
    if kind == "store":
        events, links = event_store.load_events(src.store()), event_store.load_links(src.store())
    else:  # a CSV: grouped without article texts (no near-copy check)
        result = event_cache.load_or_build(Path(cache), version, _df)
        events, links = result.events, result.links
    ev = EventIndex.build(_df, links, events, layer=_layer)
    ev.layer.warm()  # the events layer's own cells: made here, once per version, not on the first slider move
    return ev, events, links


@st.cache_resource(max_entries=2)
def report_families(kind: str, path: str, version: str, _df: pd.DataFrame) -> np.ndarray:
    """Each report's type family code (the raw reports view's shapes)."""
    return family_codes(_df["event_type"])


@st.cache_resource(max_entries=2)
def events_timeline(kind: str, path: str, version: str, ev_version: str, _events: pd.DataFrame, span) -> dict:
    """The timeline of events (a row per type family), made once per data version; each window adds its shade."""
    return timeline.timeline(timeline_rows(_events), span, FAMILY_COLOURS, span=span)


def sidebar_controls(max_outlets: int) -> None:
    """The corroboration filter and the raw-reports switch (their state is seeded from the URL by the app)."""
    st.divider()
    most = max(max_outlets, 1)
    if st.session_state.get("min_outlets", 1) > most:  # e.g. a link made on more data
        st.caption(f"No event here is told by {st.session_state['min_outlets']} outlets; at most {most}.")
        st.session_state["min_outlets"] = most
    st.number_input(
        "Minimum independent outlets",
        min_value=1,
        max_value=most,
        step=1,
        key="min_outlets",
        help="Show only events told by at least this many independent outlets (a relay counts with its origin).",
    )
    st.toggle("Show raw reports", key="raw", help="One mark per report's place, as before events were grouped.")


def header(ev: EventIndex, keep: np.ndarray, view) -> str:
    """ "**23 events from 52 reports** in this window": both counts, whatever the map shows."""
    n_events, n_reports = counts(ev, keep)
    text = f"**{excerpts.plural(n_events, 'event')} from {excerpts.plural(n_reports, 'report')}** in this window"
    if view.min_outlets > 1:
        text += f", each told by at least {view.min_outlets} independent outlets"
    return text + (" · the map shows the raw reports" if view.raw else " · the map shows events")


def claims_panel(df: pd.DataFrame, ev: EventIndex, events: pd.DataFrame, links: pd.DataFrame, rows, colours) -> None:
    """Each event at a clicked place, its claims side by side by claimant side."""
    listed = ev.events_of(rows)
    st.caption(
        f"{excerpts.plural(len(listed), 'event')} at this place in this window, earliest first"
        + (f"; the first {MAX_EVENTS} here" if len(listed) > MAX_EVENTS else "")
    )
    by_id = events.set_index(events["event_id"].astype(str)) if len(events) else events
    for i, (event_id, at) in enumerate(listed[:MAX_EVENTS]):
        reports = df.iloc[at]
        ids = set(reports["incident_id"].astype(str))
        members = links[links["event_id"].astype(str).eq(event_id) & links["incident_id"].astype(str).isin(ids)]
        if members.empty:  # a report with no event link: an event of its own
            members = pd.DataFrame({"incident_id": list(ids), "event_id": event_id})
        sides = claims_by_side(event_id, reports, members)
        event = by_id.loc[event_id].to_dict() if event_id in by_id.index else {}
        event.setdefault("n_reports", len(reports))
        event.setdefault("n_outlets", len(set(ev.origin[at].tolist())))
        when = utc_label(reports["start"].min(), reports["end"].max(), reports["time_precision"].iloc[0])
        side_colours = {s["side"]: colours.get(s["claims"][0]["claimant"], "#888888") for s in sides}
        with st.expander(excerpts.md_escape(event_detail.headline(event, when)), expanded=i == 0):
            st.html(event_detail.claims_html(sides, side_colours))


def downloads(column_csv, column_geojson, events: pd.DataFrame, ev: EventIndex, keep: np.ndarray) -> None:
    """Download buttons for the events in view (every report of theirs, with all source URLs)."""
    keep = keep.copy()  # the button's callable runs later, in another thread

    def in_view() -> pd.DataFrame:  # built only when clicked: a slider move never pays for it
        shown = [ev.event_ids[c] for c in np.unique(ev.event[keep]).tolist()]
        return events[events["event_id"].astype(str).isin(shown)]

    column_csv.download_button(
        "Download events CSV",
        lambda: event_files.to_csv(in_view()),
        file_name="events.csv",
        mime="text/csv",
        on_click="ignore",
    )
    column_geojson.download_button(
        "Download events GeoJSON",
        lambda: event_files.to_geojson(in_view()),
        file_name="events.geojson",
        mime="application/geo+json",
        on_click="ignore",
    )
