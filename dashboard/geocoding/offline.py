"""A query in, a ``geopy.location.Location`` out: the offline resolver behind geopy's ``Geocoder`` interface.

Code written against geopy (``geocoder.geocode(query)``) can use the offline GeoNames resolver
unchanged. ``Location.raw`` carries what the resolver knows: geonameid, country_code, admin1,
timezone, source, method, confidence and reason.
"""

from __future__ import annotations

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from dashboard.geocoding.base import Place, Resolution
from dashboard.geocoding.resolver import Resolver


def to_location(resolution: Resolution, place: Place | None = None) -> Location:
    """A geopy Location for a resolution's place (or one of its alternatives)."""
    place = place or resolution.place
    if place is None:
        raise ValueError(f"{resolution.query!r} is unresolved and has no location")
    is_best = place is resolution.place
    raw = {
        "query": resolution.query,
        "name": place.name,
        "geonameid": place.geonameid,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "population": place.population,
        "timezone": place.timezone,
        "source": place.source,
        "method": resolution.method if is_best else "alternative",
        "confidence": resolution.confidence if is_best else None,
        "reason": resolution.reason if is_best else None,
    }
    address = ", ".join(part for part in (place.name, place.admin1, place.country_code) if part)
    return Location(address, (place.latitude, place.longitude), raw)


class OfflineGeocoder(Geocoder):
    """geopy Geocoder over the offline GeoNames resolver; no network, no rate limit.

    ``context`` (or ``country_codes`` per call) gives the ISO countries the places are expected in.
    """

    def __init__(self, resolver: Resolver | None = None, *, context=(), **kwargs):
        super().__init__(**kwargs)
        self._resolver = resolver
        self.context = context

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            from dashboard.geocoding import get_resolver

            self._resolver = get_resolver()
        return self._resolver

    def resolve(self, query: str, country_codes=None) -> Resolution:
        """The full Resolution (method, confidence, reason, alternatives) for ``query``."""
        context = self.context if country_codes is None else country_codes
        return self.resolver.resolve(query, context=context)

    def geocode(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL, country_codes=None):
        """The best Location, or with ``exactly_one=False`` it and the runners-up; None when unresolved.

        ``timeout`` is accepted for geopy compatibility and ignored (nothing here waits).
        """
        resolution = self.resolve(query, country_codes)
        if not resolution.resolved:
            return None
        best = to_location(resolution)
        if exactly_one:
            return best
        return [best, *(to_location(resolution, alt) for alt in resolution.alternatives)]
