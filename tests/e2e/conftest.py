"""A real ``streamlit run`` on a free port, and Debian's headless Chromium that may talk only to loopback."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard.testing.devserver import StreamlitServer
from dashboard.view.assets import prepare_static
from tests.conftest import INCIDENTS, ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
ARTIFACTS = ROOT / "artifacts"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}

_HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before -m selects: the mark must be on the items by then
def pytest_collection_modifyitems(items):
    """Every test under tests/e2e needs the browser (``-m browser``), whether or not its module says so.

    (A ``pytestmark`` in a conftest marks nothing: pytest reads it from test modules only.)
    """
    for item in items:
        if _HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


class Server(StreamlitServer):
    """``streamlit run dashboard/ui/app.py`` showing ``incidents`` (a CSV), its output kept for the failure message."""

    def __init__(self, incidents: Path, log: Path):
        super().__init__(ROOT / "dashboard" / "ui" / "app.py", {"DASHBOARD_INCIDENTS": str(incidents)}, log, timeout=60)


@pytest.fixture(scope="session")
def start_server(tmp_path_factory):
    """Start (once per incidents file) a real server; all are stopped at the end of the session."""
    prepare_static()
    servers: dict[Path, Server] = {}

    def start(incidents: Path = INCIDENTS) -> Server:
        if incidents not in servers:
            servers[incidents] = Server(incidents, tmp_path_factory.mktemp("server") / "streamlit.log")
        return servers[incidents]

    yield start
    for s in servers.values():
        s.stop()


@pytest.fixture(scope="session")
def app_url(start_server) -> str:
    return start_server().url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"browser tests need Chromium at {CHROMIUM}: run 'apt-get install -y chromium' (or set CHROMIUM)")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
        yield b
        b.close()


class Watch:
    """What a page tried to fetch from outside loopback, and every JS error it raised."""

    def __init__(self):
        self.external: list[str] = []
        self.errors: list[str] = []


def open_page(browser, viewport=(1500, 1400)):
    """A page in a new browser context (its own cookies: a separate session) that may talk only to loopback:
    every other request is refused and listed in ``page.watch.external``, every JS error in ``page.watch.errors``."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    watch = Watch()

    def route(r):
        host = urlparse(r.request.url).hostname or ""
        if r.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            r.continue_()
        else:
            watch.external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("pageerror", lambda e: watch.errors.append(f"pageerror: {e}"))
    pg.on("console", lambda m: watch.errors.append(f"console: {m.text}") if m.type == "error" else None)
    pg.watch = watch
    return pg


@pytest.fixture()
def page(browser):
    pg = open_page(browser)
    yield pg
    pg.context.close()


@pytest.fixture()
def new_page(browser):
    """``new_page()`` opens another separate session (browser context); all are closed after the test."""
    pages = []

    def make(**kwargs):
        pages.append(open_page(browser, **kwargs))
        return pages[-1]

    yield make
    for pg in pages:
        pg.context.close()


def wait_for_app_run(page, timeout: float = 30_000) -> None:
    """As Streamlit's own e2e tests do: connected, script not running, no skeleton left."""
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_selector("[data-testid=stSkeleton]", state="detached", timeout=timeout)


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    print(f"\nscreenshot: {path}")
    return path


# The incident markers the map draws (on a canvas, so there is no DOM node per marker): every
# L.CircleMarker with a GeoJSON feature, where the canvas puts it, and what it is drawn with.
MARKERS_JS = """() => {
  const map = window.map || Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])
    .find(v => v instanceof L.Map);
  if (!map) return null;
  const out = [];
  map.eachLayer(l => { if (l instanceof L.CircleMarker && !(l instanceof L.Circle) && l.feature) {
    const p = map.latLngToContainerPoint(l.getLatLng());
    out.push({id: l.feature.properties.incident_id, n: l.feature.properties.n, x: p.x, y: p.y,
              colour: l.options.fillColor, hollow: !!l.options.hollow, shape: l.options.shape, drawn: !!(l._renderer && l._renderer._container && l._renderer._map)}); } });
  return out;
}"""


def map_frame(page):
    """The st_folium iframe as a Playwright Frame (for waiting and evaluating inside it)."""
    return page.locator(IFRAME).element_handle(timeout=20_000).content_frame()


def wait_for_markers(page, ids=None, count: int | None = None, timeout: float = 20_000) -> list[dict]:
    """Until the map draws exactly the incidents ``ids`` (or ``count`` of them); their positions in page pixels."""
    frame = map_frame(page)
    # ... and until they stay put for two frames (fitBounds may still be animating the view)
    frame.wait_for_function(
        "([js, ids, count]) => { const m = eval(js)(); if (!m || !m.every(x => x.drawn)) return false;"
        " const got = m.map(x => x.id).sort();"
        " if (!(ids ? JSON.stringify(got) === JSON.stringify(ids) : got.length === count)) return false;"
        " const where = JSON.stringify(m.map(x => [x.x, x.y])), still = where === window.__markersWere;"
        " window.__markersWere = where; return still && !window.map._animatingZoom; }",
        arg=[MARKERS_JS, sorted(ids) if ids is not None else None, count],
        polling="raf",
        timeout=timeout,
    )
    box = page.locator(IFRAME).bounding_box()
    return [{**m, "x": box["x"] + m["x"], "y": box["y"] + m["y"]} for m in frame.evaluate(MARKERS_JS)]


def hover(page, x: float, y: float) -> None:
    """Move the mouse to (x, y) so that the map's canvas sees it: Leaflet drops a move that comes within
    32 ms of the one it last handled (``_mouseHoverThrottled``), so wait until it listens again."""
    map_frame(page).wait_for_function(
        "() => !(window.incidentRenderer && window.incidentRenderer._mouseHoverThrottled)"
    )
    page.mouse.move(x, y)
