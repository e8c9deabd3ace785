"""The data model's place fields: what a resolved place writes into a row, one way for ingest, corrections and CSVs."""

from __future__ import annotations

import pytest

from dashboard.errors import InputError
from dashboard.models import COLUMNS, PLACE_COLUMNS, place_fields


def test_a_resolved_place_fills_its_columns_as_text(resolver):
    fields = place_fields(resolver.resolve("Sotk", context=("AM",)))
    assert list(fields) == [*PLACE_COLUMNS, "geo_method", "local_tz"] and set(fields) <= set(COLUMNS)
    assert fields["place"] == "Sotk" and fields["geonameid"] == "616041"  # GeoNames' id for Sotk, Armenia
    assert fields["country_code"] == "AM" and fields["local_tz"] == "Asia/Yerevan"
    lat, lon = fields["latitude"], fields["longitude"]
    assert len(lat.split(".")[1]) == len(lon.split(".")[1]) == 5  # five decimals: about a metre
    assert float(lat) == pytest.approx(40.2, abs=0.05) and float(lon) == pytest.approx(45.87, abs=0.05)


def test_an_unresolved_name_is_an_input_error(resolver):
    with pytest.raises(InputError, match="'Qwzxvbn Plkjh' is not a known place"):
        place_fields(resolver.resolve("Qwzxvbn Plkjh"))
