"""Names in, Resolutions out, asking Nominatim (geopy's own backend) where the offline resolver is unsure.

Off by default (``geocode --online`` turns it on). The offline resolver answers first; Nominatim is
asked only for names that came back unresolved, fuzzy or below ``ASK_BELOW_CONFIDENCE``, so a
document costs a few requests rather than one per name. The usage policy of
nominatim.openstreetmap.org is kept by construction:

* one request per second at most: ``geopy.extra.rate_limiter.RateLimiter(min_delay_seconds=1)``;
* a real User-Agent naming this application, from ``DASHBOARD_NOMINATIM_USER_AGENT``; without one
  the geocoder refuses to be built (``ConfigurationError``), as geopy's Nominatim refuses its default;
* each (name, countries) pair is asked once: answers, empty ones included, are kept in SQLite under
  ``cache_dir()/nominatim.sqlite``;
* ``countrycodes`` comes from the context, so answers stay inside the countries of the document.

When the service cannot be reached, the offline result is kept with a note, and the rest of the
batch does not wait on the network again. OpenStreetMap data is ODbL; attribute it when shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlsplit

from geopy.exc import ConfigurationError as GeopyConfigurationError
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from dashboard.errors import ConfigurationError, GeocoderError
from dashboard.geocoding.base import Place, Resolution, parse_context
from dashboard.geocoding.cache import MISSING, ResponseCache
from dashboard.geocoding.normalize import name_key
from dashboard.geocoding.resolver import Resolver

ENV_USER_AGENT = "DASHBOARD_NOMINATIM_USER_AGENT"
ENV_URL = "DASHBOARD_NOMINATIM_URL"  # a self-hosted Nominatim, e.g. http://localhost:8080
DEFAULT_DOMAIN = "nominatim.openstreetmap.org"
ASK_BELOW_CONFIDENCE = 0.75
ONLINE_CONFIDENCE = 0.8
_STOCK_AGENTS = ("geopy/", "python-requests/", "python-urllib/", "my_user_agent", "my-application", "specify_your_app")


class OnlineGeocoder:
    """The offline resolver, topped up by rate-limited, cached Nominatim look-ups."""

    def __init__(
        self,
        user_agent: str | None,
        *,
        resolver: Resolver | None = None,
        domain: str = DEFAULT_DOMAIN,
        scheme: str = "https",
        cache: ResponseCache | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = 1,
        error_wait_seconds: float = 2.0,
        timeout: float = 10.0,
        adapter_factory=None,
    ):
        agent = (user_agent or "").strip()
        if not agent or agent.lower().startswith(_STOCK_AGENTS):
            raise ConfigurationError(
                f"Nominatim needs a User-Agent that identifies this application, got {user_agent!r}: "
                f"set {ENV_USER_AGENT}, e.g. 'incident-dashboard/0.1 (analyst@example.org)' "
                "(https://operations.osmfoundation.org/policies/nominatim/)"
            )
        try:
            self.nominatim = Nominatim(
                user_agent=agent, domain=domain, scheme=scheme, timeout=timeout, adapter_factory=adapter_factory
            )
        except GeopyConfigurationError as err:
            raise ConfigurationError(f"cannot configure Nominatim at {scheme}://{domain}: {err}") from err
        self.domain = domain
        self._geocode = RateLimiter(
            self.nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )
        if cache is None:
            from dashboard.settings import cache_dir

            cache = ResponseCache(cache_dir() / "nominatim.sqlite")
        self.cache = cache
        self._resolver = resolver
        self.requests = 0  # sent to the service in this process (cache hits excluded)
        self.unreachable: str | None = None  # set on the first network failure; later names skip the network

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None, **kwargs) -> OnlineGeocoder:
        """Built from ``DASHBOARD_NOMINATIM_USER_AGENT`` (and optionally ``DASHBOARD_NOMINATIM_URL``)."""
        env = os.environ if env is None else env
        if env.get(ENV_URL):
            url = urlsplit(env[ENV_URL])
            if url.scheme not in ("http", "https") or not url.netloc:
                raise ConfigurationError(
                    f"{ENV_URL}={env[ENV_URL]!r} is not an http(s) URL (expected e.g. https://nominatim.example.org)"
                )
            kwargs.setdefault("scheme", url.scheme)
            kwargs.setdefault("domain", (url.netloc + url.path).rstrip("/"))
        return cls(env.get(ENV_USER_AGENT), **kwargs)

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            from dashboard.geocoding import get_resolver

            self._resolver = get_resolver()
        return self._resolver

    def resolve(self, name: str, context=()) -> Resolution:
        return self.resolve_all([name], context)[0]

    def resolve_all(self, names, context=()) -> list[Resolution]:
        """Offline first, then Nominatim for the names the offline resolver could not place well."""
        names = list(names) if not isinstance(names, str) else names
        offline = self.resolver.resolve_all(names, context)
        countries = parse_context(context, self.resolver.gazetteer.country_codes) or self.resolver.infer_context(names)
        return [self._top_up(resolution, countries) for resolution in offline]

    def _top_up(self, resolution: Resolution, countries: tuple[str, ...]) -> Resolution:
        sure = resolution.resolved and resolution.method != "fuzzy" and resolution.confidence >= ASK_BELOW_CONFIDENCE
        if sure or resolution.method == "override":
            return resolution
        try:
            answer = self.ask(resolution.query, countries)
        except GeocoderError as err:
            return replace(
                resolution, reason=_join(resolution.reason, f"online look-up failed, offline result kept ({err})")
            )
        if answer is None:
            return replace(resolution, reason=_join(resolution.reason, "Nominatim found nothing"))
        place = self._place(answer)
        if resolution.resolved and not _names_match(resolution.query, answer):
            # An offline near-spelling beats an online answer that is not even named like the query.
            return replace(
                resolution,
                alternatives=(*resolution.alternatives, place),
                reason=_join(resolution.reason, f"Nominatim suggests {place.name} ({place.country_code})"),
            )
        kept = (resolution.place,) if resolution.place else ()
        return Resolution(
            resolution.query,
            place,
            "online",
            ONLINE_CONFIDENCE,
            "Nominatim (OpenStreetMap data, ODbL)",
            (*kept, *resolution.alternatives),
        )

    def ask(self, query: str, countries: tuple[str, ...] = ()) -> dict | None:
        """Nominatim's raw answer for ``query`` (None: no result), from the cache when asked before."""
        key = " ".join(query.split()).casefold()
        codes = tuple(sorted(c.lower() for c in countries))
        cached = self.cache.get(key, codes)
        if cached is not MISSING:
            return cached
        if self.unreachable:
            raise GeocoderError(f"Nominatim at {self.domain} was unreachable earlier in this run: {self.unreachable}")
        self.requests += 1
        try:
            location = self._geocode(
                query,
                exactly_one=True,
                addressdetails=True,
                namedetails=True,
                language="en",
                country_codes=list(codes) or None,
            )
        except GeopyError as err:
            self.unreachable = f"{type(err).__name__}: {err}"
            raise GeocoderError(f"Nominatim at {self.domain} failed for {query!r}: {err}") from err
        answer = None if location is None else location.raw
        self.cache.put(key, codes, answer)
        return answer

    def _place(self, raw: dict) -> Place:
        try:
            latitude, longitude = float(raw["lat"]), float(raw["lon"])
        except (KeyError, TypeError, ValueError) as err:
            raise GeocoderError(f"Nominatim answer {raw!r} has no usable lat/lon") from err
        address = raw.get("address") or {}
        gazetteer = self.resolver.gazetteer
        near = gazetteer.place(gazetteer.nearest(latitude, longitude))  # for the time zone and admin1 code
        country = (address.get("country_code") or near.country_code).upper()
        name = raw.get("name") or (raw.get("display_name") or "").split(",")[0].strip()
        return Place(
            None,
            name,
            latitude,
            longitude,
            country,
            near.admin1 if country == near.country_code else "",
            0,
            near.timezone,
            "nominatim",
        )


def _names_match(query: str, raw: dict) -> bool:
    names = [raw.get("name") or "", *(raw.get("namedetails") or {}).values()]
    wanted = name_key(query)
    return any(name_key(str(n)) == wanted for n in names if n)


def _join(*notes: str | None) -> str:
    return "; ".join(n for n in notes if n)
