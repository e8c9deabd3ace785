"""The app's pages (Streamlit): the settings and the map page in; the navigation, each page behind its sign-in
gate, and who is signed in (sidebar) out.

The map page needs a reader (open unless sign-in is configured without open reading); Add article, Review & audit
and Events check for a writer themselves (dashboard/ui/signin.py), before any widget that writes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from dashboard.settings import Settings
from dashboard.ui import events_page, ingest_pages, review_page, signin


def _gated_map(settings: Settings, map_page: Callable[[Settings], None]) -> None:
    if signin.reader(settings):
        map_page(settings)


def run(settings: Settings, map_page: Callable[[Settings], None]) -> None:
    """Build the navigation, show who is signed in, and run the chosen page."""
    page = st.navigation(
        [
            st.Page(
                functools.partial(_gated_map, settings, map_page), title="Map", icon=":material/map:", default=True
            ),
            st.Page(
                functools.partial(ingest_pages.add_article_page, settings),
                title="Add article",
                icon=":material/post_add:",
                url_path="add-article",
            ),
            st.Page(
                functools.partial(review_page.review_page, settings),
                title="Review & audit",
                icon=":material/edit_note:",
                url_path="review",
            ),
            st.Page(
                functools.partial(events_page.events_page, settings),
                title="Events",
                icon=":material/join:",
                url_path="events",
            ),
        ]
    )
    signin.sidebar(settings)
    page.run()
