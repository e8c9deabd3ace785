"""The "Add article" page (Streamlit): an article's text and metadata in; a preview of its incidents, or them in
the store, out. ("Review & audit" is review_page.py.)

Widgets only: extraction is dashboard.cli.ingest / dashboard.ingest.extract; storage and validation are the store's.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.errors import DashboardError, InputError
from dashboard.settings import Settings
from dashboard.store import source as datasource
from dashboard.ui import access, signin
from dashboard.view.excerpts import md_escape as md


def writer_page(title: str, action: str, settings: Settings | None) -> tuple[access.Access, datasource.Source] | None:
    """A page that writes to the store: its title, then who may ``action`` and the store they write to; None
    after saying why not (not signed in as a writer, or a read-only CSV shown)."""
    st.title(title)
    acc = signin.writer(action, settings)
    if acc is None:
        return None
    src = datasource.from_settings(settings or Settings.from_env())
    if not src.writable:
        st.info(
            f"This dashboard shows a read-only CSV file ({md(src.path)}, from DASHBOARD_INCIDENTS). "
            "Start it without DASHBOARD_INCIDENTS to add articles and review incidents in the store."
        )
        return None
    return acc, src


def _upload_text(upload) -> str:
    """An uploaded file's text, by the same rules as ``ingest`` reads a file (size, binary, NUL, UTF-8)."""
    from dashboard.ingest.articles import decode

    return decode(upload.getvalue(), upload.name)


def add_article_page(settings: Settings | None = None) -> None:
    from dashboard.cli.ingest import ingest_text, prepare_text

    page = writer_page("Add article", "add articles", settings)
    if page is None:
        return
    acc, src = page
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
