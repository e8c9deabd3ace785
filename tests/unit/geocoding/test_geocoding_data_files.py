"""Overrides win over automatic resolution; the supplement adds places; both files are validated."""

from __future__ import annotations

import csv

import pytest

from dashboard.errors import InputError
from dashboard.geocoding.overrides import SUPPLEMENT_FIELDS, load_supplement
from dashboard.geocoding.resolver import SUPPLEMENT_PATH
from tests.unit.geocoding.geocoding_helpers import km

HEADER = "name,context,geonameid,latitude,longitude,reason,who,when\n"
SUPPLEMENT_HEADER = ",".join(SUPPLEMENT_FIELDS) + "\n"


def test_override_by_geonameid_wins(make_resolver, geonames):
    # Analyst decides that "Sok" in an Armenian story is Sotk's neighbour Vardenis (a made-up decision).
    resolver = make_resolver(overrides=HEADER + "Sok,AM,616108,,,test decision,T. Tester,2022-09-13\n")
    resolution = resolver.resolve("Sok", context=("AM", "AZ"))
    assert resolution.method == "override" and resolution.confidence == 1.0
    assert resolution.place.geonameid == 616108
    assert resolution.place.source == "override"
    assert resolution.place.timezone == geonames[616108]["timezone"]
    assert "line 2: test decision (T. Tester, 2022-09-13)" in resolution.reason
    assert 616041 in {alt.geonameid for alt in resolution.alternatives}  # the automatic answer is kept


def test_override_applies_only_in_its_context(make_resolver):
    resolver = make_resolver(overrides=HEADER + "Sok,AM,616108,,,test,T,2022-09-13\n")
    assert resolver.resolve("Sok", context="TH").method != "override"
    assert resolver.resolve("Sok").method != "override"  # no context: an AM decision does not apply
    # In a document, the inferred context counts.
    assert resolver.resolve_all(["Sok", "Goris", "Jermuk"])[0].method == "override"


def test_override_without_context_applies_everywhere_and_matches_any_spelling(make_resolver):
    resolver = make_resolver(overrides=HEADER + "Gorys,,174895,,,test,T,2022-09-13\n")
    assert resolver.resolve("GORYS", context="UA").place.geonameid == 174895


def test_override_by_coordinates(make_resolver, geonames):
    # A point 2 km from Verin Shorzha's coordinates; country from the context, zone from GeoNames.
    resolver = make_resolver(overrides=HEADER + "Shorzha post,AM,,40.1,45.84,test,T,2022-09-13\n")
    place = resolver.resolve("Shorzha post", context="AM").place
    assert (place.latitude, place.longitude, place.country_code, place.geonameid) == (40.1, 45.84, "AM", None)
    assert place.timezone == "Asia/Yerevan"


def test_overrides_file_is_reread_when_it_changes(make_resolver, tmp_path):
    resolver = make_resolver(overrides=HEADER)
    assert resolver.resolve("Sok", context="AM").place.geonameid == 616041
    path = tmp_path / "overrides.csv"
    path.write_text(HEADER + "Sok,AM,616108,,,changed,T,2022-09-14\n", encoding="utf-8")
    import os

    os.utime(path, ns=(1, 1))  # a different mtime even on coarse clocks
    assert resolver.resolve("Sok", context="AM").method == "override"


@pytest.mark.parametrize(
    "row, message",
    [
        (",AM,616041,,,r,w,2022-09-13", "overrides.csv, line 2, field name: place name '' is empty"),
        ("Sok,XX,616041,,,r,w,2022-09-13", "overrides.csv, line 2, field context: unknown country code 'XX'"),
        ("Sok,AM,999999999,,,r,w,2022-09-13", "overrides.csv, line 2, field geonameid: 999999999 is not in the"),
        ("Sok,AM,abc,,,r,w,2022-09-13", "overrides.csv, line 2, field geonameid: 'abc' is not a whole number"),
        ("Sok,AM,,,,r,w,2022-09-13", "overrides.csv, line 2, field geonameid: is empty and so are latitude"),
        ("Sok,AM,,91,45,r,w,2022-09-13", "overrides.csv, line 2, field latitude: '91' is out of range"),
        ("Sok,AM,,40,east,r,w,2022-09-13", "overrides.csv, line 2, field longitude: 'east' is not a number"),
        ("Sok,AM,616041,40,45,r,w,2022-09-13", "overrides.csv, line 2, field latitude: give either geonameid"),
        ("Sok,AM,616041,,,,w,2022-09-13", "overrides.csv, line 2, field reason: is empty"),
        ("Sok,AM,616041,,,r,,2022-09-13", "overrides.csv, line 2, field who: is empty"),
        ("Sok,AM,616041,,,r,w,13/09/2022", "overrides.csv, line 2, field when: '13/09/2022' is not a date"),
        ("Sok,AM,616041,,,r,w,2022-09-13,extra", "overrides.csv, line 2, field (extra)"),
    ],
)
def test_bad_override_rows_are_located(make_resolver, row, message):
    with pytest.raises(InputError) as info:
        make_resolver(overrides=HEADER + row + "\n")
    assert str(info.value).startswith(message)


