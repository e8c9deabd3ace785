"""Sign-in in a real browser: a ``streamlit run`` whose secrets point at a local OpenID Connect provider
(oidc-provider-mock, loopback); an analyst signs in through its form, adds an article and corrects an incident, and
the store and the audit trail keep their identity; signed out, no page offers anything that writes."""

from __future__ import annotations

import re

import pytest

from dashboard.settings import SEED_CSV
from dashboard.store.sqlite import Store
from dashboard.testing.devserver import StreamlitServer
from dashboard.testing.oidc import OidcProvider
from dashboard.ui.review_page import REVIEW_COLUMNS
from tests.conftest import ROOT
from tests.e2e.conftest import save_screenshot, wait_for_app_run
from tests.e2e.grid import edit_cell, grid

APP = ROOT / "dashboard" / "ui" / "app.py"
ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "en_wire_border_clashes.txt"
ANA = {"sub": "ana-7f3", "email": "ana@example.org", "name": "Ana Analyst"}
ANA_WHO = "Ana Analyst <ana@example.org>"
WRITE_PAGES = {"add-article": "add articles", "review": "review and correct incidents", "events": "merge and split"}
# The provider's form asks a CDN for its stylesheet (the browser refuses it); our pages ask for nothing outside.
PROVIDER_CSS = "https://cdn.jsdelivr.net/npm/@picocss/pico@2/css/pico.min.css"


@pytest.fixture(scope="module")
def signin_server(tmp_path_factory):
    """The provider and an app signing in through it, on a seeded store of its own; both always stopped."""
    where = tmp_path_factory.mktemp("signin")
    db = where / "incidents.db"
    Store(db).import_csv(SEED_CSV, who="seed")
    provider = OidcProvider([ANA], where / "oidc.log")
    try:
        server = StreamlitServer(
            APP,
            {"DASHBOARD_DB": str(db), "DASHBOARD_INCIDENTS": "", "DASHBOARD_OPEN_READING": ""},
            where / "streamlit.log",
            secrets=provider.secrets_toml(where / "secrets.toml"),
            timeout=60,
        )
    except BaseException:
        provider.stop()
        raise
    yield server, provider, db
    server.stop()
    provider.stop()


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app_run(page)


def _main(page):
    return page.locator("[data-testid=stMain]")


def _nothing_that_writes(page) -> None:
    main = _main(page)
    assert main.locator("textarea, input, [data-testid=stDataFrame], [data-testid=stFileUploader]").count() == 0
    assert [b.strip() for b in main.get_by_role("button").all_inner_texts()] == ["Sign in"]


def _only_expected_404s(page, missing: list[str], provider) -> None:
    """No JS error but the 404s a browser logs when Streamlit, opened at a page's URL (/review), probes for its
    base path (/review/_stcore/health), the provider's missing favicon, and the refused stylesheet."""
    unexpected = [
        u for u in missing if not (re.search(r"/[a-z-]+/_stcore/", u) or u.startswith(f"{provider.url}/favicon"))
    ]
    refused = [e for e in page.watch.errors if "net::ERR_FAILED" in e]  # one per request the route refused
    other_errors = [e for e in page.watch.errors if "status of 404" not in e and "net::ERR_FAILED" not in e]
    assert not unexpected and not other_errors and len(refused) <= len(page.watch.external), (
        unexpected,
        page.watch.errors,
    )


def test_an_analyst_signs_in_adds_an_article_and_corrects_an_incident_as_themselves(signin_server, page):
    server, provider, db = signin_server
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    _open(page, f"{server.url}/add-article")
    _main(page).get_by_text("Sign in to add articles").wait_for()
    _nothing_that_writes(page)
    save_screenshot(page, "signin_1_prompt.png")

    _main(page).get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider.url}/oauth2/authorize?*")
    save_screenshot(page, "signin_2_provider.png")
    page.locator(f"button[value='{ANA['sub']}']").click()  # the provider's one-click login for a given user
    page.wait_for_url(f"{server.url}/**")
    wait_for_app_run(page)
    assert page.locator("[data-testid=stSidebar]").get_by_text("Signed in as Ana Analyst").is_visible()

    _open(page, f"{server.url}/add-article")
    main = _main(page)
    main.get_by_text(f"Your changes are kept as {ANA_WHO}").wait_for()
    assert main.get_by_label(re.compile("Your name")).count() == 0  # nothing to type: the identity is the name
    main.get_by_label("Article text").fill(ARTICLE.read_text(encoding="utf-8"))
    main.get_by_role("button", name="Add to the store").click()
    main.get_by_text(re.compile(r"\d+ incidents added")).wait_for(timeout=60_000)
    save_screenshot(page, "signin_3_added.png")
    assert Store(db).articles()["added_by"].tolist() == ["seed", ANA_WHO]

    _open(page, f"{server.url}/review")
    first = Store(db).load(background=True)["incident_id"].iloc[0]
    edit_cell(page, grid(page, 0), 0, REVIEW_COLUMNS.index("notes"), "checked by Ana")
    wait_for_app_run(page)
    main.get_by_role("button", name="Save 1 correction(s)").click()
    main.get_by_text("1 correction(s) saved.").wait_for()
    wait_for_app_run(page)
    audit_grid = grid(page, 1)  # the audit trail, under the editor
    audit_grid.locator("td", has_text=ANA_WHO).first.wait_for(state="attached")
    save_screenshot(page, "signin_4_audit.png")
    audit = Store(db).audit()
    assert audit[["incident_id", "field", "new", "who"]].values.tolist() == [
        [first, "notes", "checked by Ana", ANA_WHO]
    ]

    # Sign out: the identity cookie goes; the provider ends its session and sends the browser back
    page.locator("[data-testid=stSidebar]").get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{provider.url}/oauth2/end_session?*")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{server.url}/**")
    _open(page, f"{server.url}/review")
    _main(page).get_by_text("Sign in to review and correct incidents").wait_for()
    _nothing_that_writes(page)
    assert set(page.watch.external) <= {PROVIDER_CSS}
    _only_expected_404s(page, missing, provider)


def test_signed_out_no_page_offers_a_write_and_the_map_asks_to_sign_in(signin_server, page):
    server, provider, db = signin_server
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    before = (Store(db).articles()["article_id"].tolist(), len(Store(db).audit()))
    for path, action in WRITE_PAGES.items():
        _open(page, f"{server.url}/{path}")
        _main(page).get_by_text(f"Sign in to {action}").wait_for()
        _nothing_that_writes(page)
    _open(page, server.url)  # reading is not left open here (no open_reading)
    _main(page).get_by_text("Sign in to read the map").wait_for()
    _nothing_that_writes(page)
    assert page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 0
    assert (Store(db).articles()["article_id"].tolist(), len(Store(db).audit())) == before
    assert not page.watch.external
    _only_expected_404s(page, missing, provider)
