"""The "Review & audit" page (Streamlit): the store's incidents in an editable table; an analyst's corrections (kept
with who, when and old → new), the audit trail and, when another analyst changed the same incident first, what
they changed with the choice to re-apply or drop one's own edits, out.

No lost edits: the table is the store as the analyst loaded it, with each incident's version (kept in the session),
and a save passes those versions to the store, which refuses an edit on an incident changed since
(``StaleEditError``). Nothing is then applied, nothing is overwritten: the page shows their changes beside yours
(dashboard/view/conflicts.py) until you re-apply yours on the current version or drop them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.errors import DashboardError, InputError, StaleEditError
from dashboard.models import EVENT_TYPES, TIME_PRECISIONS
from dashboard.settings import Settings
from dashboard.ui import signin
from dashboard.ui.ingest_pages import writer_page
from dashboard.view.conflicts import Pending
from dashboard.view.excerpts import md_escape as md

REVIEW_COLUMNS = [
    "incident_id",
    "location",
    "place",
    "start_utc",
    "end_utc",
    "time_precision",
    "claimed_by",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "geo_precision",
    "fatalities",
    "background",
    "notes",
    "excerpt",
]
UNPLACED = ("geonameid", "latitude", "longitude", "country_code", "admin1", "geo_precision", "geo_method")
EDITABLE = [c for c in REVIEW_COLUMNS if c not in ("incident_id", "excerpt")]  # ids and excerpts are evidence
LOADED, CONFLICT, TABLE = "review_loaded", "review_conflict", "review_table"  # session state keys


def _diff(before: pd.DataFrame, after: pd.DataFrame) -> dict[str, dict[str, str]]:
    """incident_id → {field: new value} for every edited cell (values compared as text)."""
    changes: dict[str, dict[str, str]] = {}
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows()):
        for field in EDITABLE:
            a, b = _text(old[field]), _text(new[field])
            if a != b:
                changes.setdefault(old["incident_id"], {})[field] = b
    return changes


def _text(value) -> str:
    if isinstance(value, bool):
        return str(value)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def apply_corrections(
    store, changes: dict[str, dict[str, str]], *, who: str, reason: str, context=(), expected=None
) -> list[dict]:
    """Store each incident's corrections; a new ``place`` is geocoded so its coordinates come from the gazetteer.
    ``expected``: incident → the version the analyst saw (``StaleEditError`` when another edit came first)."""
    from dashboard.geocoding import get_resolver
    from dashboard.models import place_fields

    if not who.strip():
        raise InputError("your name is needed: every correction is kept with who made it")
    resolved = {}
    for iid, fields in changes.items():
        fields = dict(fields)
        if "place" in fields:
            if fields["place"]:
                fields.update(place_fields(get_resolver().resolve(fields["place"], context=context)))
            else:  # no place any more: the incident moves to "no specific place", not left at the old point
                fields.update({f: "" for f in UNPLACED})
        resolved[iid] = fields
    return store.correct_many(resolved, who=who.strip(), reason=reason.strip(), expected=expected)


def _loaded(store, where: str) -> dict:
    """The table as this session loaded it, with the versions it shows: read once, kept until saved or reloaded,
    so a rerun never swaps another analyst's values (or new rows) in under the analyst's edits."""
    snap = st.session_state.get(LOADED)
    if snap is None or snap["where"] != where:
        # Versions first: an edit landing between the two reads then shows as a conflict on save, never lost.
        versions = store.versions()
        df = store.load(background=True, typed_columns=False)
        snap = {"where": where, "df": df, "versions": versions, "at": pd.Timestamp.now("UTC").strftime("%H:%M:%S")}
        st.session_state[LOADED] = snap
    return snap


def _reload(message: tuple[str, str] | None = None) -> None:
    """Drop the loaded table and its edits; the next run reads the store afresh (and shows ``message``)."""
    for key in (LOADED, CONFLICT, TABLE):
        st.session_state.pop(key, None)
    if message:
        st.session_state["review_message"] = message
    st.rerun()


def review_page(settings: Settings | None = None) -> None:
    page = writer_page("Review & audit", "review and correct incidents", settings)
    if page is None:
        return
    acc, src = page
    store = src.store()
    message = st.session_state.pop("review_message", None)
    snap = _loaded(store, str(src.path))
    if message:  # written after the rerun that resets the table: one written before st.rerun() is never seen
        snap["message"] = message  # kept with the reloaded table until the next edit, not lost to a stray rerun
    slot = st.empty()
    df = snap["df"]
    if df.empty:
        st.info(
            "The store holds no incidents yet: add an article on the Add article page, or fill it with the seed "
            "article's hand-coded incidents (`python -m dashboard seed`; `make run` does it)."
        )
        _audit_trail(store)
        return
    pending = st.session_state.get(CONFLICT)
    if pending is not None:
        _conflict(store, pending, df)
        _audit_trail(store)
        return
    st.caption(
        "Edit a cell to correct it; 'place' is re-geocoded. Each correction is kept with who, when and "
        "old → new, and a later ingest never overwrites it. Excerpts and ids are the evidence and stay fixed. "
        f"The table is the store as you loaded it at {snap['at']} UTC; if someone else changes an incident you "
        "edit, saving shows you their change first."
    )
    view = df[REVIEW_COLUMNS].copy()
    view["background"] = view["background"].astype(bool)
    subs = sorted({s for group in EVENT_TYPES.values() for s in group})
    edited = st.data_editor(
        view,
        key=TABLE,
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        disabled=[c for c in REVIEW_COLUMNS if c not in EDITABLE],
        column_config={
            "time_precision": st.column_config.SelectboxColumn("time_precision", options=list(TIME_PRECISIONS)),
            "event_type": st.column_config.SelectboxColumn("event_type", options=list(EVENT_TYPES)),
            "sub_event_type": st.column_config.SelectboxColumn("sub_event_type", options=subs),
            "geo_precision": st.column_config.SelectboxColumn("geo_precision", options=["", "1", "2", "3"]),
            "excerpt": st.column_config.TextColumn("excerpt", width="large"),
        },
    )
    changes = _diff(view, edited)
    if changes:
        snap.pop("message", None)
    elif snap.get("message"):
        kind, text = snap["message"]
        getattr(slot, kind)(text)
    c1, c2, c3, c4 = st.columns([2, 3, 2, 2])
    # The name and reason typed before a conflict: their fields were not on the conflict's page, so Streamlit
    # forgot them; set back before the fields are made (setting them after would be refused).
    st.session_state.update(st.session_state.pop("review_typed", {}))
    who = signin.who_input(acc, c1, "review_who")
    reason = c2.text_input("Reason (optional)", key="review_reason")
    if c4.button("Reload from the store", key="review_reload", help="Drops the edits you have not saved"):
        _reload()
    if c3.button(
        f"Save {sum(len(v) for v in changes.values())} correction(s)",
        type="primary",
        disabled=not changes,
        key="review_save",
    ):
        context = tuple(sorted({c for c in df["country_code"] if c}))
        seen = {iid: snap["versions"][iid] for iid in changes if iid in snap["versions"]}
        _save(store, Pending(changes, seen, who, reason, context))
    _audit_trail(store)


def _save(store, pending: Pending) -> None:
    """Apply the edits on the versions shown; a stale one keeps them pending (with what changed) for the analyst."""
    try:
        saved = apply_corrections(
            store,
            pending.mine,
            who=pending.who,
            reason=pending.reason,
            context=pending.context,
            expected=pending.expected,
        )
    except StaleEditError as err:
        pending.add(err.conflicts)
        st.session_state[CONFLICT] = pending
        st.rerun()
    except DashboardError as err:
        st.error(md(err))
    else:
        _reload(("success", f"{len(saved)} correction(s) saved."))


def _conflict(store, pending: Pending, loaded: pd.DataFrame) -> None:
    """Another analyst's edits beside the analyst's own, and the choice: re-apply on the current version, or drop."""
    ids = sorted(pending.mine)
    by_id = loaded.set_index("incident_id", drop=False)
    now = store.load(ids=ids, background=True, typed_columns=False).set_index("incident_id", drop=False)
    labels = {i: f"{i} · {by_id.loc[i, 'location'] or 'no place'}" if i in by_id.index else i for i in ids}
    st.session_state["review_typed"] = {"review_who": pending.who, "review_reason": pending.reason}
    names = sorted({c["who"] for c in pending.conflicts})
    st.warning(
        md(
            f"Not saved: {', '.join(names) or 'another analyst'} changed {'this incident' if len(ids) == 1 else 'these incidents'} "
            "after you loaded the table. Nothing of yours or theirs was overwritten. Compare, then re-apply your "
            "edits on the current version or drop them."
        ),
        icon=":material/sync_problem:",
    )
    # st.table, not st.dataframe: a static table wraps long values (a note, an excerpt) instead of cutting them off
    st.markdown("**What changed since you loaded the table**")
    st.table(pd.DataFrame(pending.theirs(labels)), hide_index=True)
    st.markdown("**Your edits (not saved)**")
    st.table(pd.DataFrame(pending.yours(by_id.to_dict("index"), now.to_dict("index"), labels)), hide_index=True)
    c1, c2 = st.columns(2)
    if c1.button("Re-apply mine on the current version", type="primary", key="conflict_reapply"):
        _save(store, pending)
    if c2.button("Drop mine", key="conflict_drop"):
        _reload(("info", "Your edits were dropped; the table shows the store as it is now."))


def _audit_trail(store) -> None:
    st.subheader("Audit trail")
    audit = store.audit()
    if audit.empty:
        st.caption("No corrections yet.")
    else:
        st.dataframe(audit, hide_index=True, width="stretch")
    st.subheader("Articles in the store")
    st.dataframe(store.articles(), hide_index=True, width="stretch")
