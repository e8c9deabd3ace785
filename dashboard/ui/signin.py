"""Sign-in on the pages (Streamlit): the bound address, the secrets and ``st.user`` in; the Sign in prompt, the
"writes are turned off" message, or who is signed in, out.

The decision is dashboard/ui/access.py's (no Streamlit there). Pages that write call ``writer`` first and render
nothing else when it returns None, so a signed-out visitor never gets a widget that writes.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.errors import ConfigurationError
from dashboard.settings import Settings
from dashboard.ui import access
from dashboard.view.excerpts import md_escape as md


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError as err:  # Streamlit's "no secrets" is a FileNotFoundError; so is "cannot parse"
        files = [Path(f) for f in st.get_option("secrets.files") or ()]
        broken = [str(f) for f in files if f.is_file()]
        if broken:  # a file is there but unreadable: never fall back to "no sign-in configured"
            raise ConfigurationError(f"cannot read the secrets file {', '.join(broken)}: {err}") from err
        return {}


def current(settings: Settings | None = None) -> access.Access:
    """This session's access (stops the page with the reason when the configuration is wrong)."""
    settings = settings or Settings.from_env()
    try:
        return access.decide(
            address=st.get_option("server.address"),
            secrets=_secrets(),
            user=st.user.to_dict(),
            environ_open_reading=settings.open_reading,
            headers=st.context.headers.to_dict(),
        )
    except ConfigurationError as err:
        st.error(md(err))
        st.stop()


def writer(action: str, settings: Settings | None = None) -> access.Access | None:
    """The access of a session that may ``action`` ("add articles"), or None after saying why it may not."""
    acc = current(settings)
    if acc.can_write:
        return acc
    _blocked(acc, action)
    return None


def reader(settings: Settings | None = None) -> bool:
    """True when this session may read the map; otherwise says why (and offers Sign in) and returns False."""
    acc = current(settings)
    if acc.can_read:
        return True
    _blocked(acc, "read the map")
    return False


def _blocked(acc: access.Access, action: str) -> None:
    if acc.needs_sign_in:
        st.info(md(acc.blocked_message(action)))
        if st.button("Sign in", type="primary", key="sign_in_prompt"):
            st.login(acc.provider)
    else:
        st.warning(md(acc.blocked_message(action)), icon=":material/lock:")


def sidebar(settings: Settings | None = None) -> None:
    """Who is signed in and Sign out, or Sign in, at the bottom of the sidebar (nothing without [auth])."""
    acc = current(settings)
    if acc.mode != "sign-in":
        return
    if acc.user is not None:
        st.sidebar.caption(f"Signed in as **{md(acc.user.name or acc.user.id)}** · {md(acc.user.id)}")
        if st.sidebar.button("Sign out", key="sign_out"):
            st.logout()
    elif acc.needs_sign_in and st.sidebar.button("Sign in", key="sign_in_sidebar"):
        st.login(acc.provider)


def who_input(acc: access.Access, column, key: str, label: str = "Your name") -> str:
    """The name kept with a write: the signed-in identity (shown, not typed), or a typed name on a local server."""
    if acc.typed_name:
        return column.text_input(label, key=key)
    column.markdown(f"Your changes are kept as **{md(acc.user.who)}**")
    return acc.user.who
