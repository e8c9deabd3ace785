"""Streamlit pages for the analyst's loop: "Add article" (text → incidents → store) and "Review & audit".

Page helpers of app.py: widgets only. Extraction is dashboard.cli.ingest / dashboard.ingest.extract; storage,
validation and the audit trail are dashboard.store.sqlite.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.errors import DashboardError, InputError
from dashboard.models import EVENT_TYPES, TIME_PRECISIONS
from dashboard.settings import Settings
from dashboard.store import source as datasource
from dashboard.ui import signin
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


def _writable_source() -> datasource.Source | None:
    src = datasource.from_env()
    if not src.writable:
        st.info(
            f"This dashboard shows a read-only CSV file ({md(src.path)}, from DASHBOARD_INCIDENTS). "
            "Start it without DASHBOARD_INCIDENTS to add articles and review incidents in the store."
        )
        return None
    return src


def _upload_text(upload) -> str:
    """An uploaded file's text, by the same rules as ``ingest`` reads a file (size, binary, NUL, UTF-8)."""
    from dashboard.ingest.articles import decode

    return decode(upload.getvalue(), upload.name)


def add_article_page(settings: Settings | None = None) -> None:
    from dashboard.cli.ingest import ingest_text, prepare_text

    st.title("Add article")
    acc = signin.writer("add articles", settings)
    if acc is None:
        return
    src = _writable_source()
    if src is None:
        return
    st.caption(
        "Paste a news report (Indonesian or English) or upload a .txt file. Places, times, claims and event "
        "types are extracted offline; check them in Review & audit."
    )
    with st.form("add_article"):
        text = st.text_area("Article text", height=240, key="article_text")
        upload = st.file_uploader("…or a .txt file (UTF-8, at most 5 MB)", type=["txt"], key="article_file")
        c1, c2 = st.columns(2)
        title = c1.text_input("Title (default: the first line)", key="article_title")
        publisher = c2.text_input("Publisher", key="article_publisher")
        source_url = c1.text_input("Source URL", key="article_url")
        published = c2.text_input("Published (YYYY-MM-DD; the year is inferred when empty)", key="article_published")
        language = c1.selectbox("Language", ["auto", "id", "en"], key="article_language")
        who = signin.who_input(acc, c2, "article_who", "Your name (kept with what you add)")
        b1, b2 = st.columns(2)
        preview = b1.form_submit_button("Preview")
        add = b2.form_submit_button("Add to the store", type="primary")
    if not (preview or add):
        return
    meta = {
        k: v.strip() or None
        for k, v in dict(title=title, publisher=publisher, source_url=source_url, published=published).items()
    }
    bar = st.progress(0.0, text="starting")
    try:
        body = _upload_text(upload) if upload is not None else text
        if not body.strip():
            raise InputError("the article is empty: paste its text or upload a .txt file")
        progress = lambda step, fraction: bar.progress(min(max(fraction, 0.0), 1.0), text=step)  # noqa: E731
        if preview:
            extraction = prepare_text(body, language=language, progress=progress, **meta)
            rows = pd.DataFrame(extraction.rows())
            bar.progress(1.0, text="done: nothing stored")
            st.subheader(f"{len(rows)} incidents would be added")
            st.caption(md(f"year: {extraction.year_how}"))
            if len(rows):
                st.dataframe(
                    rows[
                        [
                            "location",
                            "place",
                            "start_utc",
                            "end_utc",
                            "time_precision",
                            "claimed_by",
                            "sub_event_type",
                            "excerpt",
                        ]
                    ],
                    hide_index=True,
                    width="stretch",
                )
            return
        done = ingest_text(
            body, store=src.store(), language=language, who=who.strip() or "app", progress=progress, **meta
        )
    except DashboardError as err:
        bar.empty()
        st.error(md(err))
        return
    bar.progress(1.0, text="done")
    if done.stored.already_stored:
        st.info("This article is already in the store: nothing was added.")
    else:
        st.success(f"{done.stored.added} incidents added. They are on the map; check them in Review & audit.")


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


def apply_corrections(store, changes: dict[str, dict[str, str]], *, who: str, reason: str, context=()) -> list[dict]:
    """Store each incident's corrections; a new ``place`` is geocoded so its coordinates come from the gazetteer."""
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
    return store.correct_many(resolved, who=who.strip(), reason=reason.strip())


def review_page(settings: Settings | None = None) -> None:
    st.title("Review & audit")
    acc = signin.writer("review and correct incidents", settings)
    if acc is None:
        return
    src = _writable_source()
    if src is None:
        return
    store = src.store()
    df = store.load(background=True, typed_columns=False)
    if df.empty:
        st.info(
            "The store holds no incidents yet: add an article on the Add article page, or fill it with the seed "
            "article's hand-coded incidents (`python -m dashboard seed`; `make run` does it)."
        )
        _audit_trail(store)
        return
    st.caption(
        "Edit a cell to correct it; 'place' is re-geocoded. Each correction is kept with who, when and "
        "old → new, and a later ingest never overwrites it. Excerpts and ids are the evidence and stay fixed."
    )
    view = df[REVIEW_COLUMNS].copy()
    view["background"] = view["background"].astype(bool)
    subs = sorted({s for group in EVENT_TYPES.values() for s in group})
    edited = st.data_editor(
        view,
        key="review_table",
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
    saved_before = st.session_state.pop("review_saved", None)
    if saved_before is not None:
        st.success(f"{saved_before} correction(s) saved.")
    c1, c2, c3 = st.columns([2, 3, 2])
    who = signin.who_input(acc, c1, "review_who")
    reason = c2.text_input("Reason (optional)", key="review_reason")
    if c3.button(
        f"Save {sum(len(v) for v in changes.values())} correction(s)",
        type="primary",
        disabled=not changes,
        key="review_save",
    ):
        try:
            context = tuple(sorted({c for c in df["country_code"] if c}))
            saved = apply_corrections(store, changes, who=who, reason=reason, context=context)
        except DashboardError as err:
            st.error(md(err))
        else:
            # Shown after the rerun that resets the table: a message written before st.rerun() is never seen.
            st.session_state["review_saved"] = len(saved)
            del st.session_state["review_table"]
            st.rerun()
    _audit_trail(store)


def _audit_trail(store) -> None:
    st.subheader("Audit trail")
    audit = store.audit()
    if audit.empty:
        st.caption("No corrections yet.")
    else:
        st.dataframe(audit, hide_index=True, width="stretch")
    st.subheader("Articles in the store")
    st.dataframe(store.articles(), hide_index=True, width="stretch")
