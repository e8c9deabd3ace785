"""The resolver on real GeoNames data: seed names, misspellings, exonyms, homonyms, context, coherence."""

from __future__ import annotations

import csv

import pytest

from dashboard.errors import InputError
from dashboard.geocoding import Resolution, get_resolver
from dashboard.geocoding.resolver import OVERRIDES_PATH
from tests.unit.geocoding.geocoding_helpers import assert_near, km

# GeoNames ids of the seed article's places (districts coded to their main towns).
SEED = {
    "Goris": 174895,
    "Sok": 616041,
    "Jermuk": 174884,
    "Dashkesan": 586765,
    "Kelbajar": 586268,
    "Lachin": 147625,
    "Yerevan": 616052,
}


def test_shipped_overrides_file_is_empty():
    with open(OVERRIDES_PATH, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["name", "context", "geonameid", "latitude", "longitude", "reason", "who", "when"]]


def test_sok_resolves_to_sotk_with_the_overrides_file_empty(geonames):
    resolver = get_resolver()  # the process-wide resolver over the shipped (empty) overrides file
    assert resolver.overrides == []
    resolution = resolver.resolve("Sok", context=("AM", "AZ"))
    assert resolution.place.geonameid == 616041
    assert resolution.method == "fuzzy"
    assert_near(resolution.place, geonames[616041], limit_km=0.1)
    # Naive look-ups send it to Japan or Turkey; those stay available as alternatives.
    assert {"JP", "TR"} <= {alt.country_code for alt in resolution.alternatives}


@pytest.mark.parametrize("context", [("AM", "AZ"), ()])
def test_seed_names_resolved_together(resolver, geonames, context):
    resolutions = resolver.resolve_all(list(SEED), context=context)
    for resolution, (name, geonameid) in zip(resolutions, SEED.items()):
        assert resolution.query == name
        assert_near(resolution.place, geonames[geonameid])


def test_context_is_inferred_from_the_document(resolver):
    assert set(resolver.infer_context(list(SEED))) == {"AM", "AZ"}
    assert resolver.infer_context(["Goris"]) == ()  # one name explains nothing


@pytest.mark.parametrize(
    "query, context, geonameid",
    [
        ("Jermouk", "AM", 174884),  # French-style misspelling
        ("Kelbacar", "AZ", 586268),  # Azerbaijani c without its diacritics
        ("Khankendy", "AZ", 146970),
        ("Tekh", "AM", 174743),  # Tegh
        ("Vardenys", "AM", 616108),
        ("Akhalkalak", "GE", 615893),
    ],
)
def test_misspellings(resolver, geonames, query, context, geonameid):
    resolution = resolver.resolve(query, context=context)
    assert_near(resolution.place, geonames[geonameid])
    assert resolution.method in ("fuzzy", "alternate")


@pytest.mark.parametrize(
    "query, context, geonameid",
    [
        ("Кельбаджар", "AZ", 586268),  # Russian
        ("Kəlbəcər", "AZ", 586268),  # Azerbaijani
        ("Քարվաճառ", "AZ", 586268),  # Armenian
        ("Karvachar", "AM,AZ", 586268),
        ("Stepanakert", "AM,AZ", 146970),
        ("Shushi", "AM,AZ", 147105),
        ("Berdzor", "AM,AZ", 147625),
        ("Geryusy", "AM", 174895),
        ("Leninakan", "AM", 616635),
        ("Kirovabad", "AZ", 586523),
        ("Tiflis", "GE", 611717),
        ("Kharkov", "UA", 706483),
        ("Artemovsk", "UA", 713174),
        ("Dnepropetrovsk", "UA", 709930),
    ],
)
def test_exonyms_and_other_languages(resolver, geonames, query, context, geonameid):
    assert_near(resolver.resolve(query, context=context).place, geonames[geonameid])


@pytest.mark.parametrize(
    "query, context, geonameid, not_geonameid",
    [
        ("Vardenis", "AM", 616108, 616107),  # the town of 12,651, not the village of 527
        ("Kapan", "AM", 174875, 1641437),  # Armenia, not Indonesia
        ("Kapan", "", 174875, 1641437),
        ("Martuni", "AM", 616438, 146969),  # the Armenian town ...
        ("Martuni", "AZ", 146969, 616438),  # ... and the Karabakh one (Khojavend)
        ("Pokrovsk", "UA", 704422, 563464),  # not Engels (RU), once named Pokrovsk
        ("Dzerzhinsk", "UA", 709354, 563708),  # Toretsk, not Dzerzhinsk (RU)
        ("Goris", "", 174895, 614455),  # its own main name, not Gori's alternate
        ("Jermuk", "", 174884, 318766),  # not Çermik (TR)
    ],
)
def test_homonyms(resolver, geonames, query, context, geonameid, not_geonameid):
    resolution = resolver.resolve(query, context=context)
    assert resolution.place.geonameid == geonameid
    assert not_geonameid in {alt.geonameid for alt in resolution.alternatives}


