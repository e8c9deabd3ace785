"""The Events page (Streamlit): the store's events in; an analyst's merges and splits, and their audit trail, out.

Thin: the decisions are dashboard/store/events.py's ``merge`` and ``split`` (kept in ``event_overrides``, replayed
after every later grouping, so an ingest never undoes them); this page only asks who, which and why.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from dashboard.errors import DashboardError
from dashboard.settings import Settings
from dashboard.store import events as event_store
from dashboard.store import source
from dashboard.ui import signin
from dashboard.view import excerpts

md = excerpts.md_escape


def event_label(row) -> str:
    """``ev_1a2b… · Uri · 2025-03-14T21:00 · Armed clash · 4 reports``: enough to tell events apart in a list."""
    when = str(row["start_utc"] or "time unknown")[:16]
    n = int(row["n_reports"]) if pd.notna(row["n_reports"]) else 0
    return f"{row['event_id']} · {row['place'] or 'no place'} · {when} · {row['sub_event_type']} · {excerpts.plural(n, 'report')}"


def report_label(row) -> str:
    text = str(row.get("excerpt") or "")
    return f"{row['incident_id']} · {row.get('claimed_by') or 'no claimant'} · {row.get('source') or ''} · {text[:90]}"


def events_page(settings: Settings) -> None:
    st.title("Events: merge and split")
    acc = signin.writer("merge and split events", settings)
    if acc is None:
        return
    src = source.from_settings(settings)
    if not src.writable:
        st.info(
            f"Events are grouped from {md(src.name)} for the map, but merging and splitting them is kept in the "
            "store: unset DASHBOARD_INCIDENTS to work on the store."
        )
        st.stop()
    try:
        store = src.store()
        events = event_store.load_events(store)
        links = event_store.load_links(store)
        reports = store.load(background=False)
    except DashboardError as err:
        st.error("Cannot read the events. " + excerpts.md_lines(err))
        st.stop()
    st.caption(
        f"{excerpts.plural(len(events), 'event')} from {excerpts.plural(len(links), 'report')} in {md(src.where)}. "
        "A merge or split is kept with your name and replayed after every later ingest."
    )
    if events.empty:
        st.info("No events yet: add an article first.")
        st.stop()

    labels = {row.event_id: event_label(row._asdict()) for row in events.itertuples(index=False)}
    who = signin.who_input(acc, st, "events_who", "Your name or initials (kept in the audit trail)")
    reason = st.text_input("Why (optional, kept in the audit trail)", key="events_reason")

    def named() -> bool:
        if who.strip():
            return True
        st.error("Your name or initials are needed: every merge and split is kept in the audit trail with them.")
        return False

    merge_col, split_col = st.columns(2, gap="large")
    with merge_col:
        st.subheader("Merge events")
        chosen = st.multiselect(
            "Events that are one incident", list(labels), format_func=labels.get, key="merge_events"
        )
        if st.button("Merge", key="merge", disabled=len(chosen) < 2) and named():
            try:
                merged = event_store.merge(store, chosen, who=who, reason=reason)
            except DashboardError as err:
                st.error(excerpts.md_lines(err))
            else:
                st.success(f"Merged {len(chosen)} events into {md(merged)}.")
    with split_col:
        st.subheader("Split a report out")
        several = [e for e, n in zip(events["event_id"], events["n_reports"]) if pd.notna(n) and int(n) > 1]
        event_id = st.selectbox(
            "Event", several, format_func=labels.get, key="split_event", index=None, placeholder="Choose an event"
        )
        members = links.loc[links["event_id"] == event_id, "incident_id"].tolist() if event_id else []
        by_id = reports.set_index(reports["incident_id"].astype(str), drop=False)
        texts = {i: report_label(by_id.loc[i].to_dict()) if i in by_id.index else i for i in members}
        incident_id = st.selectbox(
            "Report to take out into an event of its own", members, format_func=texts.get, key="split_report"
        )
        if st.button("Split", key="split", disabled=not (event_id and incident_id)) and named():
            try:
                new = event_store.split(store, event_id, incident_id, who=who, reason=reason)
            except DashboardError as err:
                st.error(excerpts.md_lines(err))
            else:
                st.success(f"Report {md(incident_id)} is now event {md(new)}.")

    st.subheader("Audit trail")
    trail = event_store.audit(store)
    if trail.empty:
        st.caption("No merge or split yet.")
    else:
        listed = trail.assign(  # the JSON lists as an analyst reads them
            event_ids=[", ".join(json.loads(v)) for v in trail["event_ids"]],
            incident_ids=[", ".join(json.loads(v)) for v in trail["incident_ids"]],
        )
        st.dataframe(
            listed[["at_utc", "who", "action", "reason", "event_ids", "incident_ids"]],
            hide_index=True,
            width="stretch",
            column_config={"at_utc": "When (UTC)", "event_ids": "Events", "incident_ids": "Reports"},
        )
    st.subheader("Events")
    st.dataframe(
        events.assign(
            claimants=[
                " / ".join(f"{side}: {', '.join(names)}" for side, names in c.items()) for c in events["claimants"]
            ],
            outlets=[", ".join(o) for o in events["outlets"]],
        )[
            [
                "event_id",
                "place",
                "start_utc",
                "family",
                "sub_event_type",
                "n_reports",
                "n_outlets",
                "claimants",
                "outlets",
            ]
        ],
        hide_index=True,
        width="stretch",
    )
