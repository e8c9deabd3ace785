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


def _drop_gone(labels: dict, links: pd.DataFrame) -> None:
    """Forget chosen events and reports that are no longer there (merged or split since): the widgets then show
    the events as they are, not an id that another analyst's change has removed."""
    state = st.session_state
    if "merge_events" in state:
        state["merge_events"] = [e for e in state["merge_events"] if e in labels]
    if state.get("split_event") is not None and state["split_event"] not in labels:
        state["split_event"] = None
    if state.get("split_report") is not None:
        members = set(links.loc[links["event_id"] == state.get("split_event"), "incident_id"])
        if state["split_report"] not in members:
            del state["split_report"]


def _done(store, message: str) -> None:
    """Show the page again with the events as they are after the change, and ``message`` above them."""
    st.session_state["events_done"] = (event_store.fingerprint(store), message)
    st.rerun()


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
        # What this page shows is at least this version: a merge or split is checked against the version the
        # analyst chose from (kept from the previous run), so another analyst's change in between is not overrun.
        now = event_store.fingerprint(store)
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
    seen = st.session_state.get("events_seen", now)
    st.session_state["events_seen"] = now  # the lists below are what the analyst chooses from next
    done = st.session_state.get("events_done")
    if done and done[0] == now:  # kept until the events change again, so a stray rerun does not hide it
        st.success(done[1])

    labels = {row.event_id: event_label(row._asdict()) for row in events.itertuples(index=False)}
    _drop_gone(labels, links)
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
                merged = event_store.merge(store, chosen, who=who, reason=reason, expect=seen)
            except DashboardError as err:
                st.error(excerpts.md_lines(err))
            else:
                _done(store, f"Merged {len(chosen)} events into {md(merged)}.")
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
                new = event_store.split(store, event_id, incident_id, who=who, reason=reason, expect=seen)
            except DashboardError as err:
                st.error(excerpts.md_lines(err))
            else:
                _done(store, f"Report {md(incident_id)} is now event {md(new)}.")

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