def test_close_homonyms_lower_the_confidence(resolver):
    vardenis = resolver.resolve("Vardenis", context="AM")
    yerevan = resolver.resolve("Yerevan", context="AM")
    assert vardenis.confidence < yerevan.confidence
    assert "close call" in vardenis.reason


def test_coherence_picks_the_homonym_near_the_other_names(resolver, geonames):
    karabakh = resolver.resolve_all(["Martuni", "Shusha", "Khojaly", "Askeran"], context=("AM", "AZ"))
    sevan = resolver.resolve_all(["Martuni", "Vardenis", "Gavar", "Sevan"], context=("AM", "AZ"))
    assert karabakh[0].place.geonameid == 146969
    assert sevan[0].place.geonameid == 616438


def test_qualifiers_give_country_and_region(resolver, geonames):
    assert resolver.resolve("Kapan, Armenia").place.geonameid == 174875
    lyman = resolver.resolve("Lyman, Donetsk")
    assert_near(lyman.place, geonames[704204])
    assert resolver.resolve("Dashkesan district", context="AZ").place.geonameid == 586765


def test_context_strongly_favours_places_inside_it(resolver):
    outside = resolver.resolve("Sok").place
    inside = resolver.resolve("Sok", context="AM").place
    assert outside.country_code != "AM"
    assert inside.geonameid == 616041


def test_out_of_context_exact_match_is_kept_with_lower_confidence(resolver):
    tbilisi = resolver.resolve("Tbilisi", context=("AM", "AZ"))
    assert tbilisi.place.geonameid == 611717  # a neighbour's capital: plausible in the story
    assert "outside the context" in tbilisi.reason
    assert tbilisi.confidence < resolver.resolve("Tbilisi", context="GE").confidence


@pytest.mark.parametrize(
    "query, context, fragment",
    [
        ("Xqzwv", "AM", "no place in GeoNames"),
        ("Qwrtzpx", "", "no place in GeoNames"),
        ("Kota", "AM,AZ", "descriptive word"),  # Indonesian for "city"
        ("Tondano", "AM", "outside the context"),  # an Indonesian town, far from an Armenian story
        ("Selasa", "AM,AZ", "common word"),  # Indonesian "Tuesday", one edit from places in context
        ("--", "", "no letters"),
    ],
)
def test_unresolved_with_a_reason(resolver, query, context, fragment):
    resolution = resolver.resolve(query, context=context)
    assert isinstance(resolution, Resolution)
    assert not resolution.resolved
    assert resolution.place is None and resolution.method is None and resolution.confidence == 0.0
    assert fragment in resolution.reason


def test_one_unresolvable_name_does_not_empty_the_document(resolver):
    results = resolver.resolve_all(["Goris", "Xqzwv", "Jermuk"])
    assert [r.resolved for r in results] == [True, False, True]


def test_confidence_and_alternatives_are_well_formed(resolver):
    for resolution in resolver.resolve_all(list(SEED), context=("AM", "AZ")):
        assert 0.0 < resolution.confidence <= 1.0
        assert resolution.place not in resolution.alternatives
        assert resolution.method in ("exact", "alternate", "fuzzy")
    assert resolver.resolve("Yerevan").method == "exact"
    assert resolver.resolve("Erevan", context="AM").method == "alternate"


def test_resolution_fields(resolver, geonames):
    place = resolver.resolve("Goris", context="AM").place
    record = geonames[174895]
    assert (place.name, place.country_code, place.admin1, place.timezone, place.population, place.source) == (
        record["name"],
        record["countrycode"],
        record["admin1code"],
        record["timezone"],
        record["population"],
        "geonames",
    )
    assert km(place.latitude, place.longitude, record["latitude"], record["longitude"]) < 0.01


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("x" * 201, "at most 200"),
        ("Go\x00ris", r"control character U\+0000"),
        ("Goris\nJermuk", r"control character U\+000A"),
        (None, "expected a string"),
        (42, "expected a string"),
    ],
)
def test_bad_names_raise_input_error(resolver, name, fragment):
    with pytest.raises(InputError, match=fragment):
        resolver.resolve(name)