def test_duplicate_override_and_bad_header(make_resolver):
    with pytest.raises(InputError, match="line 3, field name: 'sok' with context 'AM' repeats line 2"):
        make_resolver(overrides=HEADER + "Sok,AM,616041,,,r,w,2022-09-13\nsok,AM,616108,,,r,w,2022-09-13\n")
    with pytest.raises(InputError, match=r"overrides.csv, line 1: header .* lacks \['reason', 'who', 'when'\]"):
        make_resolver(overrides="name,context,geonameid,latitude,longitude\n")


def test_supplement_adds_a_place(make_resolver):
    text = SUPPLEMENT_HEADER + (
        "Testavan,Testaván|Теставан,40.5,45.5,AM,04,120,Asia/Yerevan,https://example.org/testavan,made up\n"
    )
    resolver = make_resolver(supplement=text)
    for spelling in ("Testavan", "Теставан", "Testawan"):
        resolution = resolver.resolve(spelling, context="AM")
        assert resolution.place.source == "supplement" and resolution.method == "supplement"
        assert (resolution.place.latitude, resolution.place.longitude) == (40.5, 45.5)
        assert resolution.place.geonameid is None and resolution.place.timezone == "Asia/Yerevan"


@pytest.mark.parametrize(
    "row, message",
    [
        ("X,,40,45,AM,,,Asia/Yerevan,,", "supplement.csv, line 2, field source: is empty"),
        ("X,,40,45,AM,,,Asia/Yerevan,my notes,", "supplement.csv, line 2, field source: 'my notes' is not a URL"),
        ("X,,40,45,QQ,,,Asia/Yerevan,https://e.org,", "supplement.csv, line 2, field country_code: 'QQ'"),
        ("X,,40,45,AM,,,Mars/Base,https://e.org,", "supplement.csv, line 2, field timezone: 'Mars/Base'"),
        ("X,,40,245,AM,,,Asia/Yerevan,https://e.org,", "supplement.csv, line 2, field longitude: '245' is out"),
        ("X,,40,45,AM,,many,Asia/Yerevan,https://e.org,", "supplement.csv, line 2, field population: 'many'"),
        ("X,ok|\x07bad,40,45,AM,,,Asia/Yerevan,https://e.org,", "supplement.csv, line 2, field alternatenames"),
    ],
)
def test_bad_supplement_rows_are_located(make_resolver, row, message):
    with pytest.raises(InputError) as info:
        make_resolver(supplement=SUPPLEMENT_HEADER + row + "\n")
    assert str(info.value).startswith(message)


def test_shipped_supplement_is_valid_and_sourced(gazetteer):
    rows = load_supplement(SUPPLEMENT_PATH, gazetteer.country_codes)
    assert rows, "the supplement ships with sourced rows"
    for row in rows:
        assert row.source.startswith("https://") or row.source.startswith("http://")
        # Each supplement place is missing from GeoNames cities500 under its own name.
        assert not [m for m in gazetteer.lookup(row.name.lower()) if gazetteer.country_of(m.row) == row.country_code]


def test_shipped_supplement_places_resolve(resolver):
    with open(SUPPLEMENT_PATH, newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            place = resolver.resolve(record["name"], context=record["country_code"]).place
            assert km(place.latitude, place.longitude, float(record["latitude"]), float(record["longitude"])) < 0.01
