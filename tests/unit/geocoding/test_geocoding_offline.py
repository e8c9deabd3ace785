"""OfflineGeocoder: the resolver behind geopy's Geocoder interface, returning geopy Locations."""

from __future__ import annotations

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from dashboard.errors import InputError
from dashboard.geocoding import OfflineGeocoder
from tests.unit.geocoding.geocoding_helpers import assert_near


@pytest.fixture(scope="module")
def geocoder(resolver):
    return OfflineGeocoder(resolver, context=("AM", "AZ"))


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)


def test_geocode_returns_a_location_with_raw_details(geocoder, geonames):
    location = geocoder.geocode("Sok")
    assert isinstance(location, Location)
    assert_near(location, geonames[616041])
    raw = location.raw
    assert (
        raw["geonameid"] == 616041 and raw["country_code"] == "AM" and raw["admin1"] == geonames[616041]["admin1code"]
    )
    assert raw["method"] == "fuzzy" and 0 < raw["confidence"] < 1 and raw["timezone"] == "Asia/Yerevan"
    address, (lat, lon) = location  # geopy's Location unpacks as (address, (lat, lon))
    assert address.startswith("Sotk") and (lat, lon) == (location.latitude, location.longitude)


def test_country_codes_per_call_override_the_default_context(geocoder, geonames):
    assert geocoder.geocode("Martuni", country_codes=["az"]).raw["geonameid"] == 146969
    assert geocoder.geocode("Martuni", country_codes="AM").raw["geonameid"] == 616438


def test_exactly_one_false_lists_the_runners_up(geocoder):
    locations = geocoder.geocode("Vardenis", exactly_one=False)
    assert [loc.raw["geonameid"] for loc in locations[:2]] == [616108, 616107]
    assert locations[1].raw["method"] == "alternative"


def test_unresolved_is_none_and_bad_input_raises(geocoder):
    assert geocoder.geocode("Xqzwv") is None
    with pytest.raises(InputError, match="is empty"):
        geocoder.geocode("  ")
    with pytest.raises(InputError, match="unknown country code"):
        geocoder.geocode("Goris", country_codes=["Armenia"])


def test_works_behind_geopys_rate_limiter(geocoder, geonames):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    assert_near(geocode("Jermuk"), geonames[174884])
