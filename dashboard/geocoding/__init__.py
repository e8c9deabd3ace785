"""Place names in, coordinates out: an offline GeoNames resolver behind geopy's interface.

    from dashboard.geocoding import get_resolver
    resolution = get_resolver().resolve("Sok", context=("AM", "AZ"))   # → Sotk, AM (fuzzy)
    resolutions = get_resolver().resolve_all(["Goris", "Sok", "Lachin"])  # context found from the names

``OfflineGeocoder`` and ``OnlineGeocoder`` (Nominatim, off by default) offer the same through geopy's
``geocode()``. See docs/geocoding.md.
"""

from __future__ import annotations

import threading

from dashboard.geocoding.base import METHODS, SOURCES, Place, Resolution
from dashboard.geocoding.resolver import Resolver

__all__ = [
    "METHODS",
    "SOURCES",
    "Place",
    "Resolution",
    "Resolver",
    "get_resolver",
    "OfflineGeocoder",
    "OnlineGeocoder",
]

_lock = threading.Lock()
_resolver: Resolver | None = None


def get_resolver() -> Resolver:
    """The process-wide resolver: loads the cached index (building it on first use, ~15 s)."""
    global _resolver
    if _resolver is None:
        with _lock:
            if _resolver is None:
                from dashboard.geocoding import gazetteer
                from dashboard.settings import cache_dir

                _resolver = Resolver(gazetteer.load(cache_dir()))
    return _resolver


def _reset_resolver() -> None:
    """Forget the process-wide resolver (tests that point DASHBOARD_CACHE_DIR elsewhere use it)."""
    global _resolver
    with _lock:
        _resolver = None


def __getattr__(name: str):
    # The geopy classes import geopy's adapters; keep ``import dashboard.geocoding`` light without them.
    if name == "OfflineGeocoder":
        from dashboard.geocoding.offline import OfflineGeocoder

        return OfflineGeocoder
    if name == "OnlineGeocoder":
        from dashboard.geocoding.online import OnlineGeocoder

        return OnlineGeocoder
    raise AttributeError(f"module 'dashboard.geocoding' has no attribute {name!r}")