@pytest.mark.parametrize(
    "context, fragment",
    [
        ("XX", "unknown country code 'XX'"),
        (("AM", "ZZZ"), "unknown country code 'ZZZ'"),
        (("AM", 7), "is a int"),
        (42, "expected ISO 3166-1"),
    ],
)
def test_bad_context_raises_input_error(resolver, context, fragment):
    with pytest.raises(InputError, match=fragment):
        resolver.resolve("Goris", context=context)


def test_bad_name_in_a_batch_names_its_position(resolver):
    with pytest.raises(InputError, match=r"names\[1\]"):
        resolver.resolve_all(["Goris", ""])
    with pytest.raises(InputError, match="expected a list"):
        resolver.resolve_all("Goris")


def test_context_is_case_insensitive_and_accepts_strings(resolver):
    a = resolver.resolve("Sok", context="am, az").place
    b = resolver.resolve("Sok", context=["AM", "AZ"]).place
    assert a == b and a.geonameid == 616041


@pytest.mark.parametrize(
    "query, context, wrong",
    [
        ("Nerkin Hand", "AM", "Verin Karmiraghbyur"),  # a border village missing from cities500
        ("Vorotan", "AM", "Vostan"),  # likewise; two edits from another village
        ("Sergei", "AZ", "Saray"),  # a first name, one skeleton edit but four letters from a town
    ],
)
def test_near_names_that_are_other_places_are_not_guessed(resolver, query, context, wrong):
    resolution = resolver.resolve(query, context=context)
    assert not resolution.resolved, f"{query} guessed as {resolution.place.name}"
    assert wrong not in {alt.name for alt in resolution.alternatives if alt.country_code == context}


@pytest.mark.parametrize(
    "query, context, geonameid",
    [
        ("г. Горис", "AM", 174895),  # Russian abbreviation for "town"
        ("с. Сотк", "AM", 616041),  # ... and "village"
        ("Gubadli", "AZ", 147305),  # English g for Azerbaijani q (Qubadlı)
        ("Gusar", "AZ", 585220),  # Qusar
    ],
)
def test_abbreviations_descriptors_and_azerbaijani_q(resolver, geonames, query, context, geonameid):
    assert_near(resolver.resolve(query, context=context).place, geonames[geonameid])


@pytest.mark.parametrize(
    "query, code",
    [("Armenia", "AM"), ("Armena", "AM"), ("Azerbaijani", "AZ"), ("Russian", "RU"), ("UK", "GB"), ("U.S.", "US")],
)
def test_countries_short_forms_and_demonyms_resolve_to_the_country(resolver, query, code, geonames_countries):
    place = resolver.resolve(query).place
    assert (place.kind, place.feature_code, place.country_code) == ("country", "PCLI", code)
    assert place.geonameid == geonames_countries[code]["geonameid"]


def test_divisions_and_features_carry_their_kind(resolver):
    syunik = resolver.resolve("Syunik", context="AM").place
    assert (syunik.kind, syunik.feature_code, syunik.country_code, syunik.admin1) == ("region", "ADM1", "AM", "08")
    oblast = resolver.resolve("Donetsk Oblast").place
    assert (oblast.kind, oblast.country_code) == ("region", "UA")
    assert resolver.resolve("Donetsk").place.kind == "populated place"  # a city of 900,000 beats its oblast
    corridor = resolver.resolve("Lachin corridor", context="AZ").place
    assert (corridor.kind, corridor.feature_code) == ("feature", "PASS")
    sevan = resolver.resolve("Lake Sevan").place
    assert (sevan.kind, sevan.feature_class, sevan.country_code) == ("feature", "H", "AM")


def test_context_follows_the_text_not_english_namesakes(resolver):
    paris, london = resolver.resolve_all(["Paris", "London"])
    assert (paris.place.country_code, london.place.country_code) == ("FR", "GB")
    texas = resolver.resolve_all(["Paris, Texas", "Dallas", "Paris"])
    assert [r.place.country_code for r in texas] == ["US", "US", "US"]
    assert texas[2].place.admin1 == "TX"
    assert all(r.reason for r in texas)  # every answer says why


def test_a_division_named_in_the_document_resolves_its_towns(resolver):
    first, later = resolver.resolve_all(["Gainesville, Florida", "Gainesville"])
    assert (first.place.admin1, later.place.admin1) == ("FL", "FL")
    georgia = resolver.resolve_all(["Gainesville, Georgia", "Gainesville"])
    assert (georgia[0].place.admin1, georgia[1].place.admin1) == ("GA", "GA")
