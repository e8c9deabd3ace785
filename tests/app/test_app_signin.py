"""Sign-in on the pages (AppTest): with [auth], every write needs a signed-in user whose identity is what the store
keeps; without [auth], a shared address turns every write off. (The real OpenID Connect flow: tests/e2e.)"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.settings import SEED_CSV
from dashboard.store.sqlite import Store
from tests.app.test_app import APP, count
from tests.conftest import ROOT
from tests.unit.ui.test_access import AUTH

ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "en_wire_border_clashes.txt"
ANA = {"is_logged_in": True, "email": "ana@example.org", "name": "Ana Analyst", "sub": "42"}
SIGNED_OUT = {"is_logged_in": False}


@pytest.fixture()
def store_env(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_INCIDENTS", raising=False)
    monkeypatch.delenv("DASHBOARD_OPEN_READING", raising=False)
    db = tmp_path / "incidents.db"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    Store(db).import_csv(SEED_CSV, who="test")
    return db


def _add_article_page():
    from dashboard.ui.ingest_pages import add_article_page

    add_article_page()


def _review_page():
    from dashboard.ui.review_page import review_page

    review_page()


def _events_page():
    from dashboard.settings import Settings
    from dashboard.ui.events_page import events_page

    events_page(Settings.from_env())


WRITE_PAGES = [_add_article_page, _review_page, _events_page]


def _page(fn, *, secrets=None, user=None) -> AppTest:
    at = AppTest.from_function(fn, default_timeout=60)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, at.exception
    return at


def _writing_widgets(at: AppTest) -> list[str]:
    """Every widget on the page except the Sign in button: none may exist while writing is not allowed."""
    kinds = ("text_input", "text_area", "button", "multiselect", "selectbox", "data_editor", "file_uploader")
    found = []
    for kind in kinds:
        found += [f"{kind}:{getattr(w, 'label', '')}" for w in at.get(kind) if getattr(w, "label", "") != "Sign in"]
    return found


@pytest.mark.parametrize("address", [None, "0.0.0.0", "192.168.1.10"])
def test_without_sign_in_a_shared_address_turns_every_write_page_off_with_how_to_configure_it(
    store_env, server_address, address
):
    server_address(address)
    before = store_env.read_bytes()
    for fn in WRITE_PAGES:
        at = _page(fn)
        assert len(at.warning) == 1, fn.__name__
        message = at.warning[0].value.replace("\\", "")
        assert "pages that write are turned off" in message and "docs/deploy.md" in message
        assert "[auth] section in .streamlit/secrets.toml" in message
        assert _writing_widgets(at) == [], fn.__name__
    assert store_env.read_bytes() == before
    # reading the map stays open, as before sign-in existed
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and count(at) > 0 and not at.warning


def test_with_sign_in_configured_a_signed_out_visitor_sees_the_prompt_and_no_widget_that_writes(store_env):
    for fn in WRITE_PAGES:
        at = _page(fn, secrets={"auth": AUTH}, user=SIGNED_OUT)
        assert at.info[0].value.startswith("Sign in to "), fn.__name__
        assert [b.label for b in at.button] == ["Sign in"] and _writing_widgets(at) == [], fn.__name__
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = SIGNED_OUT
    at.run()
    assert not at.exception and "Sign in to read the map" in at.info[0].value
    assert not [md for md in at.markdown if "in this window" in md.value]  # no incidents shown
    # the sidebar offers sign-in too; with open reading the map is there for anyone, writes still need sign-in
    assert "Sign in" in [b.label for b in at.sidebar.button]
    at.secrets["dashboard"] = {"open_reading": True}
    at.run()
    assert not at.exception and count(at) > 0


def test_a_signed_in_analyst_adds_an_article_as_themselves_with_no_name_to_type(store_env):
    at = _page(_add_article_page, secrets={"auth": AUTH}, user=ANA)
    assert "article_who" not in [t.key for t in at.text_input]
    assert any(
        "Your changes are kept as **Ana Analyst <ana@example.org>**" in m.value.replace("\\", "") for m in at.markdown
    )
    at.text_area(key="article_text").set_value(ARTICLE.read_text(encoding="utf-8"))
    next(b for b in at.button if b.label == "Add to the store").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert re.search(r"\d+ incidents added", at.success[0].value)
    articles = Store(store_env).articles()
    assert articles["added_by"].tolist() == ["test", "Ana Analyst <ana@example.org>"]


def test_a_signed_in_analysts_correction_is_kept_with_their_identity(store_env):
    at = _page(_review_page, secrets={"auth": AUTH}, user=ANA)
    assert "review_who" not in [t.key for t in at.text_input]
    at.session_state["review_table"] = {"edited_rows": {0: {"notes": "seen"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    next(b for b in at.button if b.label.startswith("Save")).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    audit = Store(store_env).audit()
    assert audit[["field", "new", "who"]].values.tolist() == [["notes", "seen", "Ana Analyst <ana@example.org>"]]
    shown = next(d.value for d in at.dataframe if "who" in d.value.columns)
    assert shown["who"].tolist() == ["Ana Analyst <ana@example.org>"]
    # and the sidebar says who is signed in, with Sign out
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"], at.user = AUTH, ANA
    at.run()
    assert any("Signed in as **Ana Analyst**" in c.value for c in at.sidebar.caption)
    assert "Sign out" in [b.label for b in at.sidebar.button] and count(at) > 0


def test_an_incomplete_auth_section_writes_nothing_and_says_what_is_missing(store_env, server_address):
    broken = {k: v for k, v in AUTH.items() if k != "client_secret"}
    for fn in WRITE_PAGES:
        at = _page(fn, secrets={"auth": broken}, user=ANA)
        assert "[auth] client_secret is missing" in at.warning[0].value.replace("\\", "")
        assert _writing_widgets(at) == []
