"""The geocoder's vocabulary: a name and a country context in, a Place or a reasoned Resolution out.

``Place`` and ``Resolution`` are what every backend returns; ``check_name`` and ``parse_context``
turn what a caller passed into something the resolver can use, or raise ``InputError`` saying what
was wrong and what is accepted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from dashboard.errors import InputError

METHODS = ("exact", "alternate", "fuzzy", "override", "supplement", "online", "partial")
SOURCES = ("geonames", "supplement", "override", "nominatim", "features", "extract")
# What a GeoNames feature class/code stands for on a map: a country and a continent are context,
# never a point incident; a first-level division is geo_precision 3.
KINDS = ("country", "region", "populated place", "feature", "continent")
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class Place:
    """A resolved place. ``admin1`` is the GeoNames admin1 code (e.g. "08" for Syunik).

    ``feature_class``/``feature_code`` are GeoNames' (P/PPL a populated place, A/PCLI a country,
    A/ADM1 a first-level division, H/STM a river, T/MT a mountain...); ``kind`` sums them up.
    """

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str
    population: int
    timezone: str
    source: str
    feature_class: str = "P"
    feature_code: str = "PPL"

    @property
    def kind(self) -> str:
        """One of ``KINDS``: country, region (first-level division), populated place, feature, continent."""
        if self.feature_class == "A":
            return "country" if self.feature_code.startswith("PCL") else "region"
        if self.feature_class == "P":
            return "populated place"
        return "continent" if self.feature_code == "CONT" else "feature"


@dataclass(frozen=True)
class Resolution:
    """The answer for one name: the best place (or None and a reason) and the runners-up."""

    query: str
    place: Place | None
    method: str | None
    confidence: float
    reason: str | None = None
    alternatives: tuple[Place, ...] = field(default=())

    @property
    def resolved(self) -> bool:
        return self.place is not None

    def as_dict(self) -> dict:
        """A flat JSON-ready record: the CLI prints one per line."""
        place = self.place
        return {
            "query": self.query,
            "name": place.name if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "country_code": place.country_code if place else None,
            "admin1": place.admin1 if place else None,
            "geonameid": place.geonameid if place else None,
            "timezone": place.timezone if place else None,
            "source": place.source if place else None,
            "kind": place.kind if place else None,
            "feature_class": place.feature_class if place else None,
            "feature_code": place.feature_code if place else None,
            "method": self.method,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "alternatives": [
                {
                    "name": alt.name,
                    "country_code": alt.country_code,
                    "kind": alt.kind,
                    "geonameid": alt.geonameid,
                    "latitude": alt.latitude,
                    "longitude": alt.longitude,
                }
                for alt in self.alternatives
            ],
        }


def check_name(name: object, *, label: str = "place name") -> str:
    """Return ``name`` stripped, or raise InputError if it is not a usable place name."""
    if not isinstance(name, str):
        raise InputError(f"{label} {name!r} is a {type(name).__name__}, expected a string")
    stripped = name.strip()
    if not stripped:
        raise InputError(f"{label} {name!r} is empty (expected a name such as 'Goris')")
    if len(stripped) > MAX_NAME_LENGTH:
        raise InputError(
            f"{label} {stripped[:40]!r}… is {len(stripped)} characters long (at most {MAX_NAME_LENGTH} are accepted)"
        )
    for char in stripped:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") and char not in "\u200c\u200d":
            raise InputError(
                f"{label} {stripped!r} contains the control character U+{ord(char):04X} (expected printable text)"
            )
    return stripped


def parse_context(context: object, known_codes: Iterable[str]) -> tuple[str, ...]:
    """Country codes from "AM,AZ", ("am", "AZ") or None, upper-cased and checked against ``known_codes``."""
    if context is None:
        return ()
    if isinstance(context, str):
        items = [part for part in context.replace(";", ",").replace(" ", ",").split(",") if part]
    elif isinstance(context, Iterable):
        items = list(context)
    else:
        raise InputError(
            f"country context {context!r} is a {type(context).__name__}, "
            "expected ISO 3166-1 alpha-2 codes such as 'AM,AZ' or ('AM', 'AZ')"
        )
    known = known_codes if isinstance(known_codes, (set, frozenset)) else set(known_codes)
    codes: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise InputError(
                f"country code {item!r} is a {type(item).__name__}, expected a two-letter string such as 'AM'"
            )
        code = item.strip().upper()
        if code not in known:
            raise InputError(
                f"unknown country code {item!r} in the context "
                "(expected ISO 3166-1 alpha-2 codes known to GeoNames, such as AM, AZ, GE, UA)"
            )
        if code not in codes:
            codes.append(code)
    return tuple(codes)
