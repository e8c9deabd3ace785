"""A briefing page (HTML) in, a PNG out: rendered by Debian's headless Chromium through Playwright, offline."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dashboard.errors import ConfigurationError, InputError, RenderError
from dashboard.settings import Settings

INSTALL_HINT = "install it with 'apt-get install -y chromium' (Debian), or set CHROMIUM=/path/to/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]

# In the page: wait for the basemap, then report where Leaflet put each incident marker, in CSS pixels.
_MARKERS_JS = """() => {
  const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]).find(v => v instanceof L.Map);
  const box = map.getContainer().getBoundingClientRect(), out = [];
  map.eachLayer(l => { if (l instanceof L.CircleMarker && !(l instanceof L.Circle) && l.feature) {
    const p = map.latLngToContainerPoint(l.getLatLng());
    out.push({id: l.feature.id, x: box.left + p.x, y: box.top + p.y, colour: l.options.fillColor}); } });
  return {markers: out, zoom: map.getZoom(), center: map.getCenter()};
}"""


@dataclass
class Snapshot:
    path: Path
    width: int
    height: int
    scale: float
    markers: list[dict] = field(default_factory=list)  # id, x, y (image pixels), colour
    zoom: float | None = None
    blocked: list[str] = field(default_factory=list)


def chromium_path(settings: Settings | None = None) -> str:
    """The Chromium to drive (``CHROMIUM``, default /usr/bin/chromium); a ConfigurationError when it is missing."""
    path = (settings or Settings.from_env()).chromium
    if not path.exists():
        raise ConfigurationError(f"Chromium is needed for PNG snapshots and was not found at {path}: {INSTALL_HINT}")
    return str(path)


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError as err:
        raise InputError(f"--size {text!r} is not WIDTHxHEIGHT (expected e.g. 1920x1080)") from err
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise InputError(f"--size {text!r} is out of range (320x240 to 8000x8000)")
    return w, h


def render_png(
    page_html: str,
    out: Path,
    size: tuple[int, int] = (1920, 1080),
    scale: float = 1.0,
    timeout_ms: int = 20_000,
    settings: Settings | None = None,
) -> Snapshot:
    """Photograph ``page_html`` at ``size`` CSS pixels × ``scale``; no request may leave the page."""
    if not 0.5 <= scale <= 4:
        raise InputError(f"--scale {scale!r} is out of range (0.5 to 4)")
    executable = str(chromium_path(settings))
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise ConfigurationError("Playwright is needed for PNG snapshots: pip install -r requirements.txt") from err
    snap = Snapshot(Path(out), int(size[0] * scale), int(size[1] * scale), scale)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": size[0], "height": size[1]}, device_scale_factor=scale)

                def route(r):
                    if r.request.url.startswith(("data:", "about:", "blob:")):
                        r.continue_()
                    else:
                        snap.blocked.append(r.request.url)
                        r.abort()

                page.route("**/*", route)
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.set_content(page_html, wait_until="load", timeout=timeout_ms)
                page.wait_for_function("window.basemapReady === true", timeout=timeout_ms)
                info = page.evaluate(_MARKERS_JS)
                page.screenshot(path=str(out), animations="disabled")
            finally:
                browser.close()
    except PlaywrightError as err:
        raise RenderError(f"Chromium could not render the snapshot: {err}") from err
    if errors:
        raise RenderError(f"the map page raised a JavaScript error: {errors[0]}")
    if snap.blocked:
        raise RenderError(f"the map page tried to reach the network: {snap.blocked[:3]}")
    snap.markers = [{**m, "x": m["x"] * scale, "y": m["y"] * scale} for m in info["markers"]]
    snap.zoom = info["zoom"]
    return snap
