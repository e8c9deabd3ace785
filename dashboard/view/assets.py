"""Leaflet, its plugins and the basemap as local files: copies them to dashboard/ui/static, names their URLs.

Nothing is loaded from a CDN. Streamlit serves ``dashboard/ui/static`` at ``/app/static`` (static file
serving is on in ``.streamlit/config.toml``); the st_folium iframe lives at
``/component/streamlit_folium.st_folium/index.html``, so the relative base ``../../app/static``
works under any ``--server.baseUrlPath`` too.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet as xs_leaflet

from dashboard.errors import ConfigurationError
from dashboard.settings import DATA_DIR, STATIC_DIR

IFRAME_STATIC_BASE = "../../app/static"
_VENDOR = Path(__file__).resolve().parent / "vendor"


@dataclass(frozen=True)
class Asset:
    """One file to serve: where it comes from and its path below the static root."""

    source: Path
    path: str  # relative URL path below the static root


def _leaflet_images() -> list[Asset]:
    images = Path(xs_leaflet.BASE_DIR) / "images"
    return [Asset(p, f"vendor/leaflet/images/{p.name}") for p in sorted(images.glob("*.png"))]


LEAFLET_JS = Asset(Path(xs_leaflet.BASE_DIR) / "leaflet.js", "vendor/leaflet/leaflet.js")
LEAFLET_CSS = Asset(Path(xs_leaflet.BASE_DIR) / "leaflet.css", "vendor/leaflet/leaflet.css")
TOPOJSON_JS = Asset(_VENDOR / "topojson-client.min.js", "vendor/topojson/topojson-client.min.js")
BASEMAP = Asset(DATA_DIR / "basemap" / "countries-10m.json", "basemap/countries-10m.json")
INCIDENT_LAYER_JS = Asset(Path(__file__).resolve().parent / "js" / "incident_layer.js", "js/incident_layer.js")

MAP_JS = (LEAFLET_JS, TOPOJSON_JS, INCIDENT_LAYER_JS)
OWN_CODE = (INCIDENT_LAYER_JS,)  # changes with the Python that feeds it (the vendored files change with their version)
MAP_CSS = (LEAFLET_CSS,)


def all_assets() -> list[Asset]:
    return [*MAP_JS, *MAP_CSS, *_leaflet_images(), BASEMAP]


def _digest(assets: list[Asset]) -> str:
    h = hashlib.sha256()
    for a in assets:
        h.update(a.path.encode())
        h.update(a.source.read_bytes())
    return h.hexdigest()[:16]


def prepare_static(dest: Path = STATIC_DIR) -> Path:
    """Copy every asset below ``dest`` (idempotent); a stamp file skips the copy when nothing changed.

    The new tree is written beside the old one and swapped in with a rename, so a running server never
    sees a half-copied folder.
    """
    assets = all_assets()
    missing = [str(a.source) for a in assets if not a.source.is_file()]
    if missing:
        raise ConfigurationError(f"map assets are missing: {', '.join(missing)} (reinstall requirements.txt)")
    stamp = _digest(assets)
    if (dest / ".stamp").is_file() and (dest / ".stamp").read_text() == stamp:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".static-", dir=dest.parent))
    for a in assets:
        target = tmp / a.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(a.source, target)
    (tmp / ".stamp").write_text(stamp)
    old = dest.with_name(dest.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        os.replace(dest, old)
    os.replace(tmp, dest)
    shutil.rmtree(old, ignore_errors=True)
    return dest


def url(asset: Asset, base: str = IFRAME_STATIC_BASE) -> str:
    """The asset's URL; our own code carries its content hash, so a browser never runs a cached older copy."""
    if asset in OWN_CODE:
        return f"{base}/{asset.path}?v={_content_hash(asset.source)}"
    return f"{base}/{asset.path}"


@cache
def _content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@cache
def data_url(asset: Asset) -> str:
    """The asset inlined as a ``data:`` URL, for standalone HTML that must open with no server."""
    mime = mimetypes.guess_type(asset.path)[0] or "application/octet-stream"
    if asset.path.endswith(".js"):
        mime = "text/javascript"
    return f"data:{mime};base64,{base64.b64encode(asset.source.read_bytes()).decode()}"
