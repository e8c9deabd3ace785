"""No lost edits in a real browser: two sessions (browser contexts) open Review & audit on one store and edit the same
incident; the first saves, the second is told who changed what, and re-applies theirs on the new version."""

from __future__ import annotations

import pytest

from dashboard.settings import SEED_CSV
from dashboard.store.sqlite import Store
from dashboard.testing.devserver import StreamlitServer
from dashboard.ui.review_page import REVIEW_COLUMNS
from tests.conftest import ROOT
from tests.e2e.conftest import save_screenshot, wait_for_app_run
from tests.e2e.grid import edit_cell, grid

NOTES = REVIEW_COLUMNS.index("notes")


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    where = tmp_path_factory.mktemp("conflict")
    db = where / "incidents.db"
    Store(db).import_csv(SEED_CSV, who="seed")
    server = StreamlitServer(
        ROOT / "dashboard" / "ui" / "app.py",
        {"DASHBOARD_DB": str(db), "DASHBOARD_INCIDENTS": ""},
        where / "streamlit.log",
        timeout=60,
    )
    yield server, db
    server.stop()


def _open_review(page, url: str, name: str) -> None:
    page.goto(f"{url}/review")
    wait_for_app_run(page)
    field = page.get_by_label("Your name")
    field.fill(name)
    field.press("Enter")
    wait_for_app_run(page)


def _rows(table) -> list[list[str]]:
    return [[t.strip() for t in tr.locator("td, th").all_inner_texts()] for tr in table.locator("tbody tr").all()]


def _edit_and_save(page, text: str) -> None:
    edit_cell(page, grid(page, 0), 0, NOTES, text)
    wait_for_app_run(page)
    page.get_by_role("button", name="Save 1 correction(s)").click()
    wait_for_app_run(page)


def test_the_second_analyst_is_told_who_changed_what_and_nothing_is_lost(review_server, new_page):
    server, db = review_server
    iid = Store(db).load(background=True)["incident_id"].iloc[0]
    ann, bo = new_page(), new_page()
    _open_review(ann, server.url, "Ann")
    _open_review(bo, server.url, "Bo")

    _edit_and_save(bo, "Bo: confirmed by a second outlet")
    bo.get_by_text("1 correction(s) saved.").wait_for()

    _edit_and_save(ann, "Ann: the ministry's own words")
    ann.get_by_text("Not saved: Bo changed this incident after you loaded the table").wait_for()
    ann.locator("[data-testid=stTable] tbody tr").nth(1).wait_for()  # both tables drawn
    theirs, yours = ann.locator("[data-testid=stTable]").all()
    assert _rows(theirs)[0][1:3] == ["notes", "Bo"] and _rows(theirs)[0][5] == "Bo: confirmed by a second outlet"
    assert _rows(yours)[0][1:4] == [
        "notes",
        "Ann: the ministry's own words",
        "Bo: confirmed by a second outlet",
    ]
    assert ann.get_by_role("button", name="Save 1 correction(s)").count() == 0  # nothing to save over Bo's
    save_screenshot(ann, "conflict_message.png")
    assert Store(db).audit()[["incident_id", "new", "who"]].values.tolist() == [
        [iid, "Bo: confirmed by a second outlet", "Bo"]
    ]

    ann.get_by_role("button", name="Re-apply mine on the current version").click()
    ann.get_by_text("1 correction(s) saved.").wait_for()
    wait_for_app_run(ann)
    save_screenshot(ann, "conflict_reapplied.png")
    store = Store(db)
    audit = store.audit()
    assert audit[["incident_id", "field", "old", "new", "who"]].values.tolist() == [
        [iid, "notes", "Bo: confirmed by a second outlet", "Ann: the ministry's own words", "Ann"],
        [iid, "notes", audit["old"].iloc[1], "Bo: confirmed by a second outlet", "Bo"],
    ]  # one row per applied correction, Bo's old → new kept
    assert store.load(ids=[iid]).iloc[0]["notes"] == "Ann: the ministry's own words"
    for page in (ann, bo):
        assert not page.watch.external and not [e for e in page.watch.errors if "status of 404" not in e]


def test_through_a_proxy_a_loopback_server_without_sign_in_offers_no_write(review_server, new_page):
    """What a reverse proxy in front of ``--server.address 127.0.0.1`` adds to each request (X-Forwarded-For) turns
    the write pages off when no sign-in is configured: the proxy, not this machine, is where the browser is."""
    server, db = review_server
    before = len(Store(db).audit())
    page = new_page()
    page.set_extra_http_headers({"X-Forwarded-For": "203.0.113.5"})
    page.goto(f"{server.url}/review")
    wait_for_app_run(page)
    message = page.locator("[data-testid=stAlertContentWarning]")
    message.wait_for()
    assert "this request came through a proxy (its x-forwarded-for header)" in message.inner_text()
    assert "docs/deploy.md" in message.inner_text()
    main = page.locator("[data-testid=stMain]")
    assert main.locator("textarea, input, [data-testid=stDataFrame]").count() == 0
    assert main.get_by_role("button").count() == 0 and len(Store(db).audit()) == before
